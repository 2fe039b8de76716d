//! The dataset's records as compiled files: what `hospital.json` holds, after
//! validation, laid out so that the browser reads it without parsing JSON or checking
//! each field again.
//!
//! At 10,000 doctors the JSON is 28 MB and checking it was most of the time to the first
//! doctor card; these files are half its size and read in a quarter of the time (README,
//! "The doctor index and the records compiled at build time"). Their headers name the
//! JSON file they were compiled from, so the compiled doctor index of the same JSON
//! belongs to them.
//!
//! Two files, so that a page fetches only what it shows: the records (`hospital.bin`:
//! the hospital, departments and doctors, then the name of the articles' file beside
//! it and the headlines a profile's "In the news" lists) and the articles
//! (`hospital.articles.bin`). The doctor finder never shows an article: at 10,000
//! doctors and 5,000 articles they are 9 of the 20 MB, and a profile shows only the
//! titles of those naming its doctor (0.6 MB of headlines).
//!
//! Layout, in [`Writer`] order. Records: schema (varint), sample (byte), hospital,
//! categories, departments, doctors, the articles' file name, the headlines. Articles:
//! the articles.
//! A list is a varint count then its items; a text is a tag byte (0 plain, 1 per
//! language: a count of language/text pairs); an optional value a byte 0/1 then the
//! value; a keyword its position in the enum's `ALL`.
//! Reading checks the framing (every count against the bytes left, every tag, every
//! keyword); what the records mean together (unique ids, references) is checked by the
//! caller with `validate::Staged::checking` and `validate::check_articles`, so a file
//! that is sound but not a valid dataset is refused like a broken JSON dataset.

use super::repeats::Repeats;
use super::stream::Stream;
use super::{damaged, ensure, Checking, CompiledError, Fingerprint, Kind, Reader, Writer};
use crate::markdown::{self, ParsedBody};
use crate::model::*;
use crate::shared::SharedStr;
use crate::text::Text;

/// The compiled files of a dataset.
pub struct Compiled {
    /// Everything but the articles (`hospital.bin`).
    pub records: Vec<u8>,
    /// The articles (`hospital.articles.bin`).
    pub articles: Vec<u8>,
    /// Above [`DETAILS_APART_ABOVE`] doctors, their biographies, education and timetable
    /// rooms, a file per [`DETAILS_PER_FILE`] doctors, named by [`DetailsFiles::name`];
    /// else none.
    pub details: Vec<Vec<u8>>,
    /// Where `details` are, as the records name them.
    pub details_files: Option<DetailsFiles>,
}

/// Above this many doctors the biographies, education and timetable rooms leave the
/// records for files of their own: the app then reads the compiled doctor index (it
/// builds one itself only up to this many, and an index built without biographies would
/// not find their words), and only a profile shows them. At 10,000 doctors the
/// biographies and education alone were 7.1 of the 20.6 MB the doctors held in memory.
pub const DETAILS_APART_ABOVE: usize = 1_000;

/// Doctors per details file: a profile fetches one file, 92 kB raw and 15.5 kB gzip of
/// `make bench`'s generated doctors, and a site of 100,000 doctors has 782 of them.
pub const DETAILS_PER_FILE: usize = 128;

/// Where the biographies, education and timetable rooms of a large hospital are:
/// `<stem>.<n>.bin` beside the records, file `n` holding doctors `n * per_file` on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailsFiles {
    pub stem: String,
    pub per_file: usize,
}

impl DetailsFiles {
    /// The files beside an articles' file (`hospital.articles.bin` gives
    /// `hospital.details.<n>.bin`), [`DETAILS_PER_FILE`] doctors each.
    fn beside(articles_file: &str) -> DetailsFiles {
        DetailsFiles {
            stem: details_stem_for(articles_file),
            per_file: DETAILS_PER_FILE,
        }
    }

    /// The file holding doctor `doctor` (a place in the records' list).
    pub fn file_of(&self, doctor: usize) -> usize {
        doctor / self.per_file.max(1)
    }

    /// The name of file `n`.
    pub fn name(&self, n: usize) -> String {
        format!("{}.{n}.bin", self.stem)
    }
}

/// What only a doctor's profile shows, as a details file holds it: the biography, the
/// education, and the room and note of each session of the timetable.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Details {
    /// The doctor's id, checked against the records' doctor at its place.
    pub id: String,
    pub bio: Text,
    pub education: Vec<Text>,
    /// One per session of the doctor's timetable, in its order.
    pub sessions: Vec<SessionPlace>,
}

/// A session's room and note: what the profile's timetable shows beyond what the finder
/// and the department pages use (day, half-day, clinic, campus).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionPlace {
    pub room: Option<Text>,
    pub note: Option<Text>,
}

impl Details {
    /// What `d`'s profile alone shows.
    pub fn of(d: &Doctor) -> Details {
        Details {
            id: d.id.clone(),
            bio: d.bio.clone(),
            education: d.education.clone(),
            sessions: (d.schedule.iter())
                .map(|s| SessionPlace {
                    room: s.room.clone(),
                    note: s.note.clone(),
                })
                .collect(),
        }
    }

    /// Puts into `d` what this holds (its sessions by their order, those it has).
    pub fn fill(self, d: &mut Doctor) {
        d.bio = self.bio;
        d.education = self.education;
        for (s, place) in d.schedule.iter_mut().zip(self.sessions) {
            s.room = place.room;
            s.note = place.note;
        }
    }

    /// `d` without what this holds: what the records keep of a large hospital's doctor.
    fn left_out_of(d: &Doctor) -> Doctor {
        Doctor {
            bio: Text::default(),
            education: Vec::new(),
            schedule: (d.schedule.iter())
                .map(|s| Session {
                    room: None,
                    note: None,
                    ..s.clone()
                })
                .collect(),
            ..d.clone()
        }
    }
}

/// The compiled files of `ds`, which was read from the JSON file `source`; the records
/// name `articles_file` as their articles' file, to be published beside them, and
/// above [`DETAILS_APART_ABOVE`] doctors the details' files named after it.
pub fn write(ds: &Dataset, source: Fingerprint, articles_file: &str) -> Compiled {
    write_with(
        ds,
        source,
        articles_file,
        details_files(articles_file, ds.doctors.len()).is_some(),
    )
}

/// Where [`write`] puts the biographies, education and timetable rooms of a dataset of `doctors`
/// doctors whose articles' file is `articles_file`: `None` when the records hold them.
pub fn details_files(articles_file: &str, doctors: usize) -> Option<DetailsFiles> {
    (doctors > DETAILS_APART_ABOVE).then(|| DetailsFiles::beside(articles_file))
}

/// As [`write`], with the biographies, education and timetable rooms apart or not, whatever the size.
pub fn write_with(
    ds: &Dataset,
    source: Fingerprint,
    articles_file: &str,
    details_apart: bool,
) -> Compiled {
    let files = details_apart.then(|| DetailsFiles::beside(articles_file));
    let records = records_file(
        ds,
        source,
        articles_file,
        files.as_ref(),
        headlines(&ds.articles),
    );
    // The articles repeat their tags, departments and doctors: a table of their own.
    let put_articles = |w: &mut Writer| ds.articles.iter().for_each(|a| a.put(w));
    let (table, places) = repeated_texts(&put_articles);
    let mut w = Writer::default();
    w.varint(ds.articles.len() as u64);
    table.put(&mut w);
    w.set_repeats(places);
    put_articles(&mut w);
    w.set_repeats(None);
    let details = match &files {
        None => Vec::new(),
        Some(files) => (ds.doctors.chunks(files.per_file).enumerate())
            .map(|(n, doctors)| details_file(n * files.per_file, doctors, source))
            .collect(),
    };
    Compiled {
        records,
        articles: w.finish(Kind::Articles, source),
        details,
        details_files: files,
    }
}

/// The details' stem beside an articles' file: `hospital.articles.bin` gives
/// `hospital.details`.
fn details_stem_for(articles_file: &str) -> String {
    let stem = (articles_file.strip_suffix(".articles.bin"))
        .or_else(|| articles_file.strip_suffix(".bin"))
        .unwrap_or(articles_file);
    format!("{stem}.details")
}

