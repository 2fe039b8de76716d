//! Why a doctor is among the results: for each word of the query, the field it
//! matched in, the text with the ranges to mark, and for a plain-language word
//! matched through the symptom table, what it led to ("headache → Neurology").
//!
//! Computed for one doctor at a time, for the cards on screen, from the query and
//! the doctor's own texts: the search itself keeps no per-field record.

use super::highlight::highlight;
use super::index::BIO;
use super::query::{self, ClauseTerms};
use super::DoctorIndex;
use crate::model::Dataset;
use crate::text::Text;
use std::ops::Range;

/// Where a query word was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReasonField {
    Name,
    Specialty,
    Condition,
    Department,
    /// A campus where the doctor holds clinics.
    Campus,
    /// The biography or education.
    Biography,
}

/// Why one query word matched one doctor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The query word, folded (`headache`, `心血管内科`, `east`).
    pub word: String,
    pub field: ReasonField,
    /// The text it was found in, as the dataset writes it (one language of it).
    pub text: String,
    /// Byte ranges of `text` to mark.
    pub marks: Vec<Range<usize>>,
    /// For a word matched only through the symptom table: the expansions that
    /// matched (`neurolog`, `神经内科`); empty for a direct match.
    pub via: Vec<String>,
    /// For a match in a department's keywords (`text` is the keyword, "stomach ache"):
    /// that department's id, so the card can name where the word led (in the reader's
    /// language) rather than show a keyword as if it were the department's name.
    pub leads_to: Option<String>,
}

/// A text found and its marks.
type Found = Option<(String, Vec<Range<usize>>)>;
/// A text found, its marks and, for a department keyword, the department's id.
type Led = Option<(String, Vec<Range<usize>>, Option<String>)>;
type Finder<'a> = Box<dyn Fn() -> Led + 'a>;

/// The first text among `texts` in which every one of `terms` marks something.
fn find<'a>(texts: impl Iterator<Item = &'a str>, terms: &[String]) -> Found {
    if terms.is_empty() {
        return None;
    }
    for t in texts {
        let all = terms
            .iter()
            .all(|term| !highlight(t, std::slice::from_ref(term)).is_empty());
        if all {
            return Some((t.to_string(), highlight(t, terms)));
        }
    }
    None
}

/// The first department keyword in which every one of `terms` marks something, with
/// its department.
fn find_keyword<'d>(
    depts: &[&'d crate::model::Department],
    terms: &[String],
) -> Option<(String, Vec<Range<usize>>, &'d crate::model::Department)> {
    depts.iter().find_map(|&dept| {
        let (text, marks) = find(dept.keywords.iter().flat_map(Text::all), terms)?;
        Some((text, marks, dept))
    })
}

fn plain(found: Found) -> Led {
    found.map(|(text, marks)| (text, marks, None))
}

fn all<'a>(texts: impl IntoIterator<Item = &'a Text>) -> impl Iterator<Item = &'a str> {
    texts.into_iter().flat_map(Text::all)
}

