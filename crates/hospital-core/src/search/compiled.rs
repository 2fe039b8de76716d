//! The doctor index as a compiled file (`hospital-data site` writes it as
//! [`DOCTOR_INDEX_FILE`]): the browser reads the index the build made instead of
//! building it again from the dataset. The symptom table is not in the file: it is
//! part of the code, and built from it in microseconds.

use super::index::{TextIndex, TextIndexRead};
use super::{facets::Facets, order::Orders, synonyms, DoctorIndex, SYNONYMS};
use crate::compiled::stream::Stream;
use crate::compiled::{ensure, CompiledError, Fingerprint, Kind, Reader, Writer};
use std::sync::Arc;

/// The name of the compiled doctor index that a site build publishes beside the dataset.
pub const DOCTOR_INDEX_FILE: &str = "doctors.idx";

impl DoctorIndex {
    /// This index as a compiled file for the dataset file `dataset` (the bytes it was
    /// built from, as published).
    ///
    /// The payload starts with where each of the reader's steps ends, so that a reader
    /// of the download ([`DoctorIndexFeed`]) reads a step once its bytes are in, keeps
    /// only those, and never tries a step twice; then the checksum of the first step, the
    /// browse part ([`DoctorIndexFeed::take_browse`]).
    pub fn to_compiled(&self, dataset: Fingerprint) -> Vec<u8> {
        let mut w = Writer::default();
        w.count(self.doctors);
        // The browse part first, so that a finder can show its first page, filters and
        // orders before the words have arrived.
        self.facets.write(&mut w);
        self.orders.write(&mut w);
        self.text.write(&mut w);
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
        let body = w.into_payload();
        let ends = step_ends(&body, self.doctors);
        // The browse part is the first step; its own checksum lets it be used before the
        // whole file's can be checked.
        let browse = body.get(..ends[0] as usize).unwrap_or_default();
        let mut file = Writer::default();
        file.u32s(&ends);
        file.u64s(&[xxhash_rust::xxh3::xxh3_64(browse)]);
        file.raw(&body);
        file.finish(Kind::DoctorIndex, dataset)
    }

    /// The index in `file`, checked: made by this format version, undamaged, for the
    /// dataset file `dataset` with `doctors` doctors, and every id and offset in it
    /// within bounds, so that searching it cannot fail. In one go, by the reader the app
    /// gives its download to ([`DoctorIndexFeed`]), so that both answer alike.
    pub fn from_compiled(
        file: &[u8],
        dataset: Fingerprint,
        doctors: usize,
    ) -> Result<DoctorIndex, CompiledError> {
        let mut feed = DoctorIndexFeed::new(dataset, doctors);
        feed.push(file)?;
        loop {
            if let Some(done) = feed.finish(&mut || false) {
                return done;
            }
        }
    }
}

/// Where each step of reading `body` ends: what the reader does, done once here. A body
/// that does not read back (never one this index wrote) is one step.
fn step_ends(body: &[u8], doctors: usize) -> Vec<u32> {
    let mut r = Reader::over(body);
    let mut ends = Vec::new();
    if let Ok(mut steps) = Steps::start(&mut r, doctors) {
        while let Ok(done) = steps.advance(&mut r) {
            ends.push(r.position().0 as u32);
            if done.is_some() {
                return ends;
            }
        }
    }
    vec![body.len() as u32]
}

/// Bytes of postings read between two looks at the clock: well under a millisecond's
/// work (a few in the tests, so that they read in many parts).
const POSTING_BYTES_PER_PART: usize = if cfg!(test) { 64 } else { 1 << 16 };

/// Each stage one step or more, none much longer than the others, so that the page is
/// never held long: at 100,000 doctors the longest, the vocabulary, takes 13 ms natively
/// (the typo table and the rest were one step of 21 ms). The first, the browse part
/// (facets and orders), is what a finder needs for its first page.
enum Stage {
    Browse,
    Text,
    Offsets(TextIndexRead),
    Postings(TextIndexRead),
    Typos(TextIndexRead),
    Rest(TextIndex),
    Done,
}

