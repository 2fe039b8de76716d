//! The doctor index as a compiled file (`hospital-data site` writes it as
//! [`DOCTOR_INDEX_FILE`]): the browser reads the index the build made instead of
//! building it again from the dataset. The symptom table is not in the file: it is
//! part of the code, and built from it in microseconds.

use super::{facets::Facets, index::TextIndex, order::Orders, synonyms, DoctorIndex, SYNONYMS};
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
    /// within bounds, so that searching it cannot fail.
    pub fn from_compiled(
        file: &[u8],
        dataset: Fingerprint,
        doctors: usize,
    ) -> Result<DoctorIndex, CompiledError> {
        let mut r = Reader::open(file, Kind::DoctorIndex, dataset)?;
        let n = r.u32("doctor count")? as usize;
        if n != doctors {
            return Err(CompiledError::OtherDataset);
        }
        let text = TextIndex::read(&mut r, n)?;
        let facets = Facets::read(&mut r, n)?;
        let orders = Orders::read(&mut r, n)?;
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
