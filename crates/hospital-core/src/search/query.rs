//! The search box: query text to clauses, and clauses to matching doctors.
//!
//! Every query word becomes a clause and every clause must match (AND). A clause is
//! a list of alternatives (OR): the word itself, plus what the synonym table
//! expands it to. An alternative with several parts (a two-word trigger such as
//! "chest pain") needs all of them. A run of Chinese characters is one query word,
//! cut into the synonym triggers it contains and the stretches between them; each
//! piece is a clause of its own, and a piece of two or more characters must occur
//! as written, contiguous, inside one text of the doctor (see `eval_run`: names,
//! specialties and conditions have every pair of adjacent characters indexed as a
//! word, biographies are checked against their text). A single character is a
//! word of its own. An expansion matches a doctor's specialties and
//! conditions, or a department of the doctor whose name, id and keywords hold all
//! its parts.
//!
//! A clause scores the best field and kind its literal alternative matched in; a
//! doctor reached only through synonyms scores the expansion's match instead, but
//! counts as matched "by synonym": doctors are ranked by the number of clauses they
//! match literally first, so a direct match always beats a synonym-only one.
//!
//! Clauses depend only on their own words, except that a two-word trigger ("chest
//! pain") merges two words into one clause; the synonym table guarantees that such a
//! clause matches no doctor its first word alone would not. So appending a word to
//! a query can only remove results.
//!
//! Evaluation works on the posting lists of the matching vocabulary words with
//! dense per-doctor score arrays, reset through lists of the entries touched, so a
//! query costs what its posting lists cost, not the number of doctors.

use super::bits::Bits;
use super::index::{
    self, TextIndex, ALL_FIELDS, BIO, DEPARTMENT, EXACT, NAME, PREFIX, SPECIALTY, TYPO,
};
use super::synonyms::Synonyms;
use crate::model::Doctor;
use crate::normalize::{fold, for_each_token, is_cjk};
use crate::text::Text;

/// Longer query text is cut: nobody types more, and the cost stays bounded.
const MAX_QUERY_BYTES: usize = 1024;
const MAX_WORDS: usize = 16;
const MAX_RUN_CHARS: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum How {
    /// A typed Latin word: exact, prefix, or one typo when long enough.
    Word,
    /// A single CJK character or a whole-word expansion.
    Exact,
    /// An expansion stem such as `cardiolog*`.
    Prefix,
    /// Two or more CJK characters, contiguous in one text.
    Run,
}

#[derive(Debug)]
struct Part {
    text: String,
    how: How,
}

impl Part {
    /// A piece of a CJK run: a run of its own from two characters on.
    fn cjk(text: String) -> Part {
        let how = if text.chars().nth(1).is_some() {
            How::Run
        } else {
            How::Exact
        };
        Part { text, how }
    }
}

#[derive(Debug)]
struct Alt {
    parts: Vec<Part>,
    /// The fields whose postings may match.
    fields: u8,
    /// Also matches every doctor of a department whose words hold all the parts.
    departments: bool,
    /// The query's own words, not a synonym expansion.
    direct: bool,
}

#[derive(Debug)]
pub struct Clause {
    alts: Vec<Alt>,
}

#[derive(Debug)]
pub struct Parsed {
    pub clauses: Vec<Clause>,
    /// Folded terms to highlight: the query words, and later the typo corrections.
    pub terms: Vec<String>,
}

enum Word {
    Latin(String),
    Cjk(Vec<String>),
}

fn words(q: &str) -> Vec<Word> {
    let mut cut = q.len().min(MAX_QUERY_BYTES);
    while !q.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut out: Vec<Word> = Vec::new();
    let mut last_end = usize::MAX;
    for_each_token(&q[..cut], |t, range, cjk| {
        let adjacent = range.start == last_end;
        last_end = range.end;
        match out.last_mut() {
            Some(Word::Cjk(run)) if cjk && adjacent => {
                if run.len() < MAX_RUN_CHARS {
                    run.push(t.to_string());
                }
            }
            _ if cjk => out.push(Word::Cjk(vec![t.to_string()])),
            _ => out.push(Word::Latin(t.to_string())),
        }
    });
    out.truncate(MAX_WORDS);
    out
}

fn literal(parts: Vec<Part>) -> Alt {
    Alt {
        parts,
        fields: ALL_FIELDS,
        departments: false,
        direct: true,
    }
}

