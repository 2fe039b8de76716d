//! A sheet's rows as people: the header row found (title rows above it are reported),
//! each column recognised, numbered repeats gathered, and timetables read in their
//! three shapes: one row per session (weekday and half-day columns), a weekly grid
//! with a column per weekday and half-day (`周一上午`, or `周一` over `上午 下午` in two
//! header rows), or a grid whose rows are weekdays and whose `上午`/`下午` cells list
//! the doctors.

use super::columns::{recognise, Column, Field};
use super::mapping::Mapping;
use super::record::{Entry, Harvest, Person, SessionIn};
use super::report::{column_letters, Loc, Problems};
use super::table::Table;
use super::values::{self, half_days, is_cancel_word, is_tick, split_list, weekday};
use hospital_core::model::{ClinicType, HalfDay, Weekday};
use hospital_core::Lang;
use std::sync::Arc;

/// How many rows from the top may come before the header (titles, notes).
const HEADER_SEARCH: usize = 15;

fn column_of(header: &str, mapping: &Mapping) -> Column {
    match mapping.columns.get(header.trim()) {
        Some(c) => c.clone(),
        None => recognise(header),
    }
}

fn identifies(c: &Column) -> bool {
    matches!(
        c,
        Column::Field(
            Field::Name | Field::Id | Field::GivenName | Field::FamilyName,
            _
        )
    )
}

fn known(c: &Column) -> bool {
    !matches!(c, Column::Unknown | Column::Ignore(_))
}

fn is_blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

/// Reads one table into `out`.
pub fn read(table: &Table, mapping: &Mapping, out: &mut Harvest, problems: &mut Problems) {
    let rows = &table.rows;
    let header_at = match mapping.header_row {
        Some(n) if n >= 1 && n <= rows.len() => Some(n - 1),
        Some(n) => {
            problems.error(
                &table.loc,
                format!(
                    "the mapping file puts the header on row {n}, but the sheet has {} rows",
                    rows.len()
                ),
            );
            return;
        }
        None => find_header(rows, mapping),
    };
    let Some(h) = header_at else {
        if rows.iter().all(|r| is_blank(r)) {
            return; // an empty sheet or file: nothing to say
        }
        let first = rows
            .iter()
            .find(|r| !is_blank(r))
            .map(|r| r.join(" | "))
            .unwrap_or_default();
        problems.error(
            &table.loc,
            format!(
                "no header row found in the first {HEADER_SEARCH} rows (one with a name or id \
                 column and another known column); the first row reads \"{}\". Nothing of this \
                 sheet was imported: name its columns in a mapping file (--mapping)",
                clip(&first)
            ),
        );
        return;
    };
    let above: Vec<usize> = (0..h).filter(|&i| !is_blank(&rows[i])).collect();
    if !above.is_empty() {
        let text: Vec<String> = above
            .iter()
            .map(|&i| rows[i].join(" ").trim().to_string())
            .collect();
        problems.warn(
            &table.loc.at_row(above[0] + 1),
            format!(
                "{} row(s) above the header (row {}) taken as a title and not imported: \"{}\"",
                above.len(),
                h + 1,
                clip(&text.join(" / "))
            ),
        );
    }
    let headers: Vec<Arc<str>> = rows[h].iter().map(|s| Arc::from(s.trim())).collect();
    let mut columns: Vec<Column> = headers.iter().map(|s| column_of(s, mapping)).collect();
    let mut first_data = h + 1;
    // Two header rows: weekdays over half-days.
    if let Some(next) = rows.get(h + 1) {
        if columns.iter().any(|c| matches!(c, Column::Day(_)))
            && next.iter().filter(|c| half_of(c).is_some()).count() >= 2
        {
            let mut day = None;
            for (j, col) in columns.iter_mut().enumerate() {
                match col {
                    Column::Day(d) => day = Some(*d),
                    Column::Field(..) | Column::Slot(..) | Column::Half(_) => day = None,
                    _ => {}
                }
                let below = next.get(j).map(String::as_str).unwrap_or("");
                if let (Some(d), Some(half)) = (day, half_of(below)) {
                    *col = Column::Slot(d, half);
                }
            }
            first_data = h + 2;
        }
    }
    report_columns(table, &headers, &columns, problems);
    out.headers
        .extend((h..first_data).map(|r| table.loc.at_row(r + 1)));
    let weekday_rows =
        columns.iter().any(|c| matches!(c, Column::Half(_))) && !columns.iter().any(identifies);
    for (i, row) in rows.iter().enumerate().skip(first_data) {
        if is_blank(row) {
            continue;
        }
        out.rows += 1;
        let row_loc = table.loc.at_row(i + 1);
        if weekday_rows {
            grid_row(row, &row_loc, &headers, &columns, mapping, out, problems);
        } else {
            staff_row(row, &row_loc, &headers, &columns, mapping, out, problems);
        }
    }
}

