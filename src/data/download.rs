//! The dataset's download: compiled records (and later their articles) read as their
//! chunks arrive, anything else kept whole for the JSON loader, then the checks across
//! records.

use super::early_index::EarlyIndex;
use super::fetch::{append, copy_in, fetch_into, reserve_whole, Download, Taken};
use super::{load_in_slices, show_preparing, slices, Fetched, LoadError, LoadState};
use hospital_core::compiled::dataset::{looks_compiled, DatasetFeed, ReadFile};
use hospital_core::compiled::{CompiledError, Fingerprint, Kind, MAGIC};
use hospital_core::search::{DoctorIndex, DoctorIndexFeed};
use hospital_core::validate::{self, Staged};
use js_sys::Uint8Array;
use leptos::prelude::*;

/// Fetches the dataset at `url` with progress, and reads or checks it. Compiled records
/// are read chunk by chunk as they arrive; JSON is checked once it is whole. With
/// `compiled_only`, anything but compiled records is refused as `NotCompiled`.
/// `early_index` is told the records' head as soon as it is read.
pub(super) async fn fetch_and_read(
    url: &str,
    compiled_only: bool,
    early_index: Option<&EarlyIndex>,
    state: RwSignal<LoadState>,
) -> Result<Fetched, LoadError> {
    let refused = |error| LoadError::Records {
        url: url.to_string(),
        error,
    };
    let progress = move |received, total| state.set(LoadState::Loading { received, total });
    let mut incoming = DatasetDownload::new(Kind::Dataset, compiled_only);
    incoming.early_index = early_index.cloned();
    fetch_into(url, Some(&progress), None, &mut incoming)
        .await
        .map_err(LoadError::Fetch)?;
    match incoming.bytes {
        Incoming::Refused(error) => Err(refused(error)),
        Incoming::Records(mut feed) => {
            let read = loop {
                if let Some(done) = feed.finish(&mut slices::slice_deadline()) {
                    break done.map_err(refused)?;
                }
                // Reading is most of the work; the checks across records the last tenth.
                show_preparing(state, (feed.progress() * 90.0) as u8);
                slices::next_task().await;
            };
            drop(feed);
            let loaded = check_records(read.dataset, state).await?;
            Ok(Fetched {
                loaded,
                compiled_from: Some(read.source),
                bytes: Vec::new(),
                articles_file: read.articles_file,
                headlines: read.headlines,
                details: read.details,
            })
        }
        Incoming::Unknown(bytes) | Incoming::Whole(bytes) => {
            if compiled_only {
                return Err(refused(CompiledError::NotCompiled));
            }
            let loaded = load_in_slices(&bytes, state)
                .await
                .map_err(LoadError::Invalid)?;
            Ok(Fetched {
                loaded,
                compiled_from: None,
                bytes,
                articles_file: None,
                headlines: Vec::new(),
                details: None,
            })
        }
    }
}

/// Fetches the compiled articles at `url`, reading them as they arrive. Only their
/// framing is checked here: what they refer to is checked against the records.
pub(super) async fn fetch_articles(url: &str) -> Result<ReadFile, LoadError> {
    let refused = |error| LoadError::Records {
        url: url.to_string(),
        error,
    };
    let mut incoming = DatasetDownload::new(Kind::Articles, true);
    fetch_into(url, None, None, &mut incoming)
        .await
        .map_err(LoadError::Fetch)?;
    match incoming.bytes {
        Incoming::Records(mut feed) => loop {
            if let Some(done) = feed.finish(&mut slices::slice_deadline()) {
                return done.map_err(refused);
            }
            slices::next_task().await;
        },
        Incoming::Refused(error) => Err(refused(error)),
        Incoming::Unknown(_) | Incoming::Whole(_) => Err(refused(CompiledError::NotCompiled)),
    }
}

/// The dataset's bytes as they arrive. Its first bytes tell compiled records, read as
/// they come (never held whole: 20 MB at 10,000 doctors, 149 MB at 100,000 in `make
/// bench`'s hospitals, which wasm memory would keep), from anything else, kept whole
/// for the JSON loader.
enum Incoming {
    /// Too few bytes yet to tell.
    Unknown(Vec<u8>),
    /// Boxed: the hasher's state is about 600 bytes, the others a few words.
    Records(Box<DatasetFeed>),
    Whole(Vec<u8>),
    /// Compiled records that cannot be used, or not compiled records where only those do.
    Refused(CompiledError),
}

