//! The doctor finder's search engine: one search box, facets with live counts, and
//! four sort orders, answered from an index built once when the data loads.
//!
//! ```text
//! let index = DoctorIndex::build(&dataset);             // once
//!
//! // or, without freezing the page: a slice of work, then the browser's turn
//! let mut b = DoctorIndexBuilder::new(&dataset);       // cheap: departments only
//! while !b.step(&dataset, &mut || started.elapsed() > 8 ms) {   // true when done
//!     show(b.progress());                              // (done, total)
//!     yield_to_the_browser().await;
//! }
//! let index = b.finish(&dataset);                      // same index as `build`
//!
//! let result = index.search(&dataset, &query, now);     // every keystroke
//! result.hits                 // every matching doctor, in order; the UI pages them
//! result.facets               // counts for every facet option, zeros included
//! highlight(text, &result.terms)  // byte ranges to <mark> in names, specialties...
//! ```
//!
//! What the search box matches (see `query` for the exact rules):
//! - names in every language, and the pinyin as syllables (`zhang wei`), joined
//!   (`zhangwei`) and as initials (`zw`), with or without tones (`lü` also as `lv`);
//! - specialties and conditions; department names, ids and keywords; biography and
//!   education;
//! - plain-language symptoms through the built-in [`SYNONYMS`] table;
//! - every word as a prefix (`cardi`), and words of five or more letters with one
//!   typo (`cardiolgy`);
//! - Chinese as written: a single character anywhere (`张`), and two or more
//!   characters (`心内科`, `高血压`, `张伟`) only where they stand together, in that
//!   order, inside one text (a name, a specialty, a department's name...). A run is
//!   cut at the synonym triggers it contains (`严重胸痛`: `严重` and `胸痛`), and each
//!   piece must match like a word.
//!
//! Every query word must match (AND), so adding a word never adds results.
//! Relevance: the query's own words first. A doctor matching more of the query's
//! words literally (in any field, with any kind of match) ranks above one that
//! needs synonyms for more of them, so a doctor whose condition says "asthma"
//! comes before the respiratory doctors that "asthma" also finds through the
//! synonym table. Then a word found in a name beats one in a specialty or
//! condition, which beats a department, which beats the biography; exact beats
//! prefix beats typo (a word reached only through a synonym scores where the
//! synonym matched). The scores of the words add up; ties go to the most senior
//! title, then the name.
//! The other orders: name (the English name, else the pinyin), title rank, and the
//! soonest session from `now` ([`next_session`]); each with the same tie-breaks.
//!
//! Facet counts are disjunctive: see [`FacetCounts`] and `facets`.
//!
//! Only the first 1024 bytes and 16 words of the query count, and 16 characters of
//! a run of Chinese: this bounds the work a pasted text can cause.
//!
//! The builder owns its state and borrows nothing, so it can live across `.await`
//! points beside the dataset's owner; every call must get the same, unchanged
//! dataset. A step checks the clock after each doctor or a few thousand items of
//! other work, and always does some work first, so a clock that is always out of
//! time still finishes (see `build` for the pieces that cannot stop midway).

mod bits;
mod build;
mod causes;
mod compiled;
mod explain;
mod facets;
mod highlight;
mod index;
mod order;
mod query;
mod related;
mod slices;
mod synonyms;
#[cfg(test)]
mod tests;

pub use build::DoctorIndexBuilder;
pub use compiled::{DoctorIndexFeed, DOCTOR_INDEX_FILE};
pub use explain::{Reason, ReasonField};
pub use facets::{doctor_campuses, FacetCounts};
pub use highlight::highlight;
pub use order::{next_session, slot_index, SLOTS_PER_WEEK};
pub use related::RELATED_MAX;
pub use synonyms::{SynonymGroup, SYNONYMS};

use crate::model::{Dataset, Doctor};
use crate::normalize;
use crate::normalize::{fold, for_each_token, phrase_key};
use crate::route::{DoctorQuery, Slot};
use crate::text::Text;
use index::{ALL_FIELDS, BIO, DEPARTMENT, NAME, SPECIALTY};
use std::collections::HashMap;
use std::sync::Arc;

