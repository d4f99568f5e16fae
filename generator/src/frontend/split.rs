//! Splitting enum values that a page shows run together.
//!
//! A browser copy of a docs page loses the list markup, so
//! `access_code.created`, `access_code.changed`, ... arrive as
//! `access_code.createdaccess_code.changed...`. Splitting them back is a
//! word-segmentation problem with a lot of structure:
//!
//! - Values are `namespace.segment(.segment)*` (event types), or words
//!   joined by `_` (`UPPER_SNAKE`, `lower_snake`). The separators that
//!   survive (`.` or `_`) cut the text into *pieces*; a boundary between two
//!   values can only fall *inside* a piece (`created|access_code`), so each
//!   inner piece is either whole or split once into a head (the end of one
//!   value) and a tail (the start of the next).
//! - Each choice is priced like a minimum description length: a token (a
//!   namespace, a segment, a word) that is already known costs almost
//!   nothing; a new one costs its words, and a word nobody has seen costs
//!   its length. Known means: in the values other pages list, or decided
//!   earlier in this same text, so namespaces the other pages never mention
//!   are learnt from the text itself (the first piece is always one).
//! - A boundary is also priced by how words end and start where the text is
//!   certain (at `.`, `_` and the ends): `triggered|lock` beats
//!   `triggere|dlock` because many words end in `ed` and none start in `dl`.
//! - Pieces are decided most confident first, each decision teaching the
//!   next. A piece whose best options are within [`MARGIN`] of each other is
//!   ambiguous: it is not guessed, the stretch is kept whole, and the
//!   caller gets the candidates.
//!
//! Values that tile the text exactly and in one way only, using values known
//! from other pages, are taken as they are before any of this.

// The splitter's own sets are only looked up, never iterated: hashing (Fx,
// fast for short strings) keeps pricing fast, and the result does not
// depend on any order.
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// How much better the best reading must be than the next to be taken.
pub const MARGIN: f64 = 1.0;
/// The price of a segment nobody has seen, on top of its words.
const NEW_TOKEN: f64 = 3.0;
/// The price of a namespace nobody has seen: a list has few of them.
const NEW_NAMESPACE: f64 = 5.0;
/// The price of a word seen elsewhere.
const KNOWN_WORD: f64 = 1.0;
/// The price of reading a piece whole, so that the value goes on with one
/// more segment: most values have one segment (`lock.locked`), few two.
const EXTEND: f64 = 2.0;
/// How much a boundary where words often end and start counts: enough to
/// break ties between splits, not to split what is whole.
const BOUNDARY: f64 = 0.5;
/// The price of leaving the current namespace: lists are grouped by
/// namespace, so most values continue the one before (about 4 to 1 in the
/// events list: 2 bits).
const SWITCH: f64 = 2.0;
/// Below this many sightings a word edge is rare, and one more changes
/// prices enough to price again the pieces that hold it.
const RARE_EDGE: u32 = 16;
/// Every so many decisions, every cached price is thrown away; in a long
/// list, every so many parts of [`REFRESHES`] of it, so that pricing stays
/// near-linear in the length of the list.
const REFRESH: usize = 8;
/// At most this many refreshes in a list; lists the docs show are shorter
/// than `REFRESH * REFRESHES` pieces and refresh every `REFRESH` decisions.
const REFRESHES: usize = 32;
/// How many pieces may stand between two members of a namespace's group.
const GROUP_GAP: usize = 2;
/// Groups are counted up to this size: a namespace's price shared this many
/// ways is next to nothing already, and counting further would make pricing
/// a piece as slow as the list is long.
const MAX_GROUP: u32 = 32;
/// The price of a namespace used once between two values of the same other
/// namespace (`device.sal` + `to.privacy_mode_activated` + `device...`):
/// grouped lists do not do that, so such a split is nearly always a middle
/// segment read wrongly.
const SANDWICH: f64 = 5.0;

/// What the rest of the docs say about the values of an enum.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    values: BTreeSet<String>,
    /// First pieces of dotted values (`access_code`).
    namespaces: BTreeSet<String>,
    /// Every other piece of dotted values (`unmanaged`, `created`).
    segments: BTreeSet<String>,
    /// Words, lowercased: the `_`-separated parts of every piece.
    words: BTreeSet<String>,
}

