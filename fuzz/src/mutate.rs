//! Mutators: text (bytes, lines, tokens, nesting) and JSON (structure).
//! Every mutated input is valid UTF-8, since every entry point of the
//! generator reads text.

use serde_json::{Map, Value};

/// A small, fast, seedable generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Small numbers much more often than large ones: `1..=max`.
    pub fn small(&mut self, max: usize) -> usize {
        let bits = self.below(usize::BITS as usize - max.leading_zeros() as usize + 1);
        (1 + self.below(1 << bits)).min(max.max(1))
    }
}

/// What a mutator may draw on: tokens of the target's syntax, words, and
/// the other inputs of the corpus.
pub struct Dict<'a> {
    pub tokens: &'a [String],
    pub words: &'a [String],
    /// Pairs that open and close a nesting level (`<details>`, `- `).
    pub wrappers: &'a [(String, String)],
    /// Deepest nesting a mutation builds at once.
    pub max_nest: usize,
}

fn boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn random_pos(s: &str, rng: &mut Rng) -> usize {
    boundary(s, rng.below(s.len() + 1))
}

fn random_range(s: &str, rng: &mut Rng, max_len: usize) -> (usize, usize) {
    let a = random_pos(s, rng);
    let b = boundary(s, a + rng.small(max_len));
    (a, b.max(a))
}

const CHARS: &[&str] = &[
    "\n", " ", "  ", "\t", "*", "`", "<", ">", "/", "|", "#", "-", "_", ".", "\"", "'", "{", "}", "[", "]", "\\", "é",
    "\u{a0}", "\u{200b}", "0", "a", "Z", ":", "=", "!", "&",
];

/// One random edit of a text.
pub fn mutate_text(s: &mut String, donor: &str, dict: &Dict, rng: &mut Rng) {
    match rng.below(14) {
        0 | 1 => {
            let at = random_pos(s, rng);
            let tok = if dict.tokens.is_empty() || rng.chance(20) {
                *rng.pick(CHARS)
            } else {
                rng.pick(dict.tokens).as_str()
            };
            s.insert_str(at, tok);
        }
        2 => {
            let (a, b) = random_range(s, rng, 64);
            s.replace_range(a..b, "");
        }
        3 => {
            let (a, b) = random_range(s, rng, 128);
            let piece = s[a..b].to_owned();
            let at = random_pos(s, rng);
            s.insert_str(at, &piece);
        }
        4 => {
            let (a, b) = random_range(s, rng, 1);
            let c = *rng.pick(CHARS);
            s.replace_range(a..b, c);
        }
        5..=7 => mutate_lines(s, donor, dict, rng),
        8 => replace_word(s, donor, dict, rng),
        9 => {
            // Splice: the start of this input, the end of another, at lines.
            let cut = line_starts(s);
            let cut_d = line_starts(donor);
            let a = *rng.pick(&cut);
            let b = *rng.pick(&cut_d);
            s.truncate(a);
            s.push_str(&donor[b..]);
        }
        10 => nest(s, dict, rng),
        11 => {
            // Flip the case of a few ASCII letters.
            let (a, b) = random_range(s, rng, 16);
            let flipped: String = s[a..b]
                .chars()
                .map(|c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect();
            s.replace_range(a..b, &flipped);
        }
        12 => {
            let at = random_pos(s, rng);
            s.truncate(at);
        }
        _ => {
            // A whole line of the donor, inserted at a line start.
            let lines: Vec<&str> = donor.lines().collect();
            if lines.is_empty() {
                return;
            }
            let line = format!("{}\n", rng.pick(&lines));
            let at = *rng.pick(&line_starts(s));
            s.insert_str(at, &line);
        }
    }
}

fn line_starts(s: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(s.match_indices('\n').map(|(i, _)| i + 1));
    v
}

fn mutate_lines(s: &mut String, donor: &str, dict: &Dict, rng: &mut Rng) {
    let mut lines: Vec<String> = s.split('\n').map(str::to_owned).collect();
    let n = lines.len();
    let i = rng.below(n);
    match rng.below(8) {
        0 => {
            let k = rng.small(8).min(n - i);
            lines.drain(i..i + k);
        }
        1 => {
            let k = rng.small(8).min(n - i);
            let copy: Vec<String> = lines[i..i + k].to_vec();
            let at = rng.below(lines.len() + 1);
            lines.splice(at..at, copy);
        }
        2 => {
            let j = rng.below(n);
            lines.swap(i, j);
        }
        3 => {
            // Indent or dedent.
            let line = &mut lines[i];
            if rng.chance(50) {
                let pad = *rng.pick(&["  ", "    ", "\t", " ", "        "]);
                line.insert_str(0, pad);
            } else {
                let keep = line.trim_start().len();
                let cut = boundary(line, (line.len() - keep).min(rng.small(4)));
                line.replace_range(..cut, "");
            }
        }
        4 => {
            // A token alone on a line.
            if !dict.tokens.is_empty() {
                let tok = rng.pick(dict.tokens).clone();
                lines.insert(i, tok);
            }
        }
        5 => {
            // Line endings.
            let ending = if rng.chance(90) { "\r" } else { "\u{2028}" };
            lines[i].push_str(ending);
        }
        6 => {
            let d: Vec<&str> = donor.split('\n').collect();
            let j = rng.below(d.len());
            let k = rng.small(16).min(d.len() - j);
            let at = rng.below(lines.len() + 1);
            lines.splice(at..at, d[j..j + k].iter().map(|l| (*l).to_owned()));
        }
        _ => {
            // Empty lines in or out.
            if lines[i].trim().is_empty() {
                lines.remove(i);
            } else {
                lines.insert(i, String::new());
            }
        }
    }
    *s = lines.join("\n");
}

/// Replaces an identifier-like word with a word of the dictionary or the
/// donor.
fn replace_word(s: &mut String, donor: &str, dict: &Dict, rng: &mut Rng) {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    let at = random_pos(s, rng);
    let Some(start) = s[at..].find(is_word).map(|i| at + i) else { return };
    let end = s[start..].find(|c: char| !is_word(c)).map_or(s.len(), |i| start + i);
    let word = if dict.words.is_empty() || rng.chance(30) {
        let words: Vec<&str> = donor.split(|c: char| !is_word(c)).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return;
        }
        rng.pick(&words).to_string()
    } else {
        rng.pick(dict.words).clone()
    };
    s.replace_range(start..end, &word);
}