/// The field a doctor matched the query text in, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchField {
    Biography,
    Department,
    /// Specialties and conditions.
    Specialty,
    Name,
}

impl MatchField {
    pub(crate) fn from_score(score: u8) -> Option<MatchField> {
        use MatchField::*;
        let class = score.checked_sub(1)? / 4;
        [Biography, Department, Specialty, Name]
            .get(class as usize)
            .copied()
    }
}

/// One matching doctor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index in `Dataset::doctors`.
    pub doctor: usize,
    /// Relevance: 0 when the query has no words. Only comparable within one search.
    pub score: u32,
    /// The best field any query word matched in; `None` when the query has no words.
    pub matched: Option<MatchField>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchResult {
    /// Every doctor matching the query text and all facets, in the query's order.
    pub hits: Vec<Hit>,
    /// Folded terms to pass to [`highlight`]: the query words, typo corrections
    /// found in the data, and the synonyms the query triggered.
    pub terms: Vec<String>,
    pub facets: FacetCounts,
    /// No doctor matches every word of the query: `hits` are the closest matches,
    /// the doctors matching the most of its words ("no doctor matches all of ...").
    pub partial: bool,
    /// The query's words (folded) that none of the closest matches has.
    pub unmatched: Vec<String>,
    /// Likely spellings: a word matched only with a typo, or matched by nothing,
    /// and the word of the data it most likely means (`cardiolgy` → `cardiology`).
    pub suggestions: Vec<Suggestion>,
    /// When the query names a condition or specialty: the other doctors of the
    /// departments most of the hits belong to, who do not list it themselves
    /// ("other doctors of Orthopaedics"), by the query's order without a score, at
    /// most [`RELATED_MAX`]. They come after every hit and are in neither `hits`
    /// nor the facet counts, but they pass the same facet filters.
    pub related: Vec<Hit>,
    /// The ids of the departments `related` is drawn from, in facet order.
    pub related_departments: Vec<String>,
}

/// A spelling the data knows for a word of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The query word, folded.
    pub word: String,
    /// The word of the data.
    pub suggestion: String,
}

/// The search index of one dataset. Build it again when the dataset changes.
pub struct DoctorIndex {
    doctors: usize,
    text: index::TextIndex,
    synonyms: synonyms::Synonyms,
    /// Shared with the index's browse part (`DoctorIndexFeed::take_browse`), which
    /// answers the finder's queries without text while the rest is on its way.
    facets: Arc<facets::Facets>,
    /// Word ids of each department in facet order (empty for ids the dataset uses
    /// without describing them).
    department_words: Vec<Vec<u32>>,
    /// Each department's name, keywords and id in facet order, one per line (the
    /// id alone for ids the dataset does not describe): runs of Chinese characters
    /// are matched in these, not through postings.
    department_texts: Vec<String>,
    orders: Arc<order::Orders>,
    /// Folded campus words and Chinese runs, sorted, with the campus's number
    /// (see `query::Lexicon`).
    campus_words: Vec<(String, u16)>,
    /// Words and runs meaning the whole hospital, ignored in queries.
    ignored: Vec<String>,
    /// Only the browse part (facets and orders, no words): see [`DoctorIndex::answers`].
    browse_only: bool,
}

impl std::fmt::Debug for DoctorIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DoctorIndex")
            .field("doctors", &self.doctors)
            .field("words", &self.text.len())
            .finish_non_exhaustive()
    }
}

/// Adds the tokens of `s`; with `pairs`, also each pair of adjacent CJK characters
/// as a word of its own, so that a run of Chinese is found as the AND of its pairs.
fn add_tokens(b: &mut index::Builder, s: &str, field: u8, pairs: bool, pair: &mut String) {
    let mut last_cjk_end = usize::MAX;
    for_each_token(s, |w, range, cjk| {
        b.add(w, field);
        if !pairs {
            return;
        }
        if !cjk {
            last_cjk_end = usize::MAX;
            return;
        }
        if range.start == last_cjk_end {
            pair.push_str(w);
            b.add(pair, field);
        }
        pair.clear();
        pair.push_str(w);
        last_cjk_end = range.end;
    });
}

