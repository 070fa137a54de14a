//! What `dist` does to wasm-bindgen's output beyond `wasm-opt`, each step measured:
//!
//! - **Imports nobody uses.** After `wasm-opt`, the JS glue's import functions the wasm no
//!   longer imports are removed.
//! - **JS minified** by esbuild, with the glue's exports (which no page imports: the entry in
//!   the same module calls them) turned into plain declarations so unused ones shake out.

use crate::Result;

/// A wasm module's sections: (id, payload) in order, after the 8-byte header.
fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut at = 8;
    let mut out = Vec::new();
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let len = leb(wasm, &mut at)? as usize;
        let payload = wasm
            .get(at..at + len)
            .ok_or("a wasm section runs past the end of the file")?;
        out.push((id, payload));
        at += len;
    }
    Ok(out)
}

fn leb(bytes: &[u8], at: &mut usize) -> Result<u64> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*at).ok_or("a LEB128 number runs past the end")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
        shift += 7;
        if shift > 63 {
            return Err("a LEB128 number is too long".into());
        }
    }
}

fn name<'a>(payload: &'a [u8], at: &mut usize) -> Result<&'a str> {
    let len = leb(payload, at)? as usize;
    let bytes = payload
        .get(*at..*at + len)
        .ok_or("a wasm name runs past the end")?;
    *at += len;
    std::str::from_utf8(bytes).map_err(|_| "a wasm name is not UTF-8".into())
}

/// The field names of everything `wasm` imports (functions, memory, tables, globals).
pub fn import_names(wasm: &[u8]) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for (id, payload) in sections(wasm)? {
        if id != 2 {
            continue;
        }
        let mut at = 0;
        for _ in 0..leb(payload, &mut at)? {
            name(payload, &mut at)?; // module
            let field = name(payload, &mut at)?.to_owned();
            let kind = *payload.get(at).ok_or("an import runs past the end")?;
            at += 1;
            match kind {
                0 => {
                    leb(payload, &mut at)?; // type index
                }
                1 => {
                    at += 1; // element type
                    limits(payload, &mut at)?;
                }
                2 => limits(payload, &mut at)?,
                3 => at += 2, // value type, mutability
                _ => return Err(format!("unknown wasm import kind {kind}")),
            }
            names.push(field);
        }
    }
    Ok(names)
}

fn limits(payload: &[u8], at: &mut usize) -> Result {
    let flags = *payload.get(*at).ok_or("limits run past the end")?;
    *at += 1;
    leb(payload, at)?;
    if flags & 1 == 1 {
        leb(payload, at)?;
    }
    Ok(())
}

/// The glue without the import functions the wasm no longer imports. wasm-bindgen writes each
/// as `        name: function(...) {` … and closes it on a line at the same eight-space
/// indentation starting with `}` (`        },` or `        }, arguments); },`). Fails if an
/// import the wasm needs is not in the result, so a change of layout cannot go unnoticed.
pub fn prune_imports(glue: &str, imported: &[String]) -> Result<(String, usize)> {
    let mut out = String::with_capacity(glue.len());
    let mut skipping = false;
    let mut pruned = 0;
    for line in glue.split_inclusive('\n') {
        let at_entry_level = line
            .strip_prefix("        ")
            .filter(|l| !l.starts_with(' '));
        if skipping {
            if at_entry_level.is_some_and(|l| l.starts_with('}')) {
                skipping = false;
            }
            continue;
        }
        let entry = at_entry_level
            .and_then(|l| l.split_once(": function("))
            .map(|(name, _)| name);
        if let Some(name) = entry {
            if !imported.iter().any(|i| i == name) {
                pruned += 1;
                // A one-line function ends where it starts.
                skipping = !line.trim_end().ends_with("},");
                continue;
            }
        }
        out.push_str(line);
    }
    let missing: Vec<&String> = imported
        .iter()
        .filter(|i| i.starts_with("__wbg") && !out.contains(&format!("        {i}: function(")))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the glue lost imports the wasm needs: {missing:?}; update xtask/src/shrink.rs"
        ));
    }
    Ok((out, pruned))
}

/// The glue's `export`s as plain declarations: the entry, in the same module, is the only
/// caller, and a bundler may drop what it does not call.
pub fn unexport(glue: &str) -> String {
    glue.lines()
        .filter(|l| !l.starts_with("export {"))
        .map(|l| {
            let l = l
                .strip_prefix("export class ")
                .map(|r| format!("class {r}"))
                .or_else(|| {
                    l.strip_prefix("export function ")
                        .map(|r| format!("function {r}"))
                })
                .unwrap_or_else(|| l.to_owned());
            // Unused classes' registries are dropped with them.
            l.replace(
                ": new FinalizationRegistry(",
                ": /* @__PURE__ */ new FinalizationRegistry(",
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unused_import_function_is_removed_and_a_used_one_kept() {
        let glue = "    const import0 = {\n        __proto__: null,\n        __wbg_gone_0: function() { return handleError(function (arg0) {\n            y(arg0);\n        }, arguments); },\n        __wbg_used_1: function(arg0) {\n            return arg0;\n        },\n        __wbg_gone_2: function(arg0) {\n            if (arg0) { x(); }\n        },\n        __wbg_short_3: function() { return 1; },\n    };\n";
        let (out, pruned) =
            prune_imports(glue, &["__wbg_used_1".to_owned()]).expect("nothing needed is lost");
        assert_eq!(pruned, 3);
        assert!(
            out.contains("__wbg_used_1: function(arg0) {\n            return arg0;\n        },")
        );
        assert!(!out.contains("gone") && !out.contains("short") && !out.contains("x();"));
        assert!(!out.contains("y(arg0)") && !out.contains("arguments"));
        assert!(out.ends_with("    };\n"));
        let lost = prune_imports(glue, &["__wbg_elsewhere_9".to_owned()]);
        assert!(
            lost.is_err(),
            "an import missing from the glue fails the build"
        );
    }

    #[test]
    fn exports_become_declarations() {
        let glue = "export class A {\n}\nexport function f() {}\nexport { initSync, __wbg_init as default };\nconst R = (typeof FinalizationRegistry === 'undefined')\n    ? 1\n    : new FinalizationRegistry(ptr => 0);";
        let out = unexport(glue);
        assert_eq!(
            out,
            "class A {\n}\nfunction f() {}\nconst R = (typeof FinalizationRegistry === 'undefined')\n    ? 1\n    : /* @__PURE__ */ new FinalizationRegistry(ptr => 0);"
        );
    }

    #[test]
    fn every_import_name_is_read_from_the_module() {
        // (module (import "m" "f" (func)) (import "m" "mem" (memory 1)) (func))
        let wasm: Vec<u8> = [
            &b"\0asm\x01\0\0\0"[..],
            &[1, 4, 1, 0x60, 0, 0], // type: () -> ()
            &[
                2, 16, 2, 1, b'm', 1, b'f', 0, 0, 1, b'm', 3, b'm', b'e', b'm', 2, 0, 1,
            ], // imports
            &[3, 2, 1, 0],          // one function
            &[10, 4, 1, 2, 0, 0x0b], // its body
        ]
        .concat();
        assert_eq!(import_names(&wasm).expect("valid"), ["f", "mem"]);
        assert!(import_names(b"not wasm").is_err());
    }
}
