//! The page's own JS modules run under node, for the oracle tests that hold them to the core
//! (`parts_oracle`, `shape_oracle`): one node process maps a function over JSON texts.

/// `function` of the module `module` (a path from the repository's root) applied to each of
/// `inputs`, parsed as JSON, by one node process; its answers.
#[cfg(test)]
pub fn each<T: serde::de::DeserializeOwned>(
    module: &str,
    function: &str,
    inputs: &[&str],
) -> Vec<T> {
    let script = format!(
        "import {{ {function} }} from {:?};\nconst inputs = JSON.parse(process.argv[1]);\nconsole.log(JSON.stringify(inputs.map((c) => {function}(JSON.parse(c)))));",
        crate::root().join(module).display().to_string()
    );
    let list = serde_json::to_string(inputs).expect("texts");
    let out = std::process::Command::new("node")
        .args(["--input-type=module", "-e", &script, &list])
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a list of answers")
}