fn expansions(syn: &Synonyms, groups: &[u16], terms: &mut Vec<String>) -> Vec<Alt> {
    let mut alts = Vec::new();
    for &g in groups {
        for e in syn.groups.get(g as usize).into_iter().flatten() {
            let last = e.words.len() - 1;
            alts.push(Alt {
                parts: e
                    .words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        if w.starts_with(is_cjk) {
                            Part::cjk(w.clone())
                        } else {
                            Part {
                                text: w.clone(),
                                how: if e.prefix && i == last {
                                    How::Prefix
                                } else {
                                    How::Exact
                                },
                            }
                        }
                    })
                    .collect(),
                fields: SPECIALTY,
                departments: true,
                direct: false,
            });
            terms.push(fold(&e.label));
        }
    }
    alts
}

pub fn parse(q: &str, syn: &Synonyms) -> Parsed {
    let words = words(q);
    let mut clauses = Vec::new();
    let mut terms = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match &words[i] {
            Word::Latin(a) => {
                let pair = match words.get(i + 1) {
                    Some(Word::Latin(b)) => {
                        let groups = syn.pair(a, b);
                        (!groups.is_empty()).then(|| (b.clone(), groups))
                    }
                    _ => None,
                };
                let (lit, groups) = match pair {
                    Some((b, groups)) => {
                        i += 2;
                        (vec![a.clone(), b], groups)
                    }
                    None => {
                        i += 1;
                        (vec![a.clone()], syn.word(a))
                    }
                };
                let parts = lit
                    .iter()
                    .map(|w| Part {
                        text: w.clone(),
                        how: How::Word,
                    })
                    .collect();
                let mut alts = vec![literal(parts)];
                alts.extend(expansions(syn, &groups, &mut terms));
                terms.extend(lit);
                clauses.push(Clause { alts });
            }
            Word::Cjk(run) => {
                let mut at = 0;
                let mut segments = syn.cjk(run);
                // The stretch after the last trigger, if any.
                segments.push((run.len(), run.len(), Vec::new()));
                for (start, end, groups) in segments {
                    // Characters outside any trigger: one contiguous piece.
                    if at < start {
                        let text = run[at..start].concat();
                        terms.push(text.clone());
                        clauses.push(Clause {
                            alts: vec![literal(vec![Part::cjk(text)])],
                        });
                    }
                    if start < end {
                        let text = run[start..end].concat();
                        terms.push(text.clone());
                        let mut alts = vec![literal(vec![Part::cjk(text)])];
                        alts.extend(expansions(syn, &groups, &mut terms));
                        clauses.push(Clause { alts });
                    }
                    at = end;
                }
                i += 1;
            }
        }
    }
    terms.sort();
    terms.dedup();
    Parsed { clauses, terms }
}

/// A dense per-doctor array of small values (scores, or field masks) and the list
/// of its entries touched since the last `clear`.
#[derive(Default)]
struct Scores {
    score: Vec<u8>,
    touched: Vec<u32>,
}

impl Scores {
    fn sized(&mut self, n: usize) -> &mut Scores {
        if self.score.len() != n {
            self.score = vec![0; n];
        }
        self
    }

    fn raise(&mut self, doctor: usize, s: u8) {
        if let Some(slot) = self.score.get_mut(doctor) {
            if *slot == 0 {
                self.touched.push(doctor as u32);
            }
            if s > *slot {
                *slot = s;
            }
        }
    }

    /// Adds the field bits `m` (not zero) to the doctor's mask.
    fn or(&mut self, doctor: usize, m: u8) {
        if let Some(slot) = self.score.get_mut(doctor) {
            if *slot == 0 {
                self.touched.push(doctor as u32);
            }
            *slot |= m;
        }
    }

    fn get(&self, doctor: u32) -> u8 {
        self.score.get(doctor as usize).copied().unwrap_or(0)
    }

    fn clear(&mut self) {
        for &d in &self.touched {
            self.score[d as usize] = 0;
        }
        self.touched.clear();
    }
}

fn scan(ix: &TextIndex, id: usize, kind: u8, fields: u8, out: &mut Scores) {
    for &p in ix.postings(id, fields) {
        let m = (p & 15) as u8 & fields;
        if m != 0 {
            out.raise((p >> 4) as usize, index::score(m, kind));
        }
    }
}

/// What a query is evaluated against: the index, the departments, and the
/// doctors' own texts (to confirm that a run of three or more characters is
/// contiguous, which its character pairs alone do not prove).
pub struct Context<'a> {
    pub ix: &'a TextIndex,
    pub depts: Departments<'a>,
    pub doctors: &'a [Doctor],
    /// The number of doctors indexed.
    pub n: usize,
}

/// Scratch arrays for runs, kept across the parts of one query.
#[derive(Default)]
struct RunWork {
    masks: Scores,
    next: Scores,
}

