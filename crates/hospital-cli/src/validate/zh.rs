//! `validate --lang zh`: the loader's messages in Chinese.
//!
//! The loader (in hospital-core, which ships in the browser) writes its messages in
//! English only, so that the wasm carries no second catalogue. Here each message is
//! matched against the English form it was written from (`{}` marks a value) and
//! written again from the Chinese form (`{0}`, `{1}`... are the values, in order).
//! A message without a Chinese form is printed in English; the tests run a corpus of
//! broken datasets and fail when one is left untranslated.

use hospital_core::validate::{Problem, Severity};

/// English form, Chinese form.
const CATALOGUE: &[(&str, &str)] = &[
    // Types and presence.
    ("expected an object, found {}", "应为对象，实际是{0}"),
    ("expected an array, found {}", "应为数组，实际是{0}"),
    ("expected a string, found {}", "应为字符串，实际是{0}"),
    ("expected true or false, found {}", "应为 true 或 false，实际是{0}"),
    (
        "expected a string or a map of languages to strings, found {}",
        "应为字符串，或语言到字符串的映射，实际是{0}",
    ),
    ("expected the number {}, found {}", "应为数字 {0}，实际是{1}"),
    ("this field is required (an array)", "此字段必填（数组）"),
    ("this field is required (a string)", "此字段必填（字符串）"),
    ("this field is required (a text)", "此字段必填（文本）"),
    ("this field is required (an object)", "此字段必填（对象）"),
    ("this field is required (the number {})", "此字段必填（数字 {0}）"),
    (
        "this field is required (the emergency department's telephone number)",
        "此字段必填（急诊电话）",
    ),
    (
        "this field is required (Markdown text), or give \"body_src\"",
        "此字段必填（Markdown 文本），或改用 \"body_src\"",
    ),
    (
        "this field is required: describe the image, or use \"\" if it is decorative",
        "此字段必填：请描述图片内容；纯装饰图片可写 \"\"",
    ),
    ("must not be empty in every language", "不能在所有语言中都为空"),
    ("must not be empty", "不能为空"),
    ("unknown field \"{}\" is ignored", "未知字段 \"{0}\"，已忽略"),
    (
        "\"{}\" is not a language code (use \"en\" or \"zh\")",
        "\"{0}\" 不是语言代码（请用 \"en\" 或 \"zh\"）",
    ),
    (
        "schema version {} is not supported; this build reads version {}",
        "不支持格式版本 {0}；本程序读取版本 {1}",
    ),
    // Values.
    (
        "\"{}\" may use only letters, digits, '-' and '_' (it becomes part of a URL)",
        "\"{0}\" 只能包含字母、数字、'-' 和 '_'（它会成为网址的一部分）",
    ),
    ("\"{}\" is not one of: {} (or 男, 女, M, F)", "\"{0}\" 不是以下之一：{1}（或 男、女、M、F）"),
    ("\"{}\" is not one of: {}", "\"{0}\" 不是以下之一：{1}"),
    ("\"{}\" is not a date of the form YYYY-MM-DD", "\"{0}\" 不是 YYYY-MM-DD 格式的日期"),
    (
        "\"{}\" is not an http(s) URL, so it is left out (no link is shown)",
        "\"{0}\" 不是 http(s) 网址，已略去（不显示链接）",
    ),
    ("\"{}\" is not an http(s) URL", "\"{0}\" 不是 http(s) 网址"),
    ("\"{}\" must be an http(s) or relative URL", "\"{0}\" 必须是 http(s) 网址或相对网址"),
    (
        "\"{}\" is not a telephone number: \"{}\" is not one (write digits with spaces, - ( ) or +, an extension after 转 or ext, and two numbers apart with / or ;)",
        "\"{0}\" 不是电话号码：\"{1}\" 不是号码（号码由数字和空格、- ( ) + 组成，分机号写在 转 或 ext 之后，两个号码之间用 / 或 ; 分隔）",
    ),
    (
        "\"{}\" is not a telephone number (write digits with spaces, - ( ) or +, an extension after 转 or ext, and two numbers apart with / or ;)",
        "\"{0}\" 不是电话号码（号码由数字和空格、- ( ) + 组成，分机号写在 转 或 ext 之后，两个号码之间用 / 或 ; 分隔）",
    ),
    (
        "\"{}\" means there is no number, so none is shown; leave the field out instead",
        "\"{0}\" 表示没有号码，因此不显示；请直接省略此字段",
    ),
    (
        "\"{}\" does not look like an IANA time zone name such as \"Asia/Shanghai\" or \"Europe/London\"; the site uses {}",
        "\"{0}\" 不像 IANA 时区名称（如 \"Asia/Shanghai\"、\"Europe/London\"）；网站将使用 {1}",
    ),
    // Ranks.
    (
        "\"{}\" is not a rank the site knows, so it is shown as written and sorted after the known ranks; a rank is written as its key (chief_physician), its Chinese name (主任医师) or its English name (Chief Physician), listed in docs/dataset.md",
        "\"{0}\" 不是已知职称，将按原文显示并排在已知职称之后；职称可写关键字（chief_physician）、中文名（主任医师）或英文名（Chief Physician），见 docs/dataset.md",
    ),
    (
        "\"{}\" is an academic title, not a clinical rank, so it is shown as written and sorted after the known ranks; give the rank here (主任医师, chief_physician) and the academic title in \"academic_title\"",
        "\"{0}\" 是学术职称而非临床职称，将按原文显示并排在已知职称之后；请在此写临床职称（主任医师、chief_physician），学术职称写在 \"academic_title\"",
    ),
    (
        "\"{}\" is not a rank or an academic title, so the title shows {} only (put other positions in the biography)",
        "\"{0}\" 不是职称或学术职称，职称处只显示 {1}（其他职务请写入简介）",
    ),
    (
        "\"{}\" is too long for a title ({} characters; at most {}): give the rank, such as 主任医师 or chief_physician, and put the rest in the biography",
        "\"{0}\" 作为职称太长（{1} 个字符，最多 {2} 个）：请只写职称，如 主任医师 或 chief_physician，其余写入简介",
    ),
    (
        "\"{}\" is not an academic title, so it is left out; accepted: {}",
        "\"{0}\" 不是学术职称，已略去；可用：{1}",
    ),
    // Records and references.
    (
        "this doctor belongs to no department, so the site lists them under \"Other\"",
        "这位医生不属于任何科室，网站将其列在“其他”之下",
    ),
    (
        "this {} has a Chinese name and no English one, so English readers see the Chinese: write the name as { \"zh\": ..., \"en\": ... }",
        "这个{0}只有中文名、没有英文名，英文读者将看到中文：请把名称写成 { \"zh\": ..., \"en\": ... }",
    ),
    (
        "no id, so the site uses \"{}\"; run `hospital-data prepare` to write it into the file, so that the address stays the same when the list changes",
        "没有 id，网站使用 \"{0}\"；请运行 `hospital-data prepare` 把它写入文件，以免名单变动时网址改变",
    ),
    (
        "duplicate {} \"{}\", first used by {}",
        "{0} \"{1}\" 重复，首次出现在 {2}",
    ),
    ("no campus has the id \"{}\"", "没有 id 为 \"{0}\" 的院区"),
    ("no category has the id \"{}\"", "没有 id 为 \"{0}\" 的栏目"),
    (
        "no department has the id \"{}\", nor that name",
        "没有 id 或名称为 \"{0}\" 的科室",
    ),
    ("no doctor has the id \"{}\"", "没有 id 为 \"{0}\" 的医生"),
    ("no doctor belongs to department \"{}\"", "科室 \"{0}\" 没有医生"),
    ("this doctor has no outpatient sessions", "这位医生没有门诊安排"),
    (
        "a doctor cannot hold two sessions at once: {} {} is already schedule[{}]",
        "同一时段不能有两次出诊：{0} {1} 已是 schedule[{2}]",
    ),
    (
        "no pinyin: run `hospital-data prepare` so patients can search by pinyin",
        "缺少拼音：请运行 `hospital-data prepare`，以便患者用拼音搜索",
    ),
    (
        "give either \"body\" or \"body_src\", not both",
        "\"body\" 和 \"body_src\" 只能给一个",
    ),
    // The file.
    ("the article body file is empty", "正文文件为空"),
    ("the article body \"{}\" is not UTF-8 text", "正文文件 \"{0}\" 不是 UTF-8 文本"),
    ("cannot read the article body \"{}\" ({}): {}", "无法读取正文文件 \"{0}\"（{1}）：{2}"),
    ("the file is not UTF-8 text (save it as UTF-8)", "文件不是 UTF-8 文本（请另存为 UTF-8）"),
    ("the file is not UTF-8 text", "文件不是 UTF-8 文本"),
    ("the file is not valid JSON: {}", "文件不是有效的 JSON：{0}"),
    (
        "the file nests arrays or objects more than 128 levels deep, which no dataset does",
        "文件中数组或对象嵌套超过 128 层，数据集不会这样",
    ),
];

