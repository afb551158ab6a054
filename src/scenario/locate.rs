//! Finds where a value sits in a RON source, so that errors found after parsing
//! (a `next` naming no node, an unreachable ending…) can still say `line:col`.
//!
//! The source has already parsed, so this scanner only needs to follow its shape:
//! structs, tuples, lists and maps, skipping strings and comments.

/// One step into a value: a struct field, a list element or a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathSeg<'a> {
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

/// 1-based line and column (in characters), as ron reports them.
pub type Pos = (usize, usize);

#[derive(Debug)]
struct Item {
    /// Where the key (field name or map key) starts, or the value for list elements.
    at: Pos,
    key: Option<String>,
    value: Value,
}

#[derive(Debug)]
struct Value {
    at: Pos,
    children: Vec<Item>,
}

/// An index of positions in one RON text.
#[derive(Debug)]
pub struct Locator {
    root: Option<Value>,
}

impl Locator {
    pub fn new(src: &str) -> Locator {
        let mut scanner = Scanner::new(src);
        scanner.skip_trivia();
        let root = scanner.value(0);
        Locator { root }
    }

    /// Position of the deepest part of `path` that exists (the whole file's start
    /// if nothing matches).
    pub fn locate(&self, path: &[PathSeg]) -> Pos {
        self.descend(path).at
    }

    /// Keys that appear more than once in the map or struct at `path`, with the
    /// position of each repeat (serde keeps only the last silently).
    pub fn repeated_keys(&self, path: &[PathSeg]) -> Vec<(String, Pos)> {
        let Reached { value: Some(value), whole_path: true, .. } = self.descend(path) else { return Vec::new() };
        let mut seen = std::collections::HashSet::new();
        value
            .children
            .iter()
            .filter_map(|item| item.key.as_ref().map(|k| (k, item.at)))
            .filter(|(k, _)| !seen.insert(k.as_str()))
            .map(|(k, at)| (k.clone(), at))
            .collect()
    }

    /// Follows `path` as far as it exists.
    fn descend(&self, path: &[PathSeg]) -> Reached<'_> {
        let Some(mut value) = self.root.as_ref() else {
            return Reached { value: None, whole_path: false, at: (1, 1) };
        };
        let mut at = value.at;
        for seg in path {
            let found = match *seg {
                PathSeg::Field(name) | PathSeg::Key(name) => {
                    value.children.iter().find(|item| item.key.as_deref() == Some(name))
                }
                PathSeg::Index(i) => value.children.get(i),
            };
            match found {
                Some(item) => {
                    at = item.at;
                    value = &item.value;
                }
                None => return Reached { value: Some(value), whole_path: false, at },
            }
        }
        Reached { value: Some(value), whole_path: true, at }
    }
}

/// Where following a path ended: the value reached, whether the whole path
/// matched, and the position of the deepest match.
struct Reached<'a> {
    value: Option<&'a Value>,
    whole_path: bool,
    at: Pos,
}