impl Knowledge {
    pub fn add(&mut self, value: &str) {
        if !self.values.insert(value.to_owned()) {
            return;
        }
        if value.contains('.') {
            let mut pieces = value.split('.');
            if let Some(ns) = pieces.next() {
                self.namespaces.insert(ns.to_owned());
            }
            self.segments.extend(pieces.map(str::to_owned));
        }
        self.words.extend(value.split(['.', '_']).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase));
    }

    /// Words of prose (descriptions, names): they tell where words end.
    pub fn add_words(&mut self, text: &str) {
        for w in text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 2) {
            self.words.insert(w.to_ascii_lowercase());
        }
    }

    /// Knowing nothing.
    pub const fn new() -> Self {
        Knowledge {
            values: BTreeSet::new(),
            namespaces: BTreeSet::new(),
            segments: BTreeSet::new(),
            words: BTreeSet::new(),
        }
    }

    /// Learns every enum value, event type and prose word a model (or one
    /// page's fragment of it) shows.
    pub fn absorb(&mut self, model: &crate::model::Model) {
        use crate::model::{Property, Type};
        fn walk(k: &mut Knowledge, ty: &Type) {
            match ty {
                Type::Enum { values } => values.iter().filter(|v| !v.unsplit).for_each(|v| k.add(&v.value)),
                Type::Const { value } => k.add(value),
                Type::Object { properties } => properties.iter().for_each(|p| walk(k, &p.ty)),
                Type::List { item } => walk(k, item),
                _ => {}
            }
        }
        fn words(k: &mut Knowledge, p: &Property) {
            k.add_words(&p.name);
            if let Some(d) = &p.description {
                k.add_words(d);
            }
            if let Type::Object { properties } = &p.ty {
                properties.iter().for_each(|p| words(k, p));
            }
        }
        let k = self;
        let props = |p: &Property, k: &mut Knowledge| {
            walk(k, &p.ty);
            words(k, p);
        };
        for r in model.resources.values().chain(model.event_object.iter()) {
            r.properties.iter().for_each(|p| props(p, k));
        }
        for r in model.resources.values().chain(model.event_object.iter()) {
            k.add_words(&r.name);
            k.add_words(r.description.as_deref().unwrap_or_default());
        }
        for e in model.events.values() {
            k.add_words(e.description.as_deref().unwrap_or_default());
            k.add(&e.event_type);
            e.properties.iter().for_each(|p| props(p, k));
        }
        model.event_types.iter().filter(|v| !v.unsplit).for_each(|v| k.add(&v.value));
    }
}

/// One value of the split, or a stretch that could not be split with
/// confidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Value(String),
    /// The text kept whole, and the readings that fit it equally well (each
    /// a list of values).
    Ambiguous {
        text: String,
        candidates: Vec<Vec<String>>,
    },
}

/// Splits run-together enum values.
pub fn split(text: &str, knowledge: &Knowledge) -> Vec<Part> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    // One piece: nothing to split (and nothing to learn from).
    if !text.contains(['.', '_']) {
        return vec![Part::Value(text.to_owned())];
    }
    if let Some(values) = tile_with_known(text, knowledge) {
        return values.into_iter().map(Part::Value).collect();
    }
    let sep = if text.contains('.') { '.' } else { '_' };
    Splitter::new(text, sep, knowledge).run()
}

/// How `split` reads `text`, decision by decision (for debugging a split).
pub fn explain(text: &str, knowledge: &Knowledge) -> String {
    let text = text.trim();
    if text.is_empty() || !text.contains(['.', '_']) {
        return String::new();
    }
    if let Some(values) = tile_with_known(text, knowledge) {
        return format!("tiled by known values: {values:?}\n");
    }
    let sep = if text.contains('.') { '.' } else { '_' };
    Splitter::new(text, sep, knowledge).trace()
}

