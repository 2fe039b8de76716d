//! The doctor index as a compiled file (`hospital-data site` writes it as
//! [`DOCTOR_INDEX_FILE`]): the browser reads the index the build made instead of
//! building it again from the dataset. The symptom table is not in the file: it is
//! part of the code, and built from it in microseconds.

use super::index::{TextIndex, TextIndexRead};
use super::{facets::Facets, order::Orders, synonyms, DoctorIndex, SYNONYMS};
use crate::compiled::{ensure, CompiledError, Fingerprint, Kind, Reader, Writer};

/// The name of the compiled doctor index that a site build publishes beside the dataset.
pub const DOCTOR_INDEX_FILE: &str = "doctors.idx";

impl DoctorIndex {
    /// This index as a compiled file for the dataset file `dataset` (the bytes it was
    /// built from, as published).
    pub fn to_compiled(&self, dataset: Fingerprint) -> Vec<u8> {
        let mut w = Writer::default();
        w.count(self.doctors);
        self.text.write(&mut w);
        self.facets.write(&mut w);
        self.orders.write(&mut w);
        w.count(self.department_words.len());
        for words in &self.department_words {
            w.u32s(words);
        }
        w.strs(&self.department_texts);
        let campus_words: Vec<&str> = self.campus_words.iter().map(|(w, _)| w.as_str()).collect();
        let campus_numbers: Vec<u32> = self.campus_words.iter().map(|&(_, c)| c.into()).collect();
        w.strs(&campus_words);
        w.u32s(&campus_numbers);
        w.strs(&self.ignored);
        w.finish(Kind::DoctorIndex, dataset)
    }

    /// The index in `file`, checked: made by this format version, undamaged, for the
    /// dataset file `dataset` with `doctors` doctors, and every id and offset in it
    /// within bounds, so that searching it cannot fail. In one go; the app reads a
    /// large one a part at a time with [`DoctorIndexReader`].
    pub fn from_compiled(
        file: &[u8],
        dataset: Fingerprint,
        doctors: usize,
    ) -> Result<DoctorIndex, CompiledError> {
        let mut reader = DoctorIndexReader::new(file, dataset, doctors)?;
        loop {
            if let Some(done) = reader.step(&mut || false) {
                return done;
            }
        }
    }
}

/// Postings read between two looks at the clock: about a millisecond's work (a few in
/// the tests, so that they read in many parts).
const POSTINGS_PER_PART: usize = if cfg!(test) { 64 } else { 1 << 15 };

enum Stage {
    Text,
    Postings(TextIndexRead),
    Rest(TextIndexRead),
    Done,
}

/// Reads a compiled doctor index a part at a time, as [`DoctorIndexBuilder`] builds one:
/// at 100,000 doctors the postings take longer to read than a browser should be held.
///
/// [`DoctorIndexBuilder`]: super::DoctorIndexBuilder
pub struct DoctorIndexReader<'a> {
    r: Reader<'a>,
    doctors: usize,
    stage: Stage,
}