/// Wraps a range of lines in an opening and closing pair, several times.
fn nest(s: &mut String, dict: &Dict, rng: &mut Rng) {
    if dict.wrappers.is_empty() {
        return;
    }
    let (open, close) = rng.pick(dict.wrappers);
    let depth = rng.small(dict.max_nest.max(1));
    let starts = line_starts(s);
    let a = *rng.pick(&starts);
    let b = (*rng.pick(&starts)).max(a);
    let inner = s[a..b].to_owned();
    let mut out = String::with_capacity(s.len() + depth * (open.len() + close.len()));
    out.push_str(&s[..a]);
    for _ in 0..depth {
        out.push_str(open);
    }
    out.push_str(&inner);
    for _ in 0..depth {
        out.push_str(close);
    }
    out.push_str(&s[b..]);
    *s = out;
}

/// Strings and numbers a JSON mutation may put in.
pub struct Pool {
    pub strings: Vec<String>,
    pub keys: Vec<String>,
}

impl Pool {
    pub fn absorb(&mut self, v: &Value) {
        match v {
            Value::String(s) if self.strings.len() < 20_000 && s.len() < 200 => self.strings.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|v| self.absorb(v)),
            Value::Object(m) => {
                for (k, v) in m {
                    if self.keys.len() < 20_000 {
                        self.keys.push(k.clone());
                    }
                    self.absorb(v);
                }
            }
            _ => {}
        }
    }
}

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn collect_paths(v: &Value, path: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    if out.len() >= 4000 {
        return;
    }
    out.push(path.clone());
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(Seg::Index(i));
                collect_paths(x, path, out);
                path.pop();
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                path.push(Seg::Key(k.clone()));
                collect_paths(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'a>(mut v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    for seg in path {
        v = match (v, seg) {
            (Value::Array(a), Seg::Index(i)) => &mut a[*i],
            (Value::Object(m), Seg::Key(k)) => m.get_mut(k).expect("a collected path"),
            _ => unreachable!("paths are collected from this value"),
        };
    }
    v
}

fn random_node<'a>(v: &'a Value, rng: &mut Rng) -> &'a Value {
    let mut paths = Vec::new();
    collect_paths(v, &mut Vec::new(), &mut paths);
    let path = rng.pick(&paths).clone();
    let mut v = v;
    for seg in &path {
        v = match (v, seg) {
            (Value::Array(a), Seg::Index(i)) => &a[*i],
            (Value::Object(m), Seg::Key(k)) => &m[k],
            _ => unreachable!(),
        };
    }
    v
}

fn scalar(pool: &Pool, rng: &mut Rng) -> Value {
    match rng.below(16) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => Value::from(0),
        3 => Value::from(-1),
        4 => Value::from(u64::MAX),
        5 => Value::from(i64::MIN),
        6 => Value::from(1.5),
        7 => Value::from(1e300),
        8 => Value::from(""),
        9 => Value::from("0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f"),
        10 => Value::from(*rng.pick(&[
            "2025-06-14T16:54:17.946242Z",
            "2025-06-14T16:54:17+02:00",
            "2025-06-14 16:54:17Z",
            "2025-13-40T99:99:99Z",
            "+275760-09-13T00:00:00Z",
            "1970-01-01T00:00:00.000000000000Z",
            "2025-06-14T16:54:17.946242z",
            "2025-06-14t16:54:17Z",
            "0E2C7F4A-1111-4C3B-9D2E-7A6B5C4D3E2F",
            "{0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f}",
            "urn:uuid:0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f",
            "0e2c7f4a11114c3b9d2e7a6b5c4d3e2f",
            "\u{0}",
            "é",
        ])),
        11 => Value::Array(Vec::new()),
        12 => Value::Object(Map::new()),
        _ => match pool.strings.is_empty() {
            true => Value::from("x"),
            false => Value::from(rng.pick(&pool.strings).clone()),
        },
    }
}

