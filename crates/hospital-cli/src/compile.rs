//! `hospital-data compile <dataset.json> [--out <doctors.idx>] [--records <x.bin>]`: the
//! doctor index of a dataset, built once here instead of in every visitor's browser, and
//! the dataset's records compiled, read instead of its JSON. `site` does the same for
//! the dataset it publishes; this command is for a deployment that serves its own
//! dataset file to widgets (`data-src` with `data-index-src`).

use crate::args::{wants_help, Failure, Spec};
use crate::EXIT_OK;
use hospital_core::compiled::Fingerprint;
use hospital_core::search::{DoctorIndex, DOCTOR_INDEX_FILE};
use std::path::{Path, PathBuf};

pub const HELP: &str = "\
Usage: hospital-data compile <dataset.json> [--out <doctors.idx>] [--records <dataset.bin>]

Validates the dataset, builds its doctor search index and writes it as a compiled
file (default: doctors.idx beside the dataset), and writes the dataset's records
compiled (default: the dataset's name with .bin, beside it), with its articles
in a file of their own beside them (hospital.bin: hospital.articles.bin), which
the records name: publish both. A page given the records (data-src=\"….bin\")
reads them without parsing or checking JSON, and fetches the articles only for
the pages that show them (never for the doctor finder). Above 1,000 doctors
the biographies, education and timetable rooms are in files of their own
too, 128 doctors each (hospital.details.0.bin, ...), which only a profile
fetches: publish them all beside the records, with the index. Given the
index (data-index-src on the widget, or doctors.idx beside the site's
hospital.bin) it uses it instead of building the index. Measured at 10,000
doctors in README.md, \"The doctor index and the records compiled at build time\".

The file belongs to exactly these bytes of the dataset: serve the dataset file as
it is, and compile again whenever it changes. A page given a file of another
dataset, or of another version of hospital-data, builds the index itself and says
so in the console; a damaged file is reported on the page, with Retry.
`hospital-data site` writes both files itself.

Exit status: 0 written, 1 the dataset is invalid, 2 bad usage or unwritable file.
";

const SPEC: Spec = Spec {
    command: "compile",
    positionals: &["dataset"],
    options: &["out", "records"],
    flags: &[],
};

pub fn main(args: &[String]) -> Result<i32, Failure> {
    if wants_help(args) {
        print!("{HELP}");
        return Ok(EXIT_OK);
    }
    let parsed = SPEC.parse(args)?;
    let input = Path::new(&parsed.positionals[0]);
    let bytes = std::fs::read(input)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", input.display())))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Failure::invalid(format!("{} is not UTF-8 text", input.display())))?;
    let loaded = crate::load_valid(text, &input.display().to_string())?;
    let out = match parsed.option("out") {
        Some(path) => PathBuf::from(path),
        None => input.with_file_name(DOCTOR_INDEX_FILE),
    };
    let records = match parsed.option("records") {
        Some(path) => PathBuf::from(path),
        None => input.with_extension("bin"),
    };
    let articles = records.with_file_name(hospital_core::compiled::dataset::articles_file_for(
        &records
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
    ));
    if records == input || articles == input {
        return Err(Failure::usage(format!(
            "{} would be written over by its own records: name them with --records",
            input.display()
        )));
    }
    let size = write_doctor_index(&out, &bytes, &loaded.dataset)?;
    let written = write_records(&records, &bytes, &loaded.dataset)?;
    eprintln!(
        "compile: {} doctors, wrote {} ({} KB), {} ({} KB) and {} ({} KB){}",
        loaded.dataset.doctors.len(),
        out.display(),
        size.div_ceil(1024),
        records.display(),
        written.records_size.div_ceil(1024),
        written.articles.display(),
        written.articles_size.div_ceil(1024),
        written.details_summary()
    );
    Ok(EXIT_OK)
}

/// Builds the doctor index of `ds` (parsed from `dataset`, the file's bytes as served)
/// and writes it to `out`. Returns its size in bytes.
pub fn write_doctor_index(
    out: &Path,
    dataset: &[u8],
    ds: &hospital_core::Dataset,
) -> Result<usize, Failure> {
    let file = DoctorIndex::build(ds).to_compiled(Fingerprint::of(dataset));
    std::fs::write(out, &file)
        .map_err(|e| Failure::usage(format!("cannot write {}: {e}", out.display())))?;
    Ok(file.len())
}

/// The compiled files of a dataset's records, as written: where, and their sizes.
pub struct WrittenRecords {
    pub articles: PathBuf,
    pub records_size: usize,
    pub articles_size: usize,
    /// A large hospital's biographies, education and timetable rooms: how many files,
    /// and their bytes.
    pub details_files: usize,
    pub details_size: usize,
}

impl WrittenRecords {
    /// The details' files, for a summary line: empty when the records hold them.
    pub fn details_summary(&self) -> String {
        if self.details_files == 0 {
            return String::new();
        }
        format!(
            ", {} details files of biographies, education and timetable rooms ({} KB in all)",
            self.details_files,
            self.details_size.div_ceil(1024)
        )
    }
}

/// Writes the records of `ds` (parsed from `dataset`, the file's bytes as served) to
/// `out`, compiled, and its articles beside it in the file the records name
/// (`hospital.bin`: `hospital.articles.bin`); above 1,000 doctors the biographies and
/// education too, in files of 128 doctors (`hospital.details.0.bin`...).
pub fn write_records(
    out: &Path,
    dataset: &[u8],
    ds: &hospital_core::Dataset,
) -> Result<WrittenRecords, Failure> {
    use hospital_core::compiled::dataset::{articles_file_for, write};
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let articles_name = articles_file_for(&name);
    let articles = out.with_file_name(&articles_name);
    let files = write(ds, Fingerprint::of(dataset), &articles_name);
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes)
            .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))
    };
    write(out, &files.records)?;
    write(&articles, &files.articles)?;
    if let Some(names) = &files.details_files {
        for (n, bytes) in files.details.iter().enumerate() {
            write(&out.with_file_name(names.name(n)), bytes)?;
        }
    }
    Ok(WrittenRecords {
        articles,
        records_size: files.records.len(),
        articles_size: files.articles.len(),
        details_files: files.details.len(),
        details_size: files.details.iter().map(Vec::len).sum(),
    })
}
