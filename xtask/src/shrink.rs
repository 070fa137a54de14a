//! What `dist` does to wasm-bindgen's output beyond `wasm-opt`, each step measured:
//!
//! - **Imports nobody uses.** After `wasm-opt`, the JS glue's import functions the wasm no
//!   longer imports are removed.
//! - **No describer of JS values.** wasm-bindgen's `debugString` (1.1 KB of JS) writes a
//!   `JsValue`'s `Debug` text, which cartlift's wasm only ever produces inside a panic's
//!   message, and a panic aborts without showing one (`panic = "abort"`, no hook). The import
//!   writes an empty string instead: −215 B brotli measured.
//! - **No `encodeInto` stand-in.** The glue defines `TextEncoder.encodeInto` where it is
//!   missing; every browser that runs cartlift's wasm (reference types: Chrome 96, Firefox 79,
//!   Safari 15) has had it since before (Chrome 74, Firefox 66, Safari 14.1).
//! - **No panic machinery.** Before wasm-bindgen, the bodies of Rust's `core::panicking` and
//!   `std::panicking` functions become `unreachable` (with walrus, the library wasm-bindgen
//!   itself is built on), so `wasm-opt` drops what only they reach: the panic hook, the
//!   formatting of panic payloads and messages. A panic traps exactly as before (`panic =
//!   "abort"`: it never showed a message), at the first panicking call instead of after the
//!   hook. −1.7 KB brotli measured on the widget's wasm.
//! - **No formatting.** In the widget's wasm (not the checker's, whose sentences are
//!   formatted), the standard library's `core::fmt` goes the same way: `fmt::write`, the
//!   `Formatter`'s padding, every `Display`, `Debug` and `fmt::Write` implementation. The
//!   widget writes text with `core/src/integer.rs` and `push_str`; what still referred to
//!   these functions was a panic's message (each argument's `Display` or `Debug` is in the
//!   function table, which `wasm-opt` cannot prune), which is never formatted once panics trap.
//!   Sound only while no other code calls them: the build checks every call (and fails naming
//!   the caller), and counts `format!` and `to_string` as formatting. −1.9 KB brotli measured
//!   on the bar page, with and without a platform.
//! - **No source file names.** What is left of a panic's location (the `Location` each
//!   panicking call passes: its file's path on the build machine, `/rustc/<hash>/library/…`,
//!   `$CARGO_HOME/registry/src/…`, `core/src/…`) is never read once panics trap without a
//!   message; the paths' bytes in the data segments become zeros (same length, so no address
//!   moves), which brotli all but drops: −721 B brotli measured on the full flavour (78 paths,
//!   4.0 KB before compression). So do the standard library's panic messages ("called
//!   `Option::unwrap()` on a `None` value", …: [`PANIC_MESSAGES`]), which only a panic reads:
//!   −164 B. wasm-bindgen's own messages stay: those it throws reach the page as a JS error's.
//! - **Short names across the boundary.** wasm-bindgen names each import after its function
//!   and a 16-digit hash (`__wbg_setAttribute_2d8c…`) under the module `./cartlift_bg.js`, and
//!   its own exports `__wbindgen_malloc`, `wasm_bindgen__convert__closures_____invoke__h…`:
//!   written twice (the wasm's import section and the glue's import object), and the hashes do
//!   not compress. Each becomes `$` and a short counter, in the wasm (with walrus) and in the
//!   glue alike; the exports a page's code calls (`configure`, `state`, …) keep their names.
//! - **JS minified** by esbuild, with the glue's exports (which no page imports: the entry in
//!   the same module calls them) turned into plain declarations so unused ones shake out, then
//!   compressed once more by terser (`dist::terser`).

use crate::Result;

/// Whether a function, by the name rustc gives it, is Rust's panic machinery: in
/// `core::panicking` or `std::panicking`, whichever way the name is written (legacy or v0
/// mangling, or demangled).
fn is_panicking(name: &str) -> bool {
    [
        "4core9panicking",
        "3std9panicking",
        "core::panicking::",
        "std::panicking::",
    ]
    .iter()
    .any(|p| name.contains(p))
        || ["core[", "std["]
            .iter()
            .any(|c| name.contains(c) && name.contains("]::panicking::"))
}