/// `q` with each word whose folded form is `typo` replaced by `word`.
fn replace_word(q: &str, typo: &str, word: &str) -> String {
    let mut out = String::with_capacity(q.len());
    let mut last = 0;
    for_each_token(q, |t, range, _| {
        if t == typo {
            out.push_str(&q[last..range.start]);
            out.push_str(word);
            last = range.end;
        }
    });
    out.push_str(&q[last..]);
    out
}

/// Every text's adjacent CJK character pairs are indexed, the biography's too, so a
/// run of Chinese is found through its pairs alone: the biographies need not be in
/// memory when a search runs (a finder of a large hospital holds none of them).
/// Biographies get no whole-text word: exactness is for short fields.
fn add_text(b: &mut index::Builder, text: &Text, field: u8) {
    let mut pair = String::new();
    for s in text.all() {
        add_tokens(b, s, field, true, &mut pair);
        if field != BIO {
            add_whole(b, s, field, &mut pair);
        }
    }
}

/// The whole text as one marked word (`index::WHOLE`), for the exactness rule;
/// for specialties and conditions also the key from each later Latin word on
/// (`index::INSIDE`), so that a phrase inside one is found as one run.
fn add_whole(b: &mut index::Builder, s: &str, field: u8, buf: &mut String) {
    let key = phrase_key(s);
    if key.is_empty() {
        return;
    }
    buf.clear();
    buf.push(index::WHOLE);
    buf.push_str(&key);
    b.add(buf, field);
    if field == SPECIALTY {
        for (i, _) in key.match_indices(' ') {
            let rest = &key[i + 1..];
            if rest.starts_with(|c: char| c.is_alphanumeric() && !normalize::is_cjk(c)) {
                buf.clear();
                buf.push(index::INSIDE);
                buf.push_str(rest);
                b.add(buf, field);
            }
        }
    }
}

/// The marked whole-field word of a text, for department words.
pub(crate) fn whole_key(s: &str) -> Option<String> {
    let key = phrase_key(s);
    (!key.is_empty()).then(|| format!("{}{key}", index::WHOLE))
}

fn is_umlaut_u(c: char) -> bool {
    matches!(c, 'ü' | 'Ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ')
}

/// Pinyin as people type it: syllables, joined, and initials, with `ü` as `u`
/// and also as `v` (the usual keyboard spelling). Tone marks and tone numbers go.
fn add_pinyin(b: &mut index::Builder, pinyin: &str) {
    let syllable = |raw: &str| -> String {
        fold(raw)
            .chars()
            .filter(|c| c.is_alphanumeric() && !c.is_ascii_digit())
            .collect()
    };
    let raws: Vec<&str> = pinyin
        .split(|c: char| c.is_whitespace() || matches!(c, '\'' | '’' | '-' | '·'))
        .filter(|s| !s.is_empty())
        .collect();
    let mut spellings = vec![raws.iter().map(|r| syllable(r)).collect::<Vec<_>>()];
    if pinyin.chars().any(is_umlaut_u) {
        let v: Vec<String> = raws
            .iter()
            .map(|r| {
                syllable(
                    &r.chars()
                        .map(|c| if is_umlaut_u(c) { 'v' } else { c })
                        .collect::<String>(),
                )
            })
            .collect();
        spellings.push(v);
    }
    for sylls in spellings {
        let sylls: Vec<String> = sylls.into_iter().filter(|s| !s.is_empty()).collect();
        for s in &sylls {
            b.add(s, NAME);
        }
        if !sylls.is_empty() {
            for key in [sylls.join(" "), sylls.concat()] {
                b.add(&format!("{}{key}", index::WHOLE), NAME);
            }
        }
        if sylls.len() > 1 {
            b.add(&sylls.concat(), NAME);
            let initials: String = sylls.iter().filter_map(|s| s.chars().next()).collect();
            b.add(&initials, NAME);
        }
    }
}

