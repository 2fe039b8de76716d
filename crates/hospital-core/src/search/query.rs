//! The search box: query text to clauses, and clauses to matching doctors.
//!
//! Every query word becomes a clause and every clause must match (AND). A clause is
//! a list of alternatives (OR): the word itself, plus what the synonym table
//! expands it to. An alternative with several parts (a two-word trigger such as
//! "chest pain") needs all of them. A run of Chinese characters is one query word,
//! cut into the synonym triggers it contains and the stretches between them; each
//! piece is a clause of its own, and a piece of two or more characters must occur
//! as written, contiguous, inside one text of the doctor (see `eval_run`: every pair
//! of adjacent characters is indexed as a word; names, specialties and conditions
//! are then checked against their text, biographies by their pairs alone, so that
//! no search needs them in memory). A single character is a
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
use crate::model::{Doctor, TitleRank};
use crate::normalize::{fold, for_each_token, is_cjk, phrase_key};
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
    /// A campus word: ranks the doctors holding clinics there first, never filters.
    optional: bool,
    /// The query word as typed (folded), to report when nothing matches it.
    pub word: String,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub clauses: Vec<Clause>,
    /// Folded terms to highlight: the query words, and later the typo corrections.
    pub terms: Vec<String>,
    /// The query's own words as one key (see `normalize::phrase_key`), without
    /// titles and campus names: compared with whole fields for the exactness rule.
    pub phrase: String,
    /// Ranks the query's title words name (主任, Prof...): the results narrow to
    /// them when any result has one.
    pub ranks: Vec<TitleRank>,
}

/// What parsing needs to know besides the synonym table: the dataset's campus
/// names, its hospital's name, and whether a run of Chinese exists as written.
pub struct Lexicon<'a> {
    pub synonyms: &'a Synonyms,
    /// Folded campus words and runs of Chinese (`east`, `东院`, `滨江院区`), sorted,
    /// each with the index of its campus in `campus_ids`.
    pub campuses: &'a [(String, u16)],
    /// Folded words and runs that mean the whole hospital (its name, `hospital`,
    /// `医院`, `campus`...): ignored.
    pub ignored: &'a [String],
    /// Whether a run of two or more Chinese characters occurs as written in the
    /// data: such a run is never cut at the synonym triggers inside it.
    pub exists: &'a dyn Fn(&str) -> bool,
}

/// Courtesy words and titles: the ranks they name (none for 医生, Dr...).
const TITLES: &[(&str, &[TitleRank])] = {
    use TitleRank::*;
    const SENIOR: &[TitleRank] = &[ChiefPhysician, AssociateChiefPhysician];
    &[
        ("主任医师", &[ChiefPhysician]),
        ("副主任医师", &[AssociateChiefPhysician]),
        ("主治医师", &[AttendingPhysician]),
        ("主治医生", &[AttendingPhysician]),
        ("住院医师", &[ResidentPhysician]),
        ("住院医生", &[ResidentPhysician]),
        ("主任", SENIOR),
        ("副主任", &[AssociateChiefPhysician]),
        ("教授", SENIOR),
        ("副教授", &[AssociateChiefPhysician]),
        ("专家", SENIOR),
        ("医生", &[]),
        ("医师", &[]),
        ("大夫", &[]),
        ("prof", SENIOR),
        ("professor", SENIOR),
        ("dr", &[]),
        ("doctor", &[]),
        ("doc", &[]),
        ("physician", &[]),
    ]
};

fn title(w: &str) -> Option<&'static [TitleRank]> {
    TITLES.iter().find(|(t, _)| *t == w).map(|(_, r)| *r)
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

fn campus_groups(lex: &Lexicon, w: &str) -> Vec<u16> {
    let t = lex.campuses;
    let lo = t.partition_point(|(k, _)| k.as_str() < w);
    t[lo..]
        .iter()
        .take_while(|(k, _)| k == w)
        .map(|&(_, c)| c)
        .collect()
}

