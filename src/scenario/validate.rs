//! The checks every scenario must pass before it can be played.

use super::load::forbidden_char;
use super::{Condition, Diagnostic, Locator, Move, PathSeg, Scenario};
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// Placeholders a text may use.
pub const PLACEHOLDERS: [&str; 2] = ["name", "first"];

struct Checker<'a> {
    scenario: &'a Scenario,
    file: &'a str,
    /// The file's text: a character written there literally was already reported
    /// where it stands, by the loader's scan.
    source: &'a str,
    locator: Locator,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, path: &[PathSeg], message: impl Into<String>) {
        let pos = self.locator.locate(path);
        self.out.push(Diagnostic::error(self.file, Some(pos), message));
    }

    /// Text shown before a customer is drawn (library, ids, names): placeholders
    /// would print literally, so they are refused.
    fn plain_text(&mut self, path: &[PathSeg], what: &str, text: &str) {
        self.text(path, what, text);
        if text.contains("{name}") || text.contains("{first}") {
            self.error(
                path,
                format!("{what} is shown before a customer is drawn, so it cannot use {{name}} or {{first}}"),
            );
        }
    }

    fn text(&mut self, path: &[PathSeg], what: &str, text: &str) {
        if text.trim().is_empty() {
            self.error(path, format!("{what} is empty"));
            return;
        }
        if let Err(problem) = check_placeholders(text) {
            self.error(path, format!("{what}: {problem}"));
        }
    }

    fn range(&mut self, path: &[PathSeg], what: &str, value: i64, min: i64, max: i64) {
        if value < min || value > max {
            self.error(path, format!("{what} is {value}; it must be between {min} and {max}"));
        }
    }
}

/// Every string the file carries, wherever it sits (names, ids, flags, conditions,
/// test picks…), checked for characters that could steer a terminal. The parsed
/// scenario is walked generically, so a field added later is checked too.
fn check_every_string(c: &mut Checker, scenario: &Scenario) {
    let Ok(value) = serde_json::to_value(scenario) else { return };
    let mut path = Vec::new();
    walk_strings(c, &value, &mut path, false);
}

