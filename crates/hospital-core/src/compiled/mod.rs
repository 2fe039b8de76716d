//! The container of the files `hospital-data site` compiles from a dataset, so that a
//! browser loads work done once at build time instead of doing it on every visit.
//!
//! A file is a fixed header, then a payload of little-endian numbers, arrays and
//! strings, written by [`Writer`] and read back by [`Reader`] in the same order. The
//! header says what the file is ([`Kind`]), which format version wrote it, how long
//! the payload is, its checksum, and the dataset it was compiled from (its
//! [`Fingerprint`]), so a file from another build or another dataset is refused, not
//! trusted. Every read is bounds-checked, and a count is checked against the bytes
//! left before anything is allocated: no input makes the reader panic or allocate
//! more than the file's own size. What the values must mean (word ids within the
//! vocabulary, doctors within the dataset...) is checked by each reader of a kind.

use crate::shared::SharedStr;
use crate::text::{Text, Translations};
use repeats::Repeats;
use std::fmt;

pub mod dataset;
pub(crate) mod repeats;
pub(crate) mod stream;

/// The first bytes of every compiled file.
pub const MAGIC: [u8; 4] = *b"HSIX";
/// Bumped whenever the layout of any kind changes: an old file is then refused and
/// the page builds its index from the dataset, as it would without one.
pub const VERSION: u16 = 9;
/// magic, version, kind, payload length, payload checksum, dataset length, dataset hash.
pub const HEADER_LEN: usize = 4 + 2 + 2 + 8 + 8 + 8 + 8;

/// What a compiled file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
pub enum Kind {
    DoctorIndex = 1,
    /// The dataset's records but the articles (`hospital.bin`), read instead of its JSON.
    Dataset = 2,
    /// The dataset's articles (`hospital.articles.bin`), read by the pages that show them.
    Articles = 3,
    /// A large hospital's biographies, education and timetable rooms, a file per run of doctors
    /// (`hospital.details.<n>.bin`), read by a profile.
    Details = 4,
}

/// The dataset file a compiled file belongs to: its length and its hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of a dataset file's bytes, exactly as published.
    pub fn of(dataset: &[u8]) -> Fingerprint {
        Fingerprint {
            len: dataset.len() as u64,
            hash: xxhash_rust::xxh3::xxh3_64(dataset),
        }
    }
}

/// Why a compiled file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompiledError {
    /// It does not start as a compiled file does (an HTML error page, say).
    NotCompiled,
    /// Written by another version of `hospital-data`.
    Version { found: u16 },
    /// A compiled file of another kind.
    OtherKind { found: u16 },
    /// Shorter or longer than its header says: cut off in transfer, or appended to.
    Length { expected: u64, found: u64 },
    /// The payload's checksum does not match: damaged.
    Checksum,
    /// Compiled from another dataset than the one loaded (or another version of it).
    OtherDataset,
    /// The checksum matched but the content is impossible: which part, and why.
    Damaged(String),
}

impl CompiledError {
    /// Whether the file is sound but belongs to another dataset or build: the page can
    /// build what it needs from the dataset instead, as it does without a file.
    pub fn is_stale(&self) -> bool {
        matches!(
            self,
            CompiledError::OtherDataset | CompiledError::Version { .. }
        )
    }
}

impl fmt::Display for CompiledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompiledError::NotCompiled => write!(f, "not a compiled hospital-site file"),
            CompiledError::Version { found } => write!(
                f,
                "compiled by another version of hospital-data (format {found}, this app reads {VERSION})"
            ),
            CompiledError::OtherKind { found } => {
                write!(f, "a compiled file of another kind ({found})")
            }
            CompiledError::Length { expected, found } => write!(
                f,
                "{found} bytes where the header says {expected}: the file was cut off or changed"
            ),
            CompiledError::Checksum => write!(f, "its checksum does not match its content"),
            CompiledError::OtherDataset => {
                write!(f, "compiled from another dataset than the one loaded")
            }
            CompiledError::Damaged(what) => write!(f, "damaged: {what}"),
        }
    }
}

impl std::error::Error for CompiledError {}

/// Builds a payload, then seals it with its header.
#[derive(Default)]
pub struct Writer {
    payload: Vec<u8>,
    /// While records that repeat texts are written: those texts (see [`repeats`]).
    repeats: Option<Repeats>,
}

