//! The commands of `hospital-data`, one module each, and what they share.

pub mod args;
pub mod compile;
pub mod content;
pub mod generate;
pub mod import;
pub mod json_out;
pub mod names;
pub mod prepare;
pub mod site;
pub mod validate;

use args::Failure;

/// Exit status: the dataset is fine (warnings allowed).
pub const EXIT_OK: i32 = 0;
/// Exit status: the dataset has errors.
pub const EXIT_INVALID: i32 = 1;
/// Exit status: bad arguments, or a file that could not be read or written.
pub const EXIT_USAGE: i32 = 2;

const HELP: &str = "\
hospital-data: tools for hospital-site datasets (schema version 1)

Usage:
  hospital-data validate <path>
  hospital-data prepare <in> [--out <path>]
  hospital-data generate [--doctors N] [--articles M] [--seed S] --out DIR [--split-bodies]
  hospital-data import FILE... --out <dataset.json> [--merge <existing.json>] [--mapping <map.toml>]
  hospital-data export <dataset.json> --out DIR
  hospital-data build <content-dir> --out <dataset.json> [--assets DIR]
  hospital-data compile <dataset.json> [--out <doctors.idx>]
  hospital-data site <dist> [--data <dataset.json | content-dir>] [--site-url URL] [--lang en|zh]
  hospital-data <command> --help

Commands:
  validate   check a dataset and print every error and warning with its JSON path
  prepare    fill in the pinyin of doctors' Chinese names
  generate   write a deterministic synthetic dataset of any size
  import     staff lists (CSV, TSV, Excel) and FHIR directories into a dataset
  build      one dataset from a content folder: hospital.toml, news/*.md, doctor files
  export     the doctors as staff.csv and timetable.csv, to edit and import again
  compile    the doctor search index of a dataset, built once for every visitor
  site       after `trunk build`: a page per route, 404.html, sitemap, feed and CSP

Exit status: 0 valid (warnings allowed), 1 invalid, 2 bad usage or unreadable file.
";

/// The dataset text of the file `name`, validated; else a failure listing every problem,
/// each with its path (for `site`, `compile` and `export`, which need a valid dataset).
pub fn load_valid(text: &str, name: &str) -> Result<hospital_core::validate::Loaded, Failure> {
    hospital_core::validate::load(text).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        Failure::invalid(format!("{name} is not valid:\n{}", list.join("\n")))
    })
}

/// Runs one command line (without the program name) and returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{HELP}");
        return EXIT_USAGE;
    };
    let result = match command.as_str() {
        "validate" => validate::main(rest),
        "prepare" => prepare::main(rest),
        "generate" => generate::main(rest),
        "import" => import::main(rest),
        "build" => content::main(rest),
        "export" => import::export::main(rest),
        "compile" => compile::main(rest),
        "site" => site::main(rest),
        "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(EXIT_OK)
        }
        other => Err(Failure::usage(format!(
            "unknown command \"{other}\"; the commands are validate, prepare, generate, import, export, build, compile and site \
             (see hospital-data --help)"
        ))),
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            eprintln!("hospital-data: {}", f.message);
            f.code
        }
    }
}
