//! A local host for cartlift's Shopify Functions, as Shopify's function-runner hosts them:
//! Shopify's provider module (`shopify_function_provider`, built for wasm) holds the input as
//! MessagePack and builds the output, and the function calls it through the
//! `shopify_function_v2` imports. Instructions are wasmtime's fuel, counted from the
//! function's instantiation to its return, provider included, as function-runner counts them.
//!
//! Shopify's build links the two modules with a trampoline (a rewrite of the function's wasm,
//! shipped as release binaries, not a crate); here the same copies between the two memories
//! are made by host functions, so the count differs from Shopify's only by the few
//! instructions of those copies.
//!
//! `cartlift-function-runner FUNCTION.wasm PROVIDER.wasm INPUT.json [--export NAME]` prints one
//! JSON object: `instructions`, `input_bytes`, `output_bytes` (of the output as JSON text),
//! `output` and `logs`.

use wasmtime::{bail, format_err as anyhow, Result};
use wasmtime::{
    Caller, Config, Engine, Extern, Func, Instance, Linker, Memory, Module, Store, Val,
};

const FUEL: u64 = u64::MAX;

/// What one run measured.
pub struct Run {
    /// Wasm instructions from instantiation to return, provider included.
    pub instructions: u64,
    /// The function's linear memory when it returned.
    pub memory_bytes: usize,
    /// The function's output, as JSON.
    pub output: serde_json::Value,
    /// What it logged.
    pub logs: String,
}

/// The provider's instance, as the host functions reach it.
#[derive(Clone)]
struct Provider {
    instance: Instance,
    memory: Memory,
}

impl Provider {
    fn func(&self, store: impl wasmtime::AsContextMut, name: &str) -> Result<Func> {
        self.instance
            .get_func(store, name)
            .ok_or_else(|| anyhow!("the provider has no export {name}"))
    }
}

fn guest_memory(caller: &mut Caller<'_, ()>) -> Result<Memory> {
    match caller.get_export("memory") {
        Some(Extern::Memory(m)) => Ok(m),
        _ => bail!("the function exports no memory"),
    }
}

/// Copies `len` bytes between two memories of the store.
fn copy(
    caller: &mut Caller<'_, ()>,
    from: Memory,
    from_at: usize,
    to: Memory,
    to_at: usize,
    len: usize,
) -> Result<()> {
    let mut buf = vec![0; len];
    from.read(&mut *caller, from_at, &mut buf)?;
    to.write(&mut *caller, to_at, &buf)?;
    Ok(())
}

/// `N` little-endian 32-bit words at `at` in `memory` (the provider's tables of places).
fn words<const N: usize>(
    store: impl wasmtime::AsContext,
    memory: Memory,
    at: usize,
) -> Result<[usize; N]> {
    let mut bytes = vec![0u8; 4 * N];
    memory.read(&store, at, &mut bytes)?;
    let mut out = [0usize; N];
    for (w, chunk) in out.iter_mut().zip(bytes.chunks_exact(4)) {
        *w = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) as usize;
    }
    Ok(out)
}

fn i32_of(v: &Val) -> Result<i32> {
    v.i32().ok_or_else(|| anyhow!("expected an i32"))
}

/// Calls a provider export with `args`, returning its results.
fn call(
    caller: &mut Caller<'_, ()>,
    provider: &Provider,
    name: &str,
    args: &[Val],
    results: usize,
) -> Result<Vec<Val>> {
    let f = provider.func(&mut *caller, name)?;
    let mut out = vec![Val::I32(0); results];
    f.call(&mut *caller, args, &mut out)?;
    Ok(out)
}