fn details_file(first: usize, doctors: &[Doctor], source: Fingerprint) -> Vec<u8> {
    let mut w = Writer::default();
    w.varint(first as u64);
    w.varint(doctors.len() as u64);
    for d in doctors {
        Details::of(d).put(&mut w);
    }
    w.finish(Kind::Details, source)
}

/// The records' file of `ds`, ending with `headlines`; with `details`, the doctors'
/// biographies, education and timetable rooms are left out and the records say where they are.
fn records_file(
    ds: &Dataset,
    source: Fingerprint,
    articles_file: &str,
    details: Option<&DetailsFiles>,
    headlines: Vec<Headline>,
) -> Vec<u8> {
    let mut w = Writer::default();
    w.varint(ds.schema);
    ds.sample.put(&mut w);
    ds.hospital.put(&mut w);
    ds.categories.put(&mut w);
    ds.departments.put(&mut w);
    // The headlines, after the doctors, name them and repeat their titles.
    let put_people = |w: &mut Writer| {
        put_doctors(w, ds, details.is_some());
        w.short_str(articles_file);
        headlines.put(w);
    };
    let (table, places) = repeated_texts(&put_people);
    match details {
        None => w.byte(0),
        Some(files) => {
            w.byte(1);
            w.short_str(&files.stem);
            w.varint(files.per_file as u64);
        }
    }
    w.varint(ds.doctors.len() as u64);
    table.put(&mut w);
    w.set_repeats(places);
    put_people(&mut w);
    w.finish(Kind::Dataset, source)
}

/// The texts that what `put` writes repeats, and their places for writing it: it is
/// written once to count them (see [`super::repeats`]).
fn repeated_texts(put: &dyn Fn(&mut Writer)) -> (Vec<Text>, Option<Repeats>) {
    let mut counting = Writer::default();
    counting.set_repeats(Some(Repeats::counting()));
    put(&mut counting);
    match counting.set_repeats(None) {
        Some(counted) => {
            let (table, places) = counted.table();
            (table, Some(places))
        }
        None => (Vec::new(), None),
    }
}

/// The doctors of the records, one after the other: without what only a profile shows
/// when `details_apart`.
fn put_doctors(w: &mut Writer, ds: &Dataset, details_apart: bool) {
    for d in &ds.doctors {
        if details_apart {
            Details::left_out_of(d).put(w);
        } else {
            d.put(w);
        }
    }
}

/// A details file, read and verified: doctors `first` on.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailsFile {
    pub source: Fingerprint,
    pub first: usize,
    pub doctors: Vec<Details>,
}

/// Reads a details file whole (a few kilobytes): the header, the checksum, then each
/// doctor's details.
pub fn read_details(file: &[u8]) -> Result<DetailsFile, CompiledError> {
    let (mut r, source) = Reader::open_any(file, Kind::Details)?;
    let first = r.varint("first doctor")?;
    let first = usize::try_from(first).map_err(|_| damaged("first doctor: too large"))?;
    let n = r.short_count(MIN_RECORD, "doctors")?;
    let mut doctors = Vec::with_capacity(n);
    for _ in 0..n {
        doctors.push(<Details as Field>::get(&mut r, "doctors")?);
    }
    r.end()?;
    Ok(DetailsFile {
        source,
        first,
        doctors,
    })
}

/// Reads file `n` of `files`, which must have been compiled from `source` for
/// `doctors` (the records' list): [`read_details`], then [`DetailsFile::check`].
pub fn read_details_for(
    file: &[u8],
    files: &DetailsFiles,
    n: usize,
    source: Fingerprint,
    doctors: &[Doctor],
) -> Result<DetailsFile, CompiledError> {
    let file = read_details(file)?;
    if file.source != source {
        return Err(CompiledError::OtherDataset);
    }
    file.check(files, n, doctors)?;
    Ok(file)
}

impl DetailsFile {
    /// Checks that this is file `n` of `files` for `doctors` (the records' list): its
    /// place, its count and each doctor's id. A file of another place would put one
    /// doctor's biography on another's profile.
    pub fn check(
        &self,
        files: &DetailsFiles,
        n: usize,
        doctors: &[Doctor],
    ) -> Result<(), CompiledError> {
        let first = n.saturating_mul(files.per_file);
        let expected = doctors.len().saturating_sub(first).min(files.per_file);
        ensure(first < doctors.len(), || {
            format!(
                "details: file {n} is beyond the records' {} doctors",
                doctors.len()
            )
        })?;
        ensure(self.first == first, || {
            format!(
                "details: doctors from {} in file {n}, which holds those from {first}",
                self.first
            )
        })?;
        ensure(self.doctors.len() == expected, || {
            format!(
                "details: {} doctors in file {n}, not {expected}",
                self.doctors.len()
            )
        })?;
        for (i, d) in self.doctors.iter().enumerate() {
            let at = &doctors[first + i];
            ensure(d.id == at.id, || {
                format!(
                    "details: \"{}\" where the records have \"{}\" ({})",
                    d.id,
                    at.id,
                    first + i
                )
            })?;
            ensure(d.sessions.len() == at.schedule.len(), || {
                format!(
                    "details: \"{}\" has {} sessions' rooms, the records {} sessions",
                    d.id,
                    d.sessions.len(),
                    at.schedule.len()
                )
            })?;
        }
        Ok(())
    }

    /// Puts the biographies, education, rooms and notes into `doctors`, once checked.
    pub fn fill(self, doctors: &mut [Doctor]) {
        for (d, details) in doctors.iter_mut().skip(self.first).zip(self.doctors) {
            details.fill(d);
        }
    }
}

/// The name of the articles' file beside a records file named `records` (its last
/// path segment): `hospital.bin` gives `hospital.articles.bin`. Only ASCII letters,
/// digits, `-`, `_` and `.` are kept, so that the name is a plain relative URL.
/// What reading the compiled files of `ds` gives back: `ds`, its inline Markdown bodies
/// parsed (they are parsed when written).
#[cfg(feature = "parse")]
pub fn as_read(ds: &Dataset) -> Dataset {
    let mut ds = ds.clone();
    for a in &mut ds.articles {
        a.body = a.body.compiled();
    }
    ds
}

pub fn articles_file_for(records: &str) -> String {
    let name = records.rsplit(['/', '\\']).next().unwrap_or(records);
    let stem = name.strip_suffix(".bin").unwrap_or(name);
    let stem: String = stem
        .chars()
        .map(|c| if is_name_char(c) { c } else { '-' })
        .collect();
    let stem = stem.trim_start_matches('.');
    if stem.is_empty() {
        "articles.bin".to_string()
    } else {
        format!("{stem}.articles.bin")
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// Whether `name` can be the articles' file: a plain name beside the records, which a
/// page resolves against their URL (never a path, a scheme or a parent folder).
pub fn is_articles_file(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name.chars().all(is_name_char)
}

/// The files read, into one dataset: for tools and tests, which have them all in hand
/// (`details`: the details' files in order, none when the records hold them).
pub fn read(
    records: &[u8],
    articles: &[u8],
    details: &[Vec<u8>],
) -> Result<Dataset, CompiledError> {
    let records = DatasetReader::new(records)?.run()?;
    let articles = DatasetReader::articles(articles)?.run()?;
    if articles.source != records.source {
        return Err(CompiledError::OtherDataset);
    }
    let mut ds = records.dataset;
    ds.articles = articles.dataset.articles;
    match &records.details {
        None if details.is_empty() => {}
        None => return Err(damaged("details: files given for records that hold them")),
        Some(files) => {
            let count = ds.doctors.len().div_ceil(files.per_file);
            ensure(details.len() == count, || {
                format!("details: {} files, the records need {count}", details.len())
            })?;
            for (n, file) in details.iter().enumerate() {
                read_details_for(file, files, n, records.source, &ds.doctors)?
                    .fill(&mut ds.doctors);
            }
        }
    }
    Ok(ds)
}

/// An article as a doctor's profile lists it under "In the news": carried by the
/// records, so that a profile does not fetch every article for a few titles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Headline {
    pub slug: String,
    pub title: Text,
    /// The doctors the article names.
    pub doctors: Vec<String>,
}

/// The headlines of the articles that name a doctor, in the articles' order (those
/// whose slug could not be a link's are left out, as no page could link them).
pub fn headlines(articles: &[Article]) -> Vec<Headline> {
    articles
        .iter()
        .filter(|a| !a.doctors.is_empty() && crate::route::is_route_id(&a.slug))
        .map(|a| Headline {
            slug: a.slug.clone(),
            title: a.title.clone(),
            doctors: a.doctors.clone(),
        })
        .collect()
}

/// A compiled file, read and verified.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadFile {
    /// The records' file: everything but the articles. The articles' file: only them.
    pub dataset: Dataset,
    /// The JSON file it was compiled from.
    pub source: Fingerprint,
    /// The records' file: the name of the articles' file beside it.
    pub articles_file: Option<String>,
    /// The records' file: the headlines of the articles that name a doctor.
    pub headlines: Vec<Headline>,
    /// The records' file of a large hospital: where the doctors' biographies and
    /// education are (the records then hold none).
    pub details: Option<DetailsFiles>,
}