impl<'a> DoctorIndexReader<'a> {
    /// Checks the header of `file` (format, checksum, the dataset it belongs to and its
    /// number of doctors) before anything is read.
    pub fn new(
        file: &'a [u8],
        dataset: Fingerprint,
        doctors: usize,
    ) -> Result<DoctorIndexReader<'a>, CompiledError> {
        DoctorIndexReader::verified(Reader::open(file, Kind::DoctorIndex, dataset)?, doctors)
    }

    /// For a file whose header, dataset and checksum the caller has checked, a part at a
    /// time (`compiled::Checking`): a large index is too much to hash in one task.
    pub fn verified(
        mut r: Reader<'a>,
        doctors: usize,
    ) -> Result<DoctorIndexReader<'a>, CompiledError> {
        let n = r.u32("doctor count")? as usize;
        if n != doctors {
            return Err(CompiledError::OtherDataset);
        }
        Ok(DoctorIndexReader {
            r,
            doctors,
            stage: Stage::Text,
        })
    }

    /// Reads on until done or `out_of_time`; the index (or why there is none) once done.
    pub fn step(
        &mut self,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Option<Result<DoctorIndex, CompiledError>> {
        loop {
            let result = self.advance();
            match result {
                Err(e) => {
                    self.stage = Stage::Done;
                    return Some(Err(e));
                }
                Ok(Some(index)) => return Some(Ok(index)),
                Ok(None) if out_of_time() => return None,
                Ok(None) => {}
            }
        }
    }

    fn advance(&mut self) -> Result<Option<DoctorIndex>, CompiledError> {
        let r = &mut self.r;
        self.stage = match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Text => Stage::Postings(TextIndex::read_start(r, self.doctors)?),
            Stage::Postings(mut part) => {
                if TextIndex::read_more(r, &mut part, POSTINGS_PER_PART)? {
                    Stage::Rest(part)
                } else {
                    Stage::Postings(part)
                }
            }
            Stage::Rest(part) => {
                let text = TextIndex::read_finish(r, part)?;
                return read_rest(r, self.doctors, text).map(Some);
            }
            Stage::Done => {
                return Err(CompiledError::Damaged("read again after it ended".into()));
            }
        };
        Ok(None)
    }
}

