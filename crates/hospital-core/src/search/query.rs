//! The search box: query text to clauses, and clauses to matching doctors.
//!
//! Every query word becomes a clause and every clause must match (AND). A clause is
//! a list of alternatives (OR): the word itself, plus what the synonym table
//! expands it to. An alternative with several parts (a Chinese synonym, a two-word
//! trigger) needs all of them. A run of Chinese characters is one query word, but
//! each character outside a synonym is a clause of its own. An expansion matches a
//! doctor's specialties and conditions, or a department of the doctor whose name,
//! id and keywords hold all its parts.
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
use super::index::{self, TextIndex, DEPARTMENT, EXACT, PREFIX, SPECIALTY, TYPO};
use super::synonyms::Synonyms;
use crate::normalize::{fold, for_each_token};

/// Longer query text is cut: nobody types more, and the cost stays bounded.
const MAX_QUERY_BYTES: usize = 1024;
const MAX_WORDS: usize = 16;
const MAX_RUN_CHARS: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum How {
    /// A typed Latin word: exact, prefix, or one typo when long enough.
    Word,
    /// A CJK character or a whole-word expansion.
    Exact,
    /// An expansion stem such as `cardiolog*`.
    Prefix,
}

#[derive(Debug)]
struct Part {
    text: String,
    how: How,
}

#[derive(Debug)]
struct Alt {
    parts: Vec<Part>,
    /// The fields whose postings may match.
    fields: u8,
    /// Also matches every doctor of a department whose words hold all the parts.
    departments: bool,
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

fn literal(words: &[String], how: How) -> Alt {
    Alt {
        parts: words
            .iter()
            .map(|w| Part {
                text: w.clone(),
                how,
            })
            .collect(),
        fields: index::ALL_FIELDS,
        departments: false,
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
                    .map(|(i, w)| Part {
                        text: w.clone(),
                        how: if e.prefix && i == last {
                            How::Prefix
                        } else {
                            How::Exact
                        },
                    })
                    .collect(),
                fields: SPECIALTY,
                departments: true,
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
                let mut alts = vec![literal(&lit, How::Word)];
                alts.extend(expansions(syn, &groups, &mut terms));
                terms.extend(lit);
                clauses.push(Clause { alts });
            }
            Word::Cjk(run) => {
                let mut at = 0;
                let mut segments = syn.cjk(run);
                // Characters outside any trigger end up as one-character segments.
                segments.push((run.len(), run.len(), Vec::new()));
                for (start, end, groups) in segments {
                    for c in &run[at..start] {
                        clauses.push(Clause {
                            alts: vec![literal(std::slice::from_ref(c), How::Exact)],
                        });
                    }
                    if start < end {
                        let mut alts = vec![literal(&run[start..end], How::Exact)];
                        alts.extend(expansions(syn, &groups, &mut terms));
                        clauses.push(Clause { alts });
                    }
                    at = end;
                }
                terms.extend(run.iter().cloned());
                i += 1;
            }
        }
    }
    terms.sort();
    terms.dedup();
    Parsed { clauses, terms }
}

/// A dense score array and the list of its non-zero entries.
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

fn eval_part(ix: &TextIndex, part: &Part, fields: u8, out: &mut Scores, terms: &mut Vec<String>) {
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
    }
}

/// Each department's words (sorted word ids) and doctors. Synonym expansions are
/// matched against these few departments rather than the long posting lists of
/// department words that every doctor of a big department shares.
pub struct Departments<'a> {
    pub words: &'a [Vec<u32>],
    pub doctors: &'a [Bits],
}

fn eval_departments(ix: &TextIndex, depts: &Departments, alt: &Alt, out: &mut Scores) {
    let ranges: Vec<std::ops::Range<usize>> = alt
        .parts
        .iter()
        .map(|p| match p.how {
            How::Exact => ix.exact(&p.text).map_or(0..0, |id| id..id + 1),
            How::Word | How::Prefix => ix.prefix_range(&p.text),
        })
        .collect();
    for (words, doctors) in depts.words.iter().zip(depts.doctors) {
        let mut kind = EXACT;
        let all = ranges.iter().zip(&alt.parts).all(|(r, p)| {
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

/// Doctors matching every clause, with their summed score (saturating: 17 clauses
/// of 15 points would overflow a byte, and a query that long ranks nothing well
/// anyway) and best single score.
pub struct Matches {
    pub doctors: Bits,
    pub total: Vec<u8>,
    pub best: Vec<u8>,
}

pub fn eval(parsed: &mut Parsed, ix: &TextIndex, depts: &Departments, n: usize) -> Matches {
    let mut clause = Scores::default();
    let mut all = Scores::default();
    let mut one = Scores::default();
    clause.sized(n);
    let mut total = vec![0u8; n];
    let mut best = vec![0u8; n];
    let mut candidates: Vec<u32> = Vec::new();
    let mut terms = Vec::new();
    for (k, c) in parsed.clauses.iter().enumerate() {
        for alt in &c.alts {
            if alt.departments {
                eval_departments(ix, depts, alt, &mut clause);
            }
            match alt.parts.as_slice() {
                [part] => eval_part(ix, part, alt.fields, &mut clause, &mut terms),
                [first, rest @ ..] => {
                    // All parts must match; the weakest one sets the score.
                    let acc = all.sized(n);
                    eval_part(ix, first, alt.fields, acc, &mut terms);
                    for part in rest {
                        let next = one.sized(n);
                        eval_part(ix, part, alt.fields, next, &mut terms);
                        for &d in &acc.touched {
                            let s = &mut acc.score[d as usize];
                            *s = (*s).min(next.get(d));
                        }
                        next.clear();
                    }
                    for &d in &acc.touched {
                        let s = acc.get(d);
                        if s > 0 {
                            clause.raise(d as usize, s);
                        }
                    }
                    acc.clear();
                }
                [] => {}
            }
        }
        if k == 0 {
            candidates = clause.touched.clone();
            for &d in &candidates {
                let s = clause.get(d);
                total[d as usize] = s;
                best[d as usize] = s;
            }
        } else {
            candidates.retain(|&d| {
                let s = clause.get(d);
                if s > 0 {
                    total[d as usize] = total[d as usize].saturating_add(s);
                    best[d as usize] = best[d as usize].max(s);
                }
                s > 0
            });
        }
        clause.clear();
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
    Matches {
        doctors,
        total,
        best,
    }
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
        assert_eq!(s.len(), 3);
        assert_eq!(s[0], vec![vec![("zhang".to_string(), How::Word)]]);
        assert_eq!(s[1], vec![vec![("张".to_string(), How::Exact)]]);
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
        assert_eq!(s.len(), 3, "严, 重, and the trigger 胸痛");
        assert!(s[2].len() > 1);
    }

    #[test]
    fn long_queries_are_bounded() {
        let q = "word ".repeat(1000);
        assert_eq!(shape(&q).len(), MAX_WORDS);
        let q = "字".repeat(1000);
        assert_eq!(shape(&q).len(), MAX_RUN_CHARS);
    }
}