impl DoctorIndex {
    /// Why doctor `doctor` (an index in `ds.doctors`) matches `query`: one reason
    /// per query word that it matches, in query order; titles (主任, Dr) and the
    /// hospital's name give none. `ds` must be the dataset the index was built from.
    pub fn explain(&self, ds: &Dataset, query: &str, doctor: usize) -> Vec<Reason> {
        let Some(d) = ds.doctors.get(doctor) else {
            return Vec::new();
        };
        let exists = |run: &str| self.run_exists(run);
        let lex = query::Lexicon {
            synonyms: &self.synonyms,
            campuses: &self.campus_words,
            ignored: &self.ignored,
            exists: &exists,
        };
        let parsed = query::parse(query, &lex);
        let depts: Vec<&crate::model::Department> = d
            .departments
            .iter()
            .filter_map(|id| ds.department(id))
            .collect();
        let dept_names = || all(depts.iter().map(|x| &x.name));
        let mut out = Vec::new();
        for c in parsed.clause_terms() {
            let ClauseTerms {
                word,
                literal,
                expansions,
                campuses,
            } = c;
            if !campuses.is_empty() {
                let mine = super::doctor_campuses(ds, doctor);
                let hit = ds
                    .hospital
                    .campuses
                    .iter()
                    .enumerate()
                    .find(|(i, x)| campuses.contains(&(*i as u16)) && mine.contains(&x.id));
                if let Some((_, campus)) = hit {
                    // The name in the language the word was typed in.
                    let text = campus
                        .name
                        .all()
                        .find(|n| crate::normalize::fold(n).contains(word.as_str()))
                        .or_else(|| campus.name.all().next())
                        .unwrap_or(&campus.id)
                        .to_string();
                    out.push(Reason {
                        word,
                        field: ReasonField::Campus,
                        marks: std::iter::once(0..text.len()).collect(),
                        text,
                        via: Vec::new(),
                        leads_to: None,
                    });
                }
                continue;
            }
            // The word itself, with the spellings one typo away that the data has.
            let mut terms = literal.clone();
            for w in &literal {
                for id in self.text.typo_matches(w) {
                    terms.push(self.text.word(id).to_string());
                }
            }
            let typed = word.clone();
            let direct: [(ReasonField, Finder); 6] = [
                (
                    ReasonField::Name,
                    Box::new(|| {
                        plain(find(d.name.all(), &literal).or_else(|| {
                            // Pinyin: the name is what to show.
                            let py = d.pinyin.as_deref()?;
                            let folded: String = crate::normalize::fold(py)
                                .chars()
                                .filter(|c| c.is_alphanumeric() || c.is_whitespace())
                                .collect();
                            let joined: String = folded.split_whitespace().collect();
                            let initials: String = folded
                                .split_whitespace()
                                .filter_map(|s| s.chars().next())
                                .collect();
                            let ok = literal.iter().all(|w| {
                                folded.split_whitespace().any(|s| s.starts_with(w.as_str()))
                                    || joined.starts_with(w.as_str())
                                    || initials == *w
                            });
                            ok.then(|| {
                                let name = d.name.all().next().unwrap_or(py).to_string();
                                let len = name.len();
                                (name, std::iter::once(0..len).collect())
                            })
                        }))
                    }),
                ),
                (
                    ReasonField::Condition,
                    Box::new(|| plain(find(all(&d.conditions), &terms))),
                ),
                (
                    ReasonField::Specialty,
                    Box::new(|| plain(find(all(&d.specialties), &terms))),
                ),
                (
                    ReasonField::Department,
                    Box::new(|| {
                        plain(find(dept_names(), &terms)).or_else(|| {
                            find_keyword(&depts, &terms)
                                .map(|(t, m, dept)| (t, m, Some(dept.id.clone())))
                        })
                    }),
                ),
                (
                    ReasonField::Biography,
                    Box::new(|| {
                        plain(find(
                            all(std::iter::once(&d.bio).chain(&d.education)),
                            &terms,
                        ))
                        .or_else(|| {
                            // Not in memory (a large hospital's finder loads no
                            // biography): the index says it holds the word.
                            let apart = d.bio.is_blank() && d.education.is_empty();
                            (apart && self.biography_holds(doctor, &literal)).then(|| {
                                let len = typed.len();
                                (typed.clone(), std::iter::once(0..len).collect(), None)
                            })
                        })
                    }),
                ),
                (
                    ReasonField::Name,
                    Box::new(|| plain(find(d.name.all(), &terms))),
                ),
            ];
            let found = direct
                .iter()
                .find_map(|(field, f)| f().map(|m| (*field, m)));
            if let Some((field, (text, marks, leads_to))) = found {
                out.push(Reason {
                    word,
                    field,
                    text,
                    marks,
                    via: Vec::new(),
                    leads_to,
                });
                continue;
            }
            // Through the symptom table: where an expansion is found.
            let mut via = Vec::new();
            let mut first: Option<(ReasonField, String, Vec<Range<usize>>)> = None;
            for e in &expansions {
                let terms = vec![e.clone()];
                let found = find(dept_names(), &terms)
                    .map(|m| (ReasonField::Department, m))
                    .or_else(|| {
                        // The department is what the symptom led to; its keyword is detail.
                        find_keyword(&depts, &terms).map(|(keyword, _, dept)| {
                            let name = if keyword.chars().any(crate::normalize::is_cjk) {
                                dept.name.exact(crate::text::Lang::Zh)
                            } else {
                                dept.name.exact(crate::text::Lang::En)
                            }
                            .or_else(|| dept.name.all().next())
                            .unwrap_or(&dept.id)
                            .to_string();
                            let len = name.len();
                            (
                                ReasonField::Department,
                                (name, std::iter::once(0..len).collect()),
                            )
                        })
                    })
                    .or_else(|| {
                        find(all(&d.specialties), &terms).map(|m| (ReasonField::Specialty, m))
                    })
                    .or_else(|| {
                        find(all(&d.conditions), &terms).map(|m| (ReasonField::Condition, m))
                    });
                if let Some((field, (text, marks))) = found {
                    via.push(e.clone());
                    if first.is_none() {
                        first = Some((field, text, marks));
                    }
                }
            }
            if let Some((field, text, marks)) = first {
                out.push(Reason {
                    word,
                    field,
                    text,
                    marks,
                    via,
                    leads_to: None,
                });
            }
        }
        out
    }
}

impl DoctorIndex {
    /// Whether the index has every one of `words` (a Latin word as a prefix, a run of
    /// Chinese as its character pairs) in doctor `doctor`'s biography or education.
    fn biography_holds(&self, doctor: usize, words: &[String]) -> bool {
        let ix = &self.text;
        let has = |id: usize| {
            ix.postings(id, BIO)
                .into_iter()
                .any(|p| (p >> 4) as usize == doctor && (p & u32::from(BIO)) != 0)
        };
        let mut pair = String::new();
        !words.is_empty()
            && words.iter().all(|w| {
                let chars: Vec<char> = w.chars().collect();
                if chars.len() > 1 && chars.iter().all(|&c| crate::normalize::is_cjk(c)) {
                    chars.windows(2).all(|p| {
                        pair.clear();
                        pair.extend(p);
                        ix.exact(&pair).is_some_and(has)
                    })
                } else {
                    ix.prefix_range(w).any(has)
                }
            })
    }
}