/// Whether a function, by the name rustc gives it, is the standard library's formatting: in
/// `core::fmt` (`write`, the `Formatter`'s padding, each integer's `Display`), or an
/// implementation of one of its traits (`Display`, `Debug`, `Write`) for any type, whichever
/// way the name is written.
fn is_formatting(name: &str) -> bool {
    [
        "4core3fmt",
        "core..fmt..",
        "core::fmt::",
        // v0 mangling names a trait of `core::fmt` by a back-reference to `core`.
        "3fmt7Display",
        "3fmt5Debug",
        "3fmt5Write",
        // What formats through them without naming them: `format!`, and `to_string` through a
        // `dyn Display` (which a check of calls alone would not see).
        "5alloc3fmt",
        "alloc..fmt..",
        "alloc::fmt::",
        "ToString",
    ]
    .iter()
    .any(|p| name.contains(p))
        || (name.contains("core[") && name.contains("]::fmt::"))
}

/// The functions a body refers to (calls, tail calls, `ref.func`).
#[derive(Default)]
struct Refers(Vec<walrus::FunctionId>);

impl<'instr> walrus::ir::Visitor<'instr> for Refers {
    fn visit_function_id(&mut self, function: &walrus::FunctionId) {
        self.0.push(*function);
    }
}

/// Each function of `module` outside `snipped` that calls one of `into`, by name, with the
/// first one it calls: where code that runs would reach what is snipped.
fn callers_into(
    module: &walrus::Module,
    into: &std::collections::HashSet<walrus::FunctionId>,
    snipped: &std::collections::HashSet<walrus::FunctionId>,
) -> Vec<String> {
    let name = |id: walrus::FunctionId| {
        let f = module.funcs.get(id);
        f.name.clone().unwrap_or_else(|| format!("{:?}", f.id()))
    };
    let mut found = Vec::new();
    for f in module.funcs.iter() {
        let walrus::FunctionKind::Local(local) = &f.kind else {
            continue;
        };
        if snipped.contains(&f.id()) {
            continue;
        }
        let mut refers = Refers::default();
        walrus::ir::dfs_in_order(&mut refers, local, local.entry_block());
        if let Some(&into) = refers.0.iter().find(|id| into.contains(id)) {
            found.push(format!("{} calls {}", name(f.id()), name(into)));
        }
    }
    found
}

/// `wasm` (rustc's output) with every panicking function's body replaced by `unreachable`,
/// and how many were; with `formatting`, the standard library's formatting too (see the
/// module's doc), which the build refuses if any other function calls: that code would trap.
/// The module is otherwise as it was, names included (wasm-bindgen reads them).
pub fn snip_panics(wasm: &[u8], formatting: bool) -> Result<(Vec<u8>, usize)> {
    let mut module = walrus::Module::from_buffer(wasm)
        .map_err(|e| format!("walrus could not read the wasm: {e}"))?;
    let snipped = |f: &walrus::Function| {
        f.name
            .as_deref()
            .is_some_and(|n| is_panicking(n) || (formatting && is_formatting(n)))
    };
    let ids: Vec<walrus::FunctionId> = module
        .funcs
        .iter()
        .filter(|f| matches!(f.kind, walrus::FunctionKind::Local(_)))
        .filter(|f| snipped(f))
        .map(|f| f.id())
        .collect();
    if formatting {
        let all = ids.iter().copied().collect();
        let formats = ids
            .iter()
            .copied()
            .filter(|&id| {
                module
                    .funcs
                    .get(id)
                    .name
                    .as_deref()
                    .is_some_and(is_formatting)
            })
            .collect();
        let live = callers_into(&module, &formats, &all);
        if !live.is_empty() {
            return Err(format!(
                "the wasm formats text with the standard library's core::fmt, which dist leaves out of the shopper's wasm (write it with core/src/integer.rs and push_str): {}",
                live.join("; ")
            ));
        }
    }
    for &id in &ids {
        if let walrus::FunctionKind::Local(local) = &mut module.funcs.get_mut(id).kind {
            let entry = local.entry_block();
            let body = local.block_mut(entry);
            body.instrs.clear();
            body.instrs
                .push((walrus::ir::Unreachable {}.into(), Default::default()));
        }
    }
    Ok((module.emit_wasm(), ids.len()))
}

/// Where a source file's path may begin: the standard library's (`/rustc/<commit>/`), a
/// crate's from the registry (under Cargo's home), and the workspace's own crates (relative:
/// `core/src/`, `checker/src/`, `src/`).
fn source_roots() -> Vec<Vec<u8>> {
    let cargo_home = std::env::var("CARGO_HOME")
        .or_else(|_| std::env::var("HOME").map(|home| format!("{home}/.cargo")))
        .unwrap_or_else(|_| "/root/.cargo".to_owned());
    [&cargo_home, "/rustc/", "core/src/", "checker/src/", "src/"]
        .iter()
        .map(|root| root.as_bytes().to_vec())
        .collect()
}

