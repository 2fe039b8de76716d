//! Languages and the bilingual text fields of the dataset.

use crate::shared::{SharedStr, SharedStrs};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// A language the user interface speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh")]
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag used in `lang` attributes and in dataset maps.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Accepts `en`, `zh`, and regional forms such as `zh-CN` or `en-GB`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// A human-readable text: one string for every language, or one per language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Plain(SharedStr),
    Localized(Translations),
}

/// A text's versions by language tag, in tag order, each tag once, packed into one
/// string: each version as `<tag length>:<tag><text length>:<text>` (lengths in bytes,
/// in decimal). One allocation per text: a list of (tag, text) pairs took five (the list
/// and four strings), and at 10,000 doctors those were about a quarter of the dataset
/// in the browser (45 → 34 MB). Before the list, a `BTreeMap`, whose smallest node has
/// room for eleven entries: 86 MB of heap natively at 10,000 doctors, 37 MB with lists.
/// Shared: the records of a large hospital repeat the same specialties and conditions.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Translations(SharedStr);

impl Translations {
    pub fn new() -> Translations {
        Translations::default()
    }

    pub fn get(&self, tag: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == tag).map(|(_, v)| v)
    }

    /// Sets the version in `tag`; the one it replaces, if any.
    pub fn insert(&mut self, tag: String, text: String) -> Option<String> {
        let mut pairs: Vec<(&str, &str)> = self.iter().collect();
        let replaced = match pairs.binary_search_by(|(k, _)| (*k).cmp(tag.as_str())) {
            Ok(at) => Some(std::mem::replace(&mut pairs[at].1, &text).to_string()),
            Err(at) => {
                pairs.insert(at, (&tag, &text));
                None
            }
        };
        let packed = pack(&pairs);
        self.0 = packed.into();
        replaced
    }

    /// The versions in tag order.
    pub fn iter(&self) -> Versions<'_> {
        Versions {
            rest: self.0.as_str(),
        }
    }

    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The versions `pairs` gives, packed in `scratch` (kept from text to text) and then
    /// copied into an allocation of their exact size: one allocation a text, where
    /// collecting them takes four, three of them let go at once.
    pub fn packed_in(pairs: &[(&str, &str)], scratch: &mut String) -> Translations {
        // Each tag once, in order, as compiled records and most datasets give them.
        if !pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            return pairs.iter().copied().collect();
        }
        scratch.clear();
        pack_into(scratch, pairs);
        Translations(SharedStr::from(scratch.as_str()))
    }

    /// The versions as one string, shared by every copy of this text.
    pub fn packed(&self) -> &SharedStr {
        &self.0
    }
}

/// The packed form of `pairs`, in their order, sized exactly.
fn pack(pairs: &[(&str, &str)]) -> String {
    let digits = |n: usize| n.checked_ilog10().unwrap_or(0) as usize + 1;
    let len = pairs
        .iter()
        .flat_map(|(tag, text)| [tag.len(), text.len()])
        .map(|n| digits(n) + 1 + n)
        .sum();
    let mut out = String::with_capacity(len);
    pack_into(&mut out, pairs);
    out
}

fn pack_into(out: &mut String, pairs: &[(&str, &str)]) {
    for (tag, text) in pairs {
        for part in [tag, text] {
            push_decimal(out, part.len());
            out.push(':');
            out.push_str(part);
        }
    }
}

/// `n` in decimal, without the formatting machinery: packing every text of a large
/// dataset spent a tenth of its time in `Display`.
fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// Which of a text's versions, by language tag, a reader of `lang` gets: the one in `lang`,
/// else in the other UI language, else the first with content. [`Text::get`] chooses so,
/// and so does a body parsed at build time (`markdown::ParsedBody::get`).
pub fn choose_version<'a, T>(
    versions: impl Iterator<Item = (&'a str, T)> + Clone,
    lang: Lang,
    has_content: impl Fn(&T) -> bool,
) -> Option<(&'a str, T)> {
    let pick = |l: Lang| {
        (versions.clone()).find(|(tag, version)| *tag == l.code() && has_content(version))
    };
    pick(lang)
        .or_else(|| pick(lang.other()))
        .or_else(|| versions.clone().find(|(_, version)| has_content(version)))
}

/// The (tag, text) pairs of a [`Translations`].
#[derive(Clone)]
pub struct Versions<'a> {
    rest: &'a str,
}

impl<'a> Versions<'a> {
    /// The next length-prefixed part. The packing is private and always well formed;
    /// were it not, the versions would end there, never panic.
    fn part(&mut self) -> Option<&'a str> {
        let (len, rest) = self.rest.split_once(':')?;
        let len: usize = len.parse().ok()?;
        let part = rest.get(..len)?;
        self.rest = rest.get(len..)?;
        Some(part)
    }
}

impl<'a> Iterator for Versions<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let tag = self.part()?;
        let text = self.part()?;
        Some((tag, text))
    }
}