/// The `shopify_function_v2` imports of `module`, defined on `linker` over the provider.
fn link(
    linker: &mut Linker<()>,
    store: &mut Store<()>,
    module: &Module,
    provider: &Provider,
) -> Result<()> {
    let module_name = shopify_function_provider::PROVIDER_MODULE_NAME;
    for import in module.imports() {
        if import.module() != module_name {
            bail!(
                "the function imports {}::{}, which Shopify does not provide",
                import.module(),
                import.name()
            );
        }
        let ty = import
            .ty()
            .func()
            .cloned()
            .ok_or_else(|| anyhow!("{} is not a function", import.name()))?;
        let name = import.name().to_owned();
        let p = provider.clone();
        let results = ty.results().len();
        let func = Func::new(&mut *store, ty, move |mut caller, args, out| {
            let guest = guest_memory(&mut caller)?;
            match name.as_str() {
                // (src, out, len): the provider's string at src into the function's buffer.
                "shopify_function_input_read_utf8_str" => {
                    let (src, dst, len) = (i32_of(&args[0])?, i32_of(&args[1])?, i32_of(&args[2])?);
                    let at = call(
                        &mut caller,
                        &p,
                        "_shopify_function_input_get_utf8_str_addr",
                        &[Val::I32(src)],
                        1,
                    )?;
                    copy(
                        &mut caller,
                        p.memory,
                        i32_of(&at[0])? as u32 as usize,
                        guest,
                        dst as u32 as usize,
                        len as u32 as usize,
                    )?;
                }
                // (scope, ptr, len) -> value: the property's name copied to the provider first.
                "shopify_function_input_get_obj_prop" => {
                    let (ptr, len) = (i32_of(&args[1])?, i32_of(&args[2])?);
                    let at = call(
                        &mut caller,
                        &p,
                        "_shopify_function_alloc",
                        &[Val::I32(len)],
                        1,
                    )?;
                    let dst = i32_of(&at[0])?;
                    copy(
                        &mut caller,
                        guest,
                        ptr as u32 as usize,
                        p.memory,
                        dst as u32 as usize,
                        len as u32 as usize,
                    )?;
                    let v = call(
                        &mut caller,
                        &p,
                        "_shopify_function_input_get_obj_prop",
                        &[args[0], Val::I32(dst), Val::I32(len)],
                        1,
                    )?;
                    out[0] = v[0];
                }
                // (ptr, len) -> result: the provider makes room (result in the high half,
                // the place in the low half), then the bytes are copied in.
                "shopify_function_output_new_utf8_str" | "shopify_function_intern_utf8_str" => {
                    let (ptr, len) = (i32_of(&args[0])?, i32_of(&args[1])?);
                    let v = call(&mut caller, &p, &format!("_{name}"), &[Val::I32(len)], 1)?;
                    let both = v[0].i64().ok_or_else(|| anyhow!("expected an i64"))? as u64;
                    copy(
                        &mut caller,
                        guest,
                        ptr as u32 as usize,
                        p.memory,
                        (both & 0xffff_ffff) as usize,
                        len as u32 as usize,
                    )?;
                    out[0] = Val::I32((both >> 32) as u32 as i32);
                }
                // (ptr, len): the provider says where the log's bytes go, in up to two parts
                // of its ring buffer.
                "shopify_function_log_new_utf8_str" => {
                    let (ptr, len) = (
                        i32_of(&args[0])? as u32 as usize,
                        i32_of(&args[1])? as u32 as usize,
                    );
                    let v = call(
                        &mut caller,
                        &p,
                        "_shopify_function_log_new_utf8_str",
                        &[Val::I32(len as i32)],
                        1,
                    )?;
                    let [skip, dst1, len1, dst2, len2] =
                        words(&mut caller, p.memory, i32_of(&v[0])? as u32 as usize)?;
                    copy(&mut caller, guest, ptr + skip, p.memory, dst1, len1)?;
                    if len1 != len {
                        copy(&mut caller, guest, ptr + skip + len1, p.memory, dst2, len2)?;
                    }
                }
                // Every other call passes only values: forwarded as it is.
                _ => {
                    let v = call(&mut caller, &p, &format!("_{name}"), args, results)?;
                    out.clone_from_slice(&v);
                }
            }
            Ok(())
        });
        linker.define(&mut *store, module_name, import.name(), func)?;
    }
    Ok(())
}