/// Whether `b` may be part of a source file's path.
fn in_path(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'-')
}

/// `data` with every source file path set to zeros, and how many there were: a path begins
/// with one of `roots` and ends at the first `.rs` after it, path characters all the way
/// (strings sit end to end in the data, so nothing marks where one ends but its `.rs`).
fn blank_paths(data: &mut [u8], roots: &[Vec<u8>]) -> usize {
    let mut count = 0;
    let mut at = 0;
    while at < data.len() {
        let path_end = roots
            .iter()
            .any(|root| data[at..].starts_with(root))
            .then(|| {
                let run = data[at..].iter().take_while(|&&b| in_path(b)).count();
                data[at..at + run]
                    .windows(3)
                    .position(|w| w == b".rs")
                    .map(|end| at + end + 3)
            })
            .flatten();
        match path_end {
            Some(end) => {
                data[at..end].fill(0);
                count += 1;
                at = end;
            }
            None => at += 1,
        }
    }
    count
}

/// Messages only ever handed to Rust's panic machinery (by the standard library, and by
/// leptos's graph for a disposed signal): once panics trap without a message, nothing reads
/// them.
pub const PANIC_MESSAGES: &[&str] = &[
    "called `Option::unwrap()` on a `None` value",
    "called `Result::unwrap()` on an `Err` value",
    "attempt to divide by zero",
    "attempt to calculate the remainder with a divisor of zero",
    "attempt to divide with overflow",
    "attempt to calculate the remainder with overflow",
    "`async fn` resumed after completion",
    "RefCell already mutably borrowed",
    "RefCell already borrowed",
    "Once instance has previously been poisoned",
    "one-time initialization may not be performed recursively",
    "internal error: entered unreachable code",
    "a formatting trait implementation returned an error when the underlying stream did not",
    "capacity overflow",
    "Attempted to initialize thread-local while it is being dropped",
    "Tried to access a reactive value that has already been disposed.",
];

/// `data` with every occurrence of each of `messages` set to zeros, and how many there were.
fn blank_messages(data: &mut [u8], messages: &[&str]) -> usize {
    let mut count = 0;
    for message in messages.iter().map(|m| m.as_bytes()) {
        let mut from = 0;
        while let Some(at) = data[from..]
            .windows(message.len())
            .position(|w| w == message)
        {
            let start = from + at;
            data[start..start + message.len()].fill(0);
            count += 1;
            from = start + message.len();
        }
    }
    count
}

/// `wasm` with the source file paths and the panic messages of its data segments blanked (see
/// the module's doc), and how many there were.
pub fn blank_source_paths(wasm: &[u8]) -> Result<(Vec<u8>, usize)> {
    let mut module = walrus::Module::from_buffer(wasm)
        .map_err(|e| format!("walrus could not read the wasm: {e}"))?;
    let roots = source_roots();
    let ids: Vec<walrus::DataId> = module.data.iter().map(|d| d.id()).collect();
    let count = ids
        .into_iter()
        .map(|id| {
            let data = &mut module.data.get_mut(id).value;
            blank_paths(data, &roots) + blank_messages(data, PANIC_MESSAGES)
        })
        .sum();
    Ok((module.emit_wasm(), count))
}

/// The short name of the `n`th renamed import or export: `$0`…`$9`, `$a`…`$z`, `$10`, …
fn short(n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = n;
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[n % DIGITS.len()]);
        n /= DIGITS.len();
        if n == 0 {
            break;
        }
    }
    out.push(b'$');
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Whether an export is wasm-bindgen's own (the glue's to call), not one of cartlift's.
fn bindgen_export(name: &str) -> bool {
    name.starts_with("__wbindgen_")
        || name.starts_with("__externref_")
        || name.starts_with("wasm_bindgen__")
}