/// The doctor's words; `campuses` are the numbers of the campuses the doctor
/// holds clinics at (see `facets::doctor_campuses`).
fn add_doctor(
    b: &mut index::Builder,
    d: &Doctor,
    departments: &HashMap<String, Vec<u32>>,
    campuses: &[u16],
) {
    for &c in campuses {
        b.add(&query::campus_token(c), DEPARTMENT);
    }
    // The family name counts as a whole name: "Dr. Li", 王医生 and `zhang` find
    // the Lis, Wangs and Zhangs before doctors with that given name. It is the
    // English name's last word, the first Chinese character, and the pinyin's
    // first syllable.
    let mut family = Vec::new();
    if let Some(en) = d.name.exact(crate::text::Lang::En) {
        family.extend(en.split_whitespace().last().map(str::to_string));
    }
    if let Some(zh) = d.name.exact(crate::text::Lang::Zh) {
        family.extend(zh.chars().find(|&c| normalize::is_cjk(c)).map(String::from));
    }
    if let Some(p) = &d.pinyin {
        family.extend(p.split_whitespace().next().map(str::to_string));
    }
    for f in family {
        if let Some(k) = whole_key(&f) {
            b.add(&k, NAME);
        }
    }
    add_text(b, &d.name, NAME);
    if let Some(p) = &d.pinyin {
        add_pinyin(b, p);
    }
    for t in d.specialties.iter().chain(&d.conditions) {
        add_text(b, t, SPECIALTY);
    }
    for id in &d.departments {
        match departments.get(id.as_str()) {
            Some(words) => words.iter().for_each(|&w| b.add_id(w, DEPARTMENT)),
            None => for_each_token(id, |w, _, _| b.add(w, DEPARTMENT)),
        }
    }
    add_text(b, &d.bio, BIO);
    for t in &d.education {
        add_text(b, t, BIO);
    }
}

impl DoctorIndex {
    /// The index in one call; [`DoctorIndexBuilder`] does the same work in slices.
    pub fn build(ds: &Dataset) -> DoctorIndex {
        let mut b = DoctorIndexBuilder::new(ds);
        while !b.step(ds, &mut || false) {}
        b.finish(ds)
    }

    /// The browse part of an index: its facets and orders without its words. It answers
    /// a query without text (the finder's first page, its filters, orders and pages)
    /// exactly as the whole index does; the text of any other query it leaves out.
    fn browse(doctors: usize, facets: Arc<facets::Facets>, orders: Arc<order::Orders>) -> Self {
        DoctorIndex {
            doctors,
            text: index::Builder::default().finisher().finish().0,
            synonyms: synonyms::Synonyms::new(&[]),
            facets,
            department_words: Vec::new(),
            department_texts: Vec::new(),
            orders,
            campus_words: Vec::new(),
            ignored: Vec::new(),
            browse_only: true,
        }
    }

    /// Whether [`DoctorIndex::search`] answers `q` as the whole index does: always,
    /// unless this is only the browse part and `q` has text.
    pub fn answers(&self, q: &DoctorQuery) -> bool {
        !self.browse_only || q.q.trim().is_empty()
    }

    /// The number of doctors indexed.
    pub fn len(&self) -> usize {
        self.doctors
    }

    pub fn is_empty(&self) -> bool {
        self.doctors == 0
    }

