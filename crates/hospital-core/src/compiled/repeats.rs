//! The texts that the doctors' records repeat, written once in a table ahead of them and
//! named by their place in it.
//!
//! A large hospital's doctors name the same few hundred texts over and over
//! (specialties, conditions, campuses, languages, department ids, booking lines: about
//! 1.4 million copies at 100,000 generated doctors). Written out each time, the reader
//! had to check every copy's UTF-8, hash it and look it up to find the one copy it keeps
//! ([`crate::shared::SharedStrs`]). With the table, a copy in the records is its place (a
//! byte or two), and reading it is a reference count: the file is smaller and nothing is
//! hashed in the browser.
//!
//! The writer goes over the doctors twice: [`Repeats::counting`] notes how often each text
//! comes, then [`Repeats::table`] gives the table (the texts met at least twice, the most
//! frequent first, so that their places are the shortest varints) and the places the
//! second pass writes.

use crate::shared::SharedStr;
use crate::text::Text;
use std::collections::HashMap;

/// Texts by their content: plain ones by their string, ones with versions by their
/// versions packed into one string ([`crate::text::Translations::packed`]).
#[derive(Default)]
pub(crate) struct ByContent<V> {
    plain: HashMap<String, V>,
    localized: HashMap<String, V>,
}

impl<V> ByContent<V> {
    fn side<'s, 't>(&'s mut self, text: &'t Text) -> Option<(&'s mut HashMap<String, V>, &'t str)> {
        match text {
            // The empty text is one byte as it is: never worth a place.
            Text::Plain(s) if s.is_empty() => None,
            Text::Plain(s) => Some((&mut self.plain, s.as_str())),
            Text::Localized(t) => Some((&mut self.localized, t.packed().as_str())),
        }
    }
}

pub(crate) enum Repeats {
    /// The first pass: how often each text comes, with a copy of it.
    Counting(ByContent<(u32, Text)>),
    /// The second pass: the place in the table of each text it holds.
    Placed(ByContent<u32>),
}

impl Repeats {
    pub(crate) fn counting() -> Repeats {
        Repeats::Counting(ByContent::default())
    }

    /// The first pass notes `text` (and answers `None`: it is written out); the second
    /// answers its place in the table, if it has one.
    pub(crate) fn place(&mut self, text: &Text) -> Option<u32> {
        match self {
            Repeats::Counting(seen) => {
                let (side, key) = seen.side(text)?;
                match side.get_mut(key) {
                    Some((n, _)) => *n += 1,
                    None => {
                        side.insert(key.to_string(), (1, text.clone()));
                    }
                }
                None
            }
            Repeats::Placed(places) => {
                let (side, key) = places.side(text)?;
                side.get(key).copied()
            }
        }
    }

    /// As [`Repeats::place`], for a string field: the plain text it is.
    pub(crate) fn place_str(&mut self, s: &SharedStr) -> Option<u32> {
        self.place(&Text::Plain(s.clone()))
    }

    /// After the first pass: the table, and the places for the second pass. A text
    /// met once stays where it is: in the table it would cost its place as well.
    pub(crate) fn table(self) -> (Vec<Text>, Repeats) {
        let Repeats::Counting(seen) = self else {
            return (Vec::new(), self);
        };
        let mut repeated: Vec<(u32, String, bool, Text)> = Vec::new();
        for (localized, side) in [(false, seen.plain), (true, seen.localized)] {
            repeated.extend(
                side.into_iter()
                    .filter(|(_, (n, _))| *n > 1)
                    .map(|(key, (n, text))| (n, key, localized, text)),
            );
        }
        // Most frequent first; then by content, so that a dataset always compiles to
        // the same bytes.
        repeated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| (a.2, &a.1).cmp(&(b.2, &b.1))));
        let mut places = ByContent::default();
        let mut table = Vec::with_capacity(repeated.len());
        for (at, (_, key, localized, text)) in repeated.into_iter().enumerate() {
            let side = if localized {
                &mut places.localized
            } else {
                &mut places.plain
            };
            side.insert(key, at as u32);
            table.push(text);
        }
        (table, Repeats::Placed(places))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn localized(en: &str, zh: &str) -> Text {
        Text::Localized([("en", en), ("zh", zh)].into_iter().collect())
    }

    #[test]
    fn texts_met_twice_get_places_most_frequent_first() {
        let cardiology = localized("Cardiology", "心内科");
        let english = Text::Plain(SharedStr::from("en"));
        let once = Text::Plain(SharedStr::from("Li Wei"));
        // A plain text and a text with versions never share a place, even when the
        // plain one reads like the packed versions.
        let lookalike = Text::Plain(cardiology_packed(&cardiology));
        let mut r = Repeats::counting();
        for t in [
            &english,
            &cardiology,
            &english,
            &once,
            &cardiology,
            &english,
        ]
        .into_iter()
        .chain([&lookalike, &Text::default(), &Text::default()])
        {
            assert_eq!(r.place(t), None, "the first pass writes every text out");
        }
        let (table, mut places) = r.table();
        assert_eq!(table, vec![english.clone(), cardiology.clone()]);
        assert_eq!(places.place(&english), Some(0));
        assert_eq!(places.place_str(&SharedStr::from("en")), Some(0));
        assert_eq!(places.place(&cardiology), Some(1));
        assert_eq!(places.place(&once), None);
        assert_eq!(places.place(&lookalike), None);
        assert_eq!(places.place(&Text::default()), None);
    }

    fn cardiology_packed(t: &Text) -> SharedStr {
        match t {
            Text::Localized(v) => v.packed().clone(),
            Text::Plain(s) => s.clone(),
        }
    }
}