/// The steps of reading an index, each from a reader positioned where the last ended.
struct Steps {
    doctors: usize,
    stage: Stage,
    /// The browse part, once read.
    browse: Option<(Arc<Facets>, Arc<Orders>)>,
}

impl Steps {
    /// Reads the doctor count: an index of another number of doctors is another
    /// dataset's.
    fn start(r: &mut Reader, doctors: usize) -> Result<Steps, CompiledError> {
        let n = r.u32("doctor count")? as usize;
        if n != doctors {
            return Err(CompiledError::OtherDataset);
        }
        Ok(Steps {
            doctors,
            stage: Stage::Browse,
            browse: None,
        })
    }

    fn advance(&mut self, r: &mut Reader) -> Result<Option<DoctorIndex>, CompiledError> {
        self.stage = match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Browse => {
                let facets = Facets::read(r, self.doctors)?;
                let orders = Orders::read(r, self.doctors)?;
                self.browse = Some((facets.into(), orders.into()));
                Stage::Text
            }
            Stage::Text => Stage::Offsets(TextIndex::read_start(r, self.doctors)?),
            Stage::Offsets(mut part) => {
                TextIndex::read_offsets(r, &mut part)?;
                Stage::Postings(part)
            }
            Stage::Postings(mut part) => {
                if TextIndex::read_more(r, &mut part, POSTING_BYTES_PER_PART)? {
                    Stage::Typos(part)
                } else {
                    Stage::Postings(part)
                }
            }
            Stage::Typos(part) => Stage::Rest(TextIndex::read_finish(r, part)?),
            Stage::Rest(text) => {
                let Some((facets, orders)) = self.browse.clone() else {
                    return Err(CompiledError::Damaged("the index has no facets".into()));
                };
                return read_rest(r, self.doctors, text, facets, orders).map(Some);
            }
            Stage::Done => {
                return Err(CompiledError::Damaged("read again after it ended".into()));
            }
        };
        Ok(None)
    }

    /// The browse part as an index of its own, once read.
    fn browse_part(&self) -> Option<DoctorIndex> {
        let (facets, orders) = self.browse.clone()?;
        Some(DoctorIndex::browse(self.doctors, facets, orders))
    }
}

/// Checks the table of step ends at the start of a payload: never going back (a step may
/// read nothing), the last one the end of the `body` bytes behind the table.
fn check_step_ends(ends: &[u32], body: usize) -> Result<(), CompiledError> {
    ensure(
        !ends.is_empty()
            && ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().is_some_and(|&e| e as usize == body),
        || "the steps do not end in order at the end of the index".into(),
    )
}

fn more_steps() -> CompiledError {
    CompiledError::Damaged("the index reads on past the last step of its table".into())
}

/// Reads a compiled doctor index a step at a time, as [`DoctorIndexBuilder`] builds one
/// (at 100,000 doctors the postings take longer to read than a browser should be held),
/// and as the download brings it: each step once its bytes are in (the table of step
/// ends says where each ends), keeping only the bytes of the step to come, so that the
/// file (37 MB at 100,000 doctors) is never held whole beside the index read from it.
/// The checksum is taken as the bytes arrive; the index is given out only once it
/// matches ([`DoctorIndexFeed::finish`]). [`DoctorIndex::from_compiled`] gives it a
/// whole file.
///
/// [`DoctorIndexBuilder`]: super::DoctorIndexBuilder
pub struct DoctorIndexFeed {
    stream: Stream,
    dataset: Fingerprint,
    doctors: usize,
    /// The step ends, from the body's start, once the table is in; the table's length;
    /// and the browse part's checksum, which follows the table.
    ends: Option<(Vec<u32>, usize, u64)>,
    steps: Option<Steps>,
    next: usize,
    /// A step that failed before the whole file was in: damage or a file that lies,
    /// told apart by the checksum once it is whole.
    failed: Option<CompiledError>,
    /// The browse part, read and checked, until [`DoctorIndexFeed::take_browse`].
    browse: Option<DoctorIndex>,
    index: Option<DoctorIndex>,
}