fn eval_part(
    cx: &Context,
    part: &Part,
    fields: u8,
    out: &mut Scores,
    terms: &mut Vec<String>,
    work: &mut RunWork,
) {
    let ix = cx.ix;
    match part.how {
        How::Exact => {
            if let Some(id) = ix.exact(&part.text) {
                scan(ix, id, EXACT, fields, out);
            }
        }
        How::Word | How::Prefix => {
            let range = ix.prefix_range(&part.text);
            for id in range.clone() {
                let exact = id == range.start && ix.word(id) == part.text;
                scan(ix, id, if exact { EXACT } else { PREFIX }, fields, out);
            }
            if part.how == How::Word {
                for id in ix.typo_matches(&part.text) {
                    scan(ix, id, TYPO, fields, out);
                    terms.push(ix.word(id).to_string());
                }
            }
        }
        How::Run => {
            eval_run(cx, &part.text, fields, out, work);
            if fields & DEPARTMENT != 0 {
                let s = index::score(DEPARTMENT, EXACT);
                for (text, doctors) in cx.depts.texts.iter().zip(cx.depts.doctors) {
                    if text.contains(part.text.as_str()) {
                        for d in doctors.ones() {
                            out.raise(d, s);
                        }
                    }
                }
            }
        }
    }
}

/// Whether one of the doctor's texts in the field class `field` holds `run`.
/// CJK characters fold to themselves, so the original text is searched as it is.
fn doctor_has_run(d: &Doctor, field: u8, run: &str) -> bool {
    let has = |t: &Text| t.all().any(|s| s.contains(run));
    match field {
        NAME => has(&d.name),
        SPECIALTY => d.specialties.iter().chain(&d.conditions).any(has),
        BIO => has(&d.bio) || d.education.iter().any(has),
        _ => false,
    }
}

/// Leaves in `work.masks` the doctors whose postings of every word in `ids` share
/// a field class of `fields`, with those classes.
fn intersect(cx: &Context, mut ids: Vec<usize>, fields: u8, work: &mut RunWork) {
    let ix = cx.ix;
    // The shortest list first: the intersection can only shrink.
    ids.sort_unstable_by_key(|&id| (ix.postings(id, fields).len(), id));
    ids.dedup();
    let masks = work.masks.sized(cx.n);
    let Some((&first, rest)) = ids.split_first() else {
        return;
    };
    for &p in ix.postings(first, fields) {
        let m = (p & 15) as u8 & fields;
        if m != 0 {
            masks.or((p >> 4) as usize, m);
        }
    }
    for &id in rest {
        if masks.touched.is_empty() {
            break;
        }
        let next = work.next.sized(cx.n);
        for &p in ix.postings(id, fields) {
            let d = (p >> 4) as usize;
            if masks.score.get(d).is_some_and(|&m| m != 0) {
                let m = (p & 15) as u8 & fields;
                if m != 0 {
                    next.or(d, m);
                }
            }
        }
        masks.touched.retain(|&d| {
            let m = masks.score[d as usize] & next.get(d);
            masks.score[d as usize] = m;
            m != 0
        });
        next.clear();
    }
}

/// A run of two or more CJK characters in the doctors' own texts. Names,
/// specialties and conditions have their adjacent character pairs indexed: the
/// doctors whose postings hold every pair of the run in one field class, confirmed
/// against the text when the run is longer than one pair. Biographies have no
/// pairs indexed (a long free text would multiply the vocabulary): the doctors
/// whose biography holds every character, confirmed against the text. Departments
/// are matched by the caller.
fn eval_run(cx: &Context, run: &str, fields: u8, out: &mut Scores, work: &mut RunWork) {
    let ix = cx.ix;
    let chars: Vec<char> = run.chars().collect();
    let mut buf = String::new();
    let doctor = |d: u32| cx.doctors.get(d as usize);
    let f = fields & (NAME | SPECIALTY);
    if f != 0 {
        let pairs: Option<Vec<usize>> = chars
            .windows(2)
            .map(|w| {
                buf.clear();
                buf.extend(w);
                ix.exact(&buf)
            })
            .collect();
        if let Some(ids) = pairs {
            intersect(cx, ids, f, work);
            let confirm = chars.len() > 2;
            for &d in &work.masks.touched {
                let m = work.masks.score[d as usize];
                let field = [NAME, SPECIALTY].into_iter().find(|&f| {
                    m & f != 0
                        && (!confirm || doctor(d).is_some_and(|doc| doctor_has_run(doc, f, run)))
                });
                if let Some(f) = field {
                    out.raise(d as usize, index::score(f, EXACT));
                }
            }
            work.masks.clear();
        }
    }
    if fields & BIO != 0 {
        let singles: Option<Vec<usize>> = chars
            .iter()
            .map(|&c| {
                buf.clear();
                buf.push(c);
                ix.exact(&buf)
            })
            .collect();
        if let Some(ids) = singles {
            intersect(cx, ids, BIO, work);
            let s = index::score(BIO, EXACT);
            for &d in &work.masks.touched {
                // A better field already found for this doctor makes the text moot.
                if out.get(d) < s && doctor(d).is_some_and(|doc| doctor_has_run(doc, BIO, run)) {
                    out.raise(d as usize, s);
                }
            }
            work.masks.clear();
        }
    }
}