impl Writer {
    pub fn u32(&mut self, v: u32) {
        self.payload.extend_from_slice(&v.to_le_bytes());
    }

    /// A length as a `u32`: the format's counts are 32-bit, as the index's ids are.
    pub fn count(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    pub fn u32s(&mut self, v: &[u32]) {
        self.count(v.len());
        self.payload.reserve(v.len() * 4);
        for x in v {
            self.payload.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn u64s(&mut self, v: &[u64]) {
        self.count(v.len());
        self.payload.reserve(v.len() * 8);
        for x in v {
            self.payload.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn byte(&mut self, v: u8) {
        self.payload.push(v);
    }

    /// LEB128: seven bits a byte, low first.
    pub fn varint(&mut self, v: u64) {
        push_varint(&mut self.payload, v);
    }

    /// A non-decreasing array (offsets, ends) as the differences between neighbours:
    /// mostly one byte each instead of four.
    pub fn ascending(&mut self, v: &[u32]) {
        self.count(v.len());
        let mut prev = 0u32;
        for &x in v {
            debug_assert!(x >= prev, "ascending arrays only");
            self.varint(u64::from(x.wrapping_sub(prev)));
            prev = x;
        }
    }

    /// Values whose high bits are a key that mostly grows (a word number, in the
    /// typo table) and whose `low` bits are flags: each as the key's signed step from the
    /// last one, with the flags, in as few bytes as that takes.
    pub fn keyed(&mut self, v: &[u32], low: u32) {
        self.count(v.len());
        let mut prev = 0i64;
        for &x in v {
            let key = i64::from(x >> low);
            let step = key - prev;
            let zigzag = ((step << 1) ^ (step >> 63)) as u64;
            self.varint(zigzag << low | u64::from(x & ((1 << low) - 1)));
            prev = key;
        }
    }

    pub fn str(&mut self, s: &str) {
        self.count(s.len());
        self.payload.extend_from_slice(s.as_bytes());
    }

    /// A string with its length as a varint: most texts of a record are short.
    pub fn short_str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.payload.extend_from_slice(s.as_bytes());
    }

    /// A string that records may repeat: the place of its plain text in the table of
    /// repeated texts (odd), else its length (even) and its bytes.
    pub(crate) fn shared_str(&mut self, s: &SharedStr) {
        match self.repeats.as_mut().and_then(|r| r.place_str(s)) {
            Some(place) => self.varint(u64::from(place) << 1 | 1),
            None => {
                self.varint((s.len() as u64) << 1);
                self.payload.extend_from_slice(s.as_bytes());
            }
        }
    }

    /// The place of `text` in the table of repeated texts, when one is being written
    /// and holds it.
    pub(crate) fn place_of(&mut self, text: &Text) -> Option<u32> {
        self.repeats.as_mut().and_then(|r| r.place(text))
    }

    /// Counts (first pass) or places (second) the texts written from now on; `None`
    /// stops.
    pub(crate) fn set_repeats(&mut self, repeats: Option<Repeats>) -> Option<Repeats> {
        std::mem::replace(&mut self.repeats, repeats)
    }

    pub fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.count(v.len());
        for s in v {
            self.str(s.as_ref());
        }
    }

    /// The payload written so far, without a header (a part of another payload).
    pub(crate) fn into_payload(self) -> Vec<u8> {
        self.payload
    }

    /// Bytes as they are: a part written by another `Writer`.
    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.payload.extend_from_slice(bytes);
    }

    /// The whole file: header, then payload.
    pub fn finish(self, kind: Kind, dataset: Fingerprint) -> Vec<u8> {
        seal(kind, dataset, &self.payload)
    }
}

/// A file of `kind` for `dataset` around `payload`. The fuzz target seals any bytes with
/// it, so that what lies behind the header and checksum gets tested too.
pub fn seal(kind: Kind, dataset: Fingerprint, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(kind as u16).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(payload).to_le_bytes());
    out.extend_from_slice(&dataset.len.to_le_bytes());
    out.extend_from_slice(&dataset.hash.to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The whole length of the compiled file that `prefix` starts, as its header says, once
/// `prefix` holds the header's first 16 bytes; `None` for anything else. Only a size
/// hint (the browser reserves room with it): the header is checked when the file is read.
pub fn declared_len(prefix: &[u8]) -> Option<u64> {
    if prefix.len() < 16 || prefix[..4] != MAGIC {
        return None;
    }
    le_u64(prefix, 8).checked_add(HEADER_LEN as u64)
}

/// What a compiled file's header says about the payload behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub payload_len: u64,
    /// The payload's xxh3.
    pub checksum: u64,
    /// The dataset file it was compiled from.
    pub made_for: Fingerprint,
}

impl Header {
    /// The header at the start of `file`, once it is a compiled file of `kind` written
    /// by this version; the payload's length and checksum are for the caller to check.
    pub fn read(file: &[u8], kind: Kind) -> Result<Header, CompiledError> {
        if file.len() < HEADER_LEN || file[..4] != MAGIC {
            return Err(CompiledError::NotCompiled);
        }
        let version = le_u16(file, 4);
        if version != VERSION {
            return Err(CompiledError::Version { found: version });
        }
        let found_kind = le_u16(file, 6);
        if found_kind != kind as u16 {
            return Err(CompiledError::OtherKind { found: found_kind });
        }
        Ok(Header {
            payload_len: le_u64(file, 8),
            checksum: le_u64(file, 16),
            made_for: Fingerprint {
                len: le_u64(file, 24),
                hash: le_u64(file, 32),
            },
        })
    }
}

/// A compiled file whose header is checked and whose checksum is verified a part at a
/// time ([`Checking::step`]): at 100,000 doctors the records are 123 MB, too much to hash
/// in one task of the browser.
pub struct Checking<'a> {
    payload: &'a [u8],
    expected: u64,
    made_for: Fingerprint,
    hashed: usize,
    hasher: xxhash_rust::xxh3::Xxh3,
}

/// Bytes hashed between two looks at the clock.
const HASHED_PER_LOOK: usize = 1 << 20;

impl<'a> Checking<'a> {
    /// Checks what the header says (magic, version, kind, length) of `file`.
    pub fn new(file: &'a [u8], kind: Kind) -> Result<Checking<'a>, CompiledError> {
        let header = Header::read(file, kind)?;
        let payload = &file[HEADER_LEN..];
        if header.payload_len != payload.len() as u64 {
            return Err(CompiledError::Length {
                expected: header.payload_len,
                found: payload.len() as u64,
            });
        }
        Ok(Checking {
            payload,
            expected: header.checksum,
            made_for: header.made_for,
            hashed: 0,
            hasher: xxhash_rust::xxh3::Xxh3::new(),
        })
    }

    /// As [`Checking::new`], for a file that must have been made from `dataset`: one made
    /// from another is refused before any hashing.
    pub fn for_dataset(
        file: &'a [u8],
        kind: Kind,
        dataset: Fingerprint,
    ) -> Result<Checking<'a>, CompiledError> {
        let checking = Checking::new(file, kind)?;
        if checking.made_for != dataset {
            return Err(CompiledError::OtherDataset);
        }
        Ok(checking)
    }

