//! The layering of docs/architecture.md, checked against the imports: a
//! module may use modules of its own layer or below, never above, and no two
//! modules may need each other. A new top-level module must be given a layer
//! here (and in docs/architecture.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level modules of src/ by layer, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundations",
        &[
            "request", "creds", "duration", "env", "error", "input", "process", "fsutil", "vars",
            "renewal", "sanitize", "owner", "harden", "peer", "settings", "region", "browser",
        ],
    ),
    (
        "resolution: files, cache, STS",
        &[
            "profile", "http", "bounded", "cache", "mfa", "saml", "sts", "sso", "keys",
        ],
    ),
    ("resolution: planning and execution", &["resolve"]),
    ("sinks", &["envvars", "shell", "server", "hook", "console"]),
    ("front end", &["cli", "cmd"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// Module -> the top-level modules its files name as `crate::X`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_str()
                .unwrap();
            let top = top.trim_end_matches(".rs").to_string();
            let name = path.file_name().unwrap().to_str().unwrap();
            // Tests may reach anywhere; the binary's main and the crate root
            // sit above every layer.
            if ["main", "lib", "hostile_tests"].contains(&top.as_str()) || name.contains("tests") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            let deps = edges.entry(top.clone()).or_default();
            for (i, _) in code.match_indices("crate::") {
                let rest = &code[i + 7..];
                let names: Vec<&str> = if let Some(list) = rest.strip_prefix('{') {
                    let list = &list[..list.find('}').unwrap_or(list.len())];
                    list.split(',')
                        .map(|n| n.trim().split("::").next().unwrap_or("").trim())
                        .collect()
                } else {
                    vec![
                        rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .next()
                            .unwrap(),
                    ]
                };
                for n in names {
                    if !n.is_empty() && n != top && n != "self" {
                        deps.insert(n.to_string());
                    }
                }
            }
        }
    }
    edges
}

#[test]
fn every_module_has_a_layer_and_imports_only_downwards() {
    let edges = imports();
    let mut wrong = Vec::new();
    for (module, deps) in &edges {
        let Some(mine) = layer_of(module) else {
            wrong.push(format!("{module} has no layer in tests/architecture.rs"));
            continue;
        };
        for d in deps {
            match layer_of(d) {
                None => wrong.push(format!("{module} uses {d}, which has no layer")),
                Some(theirs) if theirs > mine => wrong.push(format!(
                    "{module} ({}) uses {d} ({}), a higher layer",
                    LAYERS[mine].0, LAYERS[theirs].0
                )),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_two_modules_need_each_other() {
    let edges = imports();
    // Depth-first search for a cycle, reporting its path.
    fn visit<'a>(
        m: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<String> {
        if let Some(i) = path.iter().position(|p| *p == m) {
            return Some(format!("{} -> {m}", path[i..].join(" -> ")));
        }
        if !done.insert(m) {
            return None;
        }
        path.push(m);
        for d in edges.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in edges.keys() {
        if let Some(cycle) = visit(m, &edges, &mut Vec::new(), &mut done) {
            panic!("module cycle: {cycle}");
        }
    }
}