/// Each department's words (sorted word ids), texts and doctors. Synonym
/// expansions are matched against these few departments rather than the long
/// posting lists of department words that every doctor of a big department
/// shares; so are runs of CJK characters, which have no department postings.
pub struct Departments<'a> {
    pub words: &'a [Vec<u32>],
    /// The department's name, keywords and id (its id alone when the dataset does
    /// not describe it), separated by line breaks.
    pub texts: &'a [String],
    pub doctors: &'a [Bits],
}

fn eval_departments(cx: &Context, alt: &Alt, out: &mut Scores) {
    let ix = cx.ix;
    let depts = &cx.depts;
    let ranges: Vec<std::ops::Range<usize>> = alt
        .parts
        .iter()
        .map(|p| match p.how {
            How::Exact => ix.exact(&p.text).map_or(0..0, |id| id..id + 1),
            How::Word | How::Prefix => ix.prefix_range(&p.text),
            How::Run => 0..0,
        })
        .collect();
    for ((words, text), doctors) in depts.words.iter().zip(depts.texts).zip(depts.doctors) {
        if words.is_empty() {
            // Not described by the dataset: only its id, which synonyms never name.
            continue;
        }
        let mut kind = EXACT;
        let all = ranges.iter().zip(&alt.parts).all(|(r, p)| {
            if p.how == How::Run {
                return text.contains(p.text.as_str());
            }
            let i = words.partition_point(|&w| (w as usize) < r.start);
            match words.get(i).map(|&w| w as usize) {
                Some(w) if w < r.end => {
                    if w != r.start || ix.word(w) != p.text {
                        kind = PREFIX;
                    }
                    true
                }
                _ => false,
            }
        });
        if all {
            let s = index::score(DEPARTMENT, kind);
            for d in doctors.ones() {
                out.raise(d, s);
            }
        }
    }
}

/// Doctors matching every clause, with their scores.
pub struct Matches {
    pub doctors: Bits,
    /// Per doctor (meaningful for `doctors` only), packed in one word to keep the
    /// per-clause bookkeeping in one cache line per doctor: the number of clauses
    /// matched by the query's own words (bits 16..24), the summed clause scores
    /// (bits 8..16), both saturating at 255 (17 clauses of 15 points would
    /// overflow, and a query that long ranks nothing well anyway), and the best
    /// single clause score (bits 0..8). `score >> 8` is the rank key.
    pub scores: Vec<u32>,
}

/// Evaluates one alternative into `out`.
fn eval_alt(
    cx: &Context,
    alt: &Alt,
    out: &mut Scores,
    all: &mut Scores,
    one: &mut Scores,
    work: &mut RunWork,
    terms: &mut Vec<String>,
) {
    let n = cx.n;
    if alt.departments {
        eval_departments(cx, alt, out);
    }
    match alt.parts.as_slice() {
        [part] => eval_part(cx, part, alt.fields, out, terms, work),
        [first, rest @ ..] => {
            // All parts must match; the weakest one sets the score.
            let acc = all.sized(n);
            eval_part(cx, first, alt.fields, acc, terms, work);
            for part in rest {
                let next = one.sized(n);
                eval_part(cx, part, alt.fields, next, terms, work);
                for &d in &acc.touched {
                    let s = &mut acc.score[d as usize];
                    *s = (*s).min(next.get(d));
                }
                next.clear();
            }
            for &d in &acc.touched {
                let s = acc.get(d);
                if s > 0 {
                    out.raise(d as usize, s);
                }
            }
            acc.clear();
        }
        [] => {}
    }
}