    /// The dataset file the header names.
    pub fn dataset(&self) -> Fingerprint {
        self.made_for
    }

    /// Hashes the whole payload in one go.
    pub fn run(mut self) -> Result<Reader<'a>, CompiledError> {
        loop {
            if let Some(done) = self.step(&mut || false) {
                return done;
            }
        }
    }

    /// How much of the payload is hashed, from 0 to 1.
    pub fn progress(&self) -> f64 {
        self.hashed as f64 / self.payload.len().max(1) as f64
    }

    /// Hashes on until `out_of_time`; once the whole payload is hashed, a reader of it if
    /// the checksum matches.
    pub fn step(
        &mut self,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Option<Result<Reader<'a>, CompiledError>> {
        loop {
            let end = (self.hashed + HASHED_PER_LOOK).min(self.payload.len());
            self.hasher.update(&self.payload[self.hashed..end]);
            self.hashed = end;
            if end == self.payload.len() {
                return Some(if self.hasher.digest() == self.expected {
                    Ok(Reader::over(self.payload))
                } else {
                    Err(CompiledError::Checksum)
                });
            }
            if out_of_time() {
                return None;
            }
        }
    }
}

/// Reads a payload in the order it was written; every method fails, rather than
/// panics, past the end. `what` names the part for the error message.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The payload's bytes after `bytes`, when they are a part of it read as it arrives:
    /// a count is checked against all the bytes left, as when the file is whole.
    beyond: usize,
    /// The texts the records repeat, which they name by place (see [`repeats`]).
    table: Option<&'a [Text]>,
    /// Where a text's versions are packed before they get their own allocation.
    scratch: Option<&'a mut String>,
}