/// Runs `export` of the function module with `input` (JSON), on the provider module.
pub fn run(
    function: &[u8],
    provider: &[u8],
    input: &serde_json::Value,
    export: &str,
) -> Result<Run> {
    let mut cfg = Config::new();
    cfg.consume_fuel(true);
    if std::env::var_os("PERFMAP").is_some() {
        cfg.profiler(wasmtime::ProfilingStrategy::PerfMap);
    }
    let engine = Engine::new(&cfg)?;
    let provider_module =
        Module::new(&engine, provider).map_err(|e| anyhow!("the provider module: {e}"))?;
    let module = Module::new(&engine, function).map_err(|e| anyhow!("the function module: {e}"))?;
    let repeat: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    for _ in 1..repeat {
        let mut store = Store::new(&engine, ());
        store.set_fuel(FUEL)?;
        let instance = Linker::new(&engine).instantiate(&mut store, &provider_module)?;
        let memory = instance
            .get_memory(&mut store, "memory")
            .ok_or_else(|| anyhow!("m"))?;
        let provider = Provider { instance, memory };
        let bytes = rmp_serde::to_vec(input)?;
        let init = instance.get_typed_func::<i32, i32>(&mut store, "initialize")?;
        let at = init.call(&mut store, bytes.len() as i32)?;
        memory.write(&mut store, at as u32 as usize, &bytes)?;
        let mut linker = Linker::new(&engine);
        link(&mut linker, &mut store, &module, &provider)?;
        let guest = linker.instantiate(&mut store, &module)?;
        let _ = guest
            .get_typed_func::<(), ()>(&mut store, export)?
            .call(&mut store, ());
    }
    let mut store = Store::new(&engine, ());
    store.set_fuel(FUEL)?;
    let instance = Linker::new(&engine).instantiate(&mut store, &provider_module)?;
    let memory = instance
        .get_memory(&mut store, "memory")
        .ok_or_else(|| anyhow!("the provider has no memory"))?;
    let provider = Provider { instance, memory };

    let bytes = rmp_serde::to_vec(input).map_err(|e| anyhow!("the input as MessagePack: {e}"))?;
    let init = instance.get_typed_func::<i32, i32>(&mut store, "initialize")?;
    let at = init.call(
        &mut store,
        i32::try_from(bytes.len()).map_err(|_| anyhow!("the input is too large"))?,
    )?;
    memory.write(&mut store, at as u32 as usize, &bytes)?;

    let mut linker = Linker::new(&engine);
    link(&mut linker, &mut store, &module, &provider)?;
    store.set_fuel(FUEL)?;
    let guest = linker.instantiate(&mut store, &module)?;
    let result = guest
        .get_typed_func::<(), ()>(&mut store, export)?
        .call(&mut store, ());
    let instructions = FUEL - store.get_fuel()?;
    let memory_bytes = guest
        .get_memory(&mut store, "memory")
        .map_or(0, |m| m.data_size(&store));

    let finalize = instance.get_typed_func::<(), i32>(&mut store, "finalize")?;
    let at = finalize.call(&mut store, ())? as u32 as usize;
    let [output_at, output_len, log1_at, log1_len, log2_at, log2_len] =
        words(&mut store, memory, at)?;
    let read = |at: usize, len: usize| -> Result<Vec<u8>> {
        let mut buf = vec![0; len];
        memory.read(&store, at, &mut buf)?;
        Ok(buf)
    };
    let mut logs = read(log1_at, log1_len)?;
    logs.extend(read(log2_at, log2_len)?);
    let logs = String::from_utf8_lossy(&logs).into_owned();
    result.map_err(|e| anyhow!("the function failed: {e:?}\nlogs: {logs}"))?;
    let output: serde_json::Value = rmp_serde::from_slice(&read(output_at, output_len)?)
        .map_err(|e| anyhow!("the output is not MessagePack: {e}"))?;
    Ok(Run {
        instructions,
        memory_bytes,
        output,
        logs,
    })
}

fn main() -> Result<()> {
    use lexopt::prelude::*;
    let bad = |e: lexopt::Error| anyhow!("{e}");
    let mut parser = lexopt::Parser::from_env();
    let mut files = Vec::new();
    let mut export = "cart_lines_discounts_generate_run".to_owned();
    while let Some(arg) = parser.next().map_err(bad)? {
        match arg {
            Long("export") => export = parser.value().map_err(bad)?.string().map_err(bad)?,
            Value(v) => files.push(std::path::PathBuf::from(v)),
            _ => return Err(bad(arg.unexpected())),
        }
    }
    let [function, provider, input] = files.as_slice() else {
        bail!("usage: cartlift-function-runner FUNCTION.wasm PROVIDER.wasm INPUT.json [--export NAME]");
    };
    let read = |p: &std::path::Path| {
        std::fs::read(p).map_err(|e| anyhow!("{} cannot be read: {e}", p.display()))
    };
    let input_text = read(input)?;
    let input_json: serde_json::Value =
        serde_json::from_slice(&input_text).map_err(|e| anyhow!("the input is not JSON: {e}"))?;
    let run = run(&read(function)?, &read(provider)?, &input_json, &export)?;
    let output_text = run.output.to_string();
    println!(
        "{}",
        serde_json::json!({
            "instructions": run.instructions,
            "memory_bytes": run.memory_bytes,
            "input_bytes": input_text.len(),
            "output_bytes": output_text.len(),
            "output": run.output,
            "logs": run.logs,
        })
    );
    Ok(())
}