/// The dataset's download: [`Incoming`], which compiled file it is to be (records or
/// articles), and whether only a compiled file will do.
struct DatasetDownload {
    kind: Kind,
    compiled_only: bool,
    bytes: Incoming,
    pieces: Pieces,
    /// Told the records' head once it is read, then dropped.
    early_index: Option<EarlyIndex>,
}

/// A reader of a compiled file that is fed the download's bytes as they arrive.
trait Feed {
    fn push(&mut self, chunk: &[u8]) -> Result<(), CompiledError>;
    /// Reads what has arrived until `out_of_time`; whether it read all it could.
    fn read(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Result<bool, CompiledError>;
}

impl Feed for DatasetFeed {
    fn push(&mut self, chunk: &[u8]) -> Result<(), CompiledError> {
        DatasetFeed::push(self, chunk)
    }
    fn read(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Result<bool, CompiledError> {
        DatasetFeed::read(self, out_of_time)
    }
}

impl Feed for DoctorIndexFeed {
    fn push(&mut self, chunk: &[u8]) -> Result<(), CompiledError> {
        DoctorIndexFeed::push(self, chunk)
    }
    fn read(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Result<bool, CompiledError> {
        DoctorIndexFeed::read(self, out_of_time)
    }
}

/// A chunk goes to the feed a piece at a time, read before the next: a fast server's
/// chunk can be megabytes, whose copy (the memory growing) and checksum alone took 40 ms.
const PIECE: u32 = 256 << 10;

/// The chunk being given to a feed, a [`PIECE`] at a time.
#[derive(Default)]
struct Pieces {
    /// The chunk, and how much of it is given.
    unread: Option<(Uint8Array, u32)>,
    /// Where a piece of it is copied into wasm memory, kept from piece to piece.
    piece: Vec<u8>,
}

impl Pieces {
    /// Gives `feed` the rest of the chunk and has it read, until `out_of_time`.
    fn give(
        &mut self,
        feed: &mut dyn Feed,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Result<Taken, CompiledError> {
        loop {
            if let Some((chunk, at)) = &mut self.unread {
                let end = at.saturating_add(PIECE).min(chunk.length());
                self.piece.resize((end - *at) as usize, 0);
                chunk.subarray(*at, end).copy_to(&mut self.piece);
                *at = end;
                if end == chunk.length() {
                    self.unread = None;
                }
                feed.push(&self.piece)?;
            }
            match feed.read(out_of_time)? {
                true if self.unread.is_none() => return Ok(Taken::More),
                true if !out_of_time() => {}
                _ => return Ok(Taken::Busy),
            }
        }
    }
}

impl DatasetDownload {
    fn new(kind: Kind, compiled_only: bool) -> DatasetDownload {
        DatasetDownload {
            kind,
            compiled_only,
            bytes: Incoming::Unknown(Vec::new()),
            pieces: Pieces::default(),
            early_index: None,
        }
    }