/// `wasm` and its `glue` with every import (and its module) and every export of wasm-bindgen's
/// own renamed to a short name (see the module's doc), and how many were. Fails if a name the
/// wasm has is not in the glue where the glue's layout puts it, or is still there after, so a
/// change of wasm-bindgen's layout cannot go unnoticed.
pub fn short_names(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String, usize)> {
    let mut module = walrus::Module::from_buffer(wasm)
        .map_err(|e| format!("walrus could not read the wasm: {e}"))?;
    let mut glue = glue.to_owned();
    let mut n = 0;
    let mut modules: Vec<String> = Vec::new();
    for import in module.imports.iter_mut() {
        if !modules.contains(&import.module) {
            modules.push(import.module.clone());
        }
        let new = short(n);
        n += 1;
        let key = format!("        {}: function(", import.name);
        if !glue.contains(&key) {
            return Err(format!(
                "the glue has no import function {}; update xtask/src/shrink.rs",
                import.name
            ));
        }
        glue = glue.replace(&key, &format!("        {new}: function("));
        import.name = new;
    }
    for (i, m) in modules.iter().enumerate() {
        let key = format!("\"{m}\": import{i},");
        if !glue.contains(&key) {
            return Err(format!(
                "the glue names no import module {m}; update xtask/src/shrink.rs"
            ));
        }
        glue = glue.replace(&key, &format!("\"${i}\": import{i},"));
    }
    for import in module.imports.iter_mut() {
        if let Some(i) = modules.iter().position(|m| *m == import.module) {
            import.module = format!("${i}");
        }
    }
    for export in module.exports.iter_mut() {
        if !bindgen_export(&export.name) {
            continue;
        }
        let new = short(n);
        n += 1;
        let (old, renamed) = (format!("wasm.{}", export.name), format!("wasm.{new}"));
        if !glue.contains(&old) {
            return Err(format!(
                "the glue never calls the export {}; update xtask/src/shrink.rs",
                export.name
            ));
        }
        // Longest first is not needed: each name ends at a word boundary the next character
        // keeps (`(`, `.`, `;`, `,`, `)` or a space), and no name is a prefix of another's
        // use followed by such a character.
        glue = replace_word(&glue, &old, &renamed);
        export.name = new;
    }
    // walrus writes a `producers` section of its own, and leptos's wasm-split leaves its
    // marker section: custom sections a browser never reads (−64 B raw per wasm).
    module.producers.clear();
    let customs: Vec<_> = module.customs.iter().map(|(id, _)| id).collect();
    for id in customs {
        module.customs.delete(id);
    }
    Ok((module.emit_wasm(), glue, n))
}

/// `text` with every `old` not followed by an identifier character replaced by `new`.
fn replace_word(text: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(old) {
        let after = rest[at + old.len()..].chars().next();
        out.push_str(&rest[..at]);
        if after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            out.push_str(old);
        } else {
            out.push_str(new);
        }
        rest = &rest[at + old.len()..];
    }
    out.push_str(rest);
    out
}

/// The field names of everything `wasm` imports (functions, memory, tables, globals).
pub fn import_names(wasm: &[u8]) -> Result<Vec<String>> {
    let bad = |e: wasmparser::BinaryReaderError| format!("not a valid wasm module: {e}");
    let mut names = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::ImportSection(imports) = payload.map_err(bad)? {
            for import in imports.into_imports() {
                names.push(import.map_err(bad)?.name.to_owned());
            }
        }
    }
    Ok(names)
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

/// The glue with wasm-bindgen's JS-value describer replaced by an empty string (see the
/// module's doc); as it is when the wasm no longer imports it (its `Debug` is formatting, which
/// the shopper's wasm leaves out). Fails if the glue calls it otherwise than expected.
pub fn drop_describer(glue: &str) -> Result<String> {
    const CALL: &str = "const ret = debugString(arg1);";
    if !glue.contains("debugString(") {
        return Ok(glue.to_owned());
    }
    if glue.matches(CALL).count() != 1 {
        return Err(
            "wasm-bindgen's glue no longer calls debugString as expected; update xtask/src/shrink.rs"
                .into(),
        );
    }
    Ok(glue.replace(CALL, "const ret = '';"))
}

/// The glue without its `encodeInto` stand-in (see the module's doc). Fails if the glue no
/// longer has it as expected.
pub fn drop_encode_into(glue: &str) -> Result<String> {
    const START: &str = "if (!('encodeInto' in cachedTextEncoder)) {\n";
    let at = glue.find(START).ok_or(
        "wasm-bindgen's glue no longer defines encodeInto as expected; update xtask/src/shrink.rs",
    )?;
    let end = glue[at..]
        .find("\n}\n")
        .map(|e| at + e + 3)
        .ok_or("the glue's encodeInto stand-in does not end as expected")?;
    Ok(format!("{}{}", &glue[..at], &glue[end..]))
}