/// The words the English messages put inside: kinds of JSON value, and what a
/// duplicate is.
const WORDS: &[(&str, &str)] = &[
    ("null", "null"),
    ("a boolean", "布尔值"),
    ("a number", "数字"),
    ("a string", "字符串"),
    ("an array", "数组"),
    ("an object", "对象"),
    ("campus id", "院区 id"),
    ("category id", "栏目 id"),
    ("department id", "科室 id"),
    ("article slug", "文章 slug"),
    ("doctor", "医生"),
    ("department", "科室"),
];

/// The values a message was written with, if it was written from `form`.
fn captures<'m>(form: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let literals: Vec<&str> = form.split("{}").collect();
    let (first, rest) = literals.split_first()?;
    let mut left = message.strip_prefix(first)?;
    let mut values = Vec::new();
    for (i, lit) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let at = if last {
            if lit.is_empty() {
                Some(left.len())
            } else {
                left.strip_suffix(lit).map(str::len)
            }
        } else if lit.is_empty() {
            return None;
        } else {
            left.find(lit)
        }?;
        values.push(&left[..at]);
        left = &left[at + lit.len()..];
    }
    left.is_empty().then_some(values)
}

/// The message in Chinese; `None` when the catalogue lacks its form.
pub fn message(english: &str) -> Option<String> {
    CATALOGUE.iter().find_map(|(en, zh)| {
        let values = captures(en, english)?;
        let mut out = (*zh).to_string();
        for (i, v) in values.iter().enumerate() {
            let word = WORDS.iter().find(|(e, _)| e == v).map_or(*v, |(_, z)| *z);
            out = out.replace(&format!("{{{i}}}"), word);
        }
        Some(out)
    })
}

