//! Languages and the bilingual text fields of the dataset.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

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
    Plain(String),
    Localized(Translations),
}

/// A text's versions by language tag, in tag order, each tag once. A sorted list, not a
/// `BTreeMap`: a map's smallest node holds room for eleven entries, and most texts have
/// two. At 10,000 doctors the maps' nodes were about half of the dataset's memory
/// (`examples/dataset_memory.rs`: 86 MB of heap natively with maps, 37 MB with lists).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translations(Vec<(String, String)>);

impl Translations {
    pub fn new() -> Translations {
        Translations(Vec::new())
    }

    pub fn get(&self, tag: &str) -> Option<&String> {
        let at = self.0.binary_search_by(|(k, _)| k.as_str().cmp(tag)).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    /// Sets the version in `tag`; the one it replaces, if any.
    pub fn insert(&mut self, tag: String, text: String) -> Option<String> {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&tag)) {
            Ok(at) => self.0.get_mut(at).map(|(_, v)| std::mem::replace(v, text)),
            Err(at) => {
                // Room for exactly one more: a text's list never carries spare room.
                self.0.reserve_exact(1);
                self.0.insert(at, (tag, text));
                None
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, String)> for Translations {
    /// As a map collects: a tag given twice keeps its last text.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Translations {
        let mut out = Translations::new();
        for (tag, text) in pairs {
            out.insert(tag, text);
        }
        out
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
        Text::Plain(String::new())
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
        Text::Plain(s.into())
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
            Text::Localized(map) => {
                let pick = |l: Lang| {
                    map.get(l.code())
                        .filter(|s| !s.trim().is_empty())
                        .map(|s| Localized {
                            text: s,
                            lang: Some(l),
                        })
                };
                pick(lang)
                    .or_else(|| pick(lang.other()))
                    .or_else(|| {
                        map.iter()
                            .find(|(_, s)| !s.trim().is_empty())
                            .map(|(k, s)| Localized {
                                text: s,
                                lang: Lang::from_tag(k),
                            })
                    })
                    .unwrap_or(Localized {
                        text: "",
                        lang: None,
                    })
            }
        }
    }

    /// The text only if it exists in exactly this language.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match self {
            Text::Plain(_) => None,
            Text::Localized(map) => map
                .get(lang.code())
                .map(String::as_str)
                .filter(|s| !s.is_empty()),
        }
    }

    /// Every version of the text, for search indexing.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        let v: Vec<&str> = match self {
            Text::Plain(s) => vec![s.as_str()],
            Text::Localized(map) => map.values().map(String::as_str).collect(),
        };
        v.into_iter()
    }

    pub fn is_blank(&self) -> bool {
        self.all().all(|s| s.trim().is_empty())
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