impl fmt::Debug for Translations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Translations {
    /// As a map collects: a tag given twice keeps its last text.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Translations {
        let mut pairs: Vec<(K, V)> = pairs.into_iter().collect();
        // Stable: of a tag's texts, the last given is the last of its run. Compiled
        // records and most datasets give them in order already.
        if !pairs.windows(2).all(|w| w[0].0.as_ref() <= w[1].0.as_ref()) {
            crate::sort::sort_by(&mut pairs, |a, b| a.0.as_ref().cmp(b.0.as_ref()));
        }
        let mut kept: Vec<(&str, &str)> = Vec::with_capacity(pairs.len());
        for (tag, text) in &pairs {
            match kept.last_mut() {
                Some(last) if last.0 == tag.as_ref() => last.1 = text.as_ref(),
                _ => kept.push((tag.as_ref(), text.as_ref())),
            }
        }
        Translations(pack(&kept).into())
    }
}

impl Serialize for Translations {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Translations {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Translations, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(map.into_iter().collect())
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(SharedStr::default())
    }
}

/// Text chosen for a language, with the language it is actually in
/// (`None` for a plain string, whose language is unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    pub lang: Option<Lang>,
}

impl Localized<'_> {
    /// True when the text is known to be in another language than `wanted`,
    /// so the view must mark it with its own `lang` attribute.
    pub fn is_foreign_to(&self, wanted: Lang) -> bool {
        matches!(self.lang, Some(l) if l != wanted)
    }
}

impl Text {
    pub fn plain(s: impl Into<String>) -> Text {
        Text::Plain(SharedStr::from(s.into()))
    }

    pub fn bilingual(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text::Localized(
            [("en".to_string(), en.into()), ("zh".to_string(), zh.into())]
                .into_iter()
                .collect(),
        )
    }

    /// The text in `lang`, else in the other UI language, else any non-empty one.
    pub fn get(&self, lang: Lang) -> Localized<'_> {
        match self {
            Text::Plain(s) => Localized {
                text: s,
                lang: None,
            },
            Text::Localized(map) => choose_version(map.iter(), lang, |s| !s.trim().is_empty())
                .map(|(tag, text)| Localized {
                    text,
                    lang: Lang::from_tag(tag),
                })
                .unwrap_or(Localized {
                    text: "",
                    lang: None,
                }),
        }
    }

    /// The text only if it exists in exactly this language.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match self {
            Text::Plain(_) => None,
            Text::Localized(map) => map.get(lang.code()).filter(|s| !s.is_empty()),
        }
    }

    /// Every version of the text, for search indexing.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        let v: Vec<&str> = match self {
            Text::Plain(s) => vec![s.as_str()],
            Text::Localized(map) => map.values().collect(),
        };
        v.into_iter()
    }

    pub fn is_blank(&self) -> bool {
        self.all().all(|s| s.trim().is_empty())
    }

    /// Makes this text the copy `held` has of it (see [`SharedStrs`]).
    pub fn share(&mut self, held: &mut SharedStrs) {
        match self {
            Text::Plain(s) => held.share(s),
            Text::Localized(Translations(s)) => held.share(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_other_language() {
        let mut map = Translations::new();
        map.insert("zh".to_string(), "心内科".to_string());
        let t = Text::Localized(map);
        let got = t.get(Lang::En);
        assert_eq!(got.text, "心内科");
        assert_eq!(got.lang, Some(Lang::Zh));
        assert!(got.is_foreign_to(Lang::En));
    }

    #[test]
    fn versions_pack_into_one_string_and_read_back_as_a_map_would() {
        let mut t = Translations::new();
        assert!(t.is_empty());
        assert_eq!(t.insert("zh".into(), "门诊 8:00–12:00".into()), None);
        assert_eq!(t.insert("en".into(), "12: clinic: 3:4".into()), None);
        assert_eq!(
            t.insert("en".into(), "".into()),
            Some("12: clinic: 3:4".into())
        );
        assert_eq!(t.get("en"), Some(""));
        assert_eq!(t.get("zh"), Some("门诊 8:00–12:00"));
        assert_eq!(t.get("fr"), None);
        assert_eq!(t.len(), 2);
        let tags: Vec<&str> = t.iter().map(|(k, _)| k).collect();
        assert_eq!(tags, ["en", "zh"]);
        assert_eq!(format!("{t:?}"), r#"{"en": "", "zh": "门诊 8:00–12:00"}"#);
    }

    proptest::proptest! {
        #[test]
        fn any_versions_read_back_as_a_map_of_them(
            pairs in proptest::collection::vec(("[a-z0-9:-]{0,6}", "\\PC{0,12}"), 0..6)
        ) {
            let packed: Translations = pairs.iter().cloned().collect();
            let map: BTreeMap<String, String> = pairs.iter().cloned().collect();
            let read: Vec<(String, String)> =
                packed.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            let want: Vec<(String, String)> = map.clone().into_iter().collect();
            proptest::prop_assert_eq!(read, want);
            let mut inserted = Translations::new();
            for (k, v) in &pairs {
                inserted.insert(k.clone(), v.clone());
            }
            proptest::prop_assert_eq!(&inserted, &packed);
            for (k, v) in &map {
                proptest::prop_assert_eq!(packed.get(k), Some(v.as_str()));
            }
        }
    }

    #[test]
    fn plain_text_has_no_language() {
        let t = Text::plain("Ward 5");
        assert_eq!(t.get(Lang::Zh).text, "Ward 5");
        assert!(!t.get(Lang::Zh).is_foreign_to(Lang::Zh));
    }

    #[test]
    fn language_tags_with_regions() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