/// One problem on one line, in Chinese: `错误 位于 doctors[1] (李娜, li-na).title：……`.
pub fn line(p: &Problem) -> String {
    let kind = match p.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
    };
    let mut out = kind.to_string();
    if let (Some(l), Some(c)) = (p.line, p.column) {
        out.push_str(&format!(" 位于第 {l} 行第 {c} 列"));
    }
    if !p.path.is_empty() {
        out.push_str(&format!(" 位于 {}", p.named_path()));
    }
    out.push('：');
    out.push_str(&message(&p.message).unwrap_or_else(|| p.message.clone()));
    if let Some(s) = &p.suggestion {
        out.push_str(&format!("（是否应为 \"{s}\"？）"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_carried_into_the_chinese_form() {
        assert_eq!(
            message("\"someday\" is not one of: mon, tue, wed").as_deref(),
            Some("\"someday\" 不是以下之一：mon, tue, wed")
        );
        assert_eq!(
            message("expected an object, found a string").as_deref(),
            Some("应为对象，实际是字符串")
        );
        assert_eq!(
            message("duplicate campus id \"main\", first used by hospital.campuses[0]").as_deref(),
            Some("院区 id \"main\" 重复，首次出现在 hospital.campuses[0]")
        );
        assert_eq!(message("something new"), None);
    }

    #[test]
    fn the_longer_form_wins_where_one_extends_another() {
        assert_eq!(
            message("\"x\" is not one of: female, male, other (or 男, 女, M, F)").as_deref(),
            Some("\"x\" 不是以下之一：female, male, other（或 男、女、M、F）")
        );
    }

    /// Every message the loader writes for a corpus of broken datasets, one mutation
    /// per kind of mistake, has its Chinese form.
    #[test]
    fn every_message_of_a_broken_corpus_is_translated() {
        use serde_json::json;
        let base = json!({
            "schema": 1,
            "hospital": { "name": { "en": "H", "zh": "医院" },
                "campuses": [{ "id": "main", "name": "Main" }, { "id": "main", "name": "Again" }],
                "timezone": "Beijing", "phone": "无",
                "emergency": { "hours": "", "campus": "west", "x": 1 } },
            "categories": [{ "id": "news", "name": "News" }, { "id": "news", "name": "" }],
            "departments": [
                { "id": "cardiology", "name": { "en": "Cardiology", "english": "x" },
                  "campuses": ["west"], "phone": "call us" },
                { "id": "bad id", "name": "Empty", "phone": "0931-1234567 / desk" },
                { "name": "皮肤科" }
            ],
            "doctors": [
                { "id": "a", "name": { "zh": "张三" }, "title": "主任医生",
                  "academic_title": "lecturer", "departments": ["cardiolgy"], "gender": "x",
                  "photo": { "src": "javascript:x" }, "verified": "2025-02-30",
                  "booking": { "url": "ftp://x", "phone": "-" },
                  "schedule": [
                      { "weekday": "teu", "session": "morning", "clinic": "expert" },
                      { "weekday": "mon", "session": "morning", "clinic": "expert", "campus": "west" },
                      { "weekday": "mon", "session": "morning", "clinic": "general" }
                  ] },
                { "id": "a", "name": "B", "title": "教授", "departments": [], "languages": [""] },
                { "id": "c", "name": "C", "title": "主任医师，博士生导师", "departments": ["cardiology"],
                  "accepting_new_patients": "yes", "specialties": "x" },
                { "id": "d", "name": "D", "title": "t".repeat(80), "departments": ["cardiology"] },
                { "name": "无名", "title": "nurse" },
                "not a doctor"
            ],
            "articles": [
                { "slug": "s", "title": "T", "date": "2026-01-01", "category": "newz",
                  "body": "b", "body_src": "x.md", "doctors": ["zz"], "departments": ["neuro"] },
                { "slug": "s", "title": "T", "date": "x", "category": "news" },
                { "slug": "u", "title": "T", "date": "2026-01-01", "category": "news",
                  "body_src": "javascript:x", "cover": { "src": "a.svg", "alt": 3 },
                  "source_url": "nope" }
            ],
            "colour": "blue",
            "sample": "yes"
        });
        let mut texts = vec![base.to_string()];
        texts.push(json!({ "schema": 2 }).to_string());
        texts.push(
            json!({ "schema": "1", "hospital": 1, "departments": {}, "doctors": 1 }).to_string(),
        );
        texts.push("{ \"schema\": 1, ".to_string());
        texts.push("[".repeat(200));
        let mut untranslated = Vec::new();
        let mut seen = 0;
        for text in &texts {
            let problems = hospital_core::validate::load(text)
                .err()
                .unwrap_or_default();
            for p in problems {
                seen += 1;
                if message(&p.message).is_none() {
                    untranslated.push(p.message);
                }
            }
        }
        assert!(seen > 40, "only {seen} problems in the corpus");
        assert!(
            untranslated.is_empty(),
            "no Chinese form for:\n{}",
            untranslated.join("\n")
        );
    }
}