pub fn eval(parsed: &mut Parsed, cx: &Context) -> Matches {
    let n = cx.n;
    let mut direct = Scores::default();
    let mut synonym = Scores::default();
    let mut all = Scores::default();
    let mut one = Scores::default();
    let mut work = RunWork::default();
    direct.sized(n);
    let mut scores = vec![0u32; n];
    let mut candidates: Vec<u32> = Vec::new();
    let mut terms = Vec::new();
    for (k, c) in parsed.clauses.iter().enumerate() {
        for alt in &c.alts {
            // Sized on first use: most words trigger no synonym.
            let out = if alt.direct {
                &mut direct
            } else {
                synonym.sized(n)
            };
            eval_alt(cx, alt, out, &mut all, &mut one, &mut work, &mut terms);
        }
        // A literal match counts as such; a synonym's score only when there is none.
        if k == 0 {
            // Scores are 1..=15: one clause sets count, sum and best at once.
            for &d in &direct.touched {
                if let Some(x) = scores.get_mut(d as usize) {
                    *x = (1 << 16) | (direct.get(d) as u32 * 0x101);
                }
            }
            candidates.extend_from_slice(&direct.touched);
            for &d in &synonym.touched {
                if direct.get(d) == 0 {
                    if let Some(x) = scores.get_mut(d as usize) {
                        *x = synonym.get(d) as u32 * 0x101;
                    }
                    candidates.push(d);
                }
            }
        } else {
            candidates.retain(|&d| {
                let i = d as usize;
                let (s, literal) = match direct.score[i] {
                    0 => (synonym.get(d) as u32, 0),
                    s => (s as u32, 1),
                };
                let a = scores[i];
                let count = ((a >> 16) + literal).min(255);
                let sum = (((a >> 8) & 255) + s).min(255);
                let best = (a & 255).max(s);
                scores[i] = (count << 16) | (sum << 8) | best;
                s > 0
            });
        }
        direct.clear();
        synonym.clear();
        if candidates.is_empty() {
            break;
        }
    }
    let mut doctors = Bits::empty(n);
    for d in candidates {
        doctors.set(d as usize);
    }
    parsed.terms.extend(terms);
    parsed.terms.sort();
    parsed.terms.dedup();
    Matches { doctors, scores }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::synonyms::SYNONYMS;

    fn shape(q: &str) -> Vec<Vec<Vec<(String, How)>>> {
        let syn = Synonyms::new(SYNONYMS);
        parse(q, &syn)
            .clauses
            .iter()
            .map(|c| {
                c.alts
                    .iter()
                    .map(|a| a.parts.iter().map(|p| (p.text.clone(), p.how)).collect())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn words_and_runs() {
        let s = shape("Zhang 张伟");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0], vec![vec![("zhang".to_string(), How::Word)]]);
        assert_eq!(s[1], vec![vec![("张伟".to_string(), How::Run)]]);
        assert_eq!(
            shape("张 伟")[1],
            vec![vec![("伟".to_string(), How::Exact)]]
        );
        assert_eq!(
            shape("心\u{200B}内科")[1],
            vec![vec![("内科".to_string(), How::Run)]],
            "an invisible character between two characters ends the run"
        );
        assert!(shape(" ,🙂 ").is_empty());
    }

    #[test]
    fn synonyms_become_alternatives() {
        let s = shape("chest pain");
        assert_eq!(s.len(), 1, "a two-word trigger is one clause");
        assert_eq!(s[0][0].len(), 2, "the literal words, both required");
        assert!(s[0]
            .iter()
            .any(|alt| alt == &vec![("cardiolog".to_string(), How::Prefix)]));
        let s = shape("严重胸痛");
        assert_eq!(s.len(), 2, "严重, and the trigger 胸痛");
        assert_eq!(s[0], vec![vec![("严重".to_string(), How::Run)]]);
        assert_eq!(s[1][0], vec![("胸痛".to_string(), How::Run)]);
        assert!(s[1]
            .iter()
            .any(|alt| alt == &vec![("心内科".to_string(), How::Run)]));
        let s = shape("肺");
        assert!(s[0]
            .iter()
            .any(|alt| alt == &vec![("肺".to_string(), How::Exact)]));
        assert!(s[0]
            .iter()
            .any(|alt| alt == &vec![("呼吸".to_string(), How::Run)]));
    }

    #[test]
    fn long_queries_are_bounded() {
        let q = "word ".repeat(1000);
        assert_eq!(shape(&q).len(), MAX_WORDS);
        let q = "字".repeat(1000);
        assert_eq!(
            shape(&q),
            vec![vec![vec![("字".repeat(MAX_RUN_CHARS), How::Run)]]]
        );
        let q = "字 ".repeat(1000);
        assert_eq!(shape(&q).len(), MAX_WORDS);
    }
}
