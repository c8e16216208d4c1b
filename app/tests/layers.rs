//! The app's modules form layers (the `# Layout` of `src/lib.rs`). This test reads every
//! `src/**/*.rs`, finds what each module takes from the rest of the app (`crate::…`, and
//! `super::…`, `self::…` or a child module's name where that reaches another module), and fails
//! on a cycle, on an import against the layers, and on HTTP outside `api`. It reads source
//! files only, so it runs on the host with the rest of `cargo test`.
//!
//! The graph, every module with what it imports by layer:
//! `cargo test -p app --test layers -- --nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// The layers, bottom to top. A module imports from its own layer or the layers below; leaves
/// import nothing of the app, and a page imports no other page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    /// Path building, language, country names, browser storage.
    Leaf,
    /// The one module that talks HTTP.
    Api,
    /// The app's state and domain: drafts, receipts, the municipality, the application.
    State,
    /// Reusable pieces of the user interface.
    Components,
    /// One module per route.
    Pages,
    /// The route table.
    Routes,
    /// `lib.rs`.
    Root,
}

impl Layer {
    fn name(self) -> &'static str {
        match self {
            Layer::Leaf => "1 leaf",
            Layer::Api => "2 api",
            Layer::State => "3 state",
            Layer::Components => "4 components",
            Layer::Pages => "5 pages",
            Layer::Routes => "6 routes",
            Layer::Root => "7 root",
        }
    }
}

/// The layer of a module; `None` for a module not placed yet (add it here).
fn layer(module: &str) -> Option<Layer> {
    let top = module.split("::").next().unwrap_or_default();
    Some(match top {
        "crate" => Layer::Root,
        "paths" | "i18n" | "countries" | "storage" | "activity" | "web_app" | "first_screen" => {
            Layer::Leaf
        }
        "api" => Layer::Api,
        "drafts" | "receipts" | "municipality" | "application" | "form_session" | "account"
        | "sync" => Layer::State,
        "components" => Layer::Components,
        "pages" => Layer::Pages,
        "routes" => Layer::Routes,
        _ => return None,
    })
}

/// What only `api` may name: the browser's ways to talk HTTP.
const HTTP: &[&str] = &[
    "gloo_net",
    "XmlHttpRequest",
    "fetch_with_request",
    "fetch_with_str",
    "send_beacon",
    "EventSource",
    "WebSocket",
];

/// The module graph: every module (by path, `crate` for `lib.rs`) with what it imports.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The app's source files as (module path, code).
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("src is readable").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&src).expect("under src");
                // The binaries (one per bundle) are crates of their own that only mount a
                // route table of the library.
                if rel == Path::new("main.rs") || rel.starts_with("bin") {
                    continue;
                }
                let mut parts: Vec<String> = rel
                    .with_extension("")
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|p| p == "mod") {
                    parts.pop();
                }
                let module = if parts == ["lib"] {
                    "crate".to_owned()
                } else {
                    parts.join("::")
                };
                files.push((module, fs::read_to_string(&path).expect("readable")));
            }
        }
    }
    files.sort();
    files
}

/// The code without comments, strings and character literals (each replaced by a space), so
/// that a path in a comment or a string is not taken for an import.
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let ident = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let (c, next) = (b[i], b.get(i + 1).copied());
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
            out.push(' ');
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && (!ident(i.checked_sub(1).and_then(|p| b.get(p)))
                || (i >= 1 && b[i - 1] == 'b' && !ident(i.checked_sub(2).and_then(|p| b.get(p)))))
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c); // a raw identifier (`r#type`)
                i += 1;
                continue;
            }
            j += 1;
            while j < b.len() && !(b[j] == '"' && (1..=hashes).all(|k| b.get(j + k) == Some(&'#')))
            {
                j += 1;
            }
            i = j + 1 + hashes;
            out.push(' ');
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(' ');
        } else if c == '\'' && next == Some('\\') {
            i += 3; // past the quote, the backslash and the escaped character
            while i < b.len() && b[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push(' ');
        } else if c == '\'' && b.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push(' ');
        } else {
            out.push(c); // a lifetime's quote stays: it names nothing
            i += 1;
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Star,
    Other,
}

fn tokens(code: &str) -> Vec<Tok> {
    let b: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(b[start..i].iter().collect()));
            continue;
        }
        let tok = match c {
            ':' if b.get(i + 1) == Some(&':') => {
                i += 1;
                Tok::PathSep
            }
            '{' => Tok::Open,
            '}' => Tok::Close,
            ',' => Tok::Comma,
            '*' => Tok::Star,
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            _ => Tok::Other,
        };
        out.push(tok);
        i += 1;
    }
    out
}

fn is_ident(t: Option<&Tok>, name: &str) -> bool {
    matches!(t, Some(Tok::Ident(n)) if n == name)
}