/// The one way to write `text` as known values, if there is exactly one.
fn tile_with_known(text: &str, k: &Knowledge) -> Option<Vec<String>> {
    if k.values.is_empty() {
        return None;
    }
    // ways[i]: number of tilings of text[i..] (capped at 2), and the value
    // starting a tiling there.
    let n = text.len();
    let mut ways = vec![0u8; n + 1];
    let mut first: Vec<Option<&str>> = vec![None; n + 1];
    ways[n] = 1;
    for i in (0..n).rev() {
        if !text.is_char_boundary(i) {
            continue;
        }
        for v in &k.values {
            if text[i..].starts_with(v.as_str()) && ways[i + v.len()] > 0 {
                ways[i] = ways[i].saturating_add(ways[i + v.len()]).min(2);
                first[i] = Some(v);
            }
        }
    }
    if ways[0] != 1 {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let v = first[i]?;
        out.push(v.to_owned());
        i += v.len();
    }
    Some(out)
}

/// How an inner piece is read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Choice {
    Whole,
    /// Split before this byte of the piece.
    At(usize),
}

struct Splitter<'a> {
    sep: char,
    pieces: Vec<&'a str>,
    /// Tokens that start values (namespaces) and the others, known so far.
    starts: HashSet<String>,
    others: HashSet<String>,
    words: HashSet<String>,
    /// How often each 2-letter ending / beginning is seen at a certain word
    /// boundary.
    endings: HashMap<String, u32>,
    beginnings: HashMap<String, u32>,
    /// How many inner pieces are this very text: identical pieces are read
    /// alike, so they share the price of their reading.
    whole_uses: BTreeMap<&'a str, u32>,
    /// Which pieces each token, word or edge can be read in.
    index: Index<'a>,
    /// How many times a piece was priced: the work, which tests keep near
    /// linear in the length of the list.
    priced: std::cell::Cell<usize>,
}

/// What a decision taught.
enum Learnt {
    /// A token (a namespace, a segment, a piece read whole).
    Token(String),
    /// A word, lowercased.
    Word(String),
    /// Two letters where a word ends or starts, lowercased.
    Edge(String),
}

/// The pieces whose price a learnt fact can change, so that a decision
/// re-prices those and not every piece that merely holds its text: the
/// readings of a piece are priced by its prefixes and suffixes (tokens),
/// the beginnings and ends of its words (words), and the letters at its
/// possible boundaries (edges).
struct Index<'a> {
    affixes: HashMap<&'a str, Vec<usize>>,
    word_parts: HashMap<String, Vec<usize>>,
    grams: HashMap<String, Vec<usize>>,
}

impl<'a> Index<'a> {
    fn new(pieces: &[&'a str]) -> Self {
        let mut index =
            Index { affixes: HashMap::default(), word_parts: HashMap::default(), grams: HashMap::default() };
        fn add<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Vec<usize>>, key: K, i: usize) {
            let v = map.entry(key).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
        for (i, piece) in pieces.iter().enumerate() {
            let cuts: Vec<usize> = piece.char_indices().map(|(c, _)| c).chain([piece.len()]).collect();
            for &c in &cuts {
                add(&mut index.affixes, &piece[..c], i);
                add(&mut index.affixes, &piece[c..], i);
            }
            for word in piece.split('_') {
                let word = word.to_ascii_lowercase();
                let cuts: Vec<usize> = word.char_indices().map(|(c, _)| c).chain([word.len()]).collect();
                for &c in &cuts {
                    add(&mut index.word_parts, word[..c].to_owned(), i);
                    add(&mut index.word_parts, word[c..].to_owned(), i);
                }
            }
            let lowered = piece.to_ascii_lowercase();
            for w in cuts.windows(2) {
                add(&mut index.grams, lowered[w[0]..w[1]].to_owned(), i);
            }
            for w in cuts.windows(3) {
                add(&mut index.grams, lowered[w[0]..w[2]].to_owned(), i);
            }
        }
        index
    }

    fn holders(&self, l: &Learnt) -> &[usize] {
        let found = match l {
            Learnt::Token(t) => self.affixes.get(t.as_str()),
            Learnt::Word(w) => self.word_parts.get(w),
            Learnt::Edge(e) => self.grams.get(e),
        };
        found.map_or(&[], Vec::as_slice)
    }
}

impl<'a> Splitter<'a> {
    fn new(text: &'a str, sep: char, k: &Knowledge) -> Self {
        let pieces: Vec<&str> = text.split(sep).collect();
        let dotted = sep == '.';
        let (mut starts, mut others): (HashSet<String>, HashSet<String>) = if dotted {
            (k.namespaces.iter().cloned().collect(), k.segments.iter().cloned().collect())
        } else {
            // Snake case: every token is a word.
            (k.words.iter().cloned().collect(), k.words.iter().cloned().collect())
        };
        starts.insert(pieces[0].to_owned());
        others.insert(pieces[pieces.len() - 1].to_owned());
        // Every word between separators starts and ends where a word
        // really does: only its inside may hide a boundary
        // (`createdaccess`). So all of them teach how words start and end;
        // the words of the first and last piece are also certainly whole.
        let mut words: HashSet<String> = k.words.iter().cloned().collect();
        let mut endings = HashMap::default();
        let mut beginnings = HashMap::default();
        for w in k.words.iter().map(String::as_str).chain(text.split(['.', '_'])).filter(|w| !w.is_empty()) {
            let w = w.to_ascii_lowercase();
            *endings.entry(last2(&w).to_owned()).or_insert(0) += 1;
            *beginnings.entry(first2(&w).to_owned()).or_insert(0) += 1;
        }
        for piece in [pieces[0], pieces[pieces.len() - 1]] {
            words.extend(piece.split('_').filter(|w| !w.is_empty()).map(str::to_ascii_lowercase));
        }
        let mut whole_uses = BTreeMap::new();
        for piece in &pieces[1..pieces.len().saturating_sub(1)] {
            *whole_uses.entry(*piece).or_insert(0) += 1;
        }
        let index = Index::new(&pieces);
        let priced = std::cell::Cell::new(0);
        Splitter { sep, pieces, starts, others, words, endings, beginnings, whole_uses, index, priced }
    }

