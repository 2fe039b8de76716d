//! The dataset's records as a compiled file (`hospital.bin`): what `hospital.json` holds,
//! after validation, laid out so that the browser reads it without parsing JSON or
//! checking each field again.
//!
//! At 10,000 doctors the JSON is 28 MB and checking it was most of the time to the first
//! doctor card; this file is half its size and reads in a quarter of the time (README,
//! "The doctor index and the records compiled at build time"). Its header names the JSON
//! file it was compiled from, so the compiled doctor index of the same JSON belongs to it.
//!
//! Layout, in [`Writer`] order: schema (varint), sample (byte), hospital, categories,
//! departments, doctors, articles. A list is a varint count then its items; a text is
//! a tag byte (0 plain, 1 per language: a count of language/text pairs); an optional
//! value a byte 0/1 then the value; a keyword its position in the enum's `ALL`.
//! Reading checks the framing (every count against the bytes left, every tag, every
//! keyword); what the records mean together (unique ids, references) is checked by the
//! caller with `validate::Staged::checking`, so a file that is sound but not a valid
//! dataset is refused like a broken JSON dataset.

use super::{damaged, Checking, CompiledError, Fingerprint, Kind, Reader, Writer};
use crate::model::*;
use crate::text::{Text, Translations};

/// The compiled file of `ds`, which was read from the JSON file `source`.
pub fn write(ds: &Dataset, source: Fingerprint) -> Vec<u8> {
    let mut w = Writer::default();
    w.varint(ds.schema);
    ds.sample.put(&mut w);
    ds.hospital.put(&mut w);
    ds.categories.put(&mut w);
    ds.departments.put(&mut w);
    ds.doctors.put(&mut w);
    ds.articles.put(&mut w);
    w.finish(Kind::Dataset, source)
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
    dataset: Dataset,
    /// Records still to read: doctors, then articles.
    doctors_left: usize,
    articles_left: Option<usize>,
}