/// Reads the path or use tree at `i` below `prefix` into `out`; returns where it ends.
fn use_tree(toks: &[Tok], mut i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    match toks.get(i) {
        Some(Tok::Open) => {
            i += 1;
            loop {
                if toks.get(i) == Some(&Tok::Close) {
                    return i + 1;
                }
                i = use_tree(toks, i, prefix.clone(), out);
                match toks.get(i) {
                    Some(Tok::Comma) => i += 1,
                    Some(Tok::Close) => return i + 1,
                    _ => return i,
                }
            }
        }
        Some(Tok::Ident(name)) => {
            let mut path = prefix;
            path.push(name.clone());
            i += 1;
            if toks.get(i) == Some(&Tok::PathSep) {
                return use_tree(toks, i + 1, path, out);
            }
            if is_ident(toks.get(i), "as") {
                i += 2;
            }
            out.push(path);
            i
        }
        Some(Tok::Star) => {
            out.push(prefix);
            i + 1
        }
        _ => {
            out.push(prefix); // `::<T>` and the like
            i
        }
    }
}

/// Every path into the app that the code of `module` names, as absolute segments (`[]` is the
/// crate root). `modules` are all modules, to know a child module's name when it starts a path.
fn paths_named(module: &str, code: &str, modules: &BTreeSet<String>) -> Vec<Vec<String>> {
    let own: Vec<String> = if module == "crate" {
        Vec::new()
    } else {
        module.split("::").map(str::to_owned).collect()
    };
    let toks = tokens(&code_only(code));
    let mut out = Vec::new();
    // Inline modules (`mod tests { … }`) with the brace depth inside them.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() {
        let current: Vec<String> = own
            .iter()
            .cloned()
            .chain(inline.iter().map(|(m, _)| m.clone()))
            .collect();
        let follows_path = i > 0 && toks[i - 1] == Tok::PathSep;
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= 1;
            }
            Tok::Ident(m) if m == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Open)) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    inline.push((name.clone(), depth + 1));
                }
            }
            Tok::Ident(first) if !follows_path && toks.get(i + 1) == Some(&Tok::PathSep) => {
                let child = {
                    let mut p = current.clone();
                    p.push(first.clone());
                    modules.contains(&p.join("::"))
                };
                let start = match first.as_str() {
                    "crate" => Some((Vec::new(), i + 2)),
                    "self" => Some((current.clone(), i + 2)),
                    "super" => {
                        let mut base = current.clone();
                        let mut j = i;
                        while is_ident(toks.get(j), "super")
                            && toks.get(j + 1) == Some(&Tok::PathSep)
                        {
                            base.pop();
                            j += 2;
                        }
                        Some((base, j))
                    }
                    _ if child => Some((current.clone(), i)),
                    _ => None,
                };
                if let Some((base, at)) = start {
                    i = use_tree(&toks, at, base, &mut out);
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The module a path leads into: the longest prefix that is a module (`crate` for none).
fn module_of(path: &[String], modules: &BTreeSet<String>) -> String {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| modules.contains(m))
        .unwrap_or_else(|| "crate".to_owned())
}

fn graph_of(sources: &[(String, String)]) -> Graph {
    let modules: BTreeSet<String> = sources.iter().map(|(m, _)| m.clone()).collect();
    sources
        .iter()
        .map(|(module, code)| {
            let imports = paths_named(module, code, &modules)
                .iter()
                .map(|p| module_of(p, &modules))
                .filter(|m| m != module)
                .collect();
            (module.clone(), imports)
        })
        .collect()
}

/// The modules that import each other in a circle (strongly connected components of more
/// than one module; Tarjan's algorithm).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a str) {
        let n = w.index.len();
        w.index.insert(v, n);
        w.low.insert(v, n);
        w.stack.push(v);
        w.on_stack.insert(v);
        for u in w.graph.get(v).into_iter().flatten() {
            let u = u.as_str();
            if !w.index.contains_key(u) {
                visit(w, u);
                let low = w.low[v].min(w.low[u]);
                w.low.insert(v, low);
            } else if w.on_stack.contains(u) {
                let low = w.low[v].min(w.index[u]);
                w.low.insert(v, low);
            }
        }
        if w.low[v] == w.index[v] {
            let mut component = Vec::new();
            while let Some(u) = w.stack.pop() {
                w.on_stack.remove(u);
                component.push(u.to_owned());
                if u == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                w.found.push(component);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !w.index.contains_key(v.as_str()) {
            visit(&mut w, v);
        }
    }
    w.found
}

/// Every import against the layers, and every cycle.
fn violations(graph: &Graph) -> Vec<String> {
    let mut found = Vec::new();
    for (module, imports) in graph {
        let Some(from) = layer(module) else {
            found.push(format!(
                "{module} has no layer: place it in `layer` of tests/layers.rs"
            ));
            continue;
        };
        for to_module in imports {
            let Some(to) = layer(to_module) else { continue };
            if to > from {
                found.push(format!(
                    "{module} ({}) imports {to_module} ({}), a layer above it",
                    from.name(),
                    to.name()
                ));
            } else if from == Layer::Leaf && !to_module.starts_with(&format!("{module}::")) {
                // A leaf may be split into files of its own (generated data), no more.
                found.push(format!("{module} is a leaf but imports {to_module}"));
            } else if from == Layer::Pages && to == Layer::Pages {
                found.push(format!(
                    "page {module} imports page {to_module}: move what they share to a component or a state module"
                ));
            }
        }
    }
    for cycle in cycles(graph) {
        found.push(format!("a cycle: {}", cycle.join(" ⇄ ")));
    }
    found
}

/// The modules other than `api` that name a way to talk HTTP.
fn http_outside_api(sources: &[(String, String)]) -> Vec<String> {
    sources
        .iter()
        .filter(|(m, _)| m != "api")
        .flat_map(|(m, code)| {
            let toks = tokens(&code_only(code));
            HTTP.iter()
                .filter(move |name| toks.iter().any(|t| is_ident(Some(t), name)))
                .map(move |name| format!("{m} uses {name}: only api talks HTTP"))
        })
        .collect()
}

/// The graph as text: per layer, every module with what it imports, grouped by layer.
fn report(graph: &Graph) -> String {
    let mut out = String::new();
    let mut by_layer: BTreeMap<Option<Layer>, Vec<&String>> = BTreeMap::new();
    for module in graph.keys() {
        by_layer.entry(layer(module)).or_default().push(module);
    }
    for (l, modules) in by_layer.iter().rev() {
        let _ = writeln!(out, "[{}]", l.map_or("no layer", |l| l.name()));
        for module in modules {
            let mut groups: BTreeMap<Option<Layer>, Vec<&str>> = BTreeMap::new();
            for import in &graph[*module] {
                groups.entry(layer(import)).or_default().push(import);
            }
            let imports = groups
                .iter()
                .rev()
                .map(|(l, ms)| format!("{}: {}", l.map_or("?", |l| l.name()), ms.join(", ")))
                .collect::<Vec<_>>()
                .join(" | ");
            let imports = if imports.is_empty() {
                "(nothing of the app)".to_owned()
            } else {
                imports
            };
            let _ = writeln!(out, "  {module} → {imports}");
        }
    }
    out
}

#[test]
fn the_app_is_layered() {
    let sources = sources();
    let graph = graph_of(&sources);
    println!("{}", report(&graph));
    let mut problems = violations(&graph);
    problems.extend(http_outside_api(&sources));
    assert!(
        problems.is_empty(),
        "the module graph breaks the layers:\n{}",
        problems.join("\n")
    );
}

#[test]
fn imports_are_found_in_use_trees_paths_and_relative_paths() {
    let modules: BTreeSet<String> = [
        "crate",
        "api",
        "paths",
        "pages",
        "pages::home",
        "pages::form",
        "pages::form::step",
        "components",
        "components::fields",
        "components::fields::frame",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    let code = r##"
        //! Links to [`crate::pages::home`] in a comment count for nothing.
        use crate::api::{self, ApiError};
        use crate::{paths::{FormLink, drafts_path as drafts}, pages::form::*};
        use super::Session;
        pub(crate) fn f() -> &'static str {
            let _ = frame::Around::Label;
            let _ = '\'';
            let _ = r#"crate::pages::home "quoted""#;
            crate::components::fields::FieldView::<u8>::new();
            "crate::pages::home"
        }
        #[cfg(test)]
        mod tests {
            use super::*;
            use super::super::Session;
        }
    "##;
    let found: BTreeSet<String> = paths_named("components::fields", code, &modules)
        .iter()
        .map(|p| module_of(p, &modules))
        .collect();
    let expected: BTreeSet<String> = [
        "api",
        "paths",
        "pages::form",
        "components",
        "components::fields",
        "components::fields::frame",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn cycles_and_imports_against_the_layers_are_found() {
    let graph: Graph = [
        ("drafts", &["receipts"][..]),
        ("receipts", &["drafts"]),
        ("components::layout", &["pages::not_found", "paths"]),
        ("pages::drafts", &["pages::form::start"]),
        ("pages::form::start", &[]),
        ("pages::not_found", &[]),
        ("paths", &["i18n"]),
        ("i18n", &[]),
        ("widgets", &[]),
    ]
    .into_iter()
    .map(|(m, is)| (m.to_owned(), is.iter().map(|s| s.to_string()).collect()))
    .collect();
    let found = violations(&graph);
    let expected = [
        "components::layout (4 components) imports pages::not_found (5 pages), a layer above it",
        "page pages::drafts imports page pages::form::start: move what they share to a component or a state module",
        "paths is a leaf but imports i18n",
        "widgets has no layer: place it in `layer` of tests/layers.rs",
        "a cycle: drafts ⇄ receipts",
    ];
    assert_eq!(found, expected);
}
