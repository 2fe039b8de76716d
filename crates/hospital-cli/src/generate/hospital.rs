//! The generated hospital itself: name, campuses, departments, news categories.

use super::departments::{Bi, DEPARTMENTS};
use serde_json::{json, Value};

pub fn bi(text: Bi) -> Value {
    json!({ "en": text.0, "zh": text.1 })
}

pub struct CampusInfo {
    pub id: &'static str,
    pub name: Bi,
    pub address: Bi,
}

pub const CAMPUSES: [CampusInfo; 3] = [
    CampusInfo {
        id: "main",
        name: ("Main Campus", "总院"),
        address: ("1 Example Road, Demo City", "示例市示例路1号"),
    },
    CampusInfo {
        id: "east",
        name: ("East Campus", "东院"),
        address: ("200 Sample Avenue, Demo City", "示例市样本大道200号"),
    },
    CampusInfo {
        id: "west",
        name: ("West Campus", "西院"),
        address: ("35 Placeholder Lane, Demo City", "示例市占位巷35号"),
    },
];

pub const CATEGORIES: [(&str, Bi); 6] = [
    ("news", ("Hospital news", "医院新闻")),
    ("research", ("Research", "科研进展")),
    ("partnerships", ("Partnerships", "合作交流")),
    ("health-tips", ("Health tips", "健康科普")),
    ("events", ("Events", "活动预告")),
    ("announcements", ("Announcements", "通知公告")),
];

pub fn hospital() -> Value {
    json!({
        "name": bi(("Synthetic General Hospital", "合成综合医院")),
        "description": bi((
            "Generated test data for hospital-site: every person, clinic and event in it is invented.",
            "hospital-site 的生成测试数据，其中的人物、门诊和活动均为虚构。",
        )),
        "address": bi(CAMPUSES[0].address),
        "phone": "+86 21 5550 0000",
        "website": "https://hospital.example.org",
        "campuses": CAMPUSES.iter().map(|c| json!({
            "id": c.id,
            "name": bi(c.name),
            "address": bi(c.address),
        })).collect::<Vec<_>>(),
    })
}

pub fn categories() -> Value {
    CATEGORIES
        .iter()
        .map(|(id, name)| json!({ "id": id, "name": bi(*name) }))
        .collect()
}

/// Campus ids of the department at `index`: every department is at the main
/// campus, a third of them also in the east, a third also in the west; the
/// emergency department is everywhere.
pub fn department_campuses(index: usize) -> Vec<&'static str> {
    let dept = &DEPARTMENTS[index];
    if dept.id == "emergency" {
        return CAMPUSES.iter().map(|c| c.id).collect();
    }
    match index % 3 {
        1 => vec!["main", "east"],
        2 => vec!["main", "west"],
        _ => vec!["main"],
    }
}

pub fn department_phone(index: usize) -> String {
    format!("+86 21 5550 {:04}", 1000 + index * 10)
}

pub fn departments() -> Value {
    DEPARTMENTS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            json!({
                "id": d.id,
                "name": bi(d.name),
                "description": bi(d.description),
                "campuses": department_campuses(i),
                "phone": department_phone(i),
                "keywords": d.keywords.iter().map(|k| bi(*k)).collect::<Vec<_>>(),
            })
        })
        .collect()
}
