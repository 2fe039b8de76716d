//! What only a profile shows of a large hospital's doctors: their biographies,
//! education, and the rooms and notes of their sessions. With compiled records of more
//! than 1,000 doctors these are in files of their own, 128 doctors each
//! (`hospital.details.<n>.bin`). The finder never downloads them nor keeps them in wasm
//! memory (the biographies and education alone were 7.1 of the 20.6 MB its doctors held
//! natively at 10,000 doctors); a profile fetches the one file of its doctor (15.5 kB gzip
//! in `make bench`'s hospitals) and keeps it for the visit.

use super::{fetch_bytes, AppData, LoadError};
use hospital_core::compiled::dataset::{read_details_for, Details, DetailsFiles};
use hospital_core::compiled::Fingerprint;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Where the details' files are and what has been read of them.
pub(super) struct DetailsApart {
    files: DetailsFiles,
    /// The records' URL: the files are beside them.
    records_url: String,
    /// The files' URLs when they are not beside the records (a test's `data:` URLs).
    urls: Vec<String>,
    /// The JSON file the records were compiled from: each file must name it too.
    source: Fingerprint,
    loaded: Mutex<HashMap<usize, FileState>>,
    /// Changes whenever a file's state does: what a profile's render tracks.
    changed: ArcRwSignal<u32>,
}

#[derive(Clone)]
enum FileState {
    Loading,
    Ready(Arc<Vec<Details>>),
    Failed(LoadError),
}

/// What only a doctor's profile shows: the biography, the education, and the room and
/// note of each session.
#[derive(Clone, Debug)]
pub enum DoctorDetails {
    Here(Details),
    /// Their file is on its way.
    Loading,
    Failed(LoadError),
}

impl DetailsApart {
    pub(super) fn new(
        files: DetailsFiles,
        records_url: String,
        urls: Vec<String>,
        source: Fingerprint,
    ) -> Self {
        DetailsApart {
            files,
            records_url,
            urls,
            source,
            loaded: Mutex::new(HashMap::new()),
            changed: ArcRwSignal::new(0),
        }
    }

    fn state(&self, file: usize) -> Option<FileState> {
        self.loaded.lock().ok()?.get(&file).cloned()
    }

    fn set(&self, file: usize, state: FileState) {
        if let Ok(mut loaded) = self.loaded.lock() {
            loaded.insert(file, state);
        }
        self.changed.update(|n| *n = n.wrapping_add(1));
    }
}

impl AppData {
    /// The biography and education of doctor `doctor` (a place in the dataset's list):
    /// from the records, or from their own file once it is read. Reactive.
    pub fn doctor_details(&self, doctor: usize) -> DoctorDetails {
        let Some(apart) = &self.details else {
            let d = self.dataset.doctors.get(doctor);
            return DoctorDetails::Here(d.map(Details::of).unwrap_or_default());
        };
        apart.changed.track();
        let file = apart.files.file_of(doctor);
        match apart.state(file) {
            Some(FileState::Ready(details)) => {
                let d = details.get(doctor - file * apart.files.per_file);
                DoctorDetails::Here(d.cloned().unwrap_or_default())
            }
            Some(FileState::Failed(e)) => DoctorDetails::Failed(e),
            Some(FileState::Loading) | None => DoctorDetails::Loading,
        }
    }

    /// Starts fetching the file of doctor `doctor`'s details, unless it is read, on its
    /// way, or failed (then [`AppData::retry_details`]).
    pub fn want_details(self: &Arc<Self>, doctor: usize) {
        if self.starts_details(doctor, false) {
            leptos::task::spawn_local(load_details(self.clone(), doctor));
        }
    }

    /// After the file failed: tries again.
    pub fn retry_details(self: &Arc<Self>, doctor: usize) {
        if self.starts_details(doctor, true) {
            leptos::task::spawn_local(load_details(self.clone(), doctor));
        }
    }

    /// Marks the file of `doctor` as on its way if it is to be fetched now.
    pub(super) fn starts_details(&self, doctor: usize, retry: bool) -> bool {
        let Some(apart) = &self.details else {
            return false;
        };
        if doctor >= self.dataset.doctors.len() {
            return false;
        }
        let file = apart.files.file_of(doctor);
        let start = match apart.state(file) {
            None => true,
            Some(FileState::Failed(_)) => retry,
            Some(_) => false,
        };
        if start {
            apart.set(file, FileState::Loading);
        }
        start
    }
}

/// Fetches, reads and checks the file holding doctor `doctor`'s details, marked as
/// loading by the caller.
pub(super) async fn load_details(data: Arc<AppData>, doctor: usize) {
    let Some(apart) = &data.details else {
        return;
    };
    let file = apart.files.file_of(doctor);
    let url = match apart.urls.get(file) {
        Some(url) => url.clone(),
        None => super::beside(&apart.records_url, &apart.files.name(file)),
    };
    let state = match read_file(&data, apart, file, &url).await {
        Ok(details) => FileState::Ready(Arc::new(details)),
        Err(e) => FileState::Failed(e),
    };
    apart.set(file, state);
}

async fn read_file(
    data: &AppData,
    apart: &DetailsApart,
    n: usize,
    url: &str,
) -> Result<Vec<Details>, LoadError> {
    let refused = |error| LoadError::Records {
        url: url.to_string(),
        error,
    };
    let bytes = fetch_bytes(url, None, None)
        .await
        .map_err(LoadError::Fetch)?;
    let doctors = &data.dataset.doctors;
    let file = read_details_for(&bytes, &apart.files, n, apart.source, doctors);
    Ok(file.map_err(refused)?.doctors)
}