enum Phase<'a> {
    /// Boxed: the hasher's state is about 600 bytes, the other phases a few words.
    Checking(Box<Checking<'a>>),
    Reading(Reader<'a>),
    Done,
}

/// Records read between two looks at the clock.
const RECORDS_PER_LOOK: usize = 64;

impl<'a> DatasetReader<'a> {
    /// Checks what the header says: a file that is not compiled records, or of another
    /// version, is refused here, before any work.
    pub fn new(file: &'a [u8]) -> Result<DatasetReader<'a>, CompiledError> {
        let checking = Checking::new(file, Kind::Dataset)?;
        Ok(DatasetReader {
            source: checking.dataset(),
            phase: Phase::Checking(Box::new(checking)),
            dataset: Dataset::default(),
            doctors_left: 0,
            articles_left: None,
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
            Phase::Reading(r) => {
                let (at, len) = r.position();
                0.1 + 0.9 * at as f64 / len.max(1) as f64
            }
            Phase::Done => 1.0,
        }
    }

    /// Works on until `out_of_time`; the dataset, or why the file cannot be used, once
    /// all is read.
    pub fn step(
        &mut self,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Option<Result<Dataset, CompiledError>> {
        match self.work(out_of_time) {
            Ok(false) => None,
            Ok(true) => {
                self.phase = Phase::Done;
                Some(Ok(std::mem::take(&mut self.dataset)))
            }
            Err(e) => {
                self.phase = Phase::Done;
                Some(Err(e))
            }
        }
    }

    /// Reads it all in one go.
    pub fn run(mut self) -> Result<Dataset, CompiledError> {
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
                    let mut reader = reader?;
                    self.read_head(&mut reader)?;
                    self.phase = Phase::Reading(reader);
                    if out_of_time() {
                        return Ok(false);
                    }
                }
            }
        }
        match &mut self.phase {
            Phase::Reading(r) => read_records(
                r,
                &mut self.dataset,
                &mut self.doctors_left,
                &mut self.articles_left,
                out_of_time,
            ),
            _ => Err(damaged("read again after it answered")),
        }
    }

    /// Everything before the doctors.
    fn read_head(&mut self, r: &mut Reader<'a>) -> Result<(), CompiledError> {
        let ds = &mut self.dataset;
        ds.schema = r.varint("schema")?;
        ds.sample = bool::get(r, "sample")?;
        ds.hospital = Hospital::get(r, "hospital")?;
        ds.categories = Vec::get(r, "categories")?;
        ds.departments = Vec::get(r, "departments")?;
        self.doctors_left = r.short_count(MIN_RECORD, "doctors")?;
        ds.doctors = Vec::with_capacity(capacity::<Doctor>(self.doctors_left, r));
        Ok(())
    }
}

/// Reads records until `out_of_time`; true once the last one is read and nothing is left.
fn read_records(
    r: &mut Reader,
    ds: &mut Dataset,
    doctors_left: &mut usize,
    articles_left: &mut Option<usize>,
    out_of_time: &mut dyn FnMut() -> bool,
) -> Result<bool, CompiledError> {
    loop {
        for _ in 0..RECORDS_PER_LOOK {
            if *doctors_left > 0 {
                ds.doctors.push(Doctor::get(r, "doctors")?);
                *doctors_left -= 1;
                continue;
            }
            match articles_left {
                None => {
                    let n = r.short_count(MIN_RECORD, "articles")?;
                    ds.articles.reserve_exact(capacity::<Article>(n, r));
                    *articles_left = Some(n);
                }
                Some(0) => {
                    r.end()?;
                    return Ok(true);
                }
                Some(n) => {
                    ds.articles.push(Article::get(r, "articles")?);
                    *n -= 1;
                }
            }
        }
        if out_of_time() {
            return Ok(false);
        }
    }
}

/// The fewest bytes any item of a list takes: a count is checked against this before
/// anything is allocated for it.
const MIN_ITEM: usize = 1;
/// The fewest bytes a doctor or an article takes (its id's length and two texts' tags).
const MIN_RECORD: usize = 3;

/// Room for `n` values of `T` read from `r`, but never more memory than the bytes left
/// in the file: a damaged count cannot make the reader allocate beyond its input.
fn capacity<T>(n: usize, r: &Reader) -> usize {
    let (at, len) = r.position();
    n.min((len - at) / std::mem::size_of::<T>().max(1))
}

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

impl Field for Text {
    fn put(&self, w: &mut Writer) {
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
            0 => Ok(Text::Plain(r.short_str(what)?)),
            1 => {
                let n = r.short_count(2, what)?;
                let mut map = Translations::new();
                for _ in 0..n {
                    let lang = r.short_str(what)?;
                    map.insert(lang, r.short_str(what)?);
                }
                Ok(Text::Localized(map))
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
        let mut out = Vec::with_capacity(capacity::<T>(n, r));
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
            ArticleBody::Inline { body } => {
                w.byte(0);
                body.put(w);
            }
            ArticleBody::External { body_src } => {
                w.byte(1);
                body_src.put(w);
            }
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
            b => Err(damaged(format!("{what}: unknown kind of body {b}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiled::seal;

    fn sample() -> (Dataset, Fingerprint) {
        let json = include_str!("../../../../data/sample.json");
        let ds = crate::validate::load(json)
            .expect("the sample loads")
            .dataset;
        (ds, Fingerprint::of(json.as_bytes()))
    }

    #[test]
    fn the_sample_reads_back_as_it_was_written() {
        let (ds, source) = sample();
        let file = write(&ds, source);
        let reader = DatasetReader::new(&file).expect("header");
        assert_eq!(reader.source(), source);
        assert_eq!(reader.run().expect("reads"), ds);
    }

    #[test]
    fn read_a_part_at_a_time_it_is_the_same_dataset() {
        let (ds, source) = sample();
        let file = write(&ds, source);
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
        assert_eq!(read, ds);
        assert!(steps > 1, "read in more than one step");
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
        let file = write(&ds, source);
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