    /// Gives the feed the rest of the chunk and reads the records in it, until
    /// `out_of_time`.
    fn work(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Taken {
        if let Incoming::Records(feed) = &mut self.bytes {
            let given = self.pieces.give(feed.as_mut(), out_of_time);
            if let Some((dataset, doctors)) = feed.announced() {
                if let Some(index) = self.early_index.take() {
                    index.start(dataset, doctors);
                }
            }
            match given {
                Ok(taken) => return taken,
                Err(e) => self.bytes = Incoming::Refused(e),
            }
        }
        match self.bytes {
            Incoming::Refused(_) => Taken::Enough,
            _ => Taken::More,
        }
    }
}

impl Download for DatasetDownload {
    fn take(
        &mut self,
        chunk: &Uint8Array,
        total: Option<u64>,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Taken {
        let mut given = 0;
        if let Incoming::Unknown(head) = &mut self.bytes {
            // The first bytes tell what the file is.
            given = (MAGIC.len() - head.len()).min(chunk.length() as usize) as u32;
            let mut bytes = std::mem::take(head);
            copy_in(&mut bytes, &chunk.subarray(0, given));
            self.bytes = if bytes.len() < MAGIC.len() {
                Incoming::Unknown(bytes)
            } else if looks_compiled(&bytes) {
                let mut feed = Box::new(match self.kind {
                    Kind::Articles => DatasetFeed::articles(),
                    _ => DatasetFeed::new(),
                });
                match feed.push(&bytes) {
                    Ok(()) => Incoming::Records(feed),
                    Err(e) => Incoming::Refused(e),
                }
            } else if self.compiled_only {
                Incoming::Refused(CompiledError::NotCompiled)
            } else {
                copy_in(&mut bytes, &chunk.subarray(given, chunk.length()));
                reserve_whole(&mut bytes, total);
                given = chunk.length();
                Incoming::Whole(bytes)
            };
        }
        match &mut self.bytes {
            Incoming::Records(_) if given < chunk.length() => {
                self.pieces.unread = Some((chunk.clone(), given));
            }
            Incoming::Whole(bytes) if given == 0 => append(bytes, chunk, total),
            _ => {}
        }
        self.work(out_of_time)
    }

    fn catch_up(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Taken {
        self.work(out_of_time)
    }
}

/// Why the compiled doctor index could not be read.
pub(super) enum IndexError {
    Fetch(super::FetchError),
    Compiled(CompiledError),
}

/// Fetches the compiled doctor index at `url` of the dataset file `dataset` (with
/// `doctors` doctors), reading it step by step as it arrives: the file (37 MB at 100,000
/// doctors) is never held whole beside the index read from it. Its browse part (facets
/// and orders, the file's first step) goes to `browse` as soon as it is read and checked,
/// so that a finder can show its first page before the words have arrived.
pub(super) async fn fetch_index(
    url: &str,
    dataset: Fingerprint,
    doctors: usize,
    progress: &dyn Fn(u64, Option<u64>),
    browse: &dyn Fn(DoctorIndex),
) -> Result<DoctorIndex, IndexError> {
    let mut incoming = IndexDownload {
        feed: DoctorIndexFeed::new(dataset, doctors),
        pieces: Pieces::default(),
        refused: None,
        browse,
    };
    fetch_into(url, Some(progress), None, &mut incoming)
        .await
        .map_err(IndexError::Fetch)?;
    if let Some(e) = incoming.refused {
        return Err(IndexError::Compiled(e));
    }
    loop {
        // Short slices: one of the reader's steps can take 15 ms at 100,000 doctors past
        // the deadline (bench/profile-takeover.mjs --size 100000).
        let mut out_of_time = slices::slice_deadline_of(slices::SHORT_SLICE_MS);
        let done = incoming.feed.finish(&mut out_of_time);
        incoming.pass_browse_on();
        if let Some(done) = done {
            return done.map_err(IndexError::Compiled);
        }
        slices::next_task().await;
    }
}

/// The doctor index's download, read as it arrives.
struct IndexDownload<'a> {
    feed: DoctorIndexFeed,
    pieces: Pieces,
    refused: Option<CompiledError>,
    browse: &'a dyn Fn(DoctorIndex),
}

impl IndexDownload<'_> {
    fn pass_browse_on(&mut self) {
        if let Some(part) = self.feed.take_browse() {
            (self.browse)(part);
        }
    }
}

impl Download for IndexDownload<'_> {
    fn take(
        &mut self,
        chunk: &Uint8Array,
        _total: Option<u64>,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Taken {
        self.pieces.unread = Some((chunk.clone(), 0));
        self.catch_up(out_of_time)
    }

    fn catch_up(&mut self, out_of_time: &mut dyn FnMut() -> bool) -> Taken {
        let taken = match self.pieces.give(&mut self.feed, out_of_time) {
            Ok(taken) => taken,
            Err(e) => {
                self.refused = Some(e);
                Taken::Enough
            }
        };
        self.pass_browse_on();
        taken
    }
}

/// Sound framing is not yet a sound dataset: the same checks across records (unique
/// ids, references) as a JSON dataset gets, so no page meets a dangling reference.
async fn check_records(
    dataset: hospital_core::Dataset,
    state: RwSignal<LoadState>,
) -> Result<validate::Loaded, LoadError> {
    let mut checks = Staged::checking(dataset);
    loop {
        if let Some(answer) = checks.step(&mut slices::slice_deadline()) {
            return answer.map_err(LoadError::Invalid);
        }
        show_preparing(state, (checks.progress() * 100.0) as u8);
        slices::next_task().await;
    }
}