/// Everything after the text index: facets, orders and the query lexicon's lists.
fn read_rest(r: &mut Reader, n: usize, text: TextIndex) -> Result<DoctorIndex, CompiledError> {
    let facets = Facets::read(r, n)?;
    let orders = Orders::read(r, n)?;
    let departments = r.count(4, "department words")?;
    let department_words = (0..departments)
        .map(|_| r.u32s("department words"))
        .collect::<Result<Vec<_>, _>>()?;
    let department_texts = r.strings("department texts")?;
    let options = facets.departments().0.len();
    ensure(
        departments == options && department_texts.len() == options,
        || format!("{departments} departments' words for {options} departments"),
    )?;
    ensure(
        department_words
            .iter()
            .flatten()
            .all(|&w| (w as usize) < text.len()),
        || "a department's word is beyond the vocabulary".into(),
    )?;
    let campus_words = r.strings("campus words")?;
    let campus_numbers = r.u32s("campus numbers")?;
    ensure(
        campus_words.len() == campus_numbers.len()
            && campus_numbers.iter().all(|&c| c <= u16::MAX.into()),
        || "campus words and numbers do not pair up".into(),
    )?;
    let ignored = r.strings("ignored words")?;
    r.end()?;
    Ok(DoctorIndex {
        doctors: n,
        text,
        synonyms: synonyms::Synonyms::new(SYNONYMS),
        facets,
        department_words,
        department_texts,
        orders,
        campus_words: campus_words
            .into_iter()
            .zip(campus_numbers.into_iter().map(|c| c as u16))
            .collect(),
        ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::{DoctorQuery, DoctorSort, Slot};
    use crate::validate;

    fn sample() -> (crate::Dataset, Vec<u8>) {
        let text = include_str!("../../../../data/sample.json");
        let ds = validate::load(text).expect("sample loads").dataset;
        (ds, text.as_bytes().to_vec())
    }

    #[test]
    fn the_compiled_index_answers_as_the_built_one() {
        let (ds, json) = sample();
        let built = DoctorIndex::build(&ds);
        let fp = Fingerprint::of(&json);
        let file = built.to_compiled(fp);
        let read = DoctorIndex::from_compiled(&file, fp, ds.doctors.len()).expect("reads back");
        // Written again, the same bytes: nothing was lost or reordered.
        assert_eq!(read.to_compiled(fp), file);
        let now = Slot::from_key("tue-morning").expect("a slot");
        for q in [
            "",
            "heart",
            "心内科",
            "zhang",
            "cardiolgy",
            "头痛",
            "Dr Li 东院",
        ] {
            for sort in [DoctorSort::Relevance, DoctorSort::Name, DoctorSort::Soonest] {
                let query = DoctorQuery {
                    q: q.into(),
                    sort,
                    ..DoctorQuery::default()
                };
                assert_eq!(
                    read.search(&ds, &query, now),
                    built.search(&ds, &query, now),
                    "{q:?} {sort:?}"
                );
            }
        }
    }

    #[test]
    fn read_a_part_at_a_time_it_is_the_same_index() {
        let Ok(loaded) = crate::validate::load(&shared_words_dataset(300)) else {
            panic!("the test's dataset does not load");
        };
        let ds = loaded.dataset;
        let fp = Fingerprint::of(b"three hundred");
        let file = DoctorIndex::build(&ds).to_compiled(fp);
        let mut reader = DoctorIndexReader::new(&file, fp, ds.doctors.len()).expect("header");
        let mut parts = 1;
        let index = loop {
            // Out of time after every part: the smallest slices there are.
            match reader.step(&mut || true) {
                Some(done) => break done.expect("reads"),
                None => parts += 1,
            }
        };
        assert!(parts > 20, "{parts} parts");
        assert_eq!(index.to_compiled(fp), file);
    }

    /// A dataset of `n` doctors who share words, so that postings are long.
    fn shared_words_dataset(n: usize) -> String {
        let doctors: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id":"d{i}","name":{{"en":"Doctor {i}","zh":"医生{i}"}},"title":"attending","departments":["cardiology"],"specialties":["heart failure","chest pain {}"],"bio":"trained in cardiology and internal medicine, visiting {}"}}"#,
                    i % 7,
                    i % 13
                )
            })
            .collect();
        format!(
            r#"{{"schema":1,"hospital":{{"name":"H","timezone":"Asia/Shanghai"}},"departments":[{{"id":"cardiology","name":"Cardiology"}}],"doctors":[{}],"articles":[]}}"#,
            doctors.join(",")
        )
    }

    #[test]
    fn another_dataset_or_a_damaged_file_is_refused() {
        let (ds, json) = sample();
        let fp = Fingerprint::of(&json);
        let file = DoctorIndex::build(&ds).to_compiled(fp);
        let n = ds.doctors.len();
        let other = Fingerprint::of(b"{}");
        assert_eq!(
            DoctorIndex::from_compiled(&file, other, n).err(),
            Some(CompiledError::OtherDataset)
        );
        assert_eq!(
            DoctorIndex::from_compiled(&file, fp, n + 1).err(),
            Some(CompiledError::OtherDataset)
        );
        for at in [0, 20, file.len() / 2, file.len() - 1] {
            let mut bad = file.clone();
            bad[at] ^= 0x40;
            assert!(
                DoctorIndex::from_compiled(&bad, fp, n).is_err(),
                "byte {at}"
            );
        }
        assert!(DoctorIndex::from_compiled(&file[..file.len() - 8], fp, n).is_err());
    }

    #[test]
    fn an_impossible_payload_is_named_not_searched() {
        let (ds, json) = sample();
        let fp = Fingerprint::of(&json);
        let n = ds.doctors.len();
        let file = DoctorIndex::build(&ds).to_compiled(fp);
        let payload = &file[crate::compiled::HEADER_LEN..];
        // Single-byte changes spread over the whole payload, sealed with a good
        // checksum: either read (and then searchable) or refused with a reason, never
        // a panic. (The fuzz target `compiled` tries any bytes.)
        let mut refused = 0;
        for at in (0..payload.len()).step_by(payload.len() / 300 + 1) {
            let mut p = payload.to_vec();
            p[at] = p[at].wrapping_add(0x51);
            let sealed = crate::compiled::seal(Kind::DoctorIndex, fp, &p);
            match DoctorIndex::from_compiled(&sealed, fp, n) {
                Ok(ix) => {
                    let q = DoctorQuery {
                        q: "heart 心".into(),
                        ..DoctorQuery::default()
                    };
                    let _ = ix.search(&ds, &q, Slot::from_key("mon-afternoon").expect("a slot"));
                }
                Err(e) => {
                    assert!(
                        matches!(e, CompiledError::Damaged(_) | CompiledError::OtherDataset),
                        "{e}"
                    );
                    refused += 1;
                }
            }
        }
        assert!(refused > 0);
    }
}