    /// Every doctor matching `q` (text and facets), ordered by `q.sort`; `q.page` is
    /// left to the caller. `now` is the current half-day, for the "soonest" order.
    /// `ds` must be the dataset the index was built from.
    pub fn search(&self, ds: &Dataset, q: &DoctorQuery, now: Slot) -> SearchResult {
        debug_assert_eq!(
            ds.doctors.len(),
            self.doctors,
            "index built from another dataset"
        );
        let n = self.doctors;
        let exists = |run: &str| self.run_exists(run);
        let lex = query::Lexicon {
            synonyms: &self.synonyms,
            campuses: &self.campus_words,
            ignored: &self.ignored,
            exists: &exists,
        };
        // The browse part has no words: it answers as if no text were typed.
        let text = if self.browse_only { "" } else { q.q.as_str() };
        let mut parsed = query::parse(text, &lex);
        let mut partial = false;
        let mut unmatched = Vec::new();
        let mut suggestions = Vec::new();
        let (text, scores) = if parsed.clauses.is_empty() && parsed.ranks.is_empty() {
            (None, None)
        } else {
            let cx = query::Context {
                ix: &self.text,
                depts: query::Departments {
                    words: &self.department_words,
                    texts: &self.department_texts,
                    doctors: self.facets.departments().1,
                },
                doctors: &ds.doctors,
                n,
            };
            let mut m = query::eval(&mut parsed, &cx);
            // Words found only with a typo: the query again with the likely
            // spellings, so that they bring their synonyms and exact matches too.
            if !m.corrections.is_empty() {
                let mut fixed = q.q.clone();
                for (typo, word) in &m.corrections {
                    fixed = replace_word(&fixed, typo, word);
                }
                let mut again = query::parse(&fixed, &lex);
                let m2 = query::eval(&mut again, &cx);
                if !m2.partial || m.partial {
                    again.terms.append(&mut parsed.terms);
                    crate::sort::sort(&mut again.terms);
                    again.terms.dedup();
                    let corrections = std::mem::take(&mut m.corrections);
                    parsed = again;
                    m = m2;
                    m.corrections = corrections;
                }
            }
            partial = m.partial;
            for (word, suggestion) in m.corrections {
                suggestions.push(Suggestion { word, suggestion });
            }
            for word in &m.unmatched {
                if let Some(s) = self.suggest(word) {
                    suggestions.push(Suggestion {
                        word: word.clone(),
                        suggestion: s,
                    });
                }
            }
            unmatched = m.unmatched;
            (Some(m.doctors), Some(m.scores))
        };
        let (results, facets) = self.facets.apply(text.as_ref(), q);
        let hits = self.orders.hits(&results, scores.as_deref(), q.sort, now);
        let (related, related_departments) = match &text {
            Some(matched) if !partial => self.related(&hits, matched, q, now),
            _ => (Vec::new(), Vec::new()),
        };
        SearchResult {
            hits,
            terms: parsed.terms,
            facets,
            partial,
            unmatched,
            suggestions,
            related,
            related_departments,
        }
    }

    /// The tail of [`SearchResult::related`]: colleagues of the hits who matched in
    /// a specialty or condition, filtered by the query's facets.
    fn related(
        &self,
        hits: &[Hit],
        matched: &bits::Bits,
        q: &DoctorQuery,
        now: Slot,
    ) -> (Vec<Hit>, Vec<String>) {
        let (ids, members) = self.facets.departments();
        let departments = related::departments_of(hits, members);
        if departments.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let colleagues = related::colleagues(self.doctors, &departments, members, matched);
        let shown = self.facets.filter(colleagues, q);
        let mut tail = self.orders.hits(&shown, None, q.sort, now);
        if tail.is_empty() {
            return (Vec::new(), Vec::new());
        }
        tail.truncate(RELATED_MAX);
        let names = departments
            .iter()
            .filter_map(|&i| ids.get(i).cloned())
            .collect();
        (tail, names)
    }

    /// Whether a run of Chinese characters occurs as written in the data, as far
    /// as the index can tell cheaply: a whole field starts with it, a department's
    /// texts hold it, or every pair of adjacent characters is a word of names,
    /// specialties or conditions.
    fn run_exists(&self, run: &str) -> bool {
        let ix = &self.text;
        if !ix
            .prefix_range(&format!("{}{run}", index::WHOLE))
            .is_empty()
            || self.department_texts.iter().any(|t| t.contains(run))
        {
            return true;
        }
        let chars: Vec<char> = run.chars().collect();
        let mut buf = String::new();
        chars.len() > 1
            && chars.windows(2).all(|w| {
                buf.clear();
                buf.extend(w);
                ix.exact(&buf)
                    .is_some_and(|id| !ix.postings(id, NAME | SPECIALTY).is_empty())
            })
    }

    /// The word of the data one edit away from `word` (three letters or more)
    /// that most doctors have, for a word that matched nothing.
    fn suggest(&self, word: &str) -> Option<String> {
        let ix = &self.text;
        if word.chars().count() < 3 || word.chars().any(normalize::is_cjk) {
            return None;
        }
        ix.near_words(word)
            .into_iter()
            .max_by_key(|&id| ix.postings(id, ALL_FIELDS).len())
            .map(|id| ix.word(id).to_string())
    }
}