/// Nesting deeper than this is not followed; ron's own recursion limit is lower.
const MAX_DEPTH: usize = 256;

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    col: usize,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a str) -> Self {
        Scanner { chars: src.chars().peekable(), line: 1, col: 1 }
    }

    fn pos(&self) -> Pos {
        (self.line, self.col)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    /// Skips white space, comments and `#![enable(...)]` attributes.
    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') => {
                    self.bump();
                    match self.peek() {
                        Some('/') => {
                            while let Some(c) = self.bump() {
                                if c == '\n' {
                                    break;
                                }
                            }
                        }
                        Some('*') => {
                            self.bump();
                            let mut depth = 1;
                            let mut prev = '\0';
                            while let Some(c) = self.bump() {
                                if prev == '/' && c == '*' {
                                    depth += 1;
                                    prev = '\0';
                                    continue;
                                }
                                if prev == '*' && c == '/' {
                                    depth -= 1;
                                    if depth == 0 {
                                        break;
                                    }
                                    prev = '\0';
                                    continue;
                                }
                                prev = c;
                            }
                        }
                        _ => {}
                    }
                }
                Some('#') => {
                    // `#![enable(...)]`: skip to the closing bracket.
                    while let Some(c) = self.bump() {
                        if c == ']' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn string(&mut self) -> String {
        let mut out = String::new();
        self.bump(); // opening quote
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    if let Some(next) = self.bump() {
                        out.push(next);
                    }
                }
                '"' => break,
                c => out.push(c),
            }
        }
        out
    }

    fn raw_string(&mut self) {
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // opening quote
        'outer: while let Some(c) = self.bump() {
            if c == '"' {
                let mut seen = 0;
                while seen < hashes && self.peek() == Some('#') {
                    self.bump();
                    seen += 1;
                }
                if seen == hashes {
                    break 'outer;
                }
            }
        }
    }

    fn word(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '+') {
                out.push(c);
                self.bump();
            } else {
                break;
            }
        }
        out
    }

    /// Reads one value; `None` at the end of input or on a closing bracket.
    fn value(&mut self, depth: usize) -> Option<Value> {
        self.skip_trivia();
        let at = self.pos();
        let c = self.peek()?;
        let mut value = Value { at, children: Vec::new() };
        match c {
            '"' => {
                self.string();
            }
            '\'' => {
                self.bump();
                while let Some(c) = self.bump() {
                    if c == '\\' {
                        self.bump();
                    } else if c == '\'' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => self.group(&mut value, depth),
            ')' | ']' | '}' | ',' | ':' => return None,
            'r' if self.is_raw_string_start() => self.raw_string(),
            _ => {
                let word = self.word();
                if word.is_empty() {
                    self.bump();
                }
                self.skip_trivia();
                if self.peek() == Some('(') {
                    self.group(&mut value, depth);
                }
            }
        }
        Some(value)
    }

    fn is_raw_string_start(&self) -> bool {
        let mut ahead = self.chars.clone();
        ahead.next();
        matches!(ahead.next(), Some('"') | Some('#'))
    }

    /// Reads a bracketed group into `value.children`.
    fn group(&mut self, value: &mut Value, depth: usize) {
        let open = self.bump().unwrap_or('(');
        let close = match open {
            '[' => ']',
            '{' => '}',
            _ => ')',
        };
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                    continue;
                }
                _ => {}
            }
            if depth >= MAX_DEPTH {
                self.bump();
                continue;
            }
            let item_at = self.pos();
            let Some(first) = self.keyed_or_plain(open, depth) else {
                // A stray closing bracket of another kind: consume it to make progress.
                self.bump();
                continue;
            };
            let item = match first {
                (Some(key), _) => {
                    let child = self.value(depth + 1).unwrap_or(Value { at: self.pos(), children: Vec::new() });
                    Item { at: item_at, key: Some(key), value: child }
                }
                (None, plain) => Item { at: item_at, key: None, value: plain },
            };
            value.children.push(item);
        }
    }

    /// Reads `key:` (returning the key) or a plain value.
    fn keyed_or_plain(&mut self, open: char, depth: usize) -> Option<(Option<String>, Value)> {
        let at = self.pos();
        let c = self.peek()?;
        if open == '{' && c == '"' {
            let key = self.string();
            self.skip_trivia();
            if self.peek() == Some(':') {
                self.bump();
            }
            return Some((Some(key), Value { at, children: Vec::new() }));
        }
        if matches!(open, '(' | '{') && (c.is_alphabetic() || c == '_') && !self.is_raw_string_start() {
            // Either `field: value` (or a map key that is a word, such as `Phone:` in a
            // rules file) or a plain value such as `Resolved` or `LookUp("x")`.
            let mut ahead = self.chars.clone();
            let mut word = String::new();
            while let Some(&ch) = ahead.peek() {
                if ch.is_alphanumeric() || ch == '_' {
                    word.push(ch);
                    ahead.next();
                } else {
                    break;
                }
            }
            while let Some(&ch) = ahead.peek() {
                if ch == ' ' || ch == '\t' {
                    ahead.next();
                } else {
                    break;
                }
            }
            if ahead.peek() == Some(&':') {
                for _ in 0..word.chars().count() {
                    self.bump();
                }
                self.skip_trivia();
                self.bump(); // ':'
                return Some((Some(word), Value { at, children: Vec::new() }));
            }
        }
        let value = self.value(depth + 1)?;
        Some((None, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"// a comment
Scenario(
    id: "x",
    nodes: {
        "open": (
            say: ["Hi (there)", "two"],
            replies: [
                (text: "a", moves: [LookUp("f")], next: "nowhere"),
            ],
        ),
    },
)
"#;

    #[test]
    fn finds_a_struct_field() {
        let loc = Locator::new(SRC);
        assert_eq!(loc.locate(&[PathSeg::Field("id")]), (3, 5));
    }

    #[test]
    fn finds_a_map_key_and_nested_field() {
        let loc = Locator::new(SRC);
        assert_eq!(loc.locate(&[PathSeg::Field("nodes"), PathSeg::Key("open")]), (5, 9));
        let next = [
            PathSeg::Field("nodes"),
            PathSeg::Key("open"),
            PathSeg::Field("replies"),
            PathSeg::Index(0),
            PathSeg::Field("next"),
        ];
        assert_eq!(loc.locate(&next), (8, 51));
    }

    #[test]
    fn finds_list_elements() {
        let loc = Locator::new(SRC);
        let say = [PathSeg::Field("nodes"), PathSeg::Key("open"), PathSeg::Field("say"), PathSeg::Index(1)];
        assert_eq!(loc.locate(&say), (6, 33));
    }

    #[test]
    fn finds_repeated_map_keys() {
        let src = "(nodes: {\"a\": (x: 1), \"b\": (), \"a\": (y: 2)})";
        let loc = Locator::new(src);
        assert_eq!(loc.repeated_keys(&[PathSeg::Field("nodes")]), vec![("a".to_string(), (1, 32))]);
        assert!(loc.repeated_keys(&[]).is_empty());
    }

    #[test]
    fn falls_back_to_the_deepest_match() {
        let loc = Locator::new(SRC);
        assert_eq!(loc.locate(&[PathSeg::Field("nodes"), PathSeg::Key("missing")]), (4, 5));
    }

    #[test]
    fn survives_garbage_without_panicking() {
        for src in ["", "(", ")))", "{\"a\": [1, (b: ", "r#\"unterminated", "/* open"] {
            let loc = Locator::new(src);
            let _ = loc.locate(&[PathSeg::Field("a"), PathSeg::Index(3)]);
        }
    }
}