/// The glue as the flavour's bindings module: wasm-bindgen's own loader and its default path
/// unexported (the entry has its own loader, so a bundler drops them), the exports the entry
/// calls by name kept, and the two functions the entry's loader needs exported with the
/// memory's size (`cartlift.memory()`).
pub fn bindings_module(glue: &str) -> String {
    let body = glue
        .lines()
        .filter(|l| !l.starts_with("export {"))
        // Unused classes' registries are dropped with them.
        .map(|l| {
            l.replace(
                ": new FinalizationRegistry(",
                ": /* @__PURE__ */ new FinalizationRegistry(",
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "{body}\nexport {{ __wbg_get_imports, __wbg_finalize_init }};\nexport const memoryBytes = () => wasm.memory.buffer.byteLength;\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_count_from_0_to_z_then_on() {
        assert_eq!(
            [
                short(0),
                short(9),
                short(10),
                short(35),
                short(36),
                short(37)
            ],
            ["$0", "$9", "$a", "$z", "$10", "$11"]
        );
        assert_eq!(
            replace_word("wasm.a(wasm.ab)", "wasm.a", "wasm.$0"),
            "wasm.$0(wasm.ab)"
        );
    }

    #[test]
    fn source_paths_become_zeros_and_the_strings_beside_them_stay() {
        let mut data = b"RefCell borrowed/rustc/59807616/library/core/src/cell.rs\0Tiersvaluecore/src/money.rs/home/ci/.cargo/registry/src/index-1/leptos-0.8/src/lib.rs.rsvp items.rs".to_vec();
        let before = data.clone();
        let roots = [
            b"/home/ci/.cargo".to_vec(),
            b"/rustc/".to_vec(),
            b"src/".to_vec(),
        ];
        let roots = [roots.as_slice(), &[b"core/src/".to_vec()]].concat();
        assert_eq!(blank_paths(&mut data, &roots), 3);
        let kept: Vec<u8> = data.iter().copied().filter(|&b| b != 0).collect();
        assert_eq!(
            String::from_utf8(kept).expect("text"),
            "RefCell borrowedTiersvalue.rsvp items.rs"
        );
        assert_eq!(data.len(), before.len(), "no byte moves");
    }

    #[test]
    fn panic_messages_become_zeros_wherever_they_are() {
        let mut data = b"okRefCell already borrowedcapacity overflow!capacity overflow".to_vec();
        assert_eq!(blank_messages(&mut data, PANIC_MESSAGES), 3);
        let kept: Vec<u8> = data.iter().copied().filter(|&b| b != 0).collect();
        assert_eq!(kept, b"ok!");
    }

    #[test]
    fn panicking_functions_are_known_by_any_spelling_of_their_name() {
        for name in [
            "_ZN4core9panicking9panic_fmt17h1234567890abcdefE",
            "_RNvNtCsabc_3std9panicking14panic_with_hook",
            "core::panicking::panic_bounds_check",
            "std[a543996e6e7dbf1e]::panicking::panic_handler::{closure#0}",
        ] {
            assert!(is_panicking(name), "{name}");
        }
        for name in [
            "cartlift_core::money::parse_amount",
            "core::fmt::Formatter::pad",
            "std::thread::local::panic_access_error",
        ] {
            assert!(!is_panicking(name), "{name}");
        }
    }

    #[test]
    fn formatting_is_known_by_any_spelling_of_its_name_and_ours_is_not() {
        for name in [
            "_ZN4core3fmt5write17h1234567890abcdefE",
            "_ZN60_$LT$alloc..string..String$u20$as$u20$core..fmt..Write$GT$9write_str17h1234567890abcdefE",
            "_ZN4core3fmt3num3imp52_$LT$impl$u20$core..fmt..Display$u20$for$u20$u32$GT$3fmt17h1234567890abcdefE",
            "_RNvXsq_NtCsgXGp5Oqx2Ny_4core4cellNtB5_11BorrowErrorNtNtB7_3fmt7Display3fmt",
            "_ZN65_$LT$cartlift_core..error..Path$u20$as$u20$core..fmt..Display$GT$3fmt17h1234567890abcdefE",
            "<T as alloc::string::ToString>::to_string",
            "alloc::fmt::format::format_inner",
            "<core[c5930c85a12de822]::fmt::Formatter>::pad_integral",
        ] {
            assert!(is_formatting(name), "{name}");
        }
        for name in [
            "_ZN13cartlift_core7integer12decimal_text17h1234567890abcdefE",
            "_ZN8cartlift6format6number17h1234567890abcdefE",
            "core::str::count::do_count_chars",
        ] {
            assert!(!is_formatting(name), "{name}");
        }
    }

    /// A module of functions named `names`, each calling those its entry in `calls` lists.
    fn module_of(names: &[&str], calls: &[&[usize]]) -> Vec<u8> {
        let mut module = walrus::Module::default();
        let ids: Vec<walrus::FunctionId> = names
            .iter()
            .map(|name| {
                let mut f = walrus::FunctionBuilder::new(&mut module.types, &[], &[]);
                f.name((*name).to_owned());
                f.finish(vec![], &mut module.funcs)
            })
            .collect();
        for (&id, called) in ids.iter().zip(calls) {
            if let walrus::FunctionKind::Local(local) = &mut module.funcs.get_mut(id).kind {
                let entry = local.entry_block();
                for &c in called.iter() {
                    local
                        .block_mut(entry)
                        .instrs
                        .push((walrus::ir::Call { func: ids[c] }.into(), Default::default()));
                }
            }
        }
        module.emit_wasm()
    }

    #[test]
    fn formatting_only_a_panic_reaches_is_snipped_with_it() {
        let names = [
            "cartlift_core::cart::check",
            "_ZN4core9panicking9panic_fmt17h1234567890abcdefE",
            "_ZN4core3fmt5write17h1234567890abcdefE",
            "_ZN4core3fmt9Formatter3pad17h1234567890abcdefE",
        ];
        let wasm = module_of(&names, &[&[1], &[2], &[3], &[]]);
        let (_, snipped) = snip_panics(&wasm, true).expect("nothing else formats");
        assert_eq!(snipped, 3);
        let (_, snipped) = snip_panics(&wasm, false).expect("panics only");
        assert_eq!(snipped, 1);
    }

    #[test]
    fn code_that_formats_fails_the_build_naming_the_call() {
        let names = [
            "cartlift_core::error::Error::new",
            "_ZN65_$LT$cartlift_core..error..Path$u20$as$u20$core..fmt..Display$GT$3fmt17h1234567890abcdefE",
        ];
        let wasm = module_of(&names, &[&[1], &[]]);
        let refused = snip_panics(&wasm, true).expect_err("Error::new formats");
        assert!(
            refused.contains(
                "cartlift_core::error::Error::new calls _ZN65_$LT$cartlift_core..error..Path"
            ),
            "{refused}"
        );
        assert!(snip_panics(&wasm, false).is_ok(), "the checker formats");
    }

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
    fn the_describer_is_replaced_once_or_the_build_fails() {
        let glue = "f: function(arg0, arg1) {\n    const ret = debugString(arg1);\n    pass(ret);\n}\nfunction debugString(val) {}";
        let out = drop_describer(glue).expect("one call");
        assert!(out.contains("const ret = '';") && !out.contains("debugString(arg1)"));
        assert_eq!(
            drop_describer("no describer here").as_deref(),
            Ok("no describer here")
        );
        assert!(drop_describer("g(debugString(arg0));").is_err());
    }

    #[test]
    fn the_encode_into_stand_in_goes_and_the_rest_stays() {
        let glue = "const e = new TextEncoder();\n\nif (!('encodeInto' in cachedTextEncoder)) {\n    cachedTextEncoder.encodeInto = function (arg, view) {\n        return {\n            read: 1\n        };\n    };\n}\n\nlet WASM_VECTOR_LEN = 0;";
        let out = drop_encode_into(glue).expect("present");
        assert_eq!(
            out,
            "const e = new TextEncoder();\n\n\nlet WASM_VECTOR_LEN = 0;"
        );
        assert!(drop_encode_into("nothing").is_err());
    }

    #[test]
    fn the_bindings_module_keeps_the_exports_and_exports_the_loaders_two_functions() {
        let glue = "export function f() {}\nexport { initSync, __wbg_init as default };\nconst R = (typeof FinalizationRegistry === 'undefined')\n    ? 1\n    : new FinalizationRegistry(ptr => 0);";
        let out = bindings_module(glue);
        assert_eq!(
            out,
            "export function f() {}\nconst R = (typeof FinalizationRegistry === 'undefined')\n    ? 1\n    : /* @__PURE__ */ new FinalizationRegistry(ptr => 0);\nexport { __wbg_get_imports, __wbg_finalize_init };\nexport const memoryBytes = () => wasm.memory.buffer.byteLength;\n"
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