impl DoctorIndexFeed {
    /// The feed of the index of the dataset file `dataset`, which has `doctors` doctors.
    pub fn new(dataset: Fingerprint, doctors: usize) -> DoctorIndexFeed {
        DoctorIndexFeed {
            stream: Stream::new(Kind::DoctorIndex),
            dataset,
            doctors,
            ends: None,
            steps: None,
            next: 0,
            failed: None,
            browse: None,
            index: None,
        }
    }

    /// Takes the file's next bytes. Fails as soon as they show the file cannot be used:
    /// not a compiled index of this version, made from another dataset, or longer than
    /// its header says.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), CompiledError> {
        let had_header = self.stream.header().is_some();
        self.stream.push(chunk)?;
        match self.stream.header() {
            Some(h) if !had_header && h.made_for != self.dataset => {
                Err(CompiledError::OtherDataset)
            }
            _ => Ok(()),
        }
    }

    /// How much of the index is read, from 0 to 1.
    pub fn progress(&self) -> f64 {
        self.stream.progress()
    }

    /// Reads the steps whose bytes have arrived, until `out_of_time`; whether it read
    /// all it could (false: out of time, with more to read).
    pub fn read(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Result<bool, CompiledError> {
        loop {
            if self.stream.header().is_none() || self.index.is_some() {
                return Ok(true);
            }
            let whole = self.stream.whole();
            if whole {
                self.stream.verify()?;
            }
            if let Some(e) = &self.failed {
                return if whole { Err(e.clone()) } else { Ok(true) };
            }
            match self.step() {
                Ok(true) => {}
                Ok(false) => return Ok(true),
                Err(e) if whole => return Err(e),
                Err(e) => {
                    self.failed = Some(e);
                    return Ok(true);
                }
            }
            if out_of_time() {
                return Ok(false);
            }
        }
    }

    /// The next step, if its bytes are in: the table of ends, or a step of the index.
    fn step(&mut self) -> Result<bool, CompiledError> {
        let Some((ends, table, browse_sum)) = &self.ends else {
            let mut r = Reader::over(self.stream.pending());
            let read = r.u32s("step ends").and_then(|ends| {
                let sum = r.u64s("the browse part's checksum")?;
                Ok((ends, sum))
            });
            let (ends, sum) = match read {
                Ok(read) => read,
                Err(e) if self.stream.whole() => return Err(e),
                Err(_) => return Ok(false),
            };
            let [sum] = sum[..] else {
                return Err(CompiledError::Damaged(
                    "the browse part has no single checksum".into(),
                ));
            };
            let table = r.position().0;
            check_step_ends(&ends, self.stream.left().saturating_sub(table))?;
            self.stream.consume(table);
            self.ends = Some((ends, table, sum));
            return Ok(true);
        };
        let Some(&end) = ends.get(self.next) else {
            return Err(more_steps());
        };
        let done = self.stream.consumed() as usize - table;
        let need = end as usize - done;
        let Some(bytes) = self.stream.pending().get(..need) else {
            return Ok(false);
        };
        let first = self.next == 0;
        ensure(
            !first || xxhash_rust::xxh3::xxh3_64(bytes) == *browse_sum,
            || "the index's browse part does not match its checksum".into(),
        )?;
        // Exactly the step's bytes, its counts checked against all the bytes left, as in
        // the whole file: a table that lies is found the same way however it arrives.
        let mut r = Reader::over_part(bytes, self.stream.left() - need);
        let steps = match &mut self.steps {
            Some(steps) => steps,
            None => self.steps.insert(Steps::start(&mut r, self.doctors)?),
        };
        let index = steps.advance(&mut r)?;
        let read = r.position().0;
        ensure(read == need, || {
            format!(
                "step {} of the index read {read} of its {need} bytes",
                self.next
            )
        })?;
        if first {
            self.browse = steps.browse_part();
        }
        self.stream.consume(need);
        self.next += 1;
        if let Some(index) = index {
            self.index = Some(index);
        }
        Ok(true)
    }

    /// The browse part (facets and orders), once it has arrived and matched its own
    /// checksum: it answers queries without text as the whole index will
    /// ([`DoctorIndex::answers`]). Given out once.
    pub fn take_browse(&mut self) -> Option<DoctorIndex> {
        self.browse.take()
    }

    /// Once the last chunk is in: reads on until `out_of_time`, and answers with the
    /// index once it is all read and its checksum matched.
    pub fn finish(
        &mut self,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Option<Result<DoctorIndex, CompiledError>> {
        if let Err(e) = self.stream.ended() {
            return Some(Err(e));
        }
        match self.read(out_of_time) {
            Err(e) => Some(Err(e)),
            Ok(_) => {
                let index = self.index.take()?;
                self.stream.release();
                Some(Ok(index))
            }
        }
    }
}

/// Everything after the text index: the query lexicon's lists.
fn read_rest(
    r: &mut Reader,
    n: usize,
    text: TextIndex,
    facets: Arc<Facets>,
    orders: Arc<Orders>,
) -> Result<DoctorIndex, CompiledError> {
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
        browse_only: false,
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

    /// Where the browse part lies in a compiled file: from its payload's start, the
    /// table's length and the first step's end.
    fn browse_span(file: &[u8]) -> (usize, usize) {
        let mut r = Reader::over(&file[crate::compiled::HEADER_LEN..]);
        let ends = r.u32s("ends").expect("a table");
        r.u64s("sum").expect("a checksum");
        let table = r.position().0;
        (table, ends[0] as usize)
    }

    #[test]
    fn the_browse_part_arrives_first_and_answers_every_query_without_text() {
        let (ds, json) = sample();
        let built = DoctorIndex::build(&ds);
        let fp = Fingerprint::of(&json);
        let file = built.to_compiled(fp);
        let (table, first) = browse_span(&file);
        let mut feed = DoctorIndexFeed::new(fp, ds.doctors.len());
        // The header, the table and the first step, not a byte more.
        let upto = crate::compiled::HEADER_LEN + table + first;
        feed.push(&file[..upto]).expect("header");
        assert!(feed.take_browse().is_none(), "nothing read yet");
        feed.read(&mut || false).expect("reads what is in");
        let browse = feed.take_browse().expect("the browse part");
        assert!(feed.take_browse().is_none(), "given out once");
        assert!(upto < file.len() / 2, "{upto} of {} bytes", file.len());
        let now = Slot::from_key("wed-afternoon").expect("a slot");
        let plain = DoctorQuery::default();
        let facets = built.search(&ds, &plain, now).facets;
        let some = |v: &[(String, usize)]| v.iter().take(2).map(|(k, _)| k.clone()).collect();
        for sort in DoctorSort::ALL {
            for q in [
                DoctorQuery {
                    sort,
                    ..plain.clone()
                },
                DoctorQuery {
                    sort,
                    q: "  ".into(),
                    ..plain.clone()
                },
                DoctorQuery {
                    sort,
                    departments: some(&facets.departments),
                    page: 2,
                    ..plain.clone()
                },
                DoctorQuery {
                    sort,
                    languages: some(&facets.languages),
                    accepting_only: true,
                    ..plain.clone()
                },
            ] {
                assert!(browse.answers(&q));
                assert_eq!(
                    browse.search(&ds, &q, now),
                    built.search(&ds, &q, now),
                    "{q:?}"
                );
            }
        }
        for text in ["heart", "心内科", "zhang"] {
            let q = DoctorQuery {
                q: text.into(),
                ..plain.clone()
            };
            assert!(!browse.answers(&q), "{text}");
            assert!(built.answers(&q), "{text}");
        }
        // The rest follows, and the whole index is the one written.
        feed.push(&file[upto..]).expect("the rest");
        let whole = loop {
            if let Some(done) = feed.finish(&mut || false) {
                break done.expect("reads");
            }
        };
        assert_eq!(whole.to_compiled(fp), file);
    }

    #[test]
    fn a_damaged_browse_part_is_never_given_out() {
        let (ds, json) = sample();
        let fp = Fingerprint::of(&json);
        let n = ds.doctors.len();
        let file = DoctorIndex::build(&ds).to_compiled(fp);
        let (table, first) = browse_span(&file);
        let payload = &file[crate::compiled::HEADER_LEN..];
        // Bytes of the facets and orders changed, the file sealed again with a good
        // checksum of its own: only the browse part's tells.
        for at in [table + 4, table + first / 2, table + first - 1] {
            let mut p = payload.to_vec();
            p[at] = p[at].wrapping_add(0x51);
            let sealed = crate::compiled::seal(Kind::DoctorIndex, fp, &p);
            let mut feed = DoctorIndexFeed::new(fp, n);
            feed.push(&sealed[..crate::compiled::HEADER_LEN + table + first])
                .expect("header");
            let _ = feed.read(&mut || false);
            assert!(feed.take_browse().is_none(), "byte {at}");
            assert!(
                matches!(
                    DoctorIndex::from_compiled(&sealed, fp, n),
                    Err(CompiledError::Damaged(_))
                ),
                "byte {at}"
            );
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
        let mut reader = DoctorIndexFeed::new(fp, ds.doctors.len());
        reader.push(&file).expect("header");
        let mut parts = 1;
        let index = loop {
            // Out of time after every part: the smallest slices there are.
            match reader.finish(&mut || true) {
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

    /// Feeds `file` in chunks of `size`, reading after each as a browser does between
    /// chunks; the answer (as the file it writes again), and the most bytes the feed
    /// held at once.
    fn feed(
        file: &[u8],
        size: usize,
        fp: Fingerprint,
        n: usize,
    ) -> (Result<u64, CompiledError>, usize) {
        let mut feed = DoctorIndexFeed::new(fp, n);
        let mut held = 0;
        let mut looks = 0;
        let mut out_of_time = || {
            looks += 1;
            looks % 3 == 0
        };
        for chunk in file.chunks(size.max(1)) {
            if let Err(e) = feed.push(chunk).and_then(|()| feed.read(&mut out_of_time)) {
                return (Err(e), held);
            }
            held = held.max(feed.stream.held());
        }
        loop {
            if let Some(done) = feed.finish(&mut out_of_time) {
                return (done.map(|ix| digest(&ix.to_compiled(fp))), held);
            }
        }
    }

    fn whole(file: &[u8], fp: Fingerprint, n: usize) -> Result<u64, CompiledError> {
        DoctorIndex::from_compiled(file, fp, n).map(|ix| digest(&ix.to_compiled(fp)))
    }

    /// A file's bytes, for comparing without printing them.
    fn digest(file: &[u8]) -> u64 {
        xxhash_rust::xxh3::xxh3_64(file)
    }

    #[test]
    fn fed_in_chunks_of_any_size_it_is_the_same_index() {
        let Ok(loaded) = crate::validate::load(&shared_words_dataset(300)) else {
            panic!("the test's dataset does not load");
        };
        let n = loaded.dataset.doctors.len();
        let fp = Fingerprint::of(b"three hundred");
        let file = DoctorIndex::build(&loaded.dataset).to_compiled(fp);
        for size in [1, 3, 64, 1000, 4096, file.len()] {
            assert_eq!(
                feed(&file, size, fp, n).0,
                Ok(digest(&file)),
                "chunks of {size}"
            );
        }
        let (ds, json) = sample();
        let fp = Fingerprint::of(&json);
        let file = DoctorIndex::build(&ds).to_compiled(fp);
        assert_eq!(feed(&file, 777, fp, ds.doctors.len()).0, Ok(digest(&file)));
    }

    #[test]
    fn the_feed_holds_a_step_never_the_file() {
        let Ok(loaded) = crate::validate::load(&shared_words_dataset(3000)) else {
            panic!("the test's dataset does not load");
        };
        let n = loaded.dataset.doctors.len();
        let fp = Fingerprint::of(b"three thousand");
        let file = DoctorIndex::build(&loaded.dataset).to_compiled(fp);
        // The largest step: from the table of ends in the file.
        let mut r = Reader::over(&file[crate::compiled::HEADER_LEN..]);
        let ends = r.u32s("ends").expect("a table");
        let largest = (ends.iter().scan(0, |at, &e| {
            let step = e - *at;
            *at = e;
            Some(step as usize)
        }))
        .max()
        .unwrap_or(0);
        assert!(ends.len() > 20, "{} steps", ends.len());
        let chunk = 1024;
        let (read, held) = feed(&file, chunk, fp, n);
        assert_eq!(read, Ok(digest(&file)));
        // The pending bytes' room grows by doubling: under twice the largest step and a
        // chunk, whatever the file's length. (At 10,000 generated doctors the largest of
        // 56 steps is 0.7 of the file's 4.3 MB.)
        assert!(
            held <= 2 * (largest + chunk),
            "held {held} bytes of a {}-byte file (largest step {largest})",
            file.len()
        );
    }

    #[test]
    fn the_feed_refuses_what_the_whole_reader_refuses() {
        let (ds, json) = sample();
        let fp = Fingerprint::of(&json);
        let n = ds.doctors.len();
        let file = DoctorIndex::build(&ds).to_compiled(fp);
        // Another dataset's, by its header or by its number of doctors.
        assert_eq!(
            feed(&file, 100, Fingerprint::of(b"{}"), n).0,
            Err(CompiledError::OtherDataset)
        );
        assert_eq!(
            feed(&file, 100, fp, n + 1).0,
            Err(CompiledError::OtherDataset)
        );
        // Not an index; cut off or appended to; a changed byte.
        assert_eq!(
            feed(b"<!DOCTYPE html>", 4, fp, n).0,
            Err(CompiledError::NotCompiled)
        );
        let records = crate::compiled::dataset::write(&ds, fp, "a.bin").records;
        assert_eq!(
            feed(&records, 100, fp, n).0,
            Err(CompiledError::OtherKind { found: 2 })
        );
        let short = &file[..file.len() - 10];
        assert_eq!(feed(short, 300, fp, n).0, whole(short, fp, n));
        let mut long = file.clone();
        long.extend_from_slice(b"more");
        assert!(matches!(
            feed(&long, 300, fp, n).0,
            Err(CompiledError::Length { .. })
        ));
        let mut bad = file.clone();
        let middle = bad.len() / 2;
        bad[middle] ^= 0x40;
        assert_eq!(feed(&bad, 500, fp, n).0, Err(CompiledError::Checksum));
        // Behind a good checksum, any damage (the table of ends included) gets the whole
        // reader's answer, never a panic: an empty or cut table too.
        let payload = &file[crate::compiled::HEADER_LEN..];
        for cut in [0, 2, 5] {
            let sealed = crate::compiled::seal(Kind::DoctorIndex, fp, &payload[..cut]);
            let whole = whole(&sealed, fp, n);
            assert!(whole.is_err());
            assert_eq!(feed(&sealed, 1, fp, n).0, whole, "{cut} bytes");
        }
        // A table whose first step ends a byte early or late: each step is read on the
        // bytes the table gives it, by both readers alike, and refused.
        for shift in [-1i64, 1] {
            let mut p = payload.to_vec();
            let first = u32::from_le_bytes([p[4], p[5], p[6], p[7]]);
            let moved = (i64::from(first) + shift) as u32;
            p[4..8].copy_from_slice(&moved.to_le_bytes());
            let sealed = crate::compiled::seal(Kind::DoctorIndex, fp, &p);
            let whole = whole(&sealed, fp, n);
            assert!(matches!(whole, Err(CompiledError::Damaged(_))), "{whole:?}");
            for size in [1, 97] {
                assert_eq!(
                    feed(&sealed, size, fp, n).0,
                    whole,
                    "shift {shift}, chunks of {size}"
                );
            }
        }
        for at in (0..payload.len()).step_by(payload.len() / 150 + 1) {
            let mut p = payload.to_vec();
            p[at] = p[at].wrapping_add(0x51);
            let sealed = crate::compiled::seal(Kind::DoctorIndex, fp, &p);
            let whole = whole(&sealed, fp, n);
            for size in [1, 333] {
                assert_eq!(
                    feed(&sealed, size, fp, n).0,
                    whole,
                    "byte {at}, chunks of {size}"
                );
            }
        }
    }
}
