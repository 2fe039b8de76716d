//! Telephone fields and made-up ids on any input: never a panic, links that are only
//! `tel:` and digits, ids that are URL-safe and unique.

use hospital_core::phone::{check, split, Checked};
use hospital_core::validate::ids::{slug_from_name, slug_from_pinyin, IdMaker};
use proptest::prelude::*;
use std::collections::HashSet;

/// Text that looks like what staff lists hold in a phone column.
fn phoneish() -> impl Strategy<Value = String> {
    "[0-9０-９ ()（）+\\-/;；、,，转分机extX#无N/Aa-z]{0,40}"
}

fn is_url_safe(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn phone_links_are_tel_and_digits(field in phoneish()) {
        let numbers = split(&field);
        for n in &numbers {
            let rest = n.href.strip_prefix("tel:").unwrap_or_else(|| panic!("{}", n.href));
            let (main, ext) = rest.split_once(";ext=").unwrap_or((rest, ""));
            let main = main.strip_prefix('+').unwrap_or(main);
            prop_assert!(main.len() >= 3 && main.bytes().all(|b| b.is_ascii_digit()), "{}", n.href);
            prop_assert!(ext.bytes().all(|b| b.is_ascii_digit()), "{}", n.href);
            prop_assert!(field.contains(n.text), "{:?} not in {field:?}", n.text);
        }
        // The loader's answer and the views' split agree.
        match check(&field) {
            Checked::Numbers(k) => prop_assert_eq!(k, numbers.len()),
            Checked::None | Checked::NotANumber(_) => prop_assert!(numbers.is_empty()),
        }
    }

    #[test]
    fn any_text_gives_a_phone_answer(field in "\\PC{0,60}") {
        let _ = split(&field);
        let _ = check(&field);
    }

    #[test]
    fn made_up_ids_are_url_safe_and_unique(
        written in prop::collection::vec("[a-z]{1,4}(-[0-9])?", 0..6),
        names in prop::collection::vec("\\PC{0,20}", 0..12),
    ) {
        let mut maker = IdMaker::new(written.iter().map(String::as_str));
        let mut seen: HashSet<String> = written.iter().cloned().collect();
        for (i, name) in names.iter().enumerate() {
            let base = slug_from_pinyin(name).or_else(|| slug_from_name(name));
            let id = maker.make(base, &format!("doctor-{}", i + 1));
            prop_assert!(is_url_safe(&id), "{id:?} from {name:?}");
            prop_assert!(seen.insert(id.clone()), "{id} handed out twice");
        }
    }
}