/// A clause that matches the doctors holding clinics at one of `campuses`.
fn campus_clause(word: &str, campuses: &[u16]) -> Clause {
    let alts = campuses
        .iter()
        .map(|c| {
            literal(vec![Part {
                text: campus_token(*c),
                how: How::Exact,
            }])
        })
        .collect();
    Clause {
        alts,
        optional: true,
        word: word.to_string(),
    }
}

/// The word each doctor holding clinics at campus `c` has in the index.
pub fn campus_token(c: u16) -> String {
    format!("{}{c}", super::index::CAMPUS)
}

/// What a run of Chinese characters is made of, left to right: the stretches of
/// the query's own text and the titles, campuses and hospital names found in it.
enum Piece {
    Text(Vec<String>),
    Title(&'static [TitleRank]),
    Campus(String, Vec<u16>),
    Ignored,
}

fn pieces(run: &[String], lex: &Lexicon) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text: Vec<String> = Vec::new();
    let mut i = 0;
    while i < run.len() {
        // The longest title, campus or hospital name starting here.
        let mut found = None;
        for len in (2..=run.len() - i).rev() {
            let key: String = run[i..i + len].concat();
            if let Some(r) = title(&key) {
                found = Some((len, Piece::Title(r)));
            } else if lex.ignored.contains(&key) {
                found = Some((len, Piece::Ignored));
            } else {
                let c = campus_groups(lex, &key);
                if !c.is_empty() {
                    found = Some((len, Piece::Campus(key, c)));
                }
            }
            if found.is_some() {
                break;
            }
        }
        match found {
            Some((len, piece)) => {
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(piece);
                i += len;
            }
            None => {
                text.push(run[i].clone());
                i += 1;
            }
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

/// A stretch of Chinese: one clause when it occurs as written in the data (or is
/// one character), else cut at the synonym triggers it contains.
fn cjk_clauses(run: &[String], lex: &Lexicon, clauses: &mut Vec<Clause>, terms: &mut Vec<String>) {
    let syn = lex.synonyms;
    let whole = run.concat();
    let mut segments = syn.cjk(run);
    if run.len() > 1 && (lex.exists)(&whole) {
        // Kept whole; a trigger that is the whole run still brings its synonyms.
        segments.retain(|&(s, e, _)| s == 0 && e == run.len());
    }
    let mut at = 0;
    // The stretch after the last trigger, if any.
    segments.push((run.len(), run.len(), Vec::new()));
    for (start, end, groups) in segments {
        // Characters outside any trigger: one contiguous piece.
        if at < start {
            let text = run[at..start].concat();
            terms.push(text.clone());
            clauses.push(Clause {
                alts: vec![literal(vec![Part::cjk(text.clone())])],
                optional: false,
                word: text,
            });
        }
        if start < end {
            let text = run[start..end].concat();
            terms.push(text.clone());
            let mut alts = vec![literal(vec![Part::cjk(text.clone())])];
            alts.extend(expansions(syn, &groups, terms));
            clauses.push(Clause {
                alts,
                optional: false,
                word: text,
            });
        }
        at = end;
    }
}

pub fn parse(q: &str, lex: &Lexicon) -> Parsed {
    let syn = lex.synonyms;
    let mut out = Parsed::default();
    let mut own: Vec<Word> = Vec::new();
    // Titles, campus and hospital names out first: what is left is the query's text.
    let mut campus_clauses = Vec::new();
    for w in words(q) {
        match w {
            Word::Latin(a) => {
                if let Some(r) = title(&a) {
                    out.ranks.extend_from_slice(r);
                } else if lex.ignored.contains(&a) {
                } else {
                    let c = campus_groups(lex, &a);
                    if c.is_empty() {
                        own.push(Word::Latin(a));
                    } else {
                        campus_clauses.push(campus_clause(&a, &c));
                    }
                }
            }
            Word::Cjk(run) => {
                for p in pieces(&run, lex) {
                    match p {
                        Piece::Text(t) => own.push(Word::Cjk(t)),
                        Piece::Title(r) => out.ranks.extend_from_slice(r),
                        Piece::Campus(word, c) => campus_clauses.push(campus_clause(&word, &c)),
                        Piece::Ignored => {}
                    }
                }
            }
        }
    }
    let mut phrase = String::new();
    for w in &own {
        match w {
            Word::Latin(a) => {
                if !phrase.is_empty() {
                    phrase.push(' ');
                }
                phrase.push_str(a);
            }
            Word::Cjk(run) => {
                if !phrase.is_empty() {
                    phrase.push(' ');
                }
                phrase.push_str(&run.concat());
            }
        }
    }
    out.phrase = phrase_key(&phrase);
    let (clauses, terms) = (&mut out.clauses, &mut out.terms);
    let mut i = 0;
    while i < own.len() {
        match &own[i] {
            Word::Latin(a) => {
                let pair = match own.get(i + 1) {
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
                alts.extend(expansions(syn, &groups, terms));
                let word = lit.join(" ");
                terms.extend(lit);
                clauses.push(Clause {
                    alts,
                    optional: false,
                    word,
                });
            }
            Word::Cjk(run) => {
                cjk_clauses(run, lex, clauses, terms);
                i += 1;
            }
        }
    }
    clauses.extend(campus_clauses);
    crate::sort::sort(&mut out.ranks);
    out.ranks.dedup();
    crate::sort::sort(terms);
    terms.dedup();
    out
}

/// What one clause of a parsed query looks for, for explaining a hit.
pub struct ClauseTerms {
    /// The query word, folded.
    pub word: String,
    /// The words of its literal alternative (folded; a Latin word also as a prefix).
    pub literal: Vec<String>,
    /// Each synonym expansion it triggers, as the words to find (the label).
    pub expansions: Vec<String>,
    /// The campus numbers a campus word names.
    pub campuses: Vec<u16>,
}

impl Parsed {
    pub fn clause_terms(&self) -> Vec<ClauseTerms> {
        self.clauses
            .iter()
            .map(|c| {
                let mut t = ClauseTerms {
                    word: c.word.clone(),
                    literal: Vec::new(),
                    expansions: Vec::new(),
                    campuses: Vec::new(),
                };
                for alt in &c.alts {
                    let texts: Vec<String> = alt.parts.iter().map(|p| p.text.clone()).collect();
                    if c.optional {
                        t.campuses.extend(
                            texts
                                .iter()
                                .filter_map(|w| w.strip_prefix(index::CAMPUS)?.parse::<u16>().ok()),
                        );
                    } else if alt.direct {
                        t.literal.extend(texts);
                    } else {
                        t.expansions.push(texts.join(" "));
                    }
                }
                t
            })
            .collect()
    }
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
    for p in ix.postings(id, fields) {
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
    /// Words matched only with a typo, and the vocabulary word they most likely mean.
    corrections: Vec<(String, String)>,
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
                let typos = ix.typo_matches(&part.text);
                for &id in &typos {
                    scan(ix, id, TYPO, fields, out);
                    terms.push(ix.word(id).to_string());
                }
                // Only typo matches: the likeliest meaning is the most used of them.
                if range.is_empty() {
                    if let Some(&id) = typos
                        .iter()
                        .max_by_key(|&&id| ix.postings(id, ALL_FIELDS).len())
                    {
                        work.corrections
                            .push((part.text.clone(), ix.word(id).to_string()));
                    }
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

/// Whether one of the doctor's names (`NAME`), or specialties and conditions
/// (`SPECIALTY`), holds `run`. CJK characters fold to themselves, so the original text
/// is searched as it is.
fn doctor_has_run(d: &Doctor, field: u8, run: &str) -> bool {
    let has = |t: &Text| t.all().any(|s| s.contains(run));
    match field {
        NAME => has(&d.name),
        SPECIALTY => d.specialties.iter().chain(&d.conditions).any(has),
        _ => false,
    }
}

/// Leaves in `work.masks` the doctors whose postings of every word in `ids` share
/// a field class of `fields`, with those classes.
fn intersect(cx: &Context, mut ids: Vec<usize>, fields: u8, work: &mut RunWork) {
    let ix = cx.ix;
    // The shortest list first: the intersection can only shrink.
    crate::sort::sort_by_key(&mut ids, |&id| (ix.postings(id, fields).len(), id));
    ids.dedup();
    let masks = work.masks.sized(cx.n);
    let Some((&first, rest)) = ids.split_first() else {
        return;
    };
    for p in ix.postings(first, fields) {
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
        for p in ix.postings(id, fields) {
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

/// A run of two or more CJK characters in the doctors' own texts, each of which has
/// its adjacent character pairs indexed: the doctors whose postings hold every pair of
/// the run in one field class. A name, specialty or condition is confirmed against its
/// text when the run is longer than one pair. A biography is not: at the weakest score,
/// a biography holding every pair of the run (心内, 内科 for 心内科) is taken as saying
/// it, so that the biographies can stay out of memory (a large hospital's finder does
/// not load them). Departments are matched by the caller.
fn eval_run(cx: &Context, run: &str, fields: u8, out: &mut Scores, work: &mut RunWork) {
    let ix = cx.ix;
    let chars: Vec<char> = run.chars().collect();
    let mut buf = String::new();
    let doctor = |d: u32| cx.doctors.get(d as usize);
    let f = fields & (NAME | SPECIALTY | BIO);
    if f == 0 {
        return;
    }
    let pairs: Option<Vec<usize>> = chars
        .windows(2)
        .map(|w| {
            buf.clear();
            buf.extend(w);
            ix.exact(&buf)
        })
        .collect();
    let Some(ids) = pairs else {
        return;
    };
    intersect(cx, ids, f, work);
    let confirm = chars.len() > 2;
    for &d in &work.masks.touched {
        let m = work.masks.score[d as usize];
        let field = [NAME, SPECIALTY, BIO].into_iter().find(|&f| {
            m & f != 0
                && (f == BIO
                    || !confirm
                    || doctor(d).is_some_and(|doc| doctor_has_run(doc, f, run)))
        });
        if let Some(f) = field {
            out.raise(d as usize, index::score(f, EXACT));
        }
    }
    work.masks.clear();
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
    /// Per doctor (meaningful for `doctors` only): the rank key in bits 8..24
    /// (higher first, see `rank_key`) and the best single clause score in bits 0..8.
    pub scores: Vec<u32>,
    /// No doctor matches every word: `doctors` are those matching the most words.
    pub partial: bool,
    /// The query words (folded, as typed) that no doctor of `doctors` matches.
    pub unmatched: Vec<String>,
    /// Words matched only with a typo, with the vocabulary word they likely mean.
    pub corrections: Vec<(String, String)>,
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

/// Scratch space of one evaluation.
#[derive(Default)]
struct Work {
    direct: Scores,
    synonym: Scores,
    all: Scores,
    one: Scores,
    run: RunWork,
    terms: Vec<String>,
}

impl Work {
    /// Evaluates every alternative of `c`: `direct` then holds the doctors the
    /// query's own words reach, `synonym` those its synonyms reach.
    fn clause(&mut self, cx: &Context, c: &Clause) {
        self.direct.sized(cx.n);
        self.synonym.sized(cx.n);
        for alt in &c.alts {
            let out = if alt.direct {
                &mut self.direct
            } else {
                &mut self.synonym
            };
            eval_alt(
                cx,
                alt,
                out,
                &mut self.all,
                &mut self.one,
                &mut self.run,
                &mut self.terms,
            );
        }
    }

    /// The clause's score for doctor `d` and whether the query's own words matched
    /// it (1) or only a synonym (0); a score of 0 for no match.
    fn get(&self, d: u32) -> (u32, u32) {
        match self.direct.get(d) {
            0 => (self.synonym.get(d) as u32, 0),
            s => (s as u32, 1),
        }
    }

    fn touched(&self) -> impl Iterator<Item = u32> + '_ {
        self.direct
            .touched
            .iter()
            .chain(&self.synonym.touched)
            .copied()
    }

    fn clear(&mut self) {
        self.direct.clear();
        self.synonym.clear();
    }
}

/// Adds one clause's score `s` (literal: 1 or 0) to a doctor's running total:
/// clauses matched literally (bits 16..24), summed scores (bits 8..16), both
/// saturating at 255, and the best single score (bits 0..8).
fn add_clause(a: u32, s: u32, literal: u32) -> u32 {
    let count = ((a >> 16) + literal).min(255);
    let sum = (((a >> 8) & 255) + s).min(255);
    let best = (a & 255).max(s);
    (count << 16) | (sum << 8) | best
}

/// The 16-bit rank key of a doctor, higher first: clauses matched by the query's
/// own words (4 bits; a query has at most 16 words), then how the whole query met
/// one field (3 bits: 3 to 6 for a whole field, by field class; 2 for the start of
/// a field or a whole department keyword; 1 for a run of words inside a specialty
/// or condition; 0 none), then whether the doctor lists a usual cause of a symptom
/// typed (1 bit, see `causes`), then the summed clause scores (8 bits; 0 for a
/// whole field, so that doctors matching a whole field go by title rank and name).
fn rank_key(total: u32, tier: u8, lists_cause: bool) -> u32 {
    let count = (total >> 16).min(15);
    let sum = if tier >= 3 { 0 } else { (total >> 8) & 255 };
    (count << 12) | ((tier.min(7) as u32) << 9) | ((lists_cause as u32) << 8) | sum
}

/// Marks in `tiers` how the query's phrase meets each candidate's fields: the
/// whole field, the start of one, or a run of words inside one.
fn phrase_tiers(cx: &Context, phrase: &str, candidates: &Bits, tiers: &mut [u8]) {
    if phrase.is_empty() {
        return;
    }
    let ix = cx.ix;
    let mut key = String::with_capacity(phrase.len() + 1);
    for (mark, inside) in [(index::WHOLE, false), (index::INSIDE, true)] {
        key.clear();
        key.push(mark);
        key.push_str(phrase);
        let range = ix.prefix_range(&key);
        for id in range.clone() {
            let exact = !inside && id == range.start && ix.word(id) == key;
            for p in ix.postings(id, ALL_FIELDS) {
                let d = (p >> 4) as usize;
                if !candidates.contains(d) {
                    continue;
                }
                let t = if exact {
                    let m = (p & 15) as u8;
                    3 + (7 - m.max(1).leading_zeros() as u8)
                } else if inside {
                    1
                } else {
                    2
                };
                if let Some(x) = tiers.get_mut(d) {
                    *x = (*x).max(t);
                }
            }
        }
    }
    key.clear();
    key.push(index::KEYWORD);
    key.push_str(phrase);
    if let Some(id) = ix.exact(&key) {
        for p in ix.postings(id, ALL_FIELDS) {
            let d = (p >> 4) as usize;
            if candidates.contains(d) {
                if let Some(x) = tiers.get_mut(d) {
                    *x = (*x).max(2);
                }
            }
        }
    }
}

pub fn eval(parsed: &mut Parsed, cx: &Context) -> Matches {
    let n = cx.n;
    let mut w = Work::default();
    let mut scores = vec![0u32; n];
    let required: Vec<&Clause> = parsed.clauses.iter().filter(|c| !c.optional).collect();
    let optional: Vec<&Clause> = parsed.clauses.iter().filter(|c| c.optional).collect();
    let mut candidates: Vec<u32> = Vec::new();
    let mut partial = false;
    let mut unmatched = Vec::new();
    if required.is_empty() {
        candidates.extend(0..n as u32);
    }
    for (k, c) in required.iter().enumerate() {
        w.clause(cx, c);
        if k == 0 {
            for d in w.touched() {
                let (s, literal) = w.get(d);
                if let Some(x) = scores.get_mut(d as usize) {
                    if *x == 0 {
                        *x = add_clause(0, s, literal);
                        candidates.push(d);
                    }
                }
            }
        } else {
            candidates.retain(|&d| {
                let (s, literal) = w.get(d);
                scores[d as usize] = add_clause(scores[d as usize], s, literal);
                s > 0
            });
        }
        w.clear();
        if candidates.is_empty() {
            break;
        }
    }
    if candidates.is_empty() && !required.is_empty() {
        // Nothing matches every word: the doctors matching the most of them.
        scores.iter_mut().for_each(|x| *x = 0);
        let mut matched = vec![0u8; n];
        let mut sets = Vec::with_capacity(required.len());
        for c in &required {
            w.clause(cx, c);
            let mut set = Bits::empty(n);
            for d in w.touched() {
                let i = d as usize;
                if !set.contains(i) {
                    set.set(i);
                    let (s, literal) = w.get(d);
                    scores[i] = add_clause(scores[i], s, literal);
                    matched[i] += 1;
                }
            }
            w.clear();
            sets.push(set);
        }
        let most = matched.iter().copied().max().unwrap_or(0);
        if most > 0 {
            candidates.extend((0..n as u32).filter(|&d| matched[d as usize] == most));
            partial = true;
        }
        for (c, set) in required.iter().zip(&sets) {
            if !candidates.iter().any(|&d| set.contains(d as usize)) {
                unmatched.push(c.word.clone());
            }
        }
    }
    // Campus words rank the doctors holding clinics there; they never filter.
    for c in &optional {
        w.clause(cx, c);
        for &d in &candidates {
            let (s, literal) = w.get(d);
            if s > 0 {
                scores[d as usize] = add_clause(scores[d as usize], s, literal);
            }
        }
        w.clear();
    }
    // Titles narrow to the ranks they name, unless nobody found has one.
    if !parsed.ranks.is_empty() {
        let has = |d: &u32| {
            cx.doctors
                .get(*d as usize)
                .is_some_and(|doc| parsed.ranks.contains(&doc.title))
        };
        if candidates.iter().any(has) {
            candidates.retain(has);
        }
    }
    let mut doctors = Bits::empty(n);
    for &d in &candidates {
        doctors.set(d as usize);
    }
    let mut tiers = vec![0u8; n];
    if !candidates.is_empty() {
        phrase_tiers(cx, &parsed.phrase, &doctors, &mut tiers);
    }
    let words: Vec<&str> = parsed.clauses.iter().map(|c| c.word.as_str()).collect();
    let causes = super::causes::doctors_listing_causes(cx.ix, &words, &doctors, n);
    for &d in &candidates {
        let i = d as usize;
        let total = scores[i];
        let lists_cause = causes.as_ref().is_some_and(|b| b.contains(i));
        scores[i] = (rank_key(total, tiers[i], lists_cause) << 8) | (total & 255);
    }
    parsed.terms.append(&mut w.terms);
    crate::sort::sort(&mut parsed.terms);
    parsed.terms.dedup();
    let mut corrections = std::mem::take(&mut w.run.corrections);
    crate::sort::sort(&mut corrections);
    corrections.dedup();
    Matches {
        doctors,
        scores,
        partial,
        unmatched,
        corrections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::synonyms::SYNONYMS;

    fn lexicon_parse(q: &str, exists: &dyn Fn(&str) -> bool) -> Parsed {
        let syn = Synonyms::new(SYNONYMS);
        let campuses = vec![("east".to_string(), 0), ("东院".to_string(), 0)];
        let ignored = vec!["hospital".to_string()];
        let lex = Lexicon {
            synonyms: &syn,
            campuses: &campuses,
            ignored: &ignored,
            exists,
        };
        parse(q, &lex)
    }

    fn shape(q: &str) -> Vec<Vec<Vec<(String, How)>>> {
        lexicon_parse(q, &|_| false)
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