    /// The price of a token, given what is known, shared by its `uses`.
    fn token_cost(&self, token: &str, start: bool, uses: u32) -> f64 {
        let known = if start { &self.starts } else { &self.others };
        if known.contains(token) {
            return 0.0;
        }
        let words: f64 = token
            .split('_')
            .map(|w| if self.words.contains(lower(w).as_ref()) { KNOWN_WORD } else { w.len() as f64 })
            .sum();
        let mut new = if start && self.sep == '.' { NEW_NAMESPACE } else { NEW_TOKEN };
        // A token already read as a segment is an unlikely namespace.
        if start && self.sep == '.' && self.others.contains(token) {
            new += NEW_NAMESPACE;
        }
        (new + words) / f64::from(uses.max(1))
    }

    /// A bonus for a boundary where words are often seen to end and start.
    fn boundary_bonus(&self, head: &str, tail: &str) -> f64 {
        let head_word = lower(head.rsplit('_').next().unwrap_or(head));
        let tail_word = lower(tail.split('_').next().unwrap_or(tail));
        let e = self.endings.get(last2(&head_word)).copied().unwrap_or(0);
        let b = self.beginnings.get(first2(&tail_word)).copied().unwrap_or(0);
        (1.0 + f64::from(e)).log2() + (1.0 + f64::from(b)).log2()
    }

    fn valid_token(&self, t: &str) -> bool {
        let mut chars = t.chars();
        matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
            && !t.ends_with('_')
            && !t.contains("__")
            && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    }

    /// The namespace the value holding piece `i` starts with, if the
    /// pieces before it are decided.
    fn namespace_at(&self, i: usize, decided: &[Option<Choice>]) -> Option<&'a str> {
        for j in (1..i).rev() {
            match decided[j] {
                Some(Choice::At(t)) => return Some(&self.pieces[j][t..]),
                Some(Choice::Whole) => {}
                None => return None,
            }
        }
        (self.sep == '.').then_some(self.pieces[0])
    }

