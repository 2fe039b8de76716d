//! The command line of each command, parsed by clap from a small table (positionals,
//! `--name value` / `--name=value` options, bare flags), with messages that name the
//! command and the fix. Every command declares its [`Spec`]; clap does the parsing.

use crate::{EXIT_INVALID, EXIT_USAGE};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
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

    /// The command as clap sees it: positionals in order (the last repeatable when
    /// `many`), `--name value` / `--name=value` options and bare flags. Positionals are
    /// optional to clap, so that a missing one gets our message, naming it.
    fn clap_command(&self, many: bool) -> Command {
        let mut cmd = Command::new(self.command)
            .no_binary_name(true)
            .disable_help_flag(true)
            .disable_version_flag(true);
        let last = self.positionals.len().saturating_sub(1);
        for (i, name) in self.positionals.iter().enumerate() {
            let mut arg = Arg::new(*name).index(i + 1).value_name(*name);
            arg = if many && i == last {
                arg.num_args(1..).action(ArgAction::Append)
            } else {
                arg.action(ArgAction::Set)
            };
            cmd = cmd.arg(arg);
        }
        for name in self.options {
            cmd = cmd.arg(
                Arg::new(*name)
                    .long(*name)
                    .action(ArgAction::Set)
                    .num_args(1),
            );
        }
        for name in self.flags {
            cmd = cmd.arg(Arg::new(*name).long(*name).action(ArgAction::SetTrue));
        }
        cmd
    }

    /// clap's error in the words this tool has always used, naming the command and the fix.
    fn explain(&self, e: &clap::Error) -> Failure {
        let invalid = match e.get(ContextKind::InvalidArg) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.first().cloned().unwrap_or_default(),
            _ => String::new(),
        };
        // "--out <out>" -> "--out".
        let option = invalid.split_whitespace().next().unwrap_or("").to_string();
        let (cmd, hint) = (self.command, self.hint());
        let message = match e.kind() {
            ErrorKind::UnknownArgument if invalid.starts_with('-') => {
                let name = invalid.split('=').next().unwrap_or(&invalid);
                match name.strip_prefix("--") {
                    Some(flag) if self.flags.contains(&flag) && invalid.contains('=') => {
                        format!("{cmd}: --{flag} takes no value {hint}")
                    }
                    _ => format!("{cmd}: unknown option \"{name}\" {hint}"),
                }
            }
            ErrorKind::UnknownArgument => {
                format!("{cmd}: unexpected argument \"{invalid}\" {hint}")
            }
            ErrorKind::ArgumentConflict => format!("{cmd}: {option} is given twice"),
            ErrorKind::InvalidValue | ErrorKind::NoEquals | ErrorKind::TooFewValues => {
                format!("{cmd}: {option} needs a value {hint}")
            }
            ErrorKind::TooManyValues => format!("{cmd}: {option} takes no value {hint}"),
            _ => {
                let first = e.to_string();
                let first = first
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("error: ");
                format!("{cmd}: {first} {hint}")
            }
        };
        Failure::usage(message)
    }

    fn parse_with(&self, args: &[String], many: bool) -> Result<Parsed, Failure> {
        let matches = self
            .clap_command(many)
            .try_get_matches_from(args)
            .map_err(|e| self.explain(&e))?;
        let mut parsed = Parsed::default();
        for name in self.positionals {
            if let Some(values) = matches.get_many::<String>(name) {
                parsed.positionals.extend(values.cloned());
            }
        }
        for name in self.options {
            if let Some(v) = matches.get_one::<String>(name) {
                parsed.options.insert(name.to_string(), v.clone());
            }
        }
        for name in self.flags {
            if matches.get_flag(name) {
                parsed.flags.insert(name.to_string());
            }
        }
        // clap fills positionals in order, so the first one missing is the first unnamed.
        let got = parsed.positionals.len();
        if got < self.positionals.len() {
            return Err(Failure::usage(format!(
                "{}: missing <{}> {}",
                self.command,
                self.positionals[got],
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