/// One random edit of a JSON value's structure.
pub fn mutate_json(v: &mut Value, donor: &Value, pool: &Pool, rng: &mut Rng) {
    let mut paths = Vec::new();
    collect_paths(v, &mut Vec::new(), &mut paths);
    let path = rng.pick(&paths).clone();
    let node = get_mut(v, &path);
    match rng.below(10) {
        0 | 1 => *node = scalar(pool, rng),
        2 => match node {
            Value::Object(m) if !m.is_empty() => {
                let k = m.keys().nth(rng.below(m.len())).cloned().expect("not empty");
                m.remove(&k);
            }
            Value::Array(a) if !a.is_empty() => {
                a.remove(rng.below(a.len()));
            }
            _ => *node = Value::Null,
        },
        3 => {
            let key = if pool.keys.is_empty() { "x".to_owned() } else { rng.pick(&pool.keys).clone() };
            let value = if rng.chance(50) { random_node(donor, rng).clone() } else { scalar(pool, rng) };
            match node {
                Value::Object(m) => {
                    m.insert(key, value);
                }
                Value::Array(a) => a.insert(rng.below(a.len() + 1), value),
                _ => *node = value,
            }
        }
        4 => *node = random_node(donor, rng).clone(),
        5 => match node {
            Value::Array(a) if !a.is_empty() => {
                let x = a[rng.below(a.len())].clone();
                for _ in 0..rng.small(8) {
                    a.push(x.clone());
                }
            }
            _ => {
                let inner = node.take();
                *node = if rng.chance(50) {
                    Value::Array(vec![inner])
                } else {
                    let key = if pool.keys.is_empty() { "x".to_owned() } else { rng.pick(&pool.keys).clone() };
                    Value::Object(Map::from_iter([(key, inner)]))
                };
            }
        },
        6 => {
            if let Value::Object(m) = node
                && !m.is_empty()
                && !pool.keys.is_empty()
            {
                let k = m.keys().nth(rng.below(m.len())).cloned().expect("not empty");
                let x = m.remove(&k).expect("present");
                m.insert(rng.pick(&pool.keys).clone(), x);
            }
        }
        7 => {
            if let Value::String(s) = node {
                let no: [String; 0] = [];
                let dict = Dict { tokens: &no, words: &no, wrappers: &[], max_nest: 1 };
                let donor = s.clone();
                mutate_text(s, &donor, &dict, rng);
            } else {
                *node = scalar(pool, rng);
            }
        }
        8 => {
            if let Value::Number(n) = node {
                *node = match rng.below(5) {
                    0 => n.as_i64().map_or(Value::from(0), |i| Value::from(i.wrapping_add(1))),
                    1 => n.as_f64().map_or(Value::from(0), |f| Value::from(-f)),
                    2 => Value::from(n.as_f64().unwrap_or(0.0) + 0.5),
                    3 => Value::from(u64::MAX - rng.below(3) as u64),
                    _ => Value::from(rng.below(1000) as i64 - 500),
                };
            } else {
                *node = Value::from(rng.below(100));
            }
        }
        _ => {
            if let Value::Object(m) = node {
                // Keys in another order: shuffle by re-inserting.
                let mut entries: Vec<(String, Value)> = std::mem::take(m).into_iter().collect();
                for i in (1..entries.len()).rev() {
                    entries.swap(i, rng.below(i + 1));
                }
                m.extend(entries);
            } else {
                *node = scalar(pool, rng);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_mutations_keep_utf8_and_never_panic() {
        let tokens = vec!["<details>".to_owned(), "é".to_owned()];
        let words = vec!["self".to_owned()];
        let wrappers = vec![("<details>\n".to_owned(), "</details>\n".to_owned())];
        let dict = Dict { tokens: &tokens, words: &words, wrappers: &wrappers, max_nest: 20 };
        let mut rng = Rng::new(7);
        let mut s = "\u{a0}\u{a0}ab é\n**`x`** *UUID*\n\nüñí\n".to_owned();
        for _ in 0..5000 {
            mutate_text(&mut s, "donor é text\nline two", &dict, &mut rng);
            if s.len() > 4000 {
                s.truncate(boundary(&s, 100));
            }
        }
    }

    #[test]
    fn json_mutations_never_panic() {
        let mut pool = Pool { strings: Vec::new(), keys: Vec::new() };
        let donor = serde_json::json!({"a": [1, {"b": "c"}], "event_type": "x.y"});
        pool.absorb(&donor);
        let mut rng = Rng::new(3);
        let mut v = donor.clone();
        for _ in 0..5000 {
            mutate_json(&mut v, &donor, &pool, &mut rng);
            if v.to_string().len() > 10_000 {
                v = donor.clone();
            }
        }
    }
}