    /// The namespace of the value after the one piece `i` would end, if the
    /// pieces after it are decided.
    fn namespace_after(&self, i: usize, decided: &[Option<Choice>]) -> Option<&'a str> {
        let inner = self.pieces.len() - 1;
        for (j, d) in decided.iter().enumerate().take(inner).skip(i + 1) {
            match *d {
                Some(Choice::At(t)) => return Some(&self.pieces[j][t..]),
                Some(Choice::Whole) => {}
                None => return None,
            }
        }
        None
    }

    /// How many pieces near `i` (a group with gaps of at most
    /// [`GROUP_GAP`]) end with `tail`: a namespace's price is shared by its
    /// group.
    fn group_size(&self, i: usize, tail: &str) -> u32 {
        let n = self.pieces.len();
        let ends = |j: usize| j > 0 && j + 1 < n && self.pieces[j].len() > tail.len() && self.pieces[j].ends_with(tail);
        let mut size = 1;
        for dir in [-1isize, 1] {
            let (mut j, mut gap) = (i as isize, 0);
            loop {
                j += dir;
                if j <= 0 || j as usize + 1 >= n || gap > GROUP_GAP || size >= MAX_GROUP {
                    break;
                }
                if ends(j as usize) {
                    size += 1;
                    gap = 0;
                } else {
                    gap += 1;
                }
            }
        }
        size
    }

    /// Every reading of inner piece `i`, priced, cheapest first.
    fn options(&self, i: usize, decided: &[Option<Choice>]) -> Vec<(f64, Choice)> {
        self.priced.set(self.priced.get() + 1);
        let piece = self.pieces[i];
        let mut out = Vec::new();
        let uses = self.whole_uses.get(piece).copied().unwrap_or(1);
        if self.valid_token(piece) {
            out.push((self.token_cost(piece, false, uses) + EXTEND, Choice::Whole));
        }
        let before = self.namespace_at(i, decided);
        let after = self.namespace_after(i, decided);
        for (t, _) in piece.char_indices().skip(1) {
            let (head, tail) = piece.split_at(t);
            if !self.valid_token(head) || !self.valid_token(tail) {
                continue;
            }
            // Identical pieces share a reading, and so the price of it; a
            // namespace is shared by its group.
            let group = self.group_size(i, tail).max(uses);
            let grouping = match (before, after) {
                _ if self.sep != '.' => 0.0,
                (Some(b), Some(a)) if b != tail && a == b => SWITCH + SANDWICH,
                (Some(b), _) if b != tail => SWITCH,
                _ => 0.0,
            };
            let cost = self.token_cost(head, false, uses) + self.token_cost(tail, true, group) + grouping
                - BOUNDARY * self.boundary_bonus(head, tail);
            out.push((cost, Choice::At(t)));
        }
        out.sort_by(|a, b| a.0.total_cmp(&b.0));
        out
    }

    /// Decides piece `i`, and every inner piece that is the same text: the
    /// same text between two separators is read the same way.
    /// Decides piece `i`, and every inner piece that is the same text (the
    /// same text between two separators is read the same way). Returns the
    /// pieces decided and the tokens and words learnt.
    fn decide(&mut self, i: usize, choice: Choice, decided: &mut [Option<Choice>]) -> (Vec<usize>, Vec<Learnt>) {
        let n = self.pieces.len();
        let mut changed = Vec::new();
        for (j, d) in decided.iter_mut().enumerate().take(n.saturating_sub(1)).skip(1) {
            if self.pieces[j] == self.pieces[i] && d.is_none() {
                *d = Some(choice);
                changed.push(j);
            }
        }
        (changed, self.learn(i, choice))
    }

    /// Learns the tokens and words of a decision; returns the new ones.
    fn learn(&mut self, i: usize, choice: Choice) -> Vec<Learnt> {
        let piece = self.pieces[i];
        let mut new = Vec::new();
        let mut add_words = |t: &str, this: &mut Self| {
            for w in t.split('_') {
                let w = w.to_ascii_lowercase();
                if this.words.insert(w.clone()) {
                    new.push(Learnt::Word(w));
                }
            }
        };
        let tokens: Vec<(&str, bool)> = match choice {
            Choice::Whole => vec![(piece, false)],
            Choice::At(t) => vec![(&piece[..t], false), (&piece[t..], true)],
        };
        for (token, start) in tokens {
            let set = if start { &mut self.starts } else { &mut self.others };
            set.insert(token.to_owned());
            add_words(token, self);
        }
        // A decided boundary shows where two words meet: one more word end,
        // one more word start. While such an edge is rare, learning it
        // changes the price of the pieces that hold it.
        if let Choice::At(t) = choice {
            let (head, tail) = piece.split_at(t);
            let end = last2(&lower(head)).to_owned();
            let start = first2(&lower(tail)).to_owned();
            for (map, edge) in [(&mut self.endings, end), (&mut self.beginnings, start)] {
                let count = map.entry(edge.clone()).or_insert(0);
                *count += 1;
                if *count < RARE_EDGE {
                    new.push(Learnt::Edge(edge));
                }
            }
        }
        // A learnt token changes the price of every piece it may be read
        // from.
        match choice {
            Choice::Whole => new.push(Learnt::Token(piece.to_owned())),
            Choice::At(t) => {
                new.push(Learnt::Token(piece[..t].to_owned()));
                new.push(Learnt::Token(piece[t..].to_owned()));
            }
        }
        new
    }

    /// Decides every piece it can, most confident first, calling `seen` with
    /// each decision and the readings it was taken over.
    ///
    /// The priced readings of each piece are cached: a decision changes
    /// only the pieces holding a token or word it taught, and those whose
    /// surrounding namespaces it settles.
    fn decide_all(&mut self, mut seen: impl FnMut(&Self, usize, f64, Choice, &[(f64, Choice)])) -> Vec<Option<Choice>> {
        let n = self.pieces.len();
        let mut decided: Vec<Option<Choice>> = vec![None; n];
        let mut cache: Vec<Option<Vec<(f64, Choice)>>> = vec![None; n];
        let mut decisions = 0;
        let refresh = REFRESH.max(n / REFRESHES);
        loop {
            decisions += 1;
            if decisions % refresh == 0 {
                cache.iter_mut().for_each(|c| *c = None);
            }
            let mut best: Option<(f64, usize, Choice)> = None;
            for i in 1..n.saturating_sub(1) {
                if decided[i].is_some() {
                    continue;
                }
                let opts = match &cache[i] {
                    Some(o) => o,
                    None => cache[i].insert(self.options(i, &decided)),
                };
                let Some(&(c0, choice)) = opts.first() else { continue };
                let margin = opts.get(1).map_or(f64::INFINITY, |(c1, _)| c1 - c0);
                if margin >= MARGIN && best.is_none_or(|(m, _, _)| margin > m) {
                    best = Some((margin, i, choice));
                }
            }
            let Some((margin, i, choice)) = best else { break };
            seen(self, i, margin, choice, cache[i].as_deref().unwrap_or_default());
            let (changed, learnt) = self.decide(i, choice, &mut decided);
            for l in &learnt {
                for &j in self.index.holders(l) {
                    cache[j] = None;
                }
            }
            // The namespace before or after a piece is read across pieces
            // read whole: walk from each decided piece until the next one
            // that is not.
            for &c in &changed {
                let mut j = c;
                while j > 1 {
                    j -= 1;
                    cache[j] = None;
                    if decided[j] != Some(Choice::Whole) {
                        break;
                    }
                }
                let mut j = c;
                while j + 2 < n {
                    j += 1;
                    cache[j] = None;
                    if decided[j] != Some(Choice::Whole) {
                        break;
                    }
                }
            }
        }
        decided
    }

    /// The decisions in the order they were taken, with the best readings
    /// of each piece: what `split` did, for a person to check.
    fn trace(mut self) -> String {
        let mut out = String::new();
        let decided = self.decide_all(|this, i, margin, choice, opts| {
            let show = |c: &Choice| match c {
                Choice::Whole => this.pieces[i].to_string(),
                Choice::At(t) => format!("{}|{}", &this.pieces[i][..*t], &this.pieces[i][*t..]),
            };
            out += &format!("{:<50} margin {margin:5.2}", show(&choice));
            for (c, o) in opts.iter().take(3) {
                out += &format!("  [{} {c:.2}]", show(o));
            }
            out.push('\n');
        });
        for (i, d) in decided.iter().enumerate().take(self.pieces.len().saturating_sub(1)).skip(1) {
            if d.is_none() {
                let opts = self.options(i, &decided);
                out += &format!("UNDECIDED {} {:?}\n", self.pieces[i], &opts[..opts.len().min(3)]);
            }
        }
        out
    }

    fn run(mut self) -> Vec<Part> {
        let decided = self.decide_all(|_, _, _, _, _| {});
        self.assemble(&decided)
    }

    /// Values from the decisions. The text between two decided boundaries
    /// is one value, or, when a piece in it is undecided, one ambiguous
    /// stretch kept whole.
    fn assemble(&self, decided: &[Option<Choice>]) -> Vec<Part> {
        let n = self.pieces.len();
        let mut parts = Vec::new();
        let mut from = (0, 0);
        for (i, d) in decided.iter().enumerate().take(n - 1).skip(1) {
            if let Some(Choice::At(t)) = d {
                parts.push(self.stretch(from, (i, *t), decided));
                from = (i, *t);
            }
        }
        parts.push(self.stretch(from, (n - 1, self.pieces[n - 1].len()), decided));
        parts
    }

    /// The stretch from byte `from.1` of piece `from.0` to byte `to.1` of
    /// piece `to.0`.
    fn stretch(&self, from: (usize, usize), to: (usize, usize), decided: &[Option<Choice>]) -> Part {
        let undecided: Vec<usize> = (from.0 + 1..to.0).filter(|&i| decided[i].is_none()).collect();
        let read = |choice: &dyn Fn(usize) -> Choice| -> Vec<String> {
            let mut values = Vec::new();
            let mut current = String::new();
            for i in from.0..=to.0 {
                let piece = self.pieces[i];
                let start = if i == from.0 { from.1 } else { 0 };
                let end = if i == to.0 { to.1 } else { piece.len() };
                match (i > from.0 && i < to.0).then(|| choice(i)) {
                    Some(Choice::At(t)) => {
                        current.push_str(&piece[start..t]);
                        values.push(std::mem::take(&mut current));
                        current.push_str(&piece[t..end]);
                    }
                    _ => current.push_str(&piece[start..end]),
                }
                if i < to.0 {
                    current.push(self.sep);
                }
            }
            values.push(current);
            values
        };
        let text = read(&|_| Choice::Whole).concat();
        if undecided.is_empty() {
            return Part::Value(text);
        }
        // The readings: for each undecided piece (of the first four), every
        // choice that fits within the margin of its best (at most four);
        // the rest read whole.
        let options: Vec<(usize, Vec<Choice>)> = undecided
            .iter()
            .take(4)
            .map(|&i| {
                let opts = self.options(i, decided);
                let best = opts.first().map_or(0.0, |(c, _)| *c);
                (i, opts.into_iter().take_while(|(c, _)| *c - best < MARGIN).take(4).map(|(_, c)| c).collect())
            })
            .collect();
        let mut combos: Vec<Vec<(usize, Choice)>> = vec![Vec::new()];
        for (i, opts) in &options {
            combos =
                combos.iter().flat_map(|c| opts.iter().map(move |o| [c.clone(), vec![(*i, *o)]].concat())).collect();
        }
        let candidates = combos
            .iter()
            .map(|combo| read(&|i| combo.iter().find(|(j, _)| *j == i).map_or(Choice::Whole, |(_, c)| *c)))
            .collect();
        Part::Ambiguous { text, candidates }
    }
}