/// Whether `bytes` start as a compiled file does (else they are taken for JSON).
pub fn looks_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(&super::MAGIC)
}

/// Reads a compiled dataset a part at a time, so that a large one never holds up the
/// browser: [`DatasetReader::step`] until it answers. The checksum is verified first,
/// also a part at a time, then the records are read.
pub struct DatasetReader<'a> {
    phase: Phase<'a>,
    source: Fingerprint,
    records: Records,
}

enum Phase<'a> {
    /// Boxed: the hasher's state is about 600 bytes, the other phases a few words.
    Checking(Box<Checking<'a>>),
    /// The verified payload, and how much of it is read.
    Reading {
        payload: &'a [u8],
        at: usize,
    },
    Done,
}

/// Records read between two looks at the clock.
const RECORDS_PER_LOOK: usize = 64;

impl<'a> DatasetReader<'a> {
    /// A records file. Checks what the header says: a file that is not compiled
    /// records, or of another version, is refused here, before any work.
    pub fn new(file: &'a [u8]) -> Result<DatasetReader<'a>, CompiledError> {
        DatasetReader::of_kind(file, Kind::Dataset)
    }

    /// An articles file, checked as [`DatasetReader::new`] checks a records file.
    pub fn articles(file: &'a [u8]) -> Result<DatasetReader<'a>, CompiledError> {
        DatasetReader::of_kind(file, Kind::Articles)
    }

    fn of_kind(file: &'a [u8], kind: Kind) -> Result<DatasetReader<'a>, CompiledError> {
        let checking = Checking::new(file, kind)?;
        Ok(DatasetReader {
            source: checking.dataset(),
            phase: Phase::Checking(Box::new(checking)),
            records: Records::of(kind),
        })
    }

    /// The JSON file this was compiled from: its doctor index names the same one.
    pub fn source(&self) -> Fingerprint {
        self.source
    }

    /// How much is done, from 0 to 1: the checksum is the first tenth.
    pub fn progress(&self) -> f64 {
        match &self.phase {
            Phase::Checking(c) => 0.1 * c.progress(),
            Phase::Reading { payload, at } => 0.1 + 0.9 * *at as f64 / payload.len().max(1) as f64,
            Phase::Done => 1.0,
        }
    }

    /// Works on until `out_of_time`; the dataset, or why the file cannot be used, once
    /// all is read.
    pub fn step(
        &mut self,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Option<Result<ReadFile, CompiledError>> {
        match self.work(out_of_time) {
            Ok(false) => None,
            Ok(true) => {
                self.phase = Phase::Done;
                Some(Ok(self.records.take(self.source)))
            }
            Err(e) => {
                self.phase = Phase::Done;
                Some(Err(e))
            }
        }
    }

    /// Reads it all in one go.
    pub fn run(mut self) -> Result<ReadFile, CompiledError> {
        loop {
            if let Some(done) = self.step(&mut || false) {
                return done;
            }
        }
    }

    fn work(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Result<bool, CompiledError> {
        if let Phase::Checking(checking) = &mut self.phase {
            match checking.step(out_of_time) {
                None => return Ok(false),
                Some(reader) => {
                    self.phase = Phase::Reading {
                        payload: reader?.bytes,
                        at: 0,
                    };
                    if out_of_time() {
                        return Ok(false);
                    }
                }
            }
        }
        match &mut self.phase {
            Phase::Reading { payload, at } => {
                let rest = &payload[*at..];
                *at += self.records.read(rest, true, rest.len(), out_of_time)?.0;
                Ok(self.records.done)
            }
            _ => Err(damaged("read again after it answered")),
        }
    }
}

/// Reads a compiled records or articles file chunk by chunk as a download brings it,
/// so that the file is never held whole: at 100,000 doctors the records are 80 MB,
/// which wasm memory would keep for the page's life (it never shrinks). The checksum
/// is taken as the bytes arrive; what is read before it is verified is never given out
/// ([`DatasetFeed::finish`]).
pub struct DatasetFeed {
    stream: Stream,
    /// The pending bytes to wait for before trying again a part that did not fit: twice
    /// as many as it was tried with, so that a part much longer than the chunks is read
    /// a few times, not once per chunk.
    wait_for: usize,
    records: Records,
}

impl DatasetFeed {
    /// A records file's feed.
    pub fn new() -> DatasetFeed {
        DatasetFeed::of_kind(Kind::Dataset)
    }

    /// An articles file's feed.
    pub fn articles() -> DatasetFeed {
        DatasetFeed::of_kind(Kind::Articles)
    }

    fn of_kind(kind: Kind) -> DatasetFeed {
        DatasetFeed {
            stream: Stream::new(kind),
            wait_for: 0,
            records: Records::of(kind),
        }
    }

    /// Takes the file's next bytes. Fails as soon as they show the file cannot be used:
    /// not compiled records, of another version, or longer than its header says.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), CompiledError> {
        self.stream.push(chunk)
    }

    /// How much of the payload is read, from 0 to 1.
    pub fn progress(&self) -> f64 {
        self.stream.progress()
    }

    /// The dataset file the records say they were compiled from, and how many doctors
    /// they say they hold, once their head is read: what the doctor index's download
    /// needs to start beside theirs. Not yet verified: the records' checksum is taken
    /// when they are whole, and their doctors counted as they are read, so nothing
    /// built on these figures is used unless the records turn out to hold them.
    pub fn announced(&self) -> Option<(Fingerprint, usize)> {
        let header = self.stream.header()?;
        Some((header.made_for, self.records.doctors?))
    }

    /// Reads the records that have arrived whole, until `out_of_time`; whether it read
    /// all it could (false: out of time, with more to read).
    pub fn read(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Result<bool, CompiledError> {
        if self.stream.header().is_none() {
            return Ok(true);
        }
        let whole = self.stream.whole();
        if !whole && self.stream.pending().len() < self.wait_for {
            return Ok(true);
        }
        if out_of_time() {
            return Ok(false);
        }
        if whole {
            self.stream.verify()?;
        }
        let left = self.stream.left();
        let (n, stalled) = self
            .records
            .read(self.stream.pending(), whole, left, out_of_time)?;
        self.stream.consume(n);
        self.wait_for = if stalled {
            2 * self.stream.pending().len()
        } else {
            0
        };
        Ok(stalled || self.records.done)
    }

    /// Once the last chunk is in: reads on until `out_of_time`, and answers with what
    /// the file holds once all is read and verified.
    pub fn finish(
        &mut self,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Option<Result<ReadFile, CompiledError>> {
        let header = match self.stream.ended() {
            Ok(header) => header,
            Err(e) => return Some(Err(e)),
        };
        if let Err(e) = self.read(out_of_time) {
            return Some(Err(e));
        }
        if !self.records.done {
            return None;
        }
        self.stream.release();
        Some(Ok(self.records.take(header.made_for)))
    }
}

impl Default for DatasetFeed {
    fn default() -> DatasetFeed {
        DatasetFeed::new()
    }
}

/// How far a records or an articles file is read. The reader of a whole file and the
/// feed of a download's chunks both read through it, so both read alike.
struct Records {
    /// [`Kind::Dataset`] (records) or [`Kind::Articles`].
    kind: Kind,
    dataset: Dataset,
    head_read: bool,
    /// Records still to read: doctors, or articles (their count once it is read).
    doctors_left: usize,
    /// The doctors the head announced, once it is read.
    doctors: Option<usize>,
    articles_left: Option<usize>,
    articles_file: Option<String>,
    headlines_left: Option<usize>,
    headlines: Vec<Headline>,
    details: Option<DetailsFiles>,
    /// The texts the records repeat, read from the table ahead of them (see
    /// [`super::repeats`]); dropped once all is read, the texts living on in the records.
    table: Vec<Text>,
    /// The table, as the read of its part gives it to [`Records::read`].
    table_read: Option<Vec<Text>>,
    table_done: bool,
    /// Where the texts' versions are packed (see [`Reader::with_scratch`]).
    scratch: String,
    done: bool,
}

impl Records {
    fn of(kind: Kind) -> Records {
        Records {
            kind,
            dataset: Dataset::default(),
            head_read: false,
            doctors_left: 0,
            doctors: None,
            articles_left: None,
            articles_file: None,
            headlines_left: None,
            headlines: Vec::new(),
            details: None,
            table: Vec::new(),
            table_read: None,
            table_done: false,
            scratch: String::new(),
            done: false,
        }
    }

    fn take(&mut self, source: Fingerprint) -> ReadFile {
        self.table = Vec::new();
        self.scratch = String::new();
        ReadFile {
            dataset: std::mem::take(&mut self.dataset),
            source,
            articles_file: self.articles_file.take(),
            headlines: std::mem::take(&mut self.headlines),
            details: self.details.take(),
        }
    }

    /// Reads from `bytes` (the payload from where the last read stopped) the records it
    /// holds whole, until `out_of_time` or the end; answers how many bytes it read, and
    /// whether it stopped at a part not yet whole.
    /// `whole`: `bytes` run to the payload's end, so a record cut off is damage, not
    /// a record still on its way. `left`: the payload's bytes not yet read, as the
    /// header says, which bound the room reserved for the doctors and the articles. The
    /// header's length is what the download's whole buffer was reserved by before the
    /// feed; bounded by the bytes in hand instead, the list grew by doubling (2 MB more
    /// at 10,000 doctors, and a 60–80 ms task copying it). A file shorter or longer than
    /// its header says is refused.
    fn read(
        &mut self,
        bytes: &[u8],
        whole: bool,
        left: usize,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Result<(usize, bool), CompiledError> {
        // Out of `self` while the readers borrow it, and back whatever happens.
        let mut table = std::mem::take(&mut self.table);
        let mut scratch = std::mem::take(&mut self.scratch);
        let answer = self.read_with(bytes, whole, left, out_of_time, &mut table, &mut scratch);
        self.table = table;
        self.scratch = scratch;
        answer
    }

    fn read_with(
        &mut self,
        bytes: &[u8],
        whole: bool,
        left: usize,
        out_of_time: &mut dyn FnMut() -> bool,
        table: &mut Vec<Text>,
        scratch: &mut String,
    ) -> Result<(usize, bool), CompiledError> {
        let mut at = 0;
        let mut since_look = 0;
        while !self.done {
            let mut r = Reader::over(&bytes[at..])
                .with_table(table)
                .with_scratch(scratch);
            let read = self.read_one(&mut r, whole, left.saturating_sub(at));
            let len = r.at;
            if let Some(read_now) = self.table_read.take() {
                *table = read_now;
            }
            match read {
                Ok(()) => at += len,
                // Tried again with more bytes; a file that ends there is damaged.
                Err(_) if !whole => return Ok((at, true)),
                Err(e) => return Err(e),
            }
            since_look += 1;
            if since_look == RECORDS_PER_LOOK {
                since_look = 0;
                if out_of_time() {
                    break;
                }
            }
        }
        Ok((at, false))
    }

    /// The next part: everything before the doctors, a doctor, the articles' file name;
    /// or the count of articles, an article; or the end.
    fn read_one(&mut self, r: &mut Reader, whole: bool, left: usize) -> Result<(), CompiledError> {
        if self.kind == Kind::Articles {
            return self.read_article(r, whole, left);
        }
        let ds = &mut self.dataset;
        if !self.head_read {
            ds.schema = r.varint("schema")?;
            ds.sample = bool::get(r, "sample")?;
            ds.hospital = Hospital::get(r, "hospital")?;
            ds.categories = Vec::get(r, "categories")?;
            ds.departments = Vec::get(r, "departments")?;
            if bool::get(r, "details apart")? {
                let stem = r.short_str("details")?;
                let per_file = r.varint("details: doctors per file")?;
                let files = DetailsFiles {
                    per_file: usize::try_from(per_file).unwrap_or(0),
                    stem,
                };
                // Its names become URLs beside the records: plain file names only.
                if !(1..=1 << 16).contains(&files.per_file) || !is_articles_file(&files.name(0)) {
                    return Err(damaged(format!(
                        "details: \"{}\" with {per_file} doctors a file cannot name files beside the records",
                        files.stem
                    )));
                }
                self.details = Some(files);
            }
            self.doctors_left = r.short_count(MIN_RECORD, "doctors")?;
            self.doctors = Some(self.doctors_left);
            ds.doctors = Vec::with_capacity(capacity::<Doctor>(
                self.doctors_left,
                left.saturating_sub(r.at),
            ));
            self.head_read = true;
            return Ok(());
        }
        // Apart from the head, which announces the doctors as soon as it is in.
        if self.table_read.is_none() && !self.table_done {
            self.table_read = Some(Vec::get(r, "repeated texts")?);
            self.table_done = true;
            return Ok(());
        }
        if self.doctors_left > 0 {
            ds.doctors.push(Doctor::get(r, "doctors")?);
            self.doctors_left -= 1;
            return Ok(());
        }
        if self.articles_file.is_none() {
            let name = r.short_str("articles file")?;
            if !is_articles_file(&name) {
                return Err(damaged(format!(
                    "articles file: \"{name}\" is not a plain file name"
                )));
            }
            self.articles_file = Some(name);
            return Ok(());
        }
        match &mut self.headlines_left {
            None => {
                let n = r.short_count(MIN_RECORD, "headlines")?;
                self.headlines
                    .reserve_exact(capacity::<Headline>(n, left.saturating_sub(r.at)));
                self.headlines_left = Some(n);
                Ok(())
            }
            Some(0) => self.end(r, whole),
            Some(n) => {
                let headline = Headline::get(r, "headlines")?;
                // It becomes a link: a slug no article could have is damage.
                if !crate::route::is_route_id(&headline.slug) {
                    return Err(damaged(format!(
                        "headlines: \"{}\" cannot be an article's slug",
                        headline.slug
                    )));
                }
                self.headlines.push(headline);
                *n -= 1;
                Ok(())
            }
        }
    }

    fn end(&mut self, r: &mut Reader, whole: bool) -> Result<(), CompiledError> {
        if !whole {
            return Err(damaged("the end of the file is still on its way"));
        }
        r.end()?;
        self.done = true;
        Ok(())
    }

    /// The next part of an articles file: their count, an article, or the end.
    fn read_article(
        &mut self,
        r: &mut Reader,
        whole: bool,
        left: usize,
    ) -> Result<(), CompiledError> {
        let ds = &mut self.dataset;
        match &mut self.articles_left {
            None => {
                let n = r.short_count(MIN_RECORD, "articles")?;
                ds.articles
                    .reserve_exact(capacity::<Article>(n, left.saturating_sub(r.at)));
                self.articles_left = Some(n);
            }
            Some(_) if !self.table_done => {
                self.table_read = Some(Vec::get(r, "repeated texts")?);
                self.table_done = true;
            }
            Some(0) => return self.end(r, whole),
            Some(n) => {
                ds.articles.push(Article::get(r, "articles")?);
                *n -= 1;
            }
        }
        Ok(())
    }
}

/// The fewest bytes any item of a list takes: a count is checked against this before
/// anything is allocated for it.
const MIN_ITEM: usize = 1;
/// The fewest bytes a doctor or an article takes (its id's length and two texts' tags).
const MIN_RECORD: usize = 3;

/// Room for `n` values of `T` with `left` bytes of the payload left to read: never more
/// memory than [`ROOM_PER_BYTE`] times those bytes, so a damaged count cannot make the
/// reader allocate beyond a small multiple of its input.
fn capacity<T>(n: usize, left: usize) -> usize {
    n.min(left.saturating_mul(ROOM_PER_BYTE) / std::mem::size_of::<T>().max(1))
}

/// Four, not one: a doctor whose texts are places in the table of repeated texts takes
/// fewer bytes in the file than in the list (about 190 against 208 in wasm32 at 100,000
/// generated doctors), and a list reserved short grows by doubling, holding both copies
/// while it grows and room for nearly twice the doctors after.
const ROOM_PER_BYTE: usize = 4;

/// A value of the dataset as it is written into and read from the file.
trait Field: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader, what: &str) -> Result<Self, CompiledError>;
}

impl Field for bool {
    fn put(&self, w: &mut Writer) {
        w.byte(u8::from(*self));
    }
    fn get(r: &mut Reader, what: &str) -> Result<bool, CompiledError> {
        match r.byte(what)? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(damaged(format!("{what}: {b} is not a yes/no value"))),
        }
    }
}

impl Field for String {
    fn put(&self, w: &mut Writer) {
        w.short_str(self);
    }
    fn get(r: &mut Reader, what: &str) -> Result<String, CompiledError> {
        r.short_str(what)
    }
}

impl Field for SharedStr {
    fn put(&self, w: &mut Writer) {
        w.shared_str(self);
    }
    fn get(r: &mut Reader, what: &str) -> Result<SharedStr, CompiledError> {
        r.shared_str(what)
    }
}

impl Field for Text {
    fn put(&self, w: &mut Writer) {
        if let Some(place) = w.place_of(self) {
            w.byte(2);
            w.varint(u64::from(place));
            return;
        }
        match self {
            Text::Plain(s) => {
                w.byte(0);
                w.short_str(s);
            }
            Text::Localized(map) => {
                w.byte(1);
                w.varint(map.len() as u64);
                for (lang, s) in map.iter() {
                    w.short_str(lang);
                    w.short_str(s);
                }
            }
        }
    }
    fn get(r: &mut Reader, what: &str) -> Result<Text, CompiledError> {
        match r.byte(what)? {
            0 => Ok(Text::Plain(SharedStr::from(r.short_str_ref(what)?))),
            1 => {
                let n = r.short_count(2, what)?;
                // Most texts have two versions: no list to allocate for them.
                const FEW: usize = 4;
                let mut few = [("", ""); FEW];
                let mut many = Vec::new();
                for i in 0..n {
                    let pair = (r.short_str_ref(what)?, r.short_str_ref(what)?);
                    match few.get_mut(i) {
                        Some(slot) if n <= FEW => *slot = pair,
                        _ => many.push(pair),
                    }
                }
                let pairs = if n <= FEW { &few[..n] } else { &many[..] };
                Ok(Text::Localized(r.translations(pairs)))
            }
            2 => {
                let place = r.varint(what)?;
                r.repeated(place, what)
            }
            b => Err(damaged(format!("{what}: unknown kind of text {b}"))),
        }
    }
}

impl<T: Field> Field for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.byte(0),
            Some(v) => {
                w.byte(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader, what: &str) -> Result<Option<T>, CompiledError> {
        Ok(if bool::get(r, what)? {
            Some(T::get(r, what)?)
        } else {
            None
        })
    }
}

impl<T: Field> Field for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader, what: &str) -> Result<Vec<T>, CompiledError> {
        let n = r.short_count(MIN_ITEM, what)?;
        let (at, len) = r.position();
        let mut out = Vec::with_capacity(capacity::<T>(n, len - at));
        for _ in 0..n {
            out.push(T::get(r, what)?);
        }
        Ok(out)
    }
}

/// The keyword enums, by their place in `ALL`.
macro_rules! keyword_field {
    ($($t:ty),+) => {$(
        impl Field for $t {
            fn put(&self, w: &mut Writer) {
                let at = <$t>::ALL.iter().position(|k| k == self).unwrap_or(0);
                w.byte(at as u8);
            }
            fn get(r: &mut Reader, what: &str) -> Result<$t, CompiledError> {
                let at = r.byte(what)?;
                <$t>::ALL
                    .get(usize::from(at))
                    .copied()
                    .ok_or_else(|| damaged(format!("{what}: no keyword number {at}")))
            }
        }
    )+};
}
keyword_field!(
    TitleRank,
    AcademicTitle,
    Weekday,
    HalfDay,
    ClinicType,
    Gender
);

/// Records: their fields in the order they are declared in `model.rs`.
macro_rules! record_field {
    ($t:ident { $($f:ident),+ $(,)? }) => {
        impl Field for $t {
            fn put(&self, w: &mut Writer) {
                $(self.$f.put(w);)+
            }
            fn get(r: &mut Reader, what: &str) -> Result<$t, CompiledError> {
                Ok($t { $($f: Field::get(r, what)?,)+ })
            }
        }
    };
}
record_field!(Hospital {
    name,
    description,
    address,
    phone,
    website,
    timezone,
    emergency,
    campuses
});
record_field!(Emergency {
    phone,
    hours,
    campus
});
record_field!(Campus {
    id,
    name,
    address,
    phone,
    map_url
});
record_field!(Category { id, name });
record_field!(Headline {
    slug,
    title,
    doctors
});
record_field!(Department {
    id,
    name,
    description,
    campuses,
    phone,
    keywords
});
record_field!(Doctor {
    id,
    name,
    pinyin,
    title,
    title_as_written,
    academic_title,
    departments,
    specialties,
    conditions,
    languages,
    gender,
    photo,
    bio,
    education,
    schedule,
    accepting_new_patients,
    booking,
    verified,
});
record_field!(Booking { url, phone });
record_field!(Details {
    id,
    bio,
    education,
    sessions
});
record_field!(SessionPlace { room, note });
record_field!(Image { src, alt, caption });
record_field!(Session {
    weekday,
    half_day,
    clinic,
    campus,
    room,
    cancelled,
    note
});
record_field!(Article {
    slug,
    title,
    date,
    category,
    tags,
    summary,
    cover,
    author,
    source_url,
    departments,
    doctors,
    body,
});

impl Field for ArticleBody {
    fn put(&self, w: &mut Writer) {
        match self {
            // Parsed here, once, so that the app never parses it (ARCHITECTURE.md, "Size").
            #[cfg(feature = "parse")]
            ArticleBody::Inline { body } => put_parsed(w, &ParsedBody::of(body)),
            #[cfg(not(feature = "parse"))]
            ArticleBody::Inline { body } => {
                w.byte(0);
                body.put(w);
            }
            ArticleBody::External { body_src } => {
                w.byte(1);
                body_src.put(w);
            }
            ArticleBody::Parsed { body } => put_parsed(w, body),
        }
    }
    fn get(r: &mut Reader, what: &str) -> Result<ArticleBody, CompiledError> {
        match r.byte(what)? {
            0 => Ok(ArticleBody::Inline {
                body: <Text as Field>::get(r, what)?,
            }),
            1 => Ok(ArticleBody::External {
                body_src: <String as Field>::get(r, what)?,
            }),
            2 => {
                let n = r.varint(what)?;
                let mut versions = Vec::new();
                for _ in 0..n {
                    let tag = r.short_str(what)?;
                    let len = usize::try_from(r.varint(what)?).unwrap_or(usize::MAX);
                    let blocks = markdown::wire::read(r.take(len, what)?)
                        .map_err(|e| damaged(format!("{what}: {e}")))?;
                    versions.push((tag, blocks));
                }
                Ok(ArticleBody::Parsed {
                    body: ParsedBody::from_versions(versions),
                })
            }
            b => Err(damaged(format!("{what}: unknown kind of body {b}"))),
        }
    }
}

fn put_parsed(w: &mut Writer, body: &ParsedBody) {
    w.byte(2);
    w.varint(body.versions().len() as u64);
    for (tag, blocks) in body.versions() {
        w.short_str(tag);
        let bytes = markdown::wire::write(blocks);
        w.varint(bytes.len() as u64);
        w.raw(&bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiled::{seal, HEADER_LEN};

    fn sample() -> (Dataset, Fingerprint) {
        let json = include_str!("../../../../data/sample.json");
        let ds = crate::validate::load(json)
            .expect("the sample loads")
            .dataset;
        (ds, Fingerprint::of(json.as_bytes()))
    }

    const ARTICLES: &str = "hospital.articles.bin";

    /// What the records file holds of `ds`: all but its articles.
    fn records_of(ds: &Dataset) -> Dataset {
        Dataset {
            articles: Vec::new(),
            ..ds.clone()
        }
    }

    /// What the articles file holds of `ds`.
    fn articles_of(ds: &Dataset) -> Dataset {
        Dataset {
            articles: as_read(ds).articles,
            ..Dataset::default()
        }
    }

    #[test]
    fn the_sample_reads_back_as_it_was_written() {
        let (ds, source) = sample();
        assert!(!ds.articles.is_empty() && !ds.doctors.is_empty());
        let files = write(&ds, source, ARTICLES);
        let reader = DatasetReader::new(&files.records).expect("header");
        assert_eq!(reader.source(), source);
        let records = reader.run().expect("reads");
        assert_eq!(records.dataset, records_of(&ds));
        assert_eq!(records.articles_file.as_deref(), Some(ARTICLES));
        assert_eq!(records.headlines, headlines(&ds.articles));
        let articles = DatasetReader::articles(&files.articles).expect("header");
        let articles = articles.run().expect("reads");
        assert_eq!(articles.dataset, articles_of(&ds));
        assert_eq!((articles.source, articles.articles_file), (source, None));
        assert_eq!(
            read(&files.records, &files.articles, &files.details),
            Ok(as_read(&ds))
        );
    }

    /// Every pair of doctors' copies of a text that both name is one allocation.
    fn assert_repeated_texts_shared(doctors: &[Doctor]) {
        let mut pairs = 0;
        for (a, b) in doctors.iter().zip(doctors.iter().skip(1)) {
            let same = |x: &SharedStr, y: &SharedStr| x != y || x.shares_with(y);
            for x in a.departments.iter().chain(&a.languages) {
                for y in b.departments.iter().chain(&b.languages) {
                    assert!(same(x, y), "{} and {}: {x}", a.id, b.id);
                    pairs += usize::from(x == y);
                }
            }
            let campuses = |d: &Doctor| {
                d.schedule
                    .iter()
                    .filter_map(|s| s.campus.clone())
                    .collect::<Vec<_>>()
            };
            for x in campuses(a) {
                for y in campuses(b) {
                    assert!(same(&x, &y), "{} and {}: {x}", a.id, b.id);
                    pairs += usize::from(x == y);
                }
            }
            for x in a.specialties.iter().chain(&a.conditions) {
                for y in b.specialties.iter().chain(&b.conditions) {
                    let (Text::Localized(x), Text::Localized(y)) = (x, y) else {
                        continue;
                    };
                    let (x, y) = (x.packed(), y.packed());
                    assert!(same(x, y), "{} and {}: {x}", a.id, b.id);
                    pairs += usize::from(x == y);
                }
            }
        }
        assert!(
            pairs > 10,
            "only {pairs} repeated texts: not a test of sharing"
        );
    }

    #[test]
    fn a_text_that_names_a_place_the_table_has_not_is_damage() {
        let plain = Text::Plain(SharedStr::from("Cardiology"));
        let localized = Text::Localized(
            [("en", "Cardiology"), ("zh", "心内科")]
                .into_iter()
                .collect(),
        );
        let table = [plain.clone(), localized.clone()];
        let text = |bytes: &[u8], table: &[Text]| {
            <Text as Field>::get(&mut Reader::over(bytes).with_table(table), "t")
        };
        let string = |bytes: &[u8]| {
            <SharedStr as Field>::get(&mut Reader::over(bytes).with_table(&table), "s")
        };
        assert_eq!(text(&[2, 1], &table), Ok(localized));
        assert_eq!(string(&[1]), Ok(SharedStr::from("Cardiology")));
        fn damage<T: std::fmt::Debug>(r: Result<T, CompiledError>) -> String {
            match r {
                Err(CompiledError::Damaged(what)) => what,
                other => panic!("not damage: {other:?}"),
            }
        }
        assert_eq!(
            damage(text(&[2, 2], &table)),
            "t: names repeated text 2, of 2 here"
        );
        let none: [Text; 0] = [];
        assert_eq!(
            damage(text(&[2, 0], &none)),
            "t: names repeated text 0, of 0 here"
        );
        // A string field names only plain texts.
        assert!(damage(string(&[3])).contains("a text with versions"));
    }

    #[test]
    fn the_doctors_read_back_share_one_copy_of_each_repeated_text() {
        let (ds, source) = sample();
        // Loaded from JSON, as from the compiled records.
        assert_repeated_texts_shared(&ds.doctors);
        let files = write(&ds, source, ARTICLES);
        let read = DatasetReader::new(&files.records).and_then(DatasetReader::run);
        let read = read.expect("reads").dataset;
        assert_repeated_texts_shared(&read.doctors);
        let (fed, _) = feed(&files.records, 97, Kind::Dataset);
        assert_repeated_texts_shared(&fed.expect("reads").dataset.doctors);
    }

    #[test]
    fn each_file_is_refused_in_the_place_of_the_other() {
        let (ds, source) = sample();
        let files = write(&ds, source, ARTICLES);
        let other = |found| Some(CompiledError::OtherKind { found });
        assert_eq!(DatasetReader::new(&files.articles).err(), other(3));
        assert_eq!(DatasetReader::articles(&files.records).err(), other(2));
        assert_eq!(feed(&files.articles, 100, Kind::Dataset).0.err(), other(3));
        assert_eq!(feed(&files.records, 100, Kind::Articles).0.err(), other(2));
        // The articles of another dataset.
        let theirs = write(&ds, Fingerprint { len: 1, hash: 2 }, ARTICLES);
        assert_eq!(
            read(&files.records, &theirs.articles, &[]),
            Err(CompiledError::OtherDataset)
        );
    }

    #[test]
    fn the_articles_file_is_a_plain_name_beside_the_records() {
        assert_eq!(articles_file_for("hospital.bin"), ARTICLES);
        assert_eq!(
            articles_file_for(crate::COMPILED_DATASET),
            crate::COMPILED_ARTICLES
        );
        assert_eq!(articles_file_for("out/site/data.bin"), "data.articles.bin");
        assert_eq!(
            articles_file_for("C:\\sites\\医院 2.bin"),
            "---2.articles.bin"
        );
        assert_eq!(articles_file_for(".bin"), "articles.bin");
        assert_eq!(articles_file_for("records"), "records.articles.bin");
        for name in [
            "../x.bin",
            "https://x.org/a.bin",
            "/a.bin",
            ".hidden",
            "",
            "a b",
        ] {
            assert!(!is_articles_file(name), "{name}");
        }
        // A records file naming anything else is refused as damaged.
        let (ds, source) = sample();
        let files = write(&ds, source, "../../elsewhere.bin");
        assert!(matches!(
            DatasetReader::new(&files.records).and_then(DatasetReader::run),
            Err(CompiledError::Damaged(_))
        ));
    }

    #[test]
    fn the_records_carry_the_headlines_of_the_articles_naming_doctors() {
        let (mut ds, source) = sample();
        let naming: Vec<&Article> = ds
            .articles
            .iter()
            .filter(|a| !a.doctors.is_empty())
            .collect();
        assert!(!naming.is_empty() && naming.len() < ds.articles.len());
        let records = write(&ds, source, ARTICLES).records;
        let read = DatasetReader::new(&records).and_then(DatasetReader::run);
        let lines = read.expect("reads").headlines;
        assert_eq!(lines.len(), naming.len());
        for (line, article) in lines.iter().zip(&naming) {
            assert_eq!(
                (&line.slug, &line.title, &line.doctors),
                (&article.slug, &article.title, &article.doctors)
            );
        }
        // A headline becomes a link: a slug no route could hold is not written, and
        // a file that holds one anyway is refused as damage.
        let i = (ds.articles.iter())
            .position(|a| !a.doctors.is_empty())
            .unwrap();
        let good = std::mem::replace(&mut ds.articles[i].slug, "../../elsewhere".into());
        let records = write(&ds, source, ARTICLES).records;
        let read = DatasetReader::new(&records).and_then(DatasetReader::run);
        assert_eq!(read.expect("reads").headlines.len(), lines.len() - 1);
        ds.articles[i].slug = good;
        let mut forged = headlines(&ds.articles);
        forged[0].slug = "../../elsewhere".into();
        let records = records_file(&ds, source, ARTICLES, None, forged);
        assert!(matches!(
            DatasetReader::new(&records).and_then(DatasetReader::run),
            Err(CompiledError::Damaged(_))
        ));
    }

    #[test]
    fn read_a_part_at_a_time_it_is_the_same_dataset() {
        let (ds, source) = sample();
        let file = write(&ds, source, ARTICLES).records;
        let mut reader = DatasetReader::new(&file).expect("header");
        let mut steps = 0;
        let read = loop {
            steps += 1;
            let mut looks = 0;
            if let Some(done) = reader.step(&mut || {
                looks += 1;
                looks > 0
            }) {
                break done.expect("reads");
            }
        };
        assert_eq!(read.dataset, records_of(&ds));
        assert!(steps > 1, "read in more than one step");
    }

    /// Feeds `file` in chunks of `size`, reading after each as a browser would between
    /// chunks; the answer, and the most bytes the feed held at once.
    fn feed(file: &[u8], size: usize, kind: Kind) -> (Result<ReadFile, CompiledError>, usize) {
        let mut feed = DatasetFeed::of_kind(kind);
        let mut held = 0;
        let mut looks = 0;
        // Out of time at every other look: reading stops part way, as in slices.
        let mut out_of_time = || {
            looks += 1;
            looks % 2 == 0
        };
        for chunk in file.chunks(size.max(1)) {
            if let Err(e) = feed.push(chunk).and_then(|()| feed.read(&mut out_of_time)) {
                return (Err(e), held);
            }
            held = held.max(feed.stream.held());
        }
        loop {
            if let Some(done) = feed.finish(&mut out_of_time) {
                return (done, held);
            }
        }
    }

    #[test]
    fn fed_in_chunks_of_any_size_it_is_the_same_dataset() {
        let (ds, source) = sample();
        let files = write(&ds, source, ARTICLES);
        let whole = |file, kind| DatasetReader::of_kind(file, kind).and_then(DatasetReader::run);
        for (file, kind) in [
            (&files.records, Kind::Dataset),
            (&files.articles, Kind::Articles),
        ] {
            for size in [1, 2, 3, 7, 40, 41, 64, 1000, 4096, 65536, file.len()] {
                let (read, _) = feed(file, size, kind);
                assert_eq!(read, whole(file, kind), "{kind:?} in chunks of {size}");
            }
        }
    }

    #[test]
    fn the_records_announce_their_source_and_doctors_once_their_head_is_in() {
        let (ds, source) = sample();
        let file = write(&ds, source, ARTICLES).records;
        let mut feed = DatasetFeed::new();
        let mut announced_at = None;
        for (i, chunk) in file.chunks(64).enumerate() {
            assert!(feed.push(chunk).is_ok());
            assert!(feed.read(&mut || false).is_ok());
            match (feed.announced(), announced_at) {
                (Some(figures), _) => {
                    assert_eq!(figures, (source, ds.doctors.len()));
                    announced_at.get_or_insert(i);
                }
                (None, Some(at)) => panic!("announced at chunk {at}, then no more at {i}"),
                (None, None) => {}
            }
        }
        // Long before the records end: the doctor index's download starts there.
        let at = announced_at.expect("announced") * 64;
        assert!(
            at < file.len() / 4,
            "announced only after {at} of {} bytes",
            file.len()
        );
        // An articles' file announces no doctors.
        let mut articles = DatasetFeed::articles();
        let file = write(&ds, source, ARTICLES).articles;
        assert!(articles.push(&file).is_ok() && articles.read(&mut || false).is_ok());
        assert_eq!(articles.announced(), None);
    }

    /// The sample four times over (ids made unique), for files of details.
    fn larger() -> (Dataset, Fingerprint) {
        let (mut ds, source) = sample();
        let doctors = ds.doctors.clone();
        ds.doctors = (0..4)
            .flat_map(|k| {
                doctors.iter().map(move |d| Doctor {
                    id: format!("{}-{k}", d.id),
                    ..d.clone()
                })
            })
            .collect();
        (ds, source)
    }

    #[test]
    fn a_large_hospitals_biographies_are_apart_and_read_back_into_their_doctors() {
        let (ds, source) = larger();
        assert!(
            ds.doctors.len() > DETAILS_PER_FILE && ds.doctors.iter().any(|d| !d.bio.is_blank())
        );
        assert!(
            write(&ds, source, ARTICLES).details.is_empty(),
            "a small hospital's stay in"
        );
        let files = write_with(&ds, source, ARTICLES, true);
        let names = files.details_files.clone().expect("apart");
        assert_eq!(names.name(1), "hospital.details.1.bin");
        assert_eq!(
            files.details.len(),
            ds.doctors.len().div_ceil(DETAILS_PER_FILE)
        );
        // The records hold every doctor without them, and say where they are; fed in
        // chunks they read as read whole.
        let records = DatasetReader::new(&files.records)
            .and_then(DatasetReader::run)
            .expect("reads");
        assert_eq!(records.details, Some(names.clone()));
        assert_eq!(records.dataset.doctors.len(), ds.doctors.len());
        let rooms = |d: &Doctor| {
            d.schedule
                .iter()
                .any(|s| s.room.is_some() || s.note.is_some())
        };
        assert!(ds.doctors.iter().any(rooms));
        assert!(records
            .dataset
            .doctors
            .iter()
            .all(|d| d.bio.is_blank() && d.education.is_empty() && !rooms(d)));
        for size in [1, 7, 64, 4096] {
            assert_eq!(
                feed(&files.records, size, Kind::Dataset).0.as_ref(),
                Ok(&records)
            );
        }
        // Each file is the doctors of its place; all of them make the whole dataset.
        let last = read_details(&files.details[1]).expect("reads");
        assert_eq!(last.first, DETAILS_PER_FILE);
        assert_eq!(last.doctors[0].bio, ds.doctors[DETAILS_PER_FILE].bio);
        assert_eq!(
            read(&files.records, &files.articles, &files.details),
            Ok(as_read(&ds))
        );
        let mut doctors = records.dataset.doctors.clone();
        last.check(&names, 1, &doctors).expect("its place");
        last.clone().fill(&mut doctors);
        assert_eq!(doctors[DETAILS_PER_FILE], ds.doctors[DETAILS_PER_FILE]);
        assert!(doctors[0].bio.is_blank(), "only its own doctors");
    }

    #[test]
    fn a_details_file_of_another_place_or_dataset_is_refused() {
        let (ds, source) = larger();
        let files = write_with(&ds, source, ARTICLES, true);
        let names = files.details_files.clone().expect("apart");
        let doctors = &ds.doctors;
        let first = read_details(&files.details[0]).expect("reads");
        // Given as another file: its place, its count; or as one beyond the records
        // (found by fuzzing: an empty file there passed, and filling it panicked).
        assert!(matches!(
            first.check(&names, 1, doctors),
            Err(CompiledError::Damaged(_))
        ));
        let beyond = DetailsFile {
            source,
            first: 9 * DETAILS_PER_FILE,
            doctors: Vec::new(),
        };
        assert!(beyond.check(&names, 9, doctors).is_err());
        let mut unchanged = doctors.clone();
        beyond.fill(&mut unchanged);
        assert_eq!(&unchanged, doctors);
        // Its ids must be the records' at that place.
        let mut other = doctors.clone();
        other[3].id = "someone-else".into();
        let e = first.check(&names, 0, &other).expect_err("another doctor");
        assert!(e.to_string().contains("someone-else"), "{e}");
        // And each doctor's sessions as many as the records'.
        let mut fewer = doctors.clone();
        let at = (fewer.iter()).position(|d| !d.schedule.is_empty()).unwrap();
        fewer[at].schedule.pop();
        assert!(first.check(&names, 0, &fewer).is_err());
        // The files in the wrong order, too few, or of another dataset.
        let mut swapped = files.details.clone();
        swapped.swap(0, 1);
        assert!(read(&files.records, &files.articles, &swapped).is_err());
        assert!(read(&files.records, &files.articles, &files.details[..1]).is_err());
        let theirs = write_with(&ds, Fingerprint::of(b"another"), ARTICLES, true);
        assert_eq!(
            read(&files.records, &files.articles, &theirs.details),
            Err(CompiledError::OtherDataset)
        );
        // Not a details file; a byte changed.
        assert!(read_details(&files.records).is_err());
        let mut bad = files.details[0].clone();
        let at = bad.len() - 3;
        bad[at] ^= 0x55;
        assert!(read_details(&bad).is_err());
    }

    #[test]
    fn records_naming_details_files_elsewhere_are_refused() {
        let (ds, source) = larger();
        for (stem, per_file) in [
            ("../../elsewhere", 128),
            ("https://x.example/d", 128),
            ("ok", 0),
        ] {
            let files = DetailsFiles {
                stem: stem.into(),
                per_file,
            };
            let records = records_file(&ds, source, ARTICLES, Some(&files), Vec::new());
            assert!(
                matches!(
                    DatasetReader::new(&records).and_then(DatasetReader::run),
                    Err(CompiledError::Damaged(_))
                ),
                "{stem} {per_file}"
            );
        }
    }

    #[test]
    fn the_feed_holds_a_few_records_never_the_file() {
        let (mut ds, source) = sample();
        // A hundred times the sample's doctors: a file much larger than any of its parts.
        // Each copy's name and biography its own, and no education: copied as they are,
        // every text would be repeated, and the table of them as large as the sample.
        // Even so the copies repeat what is one doctor's in the sample (rooms, notes,
        // photos' captions): a table of about 50 kB, whatever the number of copies.
        let doctors = ds.doctors.clone();
        for k in 1..100 {
            ds.doctors.extend(doctors.iter().map(|d| {
                let own = |t: &Text| {
                    Text::Plain(SharedStr::from(format!(
                        "{} {k}",
                        t.get(crate::Lang::En).text
                    )))
                };
                Doctor {
                    name: own(&d.name),
                    bio: own(&d.bio),
                    education: Vec::new(),
                    ..d.clone()
                }
            }));
        }
        let file = write_with(&ds, source, ARTICLES, false).records;
        // The largest part read at once: the head (hospital, departments), the table of
        // repeated texts or a record.
        let size = |put: &dyn Fn(&mut Writer)| {
            let mut w = Writer::default();
            put(&mut w);
            w.payload.len()
        };
        let head = size(&|w| {
            ds.hospital.put(w);
            ds.categories.put(w);
            ds.departments.put(w);
        });
        let put_doctors = |w: &mut Writer| put_doctors(w, &ds, false);
        let table = size(&|w| repeated_texts(&put_doctors).0.put(w));
        let records = ds.doctors.iter().map(|d| size(&|w| d.put(w)));
        let largest = records.fold(head.max(table), usize::max);
        let chunk = 1024;
        let (read, held) = feed(&file, chunk, Kind::Dataset);
        assert_eq!(read.expect("reads").dataset, records_of(&ds));
        // A part is tried again once twice the bytes it was tried with are in: the
        // pending bytes stay under twice the largest part and a chunk, and the buffer
        // under twice that.
        assert!(
            held <= 4 * (largest + chunk),
            "held {held} bytes of a {}-byte file (largest part {largest})",
            file.len()
        );
        assert!(held * 20 < file.len(), "held {held} of {}", file.len());
    }

    #[test]
    fn the_feed_refuses_what_the_whole_reader_refuses() {
        let (ds, source) = sample();
        let file = write(&ds, source, ARTICLES).records;
        let index = crate::search::DoctorIndex::build(&ds).to_compiled(source);
        let feed = |file: &[u8], size| feed(file, size, Kind::Dataset);
        assert_eq!(
            feed(&index, 100).0.err(),
            Some(CompiledError::OtherKind { found: 1 })
        );
        assert_eq!(
            feed(b"{\"schema\": 1, \"doctors\": []}", 3).0.err(),
            Some(CompiledError::NotCompiled)
        );
        assert_eq!(feed(b"HS", 1).0.err(), Some(CompiledError::NotCompiled));
        // Cut off in transfer, or something appended.
        let short = &file[..file.len() - 10];
        assert_eq!(
            feed(short, 500).0.err(),
            Some(CompiledError::Length {
                expected: (file.len() - HEADER_LEN) as u64,
                found: (short.len() - HEADER_LEN) as u64
            })
        );
        let mut long = file.clone();
        long.extend_from_slice(b"more");
        assert!(matches!(
            feed(&long, 500).0.err(),
            Some(CompiledError::Length { .. })
        ));
        // A changed byte without a new checksum: damage, named as such.
        let mut bad = file.clone();
        let middle = bad.len() / 2;
        bad[middle] ^= 0x40;
        assert_eq!(feed(&bad, 700).0.err(), Some(CompiledError::Checksum));
        // Behind a good checksum, any damage gets the whole reader's answer, never a panic.
        let payload = &file[HEADER_LEN..];
        for at in (0..payload.len()).step_by(payload.len() / 150 + 1) {
            let mut bad = payload.to_vec();
            bad[at] = bad[at].wrapping_add(0x55);
            let sealed = seal(Kind::Dataset, source, &bad);
            let whole = DatasetReader::new(&sealed).and_then(DatasetReader::run);
            for size in [1, 333] {
                let (fed, _) = feed(&sealed, size);
                assert_eq!(fed, whole.clone(), "byte {at}, chunks of {size}");
            }
        }
    }

    #[test]
    fn a_doctor_index_file_is_not_a_dataset() {
        let (ds, source) = sample();
        let index = crate::search::DoctorIndex::build(&ds).to_compiled(source);
        assert!(matches!(
            DatasetReader::new(&index),
            Err(CompiledError::OtherKind { found: 1 })
        ));
        assert!(looks_compiled(&index));
        assert!(!looks_compiled(b"{\"schema\":1}"));
    }

    #[test]
    fn any_damage_is_refused_or_read_never_a_panic() {
        let (ds, source) = sample();
        let file = write(&ds, source, ARTICLES).records;
        let payload = &file[super::super::HEADER_LEN..];
        // Every byte changed in turn behind a good checksum: the framing checks answer.
        for at in (0..payload.len()).step_by(payload.len() / 300 + 1) {
            let mut bad = payload.to_vec();
            bad[at] = bad[at].wrapping_add(0x55);
            let sealed = seal(Kind::Dataset, source, &bad);
            if let Ok(reader) = DatasetReader::new(&sealed) {
                let _ = reader.run();
            }
        }
        // Cut short anywhere.
        for len in (0..payload.len()).step_by(payload.len() / 200 + 1) {
            let sealed = seal(Kind::Dataset, source, &payload[..len]);
            let read = DatasetReader::new(&sealed).and_then(DatasetReader::run);
            assert!(read.is_err(), "{len} bytes of {} read", payload.len());
        }
        // A changed byte without a new checksum is caught by the header.
        let mut bad = file.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        let read = DatasetReader::new(&bad).and_then(DatasetReader::run);
        assert_eq!(read.err(), Some(CompiledError::Checksum));
    }
}