fn le_u16(b: &[u8], at: usize) -> u16 {
    let mut a = [0u8; 2];
    a.copy_from_slice(&b[at..at + 2]);
    u16::from_le_bytes(a)
}

fn le_u64(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

impl<'a> Reader<'a> {
    /// A reader of `bytes` as a payload, or the part of one that has arrived: its
    /// checksum is for the caller to verify before what is read is used.
    pub(crate) fn over(bytes: &'a [u8]) -> Reader<'a> {
        Reader::over_part(bytes, 0)
    }

    /// A reader of `bytes`, a part of a payload with `beyond` bytes after it.
    pub(crate) fn over_part(bytes: &'a [u8], beyond: usize) -> Reader<'a> {
        Reader {
            bytes,
            at: 0,
            beyond,
            table: None,
            scratch: None,
        }
    }

    /// A reader that packs a text's versions in `scratch` (see [`Translations::packed_in`]).
    pub(crate) fn with_scratch(self, scratch: &'a mut String) -> Reader<'a> {
        Reader {
            scratch: Some(scratch),
            ..self
        }
    }

    /// A text's versions, each tag once.
    pub(crate) fn translations(&mut self, pairs: &[(&str, &str)]) -> Translations {
        match self.scratch.as_deref_mut() {
            Some(scratch) => Translations::packed_in(pairs, scratch),
            None => pairs.iter().copied().collect(),
        }
    }

    /// A reader whose texts may name their place in `table` (see [`repeats`]).
    pub(crate) fn with_table(self, table: &'a [Text]) -> Reader<'a> {
        Reader {
            table: Some(table),
            ..self
        }
    }

    /// The text at `place` in the table of repeated texts: its one copy.
    pub(crate) fn repeated(&mut self, place: u64, what: &str) -> Result<Text, CompiledError> {
        let table = self.table.unwrap_or_default();
        usize::try_from(place)
            .ok()
            .and_then(|at| table.get(at))
            .cloned()
            .ok_or_else(|| {
                damaged(format!(
                    "{what}: names repeated text {place}, of {} here",
                    table.len()
                ))
            })
    }

    /// What [`Writer::shared_str`] wrote: a string, or the place of a plain text in the
    /// table of repeated texts.
    pub(crate) fn shared_str(&mut self, what: &str) -> Result<SharedStr, CompiledError> {
        let code = self.varint(what)?;
        if code & 1 == 1 {
            return match self.repeated(code >> 1, what)? {
                Text::Plain(s) => Ok(s),
                Text::Localized(_) => Err(damaged(format!(
                    "{what}: names a text with versions where a plain string belongs"
                ))),
            };
        }
        let text = self.str_of_len(code >> 1, what)?;
        Ok(SharedStr::from(text))
    }

    /// The payload's bytes left after this point, arrived or not.
    fn left(&self) -> usize {
        (self.bytes.len() - self.at).saturating_add(self.beyond)
    }

    /// Checks the header of `file` (magic, version, kind, length, dataset, checksum)
    /// and returns a reader of its payload.
    pub fn open(
        file: &'a [u8],
        kind: Kind,
        dataset: Fingerprint,
    ) -> Result<Reader<'a>, CompiledError> {
        Checking::for_dataset(file, kind, dataset)?.run()
    }

    /// Checks the header of `file` as [`Reader::open`] does, whatever dataset it names,
    /// and returns that dataset's fingerprint with the reader: a file that is itself the
    /// dataset tells which doctor index belongs to it.
    pub fn open_any(
        file: &'a [u8],
        kind: Kind,
    ) -> Result<(Reader<'a>, Fingerprint), CompiledError> {
        let checking = Checking::new(file, kind)?;
        let made_for = checking.dataset();
        checking.run().map(|reader| (reader, made_for))
    }

    /// How far into the payload the reader is, and the payload's length.
    pub fn position(&self) -> (usize, usize) {
        (self.at, self.bytes.len())
    }

    pub fn byte(&mut self, what: &str) -> Result<u8, CompiledError> {
        Ok(self.take(1, what)?[0])
    }

    pub(crate) fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], CompiledError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| damaged(format!("{what} runs past the end of the file")))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    pub fn u32(&mut self, what: &str) -> Result<u32, CompiledError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A count of items of `size` bytes each, checked against the bytes left.
    pub fn count(&mut self, size: usize, what: &str) -> Result<usize, CompiledError> {
        let n = self.u32(what)? as usize;
        if n.saturating_mul(size.max(1)) > self.left() {
            return Err(damaged(format!(
                "{what}: {n} items cannot fit in the rest of the file"
            )));
        }
        Ok(n)
    }

    pub fn u32s(&mut self, what: &str) -> Result<Vec<u32>, CompiledError> {
        let n = self.count(4, what)?;
        let b = self.take(n * 4, what)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    pub fn u64s(&mut self, what: &str) -> Result<Vec<u64>, CompiledError> {
        let n = self.count(8, what)?;
        let b = self.take(n * 8, what)?;
        Ok(b.chunks_exact(8).map(|c| le_u64(c, 0)).collect())
    }

    pub fn varint(&mut self, what: &str) -> Result<u64, CompiledError> {
        let mut v = 0u64;
        for (i, &b) in self.bytes[self.at..].iter().take(10).enumerate() {
            v |= u64::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                self.at += i + 1;
                return Ok(v);
            }
        }
        Err(damaged(format!(
            "{what}: a number cut off by the end of the file, or longer than 64 bits"
        )))
    }

    /// What [`Writer::ascending`] wrote; fails if a value passes `u32::MAX`.
    pub fn ascending(&mut self, what: &str) -> Result<Vec<u32>, CompiledError> {
        let n = self.count(1, what)?;
        let mut out = Vec::with_capacity(n);
        self.ascending_values(what, n, |v| out.push(v))?;
        Ok(out)
    }

    /// The `n` values of what [`Writer::ascending`] wrote, its count already read, each
    /// given to `each`: for a caller that keeps them in a form of its own.
    pub fn ascending_values(
        &mut self,
        what: &str,
        n: usize,
        mut each: impl FnMut(u32),
    ) -> Result<(), CompiledError> {
        let mut at = 0u32;
        for _ in 0..n {
            let step = u32::try_from(self.varint(what)?)
                .map_err(|_| damaged(format!("{what}: a step beyond 32 bits")))?;
            at = at
                .checked_add(step)
                .ok_or_else(|| damaged(format!("{what}: a value beyond 32 bits")))?;
            each(at);
        }
        Ok(())
    }

    /// What [`Writer::keyed`] wrote with the same `low`, every key at most `max_key`.
    pub fn keyed(&mut self, what: &str, low: u32, max_key: u32) -> Result<Vec<u32>, CompiledError> {
        let n = self.count(1, what)?;
        let mut out = Vec::with_capacity(n);
        self.keyed_values(what, n, low, max_key, |v| out.push(v))?;
        Ok(out)
    }

    /// The `n` values of what [`Writer::keyed`] wrote, as [`Reader::keyed`] reads them,
    /// given to `each` as [`Reader::ascending_values`] gives its values.
    pub fn keyed_values(
        &mut self,
        what: &str,
        n: usize,
        low: u32,
        max_key: u32,
        mut each: impl FnMut(u32),
    ) -> Result<(), CompiledError> {
        let max_key = i64::from(max_key.min(u32::MAX >> low));
        let mask = (1u32 << low) - 1;
        let mut key = 0i64;
        for _ in 0..n {
            let v = self.varint(what)?;
            let zigzag = v >> low;
            let step = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
            key = key
                .checked_add(step)
                .filter(|k| (0..=max_key).contains(k))
                .ok_or_else(|| damaged(format!("{what}: a value out of range")))?;
            each((key as u32) << low | (v as u32 & mask));
        }
        Ok(())
    }

    pub fn string(&mut self, what: &str) -> Result<String, CompiledError> {
        let n = self.count(1, what)?;
        let b = self.take(n, what)?;
        String::from_utf8(b.to_vec()).map_err(|_| damaged(format!("{what} is not UTF-8 text")))
    }

    /// What [`Writer::short_str`] wrote.
    pub fn short_str(&mut self, what: &str) -> Result<String, CompiledError> {
        self.short_str_ref(what).map(str::to_string)
    }

    /// What [`Writer::short_str`] wrote, where it lies in the file.
    pub fn short_str_ref(&mut self, what: &str) -> Result<&'a str, CompiledError> {
        let n = self.varint(what)?;
        self.str_of_len(n, what)
    }

    /// A string of `n` bytes, its length already read.
    fn str_of_len(&mut self, n: u64, what: &str) -> Result<&'a str, CompiledError> {
        let n = usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.bytes.len() - self.at)
            .ok_or_else(|| damaged(format!("{what} runs past the end of the file")))?;
        let b = self.take(n, what)?;
        std::str::from_utf8(b).map_err(|_| damaged(format!("{what} is not UTF-8 text")))
    }

    /// A count written as a varint, of items at least `size` bytes each, checked
    /// against the bytes left before anything is allocated for them.
    pub fn short_count(&mut self, size: usize, what: &str) -> Result<usize, CompiledError> {
        let n = self.varint(what)?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n.saturating_mul(size.max(1)) <= self.left())
            .ok_or_else(|| {
                damaged(format!(
                    "{what}: {n} items cannot fit in the rest of the file"
                ))
            })
    }

    pub fn strings(&mut self, what: &str) -> Result<Vec<String>, CompiledError> {
        // Each string has at least its 4-byte length.
        let n = self.count(4, what)?;
        (0..n).map(|_| self.string(what)).collect()
    }

    /// Succeeds only when every byte has been read: a longer payload is not ours.
    pub fn end(&self) -> Result<(), CompiledError> {
        match self.left() {
            0 => Ok(()),
            left => Err(damaged(format!(
                "{left} bytes left over after the last part"
            ))),
        }
    }
}