fn last2(w: &str) -> &str {
    let start = w.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
    &w[start..]
}

fn first2(w: &str) -> &str {
    let end = w.char_indices().nth(2).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

/// A word in lowercase, copied only when it is not already.
fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase()) { w.to_ascii_lowercase().into() } else { w.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A docs-like list of `n` values, run together: namespaces of one or
    /// two words, each with a few segments (a fixed pseudo-random choice).
    fn long_list(n: usize) -> String {
        const NOUNS: &[&str] =
            &["access", "code", "grant", "device", "lock", "sensor", "user", "system", "door", "hub"];
        const VERBS: &[&str] = &["created", "deleted", "changed", "added", "removed", "failed", "synced", "expired"];
        let mut seed = 7u64;
        let mut next = |m: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % m
        };
        let mut out = String::new();
        let mut count = 0;
        let mut group = 0;
        while count < n {
            group += 1;
            let ns = format!("{}_{}{group}", NOUNS[next(NOUNS.len())], NOUNS[next(NOUNS.len())]);
            for _ in 0..2 + next(4) {
                out.push_str(&format!("{ns}.{}_{}", NOUNS[next(NOUNS.len())], VERBS[next(VERBS.len())]));
                count += 1;
            }
        }
        out
    }

    #[test]
    fn one_value_alone_is_that_value() {
        for text in ["locked", "LOCKED", "x", "é"] {
            assert!(matches!(split(text, &Knowledge::new()).as_slice(), [Part::Value(v)] if v == text));
        }
    }

    /// The work of a split grows about linearly with the list: each piece
    /// is priced a bounded number of times (not once per decision).
    #[test]
    fn pricing_is_near_linear_in_the_length_of_the_list() {
        let work = |n: usize| {
            let text = long_list(n);
            let mut s = Splitter::new(&text, '.', &Knowledge::new());
            s.decide_all(|_, _, _, _, _| {});
            s.priced.get() as f64 / s.pieces.len() as f64
        };
        let (small, large) = (work(400), work(3200));
        assert!(large < small * 2.0, "pricings per piece: {small:.1} at 400 values, {large:.1} at 3200");
    }

    fn values(parts: &[Part]) -> Vec<&str> {
        parts
            .iter()
            .map(|p| match p {
                Part::Value(v) => v.as_str(),
                Part::Ambiguous { text, .. } => panic!("ambiguous: {text} in {parts:?}"),
            })
            .collect()
    }

    #[test]
    #[ignore = "prints the decisions for the seed 003 page: cargo test -p seam-codegen explain_seed -- --ignored --nocapture"]
    fn explain_seed_003() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/v3/events/README.txt")).unwrap();
        let line = text.lines().find(|l| l.len() > 200).unwrap();
        println!("{}", explain(line, &Knowledge::default()));
    }

    #[test]
    #[ignore = "debugging aid: SPLIT_TEXT=... cargo test -p seam-codegen explain_env -- --ignored --nocapture"]
    fn explain_env() {
        let text = std::env::var("SPLIT_TEXT").unwrap_or_default();
        println!("{}", explain(&text, &Knowledge::default()));
        println!("{:#?}", split(&text, &Knowledge::default()));
    }

    #[test]
    fn namespaces_learnt_from_the_text() {
        // Prose words are known (as from any page's descriptions); no value,
        // and so no namespace, is.
        let mut k = Knowledge::default();
        k.add_words("An access code was created, changed or deleted; a lock locked or unlocked.");
        let text =
            "access_code.createdaccess_code.changedaccess_grant.createdaccess_grant.deletedlock.lockedlock.unlocked";
        assert_eq!(
            values(&split(text, &k)),
            [
                "access_code.created",
                "access_code.changed",
                "access_grant.created",
                "access_grant.deleted",
                "lock.locked",
                "lock.unlocked"
            ]
        );
    }

    #[test]
    fn known_values_tile_the_text() {
        let mut k = Knowledge::default();
        for v in ["LOCK_DOOR", "UNLOCK_DOOR", "SCAN_CREDENTIAL"] {
            k.add(v);
        }
        assert_eq!(
            values(&split("LOCK_DOORUNLOCK_DOORSCAN_CREDENTIAL", &k)),
            ["LOCK_DOOR", "UNLOCK_DOOR", "SCAN_CREDENTIAL"]
        );
    }

    #[test]
    fn a_tie_is_reported_not_guessed() {
        // Known namespaces `cd` and `d`, known segments `ab` and `abc`:
        // `n.ab` + `cd.e` and `n.abc` + `d.e` fit equally well.
        let mut k = Knowledge::default();
        for v in ["n.ab", "n.abc", "cd.e", "d.e"] {
            k.add(v);
        }
        let parts = split("n.abcd.e", &k);
        let [Part::Ambiguous { text, candidates }] = parts.as_slice() else { panic!("{parts:?}") };
        assert_eq!(text, "n.abcd.e");
        assert!(candidates.contains(&vec!["n.ab".to_owned(), "cd.e".to_owned()]), "{candidates:?}");
        assert!(candidates.contains(&vec!["n.abc".to_owned(), "d.e".to_owned()]), "{candidates:?}");
    }

    #[test]
    fn one_value_is_one_value() {
        assert_eq!(values(&split("device.connected", &Knowledge::default())), ["device.connected"]);
    }
}