fn walk_strings<'v>(c: &mut Checker, value: &'v serde_json::Value, path: &mut Vec<PathSeg<'v>>, in_map: bool) {
    use serde_json::Value;
    match value {
        Value::String(text) => forbid_in(c, path, text),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(PathSeg::Index(i));
                walk_strings(c, item, path, false);
                path.pop();
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                // A map's keys (node ids) come from the file too; an enum variant's
                // name (`NotFlag`, `LookUp`…) does not, and has no place of its own.
                let seg = if in_map {
                    Some(PathSeg::Key(key))
                } else if key.starts_with(|k: char| k.is_ascii_uppercase()) {
                    None
                } else {
                    Some(PathSeg::Field(key))
                };
                path.extend(seg);
                if in_map {
                    forbid_in(c, path, key);
                }
                walk_strings(c, item, path, !in_map && key == "nodes");
                if seg.is_some() {
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

fn forbid_in(c: &mut Checker, path: &[PathSeg], text: &str) {
    let escaped = |ch: char| !c.source.contains(ch);
    if let Some((ch, what)) =
        text.chars().filter(|&ch| escaped(ch)).find_map(|ch| forbidden_char(ch).map(|what| (ch, what)))
    {
        let field = path
            .iter()
            .map(|seg| match seg {
                PathSeg::Field(name) => format!(".{name}"),
                PathSeg::Key(key) => format!("[\"{}\"]", key.escape_debug()),
                PathSeg::Index(i) => format!("[{i}]"),
            })
            .collect::<String>();
        let field = field.trim_start_matches('.');
        c.error(path, format!("{field} contains {what} (U+{:04X}), which is not allowed", ch as u32));
    }
}

/// Checks `{name}`/`{first}` placeholders; any other `{...}` is a typo.
pub fn check_placeholders(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a `}` with no matching `{`".into());
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err("a `{` that is never closed".into());
        };
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(format!("unknown placeholder {{{name}}}; use {{name}} or {{first}}"));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// Validates a parsed scenario; `text` is its source, used to point at problems.
pub fn validate(scenario: &Scenario, file: &str, text: &str) -> Vec<Diagnostic> {
    let mut c = Checker { scenario, file, source: text, locator: Locator::new(text), out: Vec::new() };
    use PathSeg::{Field as F, Index as I, Key as K};

    check_every_string(&mut c, scenario);
    let s = scenario;
    if s.id.is_empty() || !s.id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-') {
        c.error(&[F("id")], format!("id \"{}\" must use only a-z, 0-9 and '-'", s.id.escape_debug()));
    } else if s.id.starts_with('-') {
        c.error(&[F("id")], format!("id \"{}\" must start with a letter or a digit", s.id));
    }
    c.plain_text(&[F("title")], "title", &s.title);
    c.plain_text(&[F("summary")], "summary", &s.summary);
    c.plain_text(&[F("track")], "track", &s.track);
    c.range(&[F("difficulty")], "difficulty", s.difficulty.into(), 1, 5);
    for (i, req) in s.requires.iter().enumerate() {
        if *req == s.id {
            c.error(&[F("requires"), I(i)], "a scenario cannot require itself");
        }
    }

    let cu = &s.customer;
    if cu.names.is_empty() {
        c.error(&[F("customer"), F("names")], "customer needs at least one name");
    }
    for (i, name) in cu.names.iter().enumerate() {
        c.plain_text(&[F("customer"), F("names"), I(i)], "customer name", name);
    }
    c.range(&[F("customer"), F("mood")], "customer mood", cu.mood.into(), 0, 100);
    c.range(&[F("customer"), F("mood_jitter")], "mood_jitter", cu.mood_jitter.into(), 0, 50);

    let mut facts = HashSet::new();
    for (i, fact) in s.desk.iter().enumerate() {
        if !facts.insert(fact.id.as_str()) {
            c.error(&[F("desk"), I(i)], format!("duplicate desk fact id \"{}\"", fact.id));
        }
        c.text(&[F("desk"), I(i), F("id")], "fact id", &fact.id);
        c.text(&[F("desk"), I(i), F("label")], "fact label", &fact.label);
        c.text(&[F("desk"), I(i), F("text")], "fact text", &fact.text);
    }
    let mut options = HashSet::new();
    for (i, opt) in s.options.iter().enumerate() {
        if !options.insert(opt.id.as_str()) {
            c.error(&[F("options"), I(i)], format!("duplicate option id \"{}\"", opt.id));
        }
        c.text(&[F("options"), I(i), F("id")], "option id", &opt.id);
        c.text(&[F("options"), I(i), F("label")], "option label", &opt.label);
    }

    // What any reply can ever make true, for "can never hold" checks.
    let mut learnable: HashSet<&str> = s.desk.iter().filter(|f| f.shown).map(|f| f.id.as_str()).collect();
    let mut explorable = HashSet::new();
    let mut tellable = HashSet::new();
    let mut settable = HashSet::new();
    for node in s.nodes.values() {
        for reply in &node.replies {
            for mv in &reply.moves {
                match mv {
                    Move::LookUp(f) | Move::Ask(f) => {
                        learnable.insert(f.as_str());
                    }
                    Move::Tell(f) => {
                        tellable.insert(f.as_str());
                    }
                    // Only Explore marks an option explored; Commit does not.
                    Move::Explore(o) => {
                        explorable.insert(o.as_str());
                    }
                    _ => {}
                }
            }
            settable.extend(reply.set.iter().map(String::as_str));
        }
    }

    match s.nodes.get(&s.start) {
        None => c.error(&[F("start")], format!("start names \"{}\", which is not a node", s.start)),
        Some(node) if node.end.is_some() => c.error(
            &[F("start")],
            format!("start names \"{}\", an ending, so the conversation would be over before it began", s.start),
        ),
        Some(_) => {}
    }
    for (id, at) in c.locator.repeated_keys(&[F("nodes")]) {
        c.out.push(Diagnostic::error(
            file,
            Some(at),
            format!("node \"{id}\" is defined twice; node ids must be unique"),
        ));
    }
    if s.nodes.is_empty() {
        c.error(&[F("nodes")], "a scenario needs at least one node");
    }

    let check_conditions = |c: &mut Checker, base: &[PathSeg], conds: &[Condition], reply_like: bool| {
        let mut flags_on = HashSet::new();
        let mut flags_off = HashSet::new();
        let (mut low, mut high) = (0i32, 101i32);
        for (k, cond) in conds.iter().enumerate() {
            let mut path = base.to_vec();
            path.push(I(k));
            match cond {
                Condition::Knows(f) => {
                    if !facts.contains(f.as_str()) {
                        c.error(&path, format!("unknown desk fact \"{f}\""));
                    } else if !learnable.contains(f.as_str()) {
                        c.error(&path, format!("can never hold: fact \"{f}\" is not shown and no reply looks it up"));
                    }
                }
                Condition::Told(f) => {
                    if !facts.contains(f.as_str()) {
                        c.error(&path, format!("unknown desk fact \"{f}\""));
                    } else if !tellable.contains(f.as_str()) {
                        c.error(&path, format!("can never hold: no reply tells the customer fact \"{f}\""));
                    }
                }
                Condition::Explored(o) => {
                    if !options.contains(o.as_str()) {
                        c.error(&path, format!("unknown option \"{o}\""));
                    } else if !explorable.contains(o.as_str()) {
                        c.error(&path, format!("can never hold: no reply explores option \"{o}\""));
                    }
                }
                Condition::Flag(name) => {
                    if !settable.contains(name.as_str()) {
                        c.error(&path, format!("can never hold: no reply sets flag \"{name}\""));
                    }
                    flags_on.insert(name.as_str());
                }
                Condition::NotFlag(name) => {
                    flags_off.insert(name.as_str());
                }
                Condition::MoodAtLeast(n) => {
                    c.range(&path, "MoodAtLeast", (*n).into(), 0, 100);
                    low = low.max(*n);
                }
                Condition::MoodBelow(n) => {
                    c.range(&path, "MoodBelow", (*n).into(), 1, 101);
                    high = high.min(*n);
                }
            }
        }
        if let Some(flag) = flags_on.intersection(&flags_off).next() {
            c.error(base, format!("can never hold: requires flag \"{flag}\" both set and not set"));
        }
        // Mood is at least 1 while a conversation is still going.
        if low >= high || high <= 1 {
            let what = if reply_like { "this reply can never be shown" } else { "this branch can never be taken" };
            c.error(base, format!("{what}: its mood conditions cannot all hold"));
        }
    };

    for (id, node) in &s.nodes {
        let at = [F("nodes"), K(id)];
        if id.is_empty() {
            c.error(&at, "node id is empty");
        }
        if node.say.is_empty() {
            c.error(&[F("nodes"), K(id), F("say")], format!("node \"{id}\" has no `say` line"));
        }
        for (i, line) in node.say.iter().enumerate() {
            c.text(&[F("nodes"), K(id), F("say"), I(i)], "say line", line);
        }
        if let Some(by_mood) = &node.by_mood {
            for (band, lines) in [("calm", &by_mood.calm), ("annoyed", &by_mood.annoyed), ("angry", &by_mood.angry)] {
                for (i, line) in lines.iter().enumerate() {
                    c.text(&[F("nodes"), K(id), F("by_mood"), F(band), I(i)], "mood line", line);
                }
            }
        }
        if let Some(coach) = &node.coach {
            c.text(&[F("nodes"), K(id), F("coach")], "coach note", coach);
        }
        match (node.replies.is_empty(), node.end.is_some()) {
            (true, false) => c.error(&at, format!("node \"{id}\" has neither replies nor an `end`")),
            (false, true) => {
                c.error(&at, format!("node \"{id}\" has both replies and an `end`; an ending has no replies"))
            }
            _ => {}
        }
        for (b, branch) in node.branch.iter().enumerate() {
            let base = [F("nodes"), K(id), F("branch"), I(b)];
            if !s.nodes.contains_key(&branch.goto) {
                c.error(
                    &[F("nodes"), K(id), F("branch"), I(b), F("goto")],
                    format!("goto names \"{}\", which is not a node", branch.goto),
                );
            }
            let mut when = base.to_vec();
            when.push(F("when"));
            check_conditions(&mut c, &when, &branch.when, false);
        }
        for (r, reply) in node.replies.iter().enumerate() {
            let rp = |f: &'static str| [F("nodes"), K(id), F("replies"), I(r), F(f)];
            c.text(&rp("text"), "reply text", &reply.text);
            if !s.nodes.contains_key(&reply.next) {
                c.error(&rp("next"), format!("next names \"{}\", which is not a node", reply.next));
            }
            if reply.moves.is_empty() {
                c.error(&rp("moves"), "a reply needs at least one move");
            }
            for (m, mv) in reply.moves.iter().enumerate() {
                let path = [F("nodes"), K(id), F("replies"), I(r), F("moves"), I(m)];
                match mv {
                    Move::LookUp(f) | Move::Tell(f) | Move::Ask(f) if !facts.contains(f.as_str()) => {
                        let name = match mv {
                            Move::LookUp(_) => "LookUp",
                            Move::Tell(_) => "Tell",
                            _ => "Ask",
                        };
                        c.error(&path, format!("{name} names unknown desk fact \"{f}\""))
                    }
                    Move::Tell(f) if !learnable.contains(f.as_str()) => c.error(
                        &path,
                        format!("Tell can never be credited: fact \"{f}\" is not shown and no reply looks it up"),
                    ),
                    Move::Explore(o) | Move::Commit(o) if !options.contains(o.as_str()) => c.error(
                        &path,
                        format!(
                            "{} names unknown option \"{o}\"",
                            if matches!(mv, Move::Explore(_)) { "Explore" } else { "Commit" }
                        ),
                    ),
                    _ => {}
                }
            }
            check_conditions(&mut c, &rp("when"), &reply.when, true);
            c.range(&rp("mood"), "reply mood", reply.mood.into(), -100, 100);
            if let Some(minutes) = reply.minutes {
                c.range(&rp("minutes"), "minutes", minutes.into(), 0, 7 * 24 * 60);
            }
            for (k, flag) in reply.set.iter().enumerate() {
                let path = [F("nodes"), K(id), F("replies"), I(r), F("set"), I(k)];
                c.text(&path, "flag name", flag);
            }
            if let Some(note) = &reply.note {
                c.text(&rp("note"), "note", note);
            }
        }
    }

    for (t, test) in s.tests.iter().enumerate() {
        let tp = |f: &'static str| [F("tests"), I(t), F(f)];
        c.plain_text(&tp("name"), "test name", &test.name);
        if test.picks.is_empty() {
            c.error(&tp("picks"), "a scenario test needs at least one pick");
        }
        for (field, bound) in [("min_mood", test.min_mood), ("max_mood", test.max_mood)] {
            if let Some(bound) = bound {
                c.range(&tp(field), field, bound.into(), 0, 100);
            }
        }
    }

    if s.nodes.contains_key(&s.start) {
        check_graph(&mut c);
    }
    c.out
}

/// Structural reachability: nodes that no path reaches, and loops no path leaves.
/// The exhaustive state analysis of `frontline check` refines this.
fn check_graph(c: &mut Checker) {
    let s = c.scenario;
    let edges: HashMap<&str, BTreeSet<&str>> = s
        .nodes
        .iter()
        .map(|(id, node)| {
            let targets = node
                .replies
                .iter()
                .map(|r| r.next.as_str())
                .chain(node.branch.iter().map(|b| b.goto.as_str()))
                .filter(|t| s.nodes.contains_key(*t))
                .collect();
            (id.as_str(), targets)
        })
        .collect();
    let mut reached: HashSet<&str> = HashSet::new();
    let mut queue = VecDeque::from([s.start.as_str()]);
    while let Some(id) = queue.pop_front() {
        if reached.insert(id) {
            queue.extend(edges[id].iter().copied());
        }
    }
    for (id, node) in &s.nodes {
        if !reached.contains(id.as_str()) {
            let what = if node.end.is_some() { "ending" } else { "node" };
            c.error(
                &[PathSeg::Field("nodes"), PathSeg::Key(id)],
                format!("{what} \"{id}\" can never be reached from start \"{}\"", s.start),
            );
        }
    }
    // Nodes from which some ending is reachable, found backwards from the endings.
    let mut can_end: HashSet<&str> =
        s.nodes.iter().filter(|(_, n)| n.end.is_some()).map(|(id, _)| id.as_str()).collect();
    loop {
        let before = can_end.len();
        for (id, targets) in &edges {
            if targets.iter().any(|t| can_end.contains(t)) {
                can_end.insert(id);
            }
        }
        if can_end.len() == before {
            break;
        }
    }
    // Nodes with no replies at all are already reported above.
    let live =
        |(id, n): &(&String, &super::Node)| n.end.is_none() && !n.replies.is_empty() && reached.contains(id.as_str());
    for (id, _) in s.nodes.iter().filter(live) {
        if !can_end.contains(id.as_str()) {
            c.error(
                &[PathSeg::Field("nodes"), PathSeg::Key(id)],
                format!("node \"{id}\" is in a loop with no way out: no ending can be reached from it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check_placeholders;

    #[test]
    fn placeholders_accept_name_and_first() {
        assert!(check_placeholders("Hi {first}, I'm sorry {name}.").is_ok());
        assert!(check_placeholders("no braces").is_ok());
    }

    #[test]
    fn placeholders_reject_unknown_and_unbalanced() {
        assert!(check_placeholders("Hi {frist}").unwrap_err().contains("{frist}"));
        assert!(check_placeholders("Hi {first").is_err());
        assert!(check_placeholders("Hi first}").is_err());
    }
}