fn half_of(cell: &str) -> Option<HalfDay> {
    match half_days(cell)?.as_slice() {
        [h] if !cell.contains(':') => Some(*h),
        _ => None,
    }
}

fn find_header(rows: &[Vec<String>], mapping: &Mapping) -> Option<usize> {
    rows.iter().take(HEADER_SEARCH).position(|row| {
        let cols: Vec<Column> = row.iter().map(|h| column_of(h, mapping)).collect();
        let known_count = cols.iter().filter(|c| known(c)).count();
        let id = cols.iter().any(identifies);
        let weekday_grid = cols
            .iter()
            .any(|c| matches!(c, Column::Field(Field::Weekday, _)))
            && cols.iter().any(|c| matches!(c, Column::Half(_)));
        known_count >= 2 && (id || weekday_grid)
    })
}

/// Columns that will not be imported are said once per sheet.
fn report_columns(
    table: &Table,
    headers: &[Arc<str>],
    columns: &[Column],
    problems: &mut Problems,
) {
    for (j, c) in columns.iter().enumerate() {
        let header = headers.get(j).cloned().unwrap_or_else(|| Arc::from(""));
        if header.is_empty() {
            continue;
        }
        let loc = table.loc.with_column(j, &header);
        match c {
            Column::Unknown => problems.warn(
                &loc,
                "this column is not known and was not imported; name it in a mapping file \
                 (--mapping) if it holds something the format has",
            ),
            Column::Ignore(reason) => {
                // Numbered repeats (Hosp Aff1..9) are said once, at the first.
                let first = columns[..j]
                    .iter()
                    .zip(headers)
                    .any(|(c2, h2)| c2 == c && strip_number(h2) == strip_number(&header));
                if !first {
                    problems.warn(&loc, format!("not imported: {reason}"));
                }
            }
            _ => {}
        }
    }
}

fn strip_number(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
}

