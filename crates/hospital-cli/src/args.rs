//! A small command-line parser: positionals, `--name value` / `--name=value`
//! options and bare flags, with messages that name the command and the fix.

use crate::{EXIT_INVALID, EXIT_USAGE};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;
use std::str::FromStr;

/// Why a command stopped, and the exit status that says so.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_USAGE,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_INVALID,
            message: message.into(),
        }
    }
}

/// What a command accepts.
pub struct Spec {
    pub command: &'static str,
    /// Names of the positional arguments, all required.
    pub positionals: &'static [&'static str],
    /// Options that take a value, without the leading `--`.
    pub options: &'static [&'static str],
    /// Options without a value.
    pub flags: &'static [&'static str],
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub positionals: Vec<String>,
    options: BTreeMap<String, String>,
    flags: BTreeSet<String>,
}

/// True when the arguments ask for help: help wins over every other mistake.
pub fn wants_help(args: &[String]) -> bool {
    args.iter()
        .take_while(|a| a.as_str() != "--")
        .any(|a| a == "-h" || a == "--help")
}

impl Spec {
    fn hint(&self) -> String {
        format!("(see hospital-data {} --help)", self.command)
    }

    pub fn parse(&self, args: &[String]) -> Result<Parsed, Failure> {
        self.parse_with(args, false)
    }

    /// As [`Spec::parse`], but the last positional may be given any number of times
    /// (at least once): `import a.csv b.xlsx`.
    pub fn parse_many(&self, args: &[String]) -> Result<Parsed, Failure> {
        self.parse_with(args, true)
    }

    fn parse_with(&self, args: &[String], many: bool) -> Result<Parsed, Failure> {
        let mut parsed = Parsed::default();
        let mut only_positionals = false;
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if only_positionals || !arg.starts_with('-') || arg == "-" {
                parsed.positionals.push(arg.clone());
                continue;
            }
            if arg == "--" {
                only_positionals = true;
                continue;
            }
            let Some(body) = arg.strip_prefix("--") else {
                return Err(Failure::usage(format!(
                    "{}: unknown option \"{arg}\" {}",
                    self.command,
                    self.hint()
                )));
            };
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            if self.flags.contains(&name) {
                if inline.is_some() {
                    return Err(Failure::usage(format!(
                        "{}: --{name} takes no value {}",
                        self.command,
                        self.hint()
                    )));
                }
                parsed.flags.insert(name.to_string());
            } else if self.options.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => iter.next().cloned().ok_or_else(|| {
                        Failure::usage(format!(
                            "{}: --{name} needs a value {}",
                            self.command,
                            self.hint()
                        ))
                    })?,
                };
                if parsed.options.insert(name.to_string(), value).is_some() {
                    return Err(Failure::usage(format!(
                        "{}: --{name} is given twice",
                        self.command
                    )));
                }
            } else {
                return Err(Failure::usage(format!(
                    "{}: unknown option \"--{name}\" {}",
                    self.command,
                    self.hint()
                )));
            }
        }
        let want = self.positionals.len();
        let got = parsed.positionals.len();
        if got < want {
            return Err(Failure::usage(format!(
                "{}: missing <{}> {}",
                self.command,
                self.positionals[got],
                self.hint()
            )));
        }
        if got > want && !many {
            return Err(Failure::usage(format!(
                "{}: unexpected argument \"{}\" {}",
                self.command,
                parsed.positionals[want],
                self.hint()
            )));
        }
        Ok(parsed)
    }
}

impl Parsed {
    pub fn option(&self, name: &str) -> Option<&str> {
        self.options.get(name).map(String::as_str)
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(name)
    }

    /// A numeric option within `max`, or `default` when it is absent.
    pub fn number<T>(&self, name: &str, default: T, max: T) -> Result<T, Failure>
    where
        T: FromStr + PartialOrd + Display + Copy,
    {
        let Some(raw) = self.option(name) else {
            return Ok(default);
        };
        match raw.trim().parse::<T>() {
            Ok(n) if n <= max => Ok(n),
            Ok(_) => Err(Failure::usage(format!(
                "--{name} must be at most {max}, got {raw}"
            ))),
            Err(_) => Err(Failure::usage(format!(
                "--{name} expects a whole number, got \"{raw}\""
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: Spec = Spec {
        command: "demo",
        positionals: &["path"],
        options: &["out", "count"],
        flags: &["quiet"],
    };

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_both_option_forms_and_flags() {
        let p = SPEC
            .parse(&strings(&["a.json", "--out", "b", "--count=3", "--quiet"]))
            .expect("parses");
        assert_eq!(p.positionals, ["a.json"]);
        assert_eq!(p.option("out"), Some("b"));
        assert_eq!(p.number::<u32>("count", 0, 10).ok(), Some(3));
        assert!(p.flag("quiet"));
    }

    #[test]
    fn explains_each_mistake() {
        let msg = |a: &[&str]| SPEC.parse(&strings(a)).err().map(|f| f.message);
        assert!(msg(&[]).is_some_and(|m| m.contains("missing <path>")));
        assert!(msg(&["a", "b"]).is_some_and(|m| m.contains("unexpected argument \"b\"")));
        assert!(msg(&["a", "--out"]).is_some_and(|m| m.contains("--out needs a value")));
        assert!(msg(&["a", "--nope"]).is_some_and(|m| m.contains("unknown option \"--nope\"")));
        assert!(msg(&["a", "-x"]).is_some_and(|m| m.contains("unknown option \"-x\"")));
        assert!(msg(&["a", "--quiet=1"]).is_some_and(|m| m.contains("takes no value")));
        assert!(msg(&["a", "--out", "x", "--out", "y"]).is_some_and(|m| m.contains("twice")));
        let p = SPEC
            .parse(&strings(&["a", "--count", "x"]))
            .expect("parses");
        assert!(p
            .number::<u32>("count", 0, 10)
            .is_err_and(|f| f.message.contains("whole number")));
        let p = SPEC
            .parse(&strings(&["a", "--count", "11"]))
            .expect("parses");
        assert!(p
            .number::<u32>("count", 0, 10)
            .is_err_and(|f| f.message.contains("at most 10")));
    }

    #[test]
    fn double_dash_ends_options() {
        let p = SPEC
            .parse(&strings(&["--", "--odd-name.json"]))
            .expect("parses");
        assert_eq!(p.positionals, ["--odd-name.json"]);
        assert!(!wants_help(&strings(&["--", "--help"])));
        assert!(wants_help(&strings(&["x", "-h"])));
    }
}
