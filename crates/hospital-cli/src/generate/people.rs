//! Realistic Chinese names: common surnames (most common first) and given-name
//! characters, chosen so that each has one usual reading.

use super::rng::Rng;
use crate::names::{english_name, pinyin_of, romanize};

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴",
    "莫", "孔", "向", "汤", "欧阳", "司马", "上官",
];

const FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "琳", "颖", "慧", "洁", "玲", "倩",
    "晶", "萍", "燕", "红", "梅", "欣", "怡", "佳", "雯", "璐", "瑶", "蕾", "薇", "岚", "悦", "婧",
    "菲", "琪", "丹", "妍",
];

const MALE: &[&str] = &[
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞",
    "斌", "浩", "凯", "宇", "俊", "峰", "波", "鑫", "毅", "博", "昊", "晨", "旭", "东", "志", "健",
    "亮", "楠",
];

/// First characters of two-character given names, used for either gender.
const FIRST: &[&str] = &[
    "晓", "建", "文", "海", "春", "国", "子", "思", "嘉", "雨", "一", "宏", "立", "天", "家", "梓",
    "欣", "静", "永", "秀", "明", "新", "云",
];

pub struct Person {
    pub zh: String,
    pub en: String,
    pub pinyin: String,
    /// URL-safe, surname first: "zhang-wei".
    pub slug: String,
    pub female: bool,
}

pub fn person(rng: &mut Rng) -> Person {
    let female = rng.chance(50);
    let surname = *rng.pick_skewed(SURNAMES);
    let pool = if female { FEMALE } else { MALE };
    let given = if rng.chance(25) {
        rng.pick(pool).to_string()
    } else {
        format!("{}{}", rng.pick(FIRST), rng.pick(pool))
    };
    let zh = format!("{surname}{given}");
    let slug = format!(
        "{}-{}",
        romanize(surname, true).to_lowercase(),
        romanize(&given, false).to_lowercase()
    );
    Person {
        en: english_name(surname, &given),
        pinyin: pinyin_of(&zh).unwrap_or_default(),
        zh,
        slug,
        female,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_has_a_reading() {
        for c in SURNAMES.iter().chain(FEMALE).chain(MALE).chain(FIRST) {
            assert!(pinyin_of(c).is_some(), "{c} has no pinyin");
        }
    }

    #[test]
    fn given_name_readings_carry_a_tone() {
        // A toneless first reading (子 is "zi" in 儿子) is the wrong one in a name.
        for c in FEMALE.iter().chain(MALE).chain(FIRST) {
            let reading = pinyin_of(c).unwrap_or_default();
            assert!(!reading.is_ascii(), "{c} reads as {reading}");
        }
    }

    #[test]
    fn slugs_are_ascii() {
        let mut rng = Rng::new(3);
        for _ in 0..500 {
            let p = person(&mut rng);
            assert!(
                p.slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                p.slug
            );
            assert_eq!(p.pinyin.split(' ').count(), p.zh.chars().count());
        }
    }
}