fn clip(s: &str) -> String {
    let t: String = s.chars().take(80).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// The session fields a row gives all its sessions (clinic, campus, room...).
#[derive(Default)]
struct RowSession {
    clinic: Option<ClinicType>,
    campus: Option<String>,
    room: Vec<(Option<Lang>, String)>,
    cancelled: bool,
    note: Vec<(Option<Lang>, String)>,
}

fn clinic_of(text: &str, mapping: &Mapping) -> Option<ClinicType> {
    mapping
        .clinics
        .get(&values::squash(text))
        .copied()
        .or_else(|| values::clinic(text))
}

fn staff_row(
    row: &[String],
    loc: &Loc,
    headers: &[Arc<str>],
    columns: &[Column],
    mapping: &Mapping,
    out: &mut Harvest,
    problems: &mut Problems,
) {
    let mut person = Person {
        loc: Some(loc.clone()),
        ..Person::default()
    };
    let mut shared = RowSession::default();
    let mut days: Vec<(Weekday, Loc)> = Vec::new();
    let mut halves: Vec<(HalfDay, Loc)> = Vec::new();
    let mut slots: Vec<(Weekday, HalfDay, String, Loc)> = Vec::new();
    let mut day_cells: Vec<(Weekday, String, Loc)> = Vec::new();
    let mut day_column_seen = false;
    for (j, cell) in row.iter().enumerate() {
        let cell = cell.trim();
        let Some(col) = columns.get(j) else {
            if !cell.is_empty() {
                problems.warn(
                    &loc.with_column(j, &Arc::from("")),
                    format!(
                        "a value in column {} has no header and was not imported: \"{}\"",
                        column_letters(j),
                        clip(cell)
                    ),
                );
            }
            continue;
        };
        if cell.is_empty() {
            continue;
        }
        let cloc = loc.with_column(j, &headers[j]);
        match col {
            Column::Field(Field::Weekday, _) => {
                day_column_seen = true;
                for part in split_list(&cell.replace(['/', '／'], ",")) {
                    match weekday(&part) {
                        Some(d) => days.push((d, cloc.clone())),
                        None => problems.error(
                            &cloc,
                            format!("\"{part}\" is not a weekday (周一..周日, Mon..Sun); this session was not imported"),
                        ),
                    }
                }
            }
            Column::Field(Field::HalfDay, _) => {
                for part in split_list(&cell.replace(['/', '／'], ",")) {
                    match half_days(&part) {
                        Some(hs) => halves.extend(hs.into_iter().map(|h| (h, cloc.clone()))),
                        None => problems.error(
                            &cloc,
                            format!("\"{part}\" is not a half-day (上午, 下午, 晚上, morning, afternoon, evening or a time such as 08:00); this session was not imported"),
                        ),
                    }
                }
            }
            Column::Field(Field::Clinic, _) => match clinic_of(cell, mapping) {
                Some(c) => shared.clinic = Some(c),
                None if is_cancel_word(cell) => shared.cancelled = true,
                None => {
                    problems.warn(
                        &cloc,
                        format!("\"{cell}\" is not a clinic type (普通门诊, 专家门诊, 特需门诊, general, expert, special): the session is listed as general, with the text as its note"),
                    );
                    shared.note.push((None, cell.to_string()));
                }
            },
            Column::Field(Field::Campus, _) => shared.campus = Some(cell.to_string()),
            Column::Field(Field::Room, lang) => shared.room.push((*lang, cell.to_string())),
            Column::Field(Field::Cancelled, _) => match values::yes_no(cell) {
                Some(b) => shared.cancelled = b,
                None if is_cancel_word(cell) => shared.cancelled = true,
                None => problems.warn(
                    &cloc,
                    format!("\"{cell}\" is not yes or no; the session is taken as held"),
                ),
            },
            Column::Field(Field::Note, lang) => shared.note.push((*lang, cell.to_string())),
            Column::Field(field, lang) => person.entries.push(Entry {
                field: *field,
                lang: *lang,
                value: cell.to_string(),
                loc: cloc,
            }),
            Column::Slot(d, h) => slots.push((*d, *h, cell.to_string(), cloc)),
            Column::Day(d) => day_cells.push((*d, cell.to_string(), cloc)),
            Column::Half(h) => halves.push((*h, cloc)),
            Column::Ignore(_) | Column::Unknown => {}
        }
    }
    if person.label().is_none() {
        let shown: Vec<&str> = row
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .take(4)
            .collect();
        problems.error(
            loc,
            format!(
                "the row has no name and no id, so it was not imported: \"{}\"",
                clip(&shown.join(" | "))
            ),
        );
        return;
    }
    let label = person.label();
    let base = |d: Weekday, h: HalfDay, l: &Loc| SessionIn {
        weekday: d,
        half: h,
        clinic: shared.clinic,
        campus: shared.campus.clone(),
        room: shared.room.clone(),
        cancelled: shared.cancelled,
        note: shared.note.clone(),
        loc: l.clone(),
    };
    // One row per session: the weekday and half-day columns.
    if !days.is_empty() || day_column_seen {
        if halves.is_empty() && !days.is_empty() {
            problems.push(
                super::report::Problem::error(
                    Some(days[0].1.clone()),
                    "the row gives a weekday but no half-day (上午/下午, morning/afternoon); this session was not imported",
                )
                .about(label.clone()),
            );
        }
        for (d, dloc) in &days {
            for (h, _) in &halves {
                person.sessions.push(base(*d, *h, dloc));
            }
        }
    } else if !halves.is_empty() {
        problems.push(
            super::report::Problem::error(
                Some(halves[0].1.clone()),
                "the row gives a half-day but no weekday; this session was not imported",
            )
            .about(label.clone()),
        );
    }
    // A weekly grid: a cell per weekday and half-day.
    for (d, h, text, cloc) in slots {
        if let Some(s) = grid_cell(&text, mapping, base(d, h, &cloc)) {
            person.sessions.push(s);
        }
    }
    // A column per weekday whose cells name the half-days ("上午", "AM/PM").
    for (d, text, cloc) in day_cells {
        let parts = split_list(&text.replace(['/', '／', ' '], ","));
        let mut any = false;
        for part in &parts {
            if let Some(hs) = half_days(part) {
                any = true;
                for h in hs {
                    person.sessions.push(base(d, h, &cloc));
                }
            }
        }
        if !any {
            problems.push(
                super::report::Problem::error(
                    Some(cloc.clone()),
                    format!("\"{text}\" names no half-day (上午, 下午, 晚上, AM, PM); this session was not imported"),
                )
                .about(label.clone()),
            );
        }
    }
    if person.sessions.is_empty()
        && (!shared.note.is_empty() || !shared.room.is_empty())
        && has_timetable(columns)
    {
        // Room or note without a session: nothing to attach them to, and saying so.
        problems.push(
            super::report::Problem::warning(
                Some(loc.clone()),
                "the row gives a room or note but no session; they were not imported",
            )
            .about(label),
        );
    }
    out.people.push(person);
}

fn has_timetable(columns: &[Column]) -> bool {
    columns.iter().any(|c| {
        matches!(
            c,
            Column::Slot(..)
                | Column::Day(_)
                | Column::Half(_)
                | Column::Field(Field::Weekday | Field::HalfDay, _)
        )
    })
}

/// A grid cell: empty is no session; a tick is a session of the row's clinic type;
/// a clinic type word sets it; 停诊 marks it cancelled; other text is kept as its note.
fn grid_cell(text: &str, mapping: &Mapping, mut s: SessionIn) -> Option<SessionIn> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "—" | "/" | "－") {
        return None;
    }
    if is_tick(t) {
        return Some(s);
    }
    if is_cancel_word(t) {
        s.cancelled = true;
        let rest = t.replace("停诊", "");
        if let Some(c) = clinic_of(rest.trim_matches(['(', ')', '（', '）', ' ']), mapping) {
            s.clinic = Some(c);
        }
        return Some(s);
    }
    match clinic_of(t, mapping) {
        Some(c) => s.clinic = Some(c),
        None => s.note.push((None, t.to_string())),
    }
    Some(s)
}