/// The fingerprint of a dataset file taken a part at a time, so that a large file's
/// hash (200 MB at 100,000 doctors) never holds up the browser in one go.
#[derive(Default)]
pub struct FingerprintBuilder {
    len: u64,
    hash: xxhash_rust::xxh3::Xxh3,
}

impl FingerprintBuilder {
    pub fn update(&mut self, part: &[u8]) {
        self.len += part.len() as u64;
        self.hash.update(part);
    }

    pub fn finish(&self) -> Fingerprint {
        Fingerprint {
            len: self.len,
            hash: self.hash.digest(),
        }
    }
}

/// `v` as LEB128 at the end of `out`: seven bits a byte, low first. What
/// [`Writer::varint`] writes, and the index's postings in memory.
pub(crate) fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A [`CompiledError::Damaged`] saying what is wrong.
pub fn damaged(what: impl Into<String>) -> CompiledError {
    CompiledError::Damaged(what.into())
}

/// Checks a condition of the content, naming it when it fails.
pub fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), CompiledError> {
    if ok {
        Ok(())
    } else {
        Err(damaged(what()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_payload_s_checksum_is_verified_a_part_at_a_time() {
        let mut w = Writer::default();
        let big: Vec<u32> = (0..(3 << 20) / 4).collect();
        w.u32s(&big);
        let file = w.finish(Kind::DoctorIndex, Fingerprint::of(b"x"));
        let mut checking = Checking::new(&file, Kind::DoctorIndex).expect("header");
        let mut steps = 0;
        let mut reader = loop {
            steps += 1;
            if let Some(done) = checking.step(&mut || true) {
                break done.expect("the checksum matches");
            }
        };
        assert!(steps >= 3, "{steps} steps for 3 MB");
        assert_eq!(reader.u32s("all").expect("reads"), big);

        let mut bad = file.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        let mut checking = Checking::new(&bad, Kind::DoctorIndex).expect("header");
        let answer = loop {
            if let Some(done) = checking.step(&mut || true) {
                break done;
            }
        };
        assert_eq!(answer.err(), Some(CompiledError::Checksum));
    }

    #[test]
    fn the_header_tells_the_file_s_length_from_its_first_bytes() {
        let mut w = Writer::default();
        w.strs(&["heart", "心内科"]);
        let file = w.finish(Kind::DoctorIndex, Fingerprint::of(b"x"));
        assert_eq!(declared_len(&file[..16]), Some(file.len() as u64));
        assert_eq!(declared_len(&file), Some(file.len() as u64));
        assert_eq!(declared_len(&file[..15]), None);
        assert_eq!(declared_len(b"{\"schema\": 1, \"hospital\": {}}"), None);
        let mut huge = file[..16].to_vec();
        huge[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(declared_len(&huge), None);
    }

    fn sample() -> (Vec<u8>, Fingerprint) {
        let ds = Fingerprint::of(b"{}");
        let mut w = Writer::default();
        w.u32(7);
        w.u32s(&[1, 2, 3]);
        w.u64s(&[u64::MAX]);
        w.str("心内科");
        w.strs(&["a", ""]);
        w.ascending(&[0, 3, 3, 300, u32::MAX]);
        w.keyed(&[5 << 4 | 3, 2 << 4, 900 << 4 | 15, 0, u32::MAX], 4);
        (w.finish(Kind::DoctorIndex, ds), ds)
    }

    #[test]
    fn reads_back_what_was_written() {
        let (file, ds) = sample();
        let mut r = Reader::open(&file, Kind::DoctorIndex, ds).unwrap();
        assert_eq!(r.u32("a").unwrap(), 7);
        assert_eq!(r.u32s("b").unwrap(), [1, 2, 3]);
        assert_eq!(r.u64s("c").unwrap(), [u64::MAX]);
        assert_eq!(r.string("d").unwrap(), "心内科");
        assert_eq!(r.strings("e").unwrap(), ["a", ""]);
        assert_eq!(r.ascending("f").unwrap(), [0, 3, 3, 300, u32::MAX]);
        assert_eq!(
            r.keyed("g", 4, u32::MAX).unwrap(),
            [5 << 4 | 3, 2 << 4, 900 << 4 | 15, 0, u32::MAX]
        );
        r.end().unwrap();
    }

    #[test]
    fn refuses_what_is_not_right() {
        let (file, ds) = sample();
        let open = |f: &[u8]| Reader::open(f, Kind::DoctorIndex, ds).err();
        assert_eq!(open(b"<!doctype html>"), Some(CompiledError::NotCompiled));
        let mut v = file.clone();
        let other = VERSION + 1;
        v[4..6].copy_from_slice(&other.to_le_bytes());
        assert_eq!(open(&v), Some(CompiledError::Version { found: other }));
        assert_eq!(
            open(&file[..file.len() - 1]),
            Some(CompiledError::Length {
                expected: (file.len() - HEADER_LEN) as u64,
                found: (file.len() - HEADER_LEN - 1) as u64
            })
        );
        let mut flipped = file.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(open(&flipped), Some(CompiledError::Checksum));
        let other = Reader::open(&file, Kind::DoctorIndex, Fingerprint::of(b"[]")).err();
        assert_eq!(other, Some(CompiledError::OtherDataset));
        assert!(other.unwrap().is_stale());
    }

    #[test]
    fn keyed_values_read_back_and_keys_stay_in_range() {
        let ds = Fingerprint::of(b"");
        // Keys that go down as well as up, with their flags.
        let values: Vec<u32> = (0..1000).map(|i| ((i * 7 % 300) << 4) | (i % 16)).collect();
        let mut w = Writer::default();
        w.keyed(&values, 4);
        w.keyed(&values, 4);
        let file = w.finish(Kind::DoctorIndex, ds);
        let mut r = Reader::open(&file, Kind::DoctorIndex, ds).unwrap();
        assert_eq!(r.keyed("values", 4, 299).unwrap(), values);
        // The same values with a bound below their largest key: refused.
        assert!(r.keyed("values", 4, 298).is_err());
    }

    #[test]
    fn a_fingerprint_taken_in_parts_is_the_whole_ones() {
        let text: Vec<u8> = (0..100_000u32).map(|i| (i * 31 % 251) as u8).collect();
        let mut b = FingerprintBuilder::default();
        for part in text.chunks(4096) {
            b.update(part);
        }
        assert_eq!(b.finish(), Fingerprint::of(&text));
    }

    #[test]
    fn counts_past_the_end_fail_without_allocating() {
        let ds = Fingerprint::of(b"");
        let mut w = Writer::default();
        w.u32(u32::MAX); // a count of four billion u32s, and nothing behind it
        let file = w.finish(Kind::DoctorIndex, ds);
        let mut r = Reader::open(&file, Kind::DoctorIndex, ds).unwrap();
        assert!(
            matches!(r.u32s("postings"), Err(CompiledError::Damaged(m)) if m.contains("postings"))
        );
    }

    #[test]
    fn left_over_bytes_are_damage() {
        let ds = Fingerprint::of(b"");
        let mut w = Writer::default();
        w.u32(1);
        w.u32(2);
        let file = w.finish(Kind::DoctorIndex, ds);
        let mut r = Reader::open(&file, Kind::DoctorIndex, ds).unwrap();
        r.u32("x").unwrap();
        assert!(r.end().is_err());
    }
}