/// A row of a grid whose rows are weekdays: each half-day cell lists doctors,
/// each perhaps with its clinic type in brackets (`张伟（专家）`).
fn grid_row(
    row: &[String],
    loc: &Loc,
    headers: &[Arc<str>],
    columns: &[Column],
    mapping: &Mapping,
    out: &mut Harvest,
    problems: &mut Problems,
) {
    let mut day = None;
    let mut extra: Vec<Entry> = Vec::new();
    let mut shared = RowSession::default();
    for (j, cell) in row.iter().enumerate() {
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        let cloc = loc.with_column(j, headers.get(j).unwrap_or(&Arc::from("")));
        match columns.get(j) {
            Some(Column::Field(Field::Weekday, _)) => match weekday(cell) {
                Some(d) => day = Some(d),
                None => problems.error(
                    &cloc,
                    format!("\"{cell}\" is not a weekday; the row was not imported"),
                ),
            },
            Some(Column::Field(Field::Clinic, _)) => shared.clinic = clinic_of(cell, mapping),
            Some(Column::Field(Field::Campus, _)) => shared.campus = Some(cell.to_string()),
            Some(Column::Field(Field::Room, lang)) => shared.room.push((*lang, cell.to_string())),
            Some(Column::Field(f, lang)) if !f.is_session() => extra.push(Entry {
                field: *f,
                lang: *lang,
                value: cell.to_string(),
                loc: cloc,
            }),
            _ => {}
        }
    }
    let Some(d) = day else {
        problems.error(
            loc,
            "the row names no weekday, so its sessions were not imported",
        );
        return;
    };
    for (j, cell) in row.iter().enumerate() {
        let Some(Column::Half(h)) = columns.get(j) else {
            continue;
        };
        let cloc = loc.with_column(j, &headers[j]);
        for item in split_list(cell) {
            let (name, tag) = match item.find(['(', '（']) {
                Some(i) => (
                    item[..i].trim().to_string(),
                    item[i..]
                        .trim_matches(['(', ')', '（', '）', ' '])
                        .to_string(),
                ),
                None => (item.clone(), String::new()),
            };
            if name.is_empty() {
                continue;
            }
            let mut s = SessionIn {
                weekday: d,
                half: *h,
                clinic: shared.clinic,
                campus: shared.campus.clone(),
                room: shared.room.clone(),
                cancelled: false,
                note: Vec::new(),
                loc: cloc.clone(),
            };
            if !tag.is_empty() {
                if let Some(with_tag) = grid_cell(&tag, mapping, s.clone()) {
                    s = with_tag;
                }
            }
            let mut entries = vec![Entry {
                field: Field::Name,
                lang: None,
                value: name,
                loc: cloc.clone(),
            }];
            entries.extend(extra.iter().cloned());
            out.people.push(Person {
                loc: Some(cloc.clone()),
                entries,
                sessions: vec![s],
            });
        }
    }
}
