//! Generated news articles: bilingual titles, summaries and Markdown bodies
//! built from templates, about the generated departments and doctors.

use super::calendar::{civil_from_days, days_from_civil, iso};
use super::departments::{Bi, Dept, DEPARTMENTS};
use super::hospital::{bi, department_campuses, department_phone, CAMPUSES};
use super::rng::Rng;
use crate::names::capitalised;
use serde_json::{json, Map, Value};

/// What an article needs to know about a generated doctor.
pub struct DoctorRef {
    pub id: String,
    pub name: Bi2,
}

/// An owned English and Chinese text.
pub type Bi2 = (String, String);

struct Template {
    category: &'static str,
    title: Bi,
    summary: Bi,
    intro: Bi,
    tags: &'static [&'static str],
    /// Timetable changes come with the new timetable.
    table: bool,
}

const TEMPLATES: &[Template] = &[
    Template {
        category: "news",
        title: ("{dept} opens a day-treatment unit", "{dept_zh}日间治疗单元正式启用"),
        summary: (
            "Patients with {cond} can now be treated and go home the same day.",
            "{cond_zh}患者现在可以当天治疗、当天回家。",
        ),
        intro: (
            "{dept} has opened a day-treatment unit at the {campus}, so that more patients can be treated without staying overnight.",
            "{dept_zh}在{campus_zh}启用日间治疗单元，更多患者无需住院过夜即可完成治疗。",
        ),
        tags: &["day-care"],
        table: false,
    },
    Template {
        category: "news",
        title: ("Evening clinics extended at {dept}", "{dept_zh}延长夜间门诊"),
        summary: (
            "Working patients can now be seen after office hours on weekdays.",
            "上班族工作日下班后也能就诊。",
        ),
        intro: (
            "From this month, {dept} keeps its clinic open until 8 pm from Monday to Thursday.",
            "自本月起，{dept_zh}周一至周四门诊延长至晚上8点。",
        ),
        tags: &["clinic-hours"],
        table: true,
    },
    Template {
        category: "news",
        title: ("{dept} team recognised for patient safety", "{dept_zh}团队获评患者安全优秀团队"),
        summary: (
            "An internal review praised the team's checklists and handovers.",
            "院内评审肯定了该团队的核查清单与交接班制度。",
        ),
        intro: (
            "The {dept} team received this year's patient-safety award for its work on checklists, handovers and clear discharge advice.",
            "{dept_zh}团队凭借在核查清单、交接班和出院指导方面的工作，获得本年度患者安全奖。",
        ),
        tags: &["patient-safety", "award"],
        table: false,
    },
    Template {
        category: "research",
        title: ("{dept} study sheds light on {cond}", "{dept_zh}研究为{cond_zh}诊治提供新依据"),
        summary: (
            "A follow-up of local patients suggests simple changes that improve outcomes.",
            "一项针对本地患者的随访研究提出了改善预后的简单措施。",
        ),
        intro: (
            "Researchers in {dept} followed several hundred patients with {cond} for three years and have now published their findings.",
            "{dept_zh}研究团队对数百名{cond_zh}患者进行了三年随访，近日发表了研究结果。",
        ),
        tags: &["study"],
        table: false,
    },
    Template {
        category: "research",
        title: ("Volunteers sought for a {cond} study", "{cond_zh}临床研究招募志愿者"),
        summary: (
            "{dept} is recruiting adults for a study of {spec}.",
            "{dept_zh}正在招募成人志愿者参与{spec_zh}相关研究。",
        ),
        intro: (
            "{dept} is looking for adult volunteers living with {cond} to take part in a study of {spec}.",
            "{dept_zh}现招募{cond_zh}成人患者，参与一项关于{spec_zh}的临床研究。",
        ),
        tags: &["clinical-trial", "volunteers"],
        table: false,
    },
    Template {
        category: "partnerships",
        title: (
            "{dept} works with community health centres on {cond}",
            "{dept_zh}携手社区卫生服务中心管理{cond_zh}",
        ),
        summary: (
            "Shared care plans let patients have routine checks with their local doctor.",
            "共享诊疗方案让患者在社区即可完成常规复查。",
        ),
        intro: (
            "{dept} has agreed shared care plans with five community health centres, so that people with {cond} can have routine checks close to home.",
            "{dept_zh}与五家社区卫生服务中心签订共管协议，{cond_zh}患者可在家门口完成常规复查。",
        ),
        tags: &["community"],
        table: false,
    },
    Template {
        category: "partnerships",
        title: ("Visiting experts exchange ideas on {spec}", "外院专家来访交流{spec_zh}"),
        summary: (
            "A two-day visit brought new ideas to {dept}.",
            "为期两天的交流为{dept_zh}带来新思路。",
        ),
        intro: (
            "A delegation from a partner hospital spent two days with {dept}, comparing approaches to {spec}.",
            "合作医院代表团在{dept_zh}进行了为期两天的交流，探讨{spec_zh}的经验与做法。",
        ),
        tags: &["exchange"],
        table: false,
    },
    Template {
        category: "health-tips",
        title: ("Five things to know about {cond}", "关于{cond_zh}，你需要知道的五件事"),
        summary: (
            "Clear answers to common questions, from causes to treatment.",
            "从病因到治疗，为常见问题提供清晰解答。",
        ),
        intro: (
            "Doctors in {dept} answer the questions patients ask most often about {cond}.",
            "{dept_zh}医生解答患者关于{cond_zh}最常问的问题。",
        ),
        tags: &["prevention"],
        table: false,
    },
    Template {
        category: "health-tips",
        title: ("When should you see a doctor about {cond}?", "{cond_zh}：什么时候该就医？"),
        summary: (
            "Early signs are easy to miss; here is what to watch for.",
            "早期信号容易被忽视，这里告诉您需要留意什么。",
        ),
        intro: (
            "Many people live with early signs of {cond} for months before asking for help. Here is when a visit to {dept} makes sense.",
            "很多人出现{cond_zh}的早期迹象后，往往拖延数月才就医。下面告诉您什么时候应该到{dept_zh}就诊。",
        ),
        tags: &["symptoms"],
        table: false,
    },
    Template {
        category: "events",
        title: ("Free {cond} screening day at the {campus}", "{campus_zh}举办{cond_zh}免费筛查日"),
        summary: (
            "No appointment needed; bring your previous results.",
            "无需预约，请携带既往检查结果。",
        ),
        intro: (
            "{dept} will hold a free screening day for {cond} at the {campus} later this month.",
            "{dept_zh}将于本月下旬在{campus_zh}举办{cond_zh}免费筛查活动。",
        ),
        tags: &["screening", "free"],
        table: false,
    },
    Template {
        category: "events",
        title: ("Public talk: understanding {spec}", "公益讲座：走近{spec_zh}"),
        summary: (
            "An evening talk with time for questions.",
            "晚间讲座，设有现场问答环节。",
        ),
        intro: (
            "Doctors from {dept} will give a free public talk on {spec}, followed by questions from the audience.",
            "{dept_zh}医生将举办{spec_zh}公益讲座，讲座后设有现场答疑。",
        ),
        tags: &["lecture"],
        table: false,
    },
    Template {
        category: "announcements",
        title: ("Changes to the {dept} clinic timetable", "{dept_zh}门诊时间调整通知"),
        summary: (
            "Some sessions move to new times from next month.",
            "自下月起部分门诊时段有所调整。",
        ),
        intro: (
            "Some {dept} clinic sessions will change from next month. Please check the timetable below before booking.",
            "自下月起，{dept_zh}部分门诊时段将作调整，预约前请查看下方时间表。",
        ),
        tags: &["timetable"],
        table: true,
    },
    Template {
        category: "announcements",
        title: ("Online booking opens for {dept}", "{dept_zh}开通线上预约"),
        summary: (
            "Appointments can now be made online up to two weeks ahead.",
            "现可提前两周在线预约。",
        ),
        intro: (
            "Patients can now book {dept} appointments online, up to two weeks ahead.",
            "患者现可在线预约{dept_zh}门诊，最多可提前两周预约。",
        ),
        tags: &["booking"],
        table: false,
    },
];

const POINTS: &[Bi] = &[
    (
        "Bring your previous test results and a list of your medicines.",
        "请携带既往检查结果和正在服用的药物清单。",
    ),
    (
        "Arrive fifteen minutes early to register.",
        "请提前十五分钟到达并完成登记。",
    ),
    (
        "Most appointments can be booked online up to two weeks ahead.",
        "大部分号源可提前两周在线预约。",
    ),
    (
        "Follow-up visits can often be held by video.",
        "部分复诊可通过视频问诊完成。",
    ),
    (
        "Ask your doctor for a written care plan.",
        "可向医生索取书面的诊疗计划。",
    ),
    (
        "Keep a symptom diary for a week before your visit.",
        "就诊前一周请记录症状日记。",
    ),
    (
        "If symptoms are sudden and severe, call 120 at once.",
        "如症状突然且严重，请立即拨打120。",
    ),
    (
        "Regular exercise, a balanced diet and good sleep help with most long-term conditions.",
        "规律运动、均衡饮食和充足睡眠有助于多数慢性病的控制。",
    ),
    (
        "Family members are welcome to join the consultation.",
        "欢迎家属陪同就诊。",
    ),
    (
        "An English interpreter is available on request.",
        "可应要求提供英语翻译服务。",
    ),
];

const QUOTES: &[Bi] = &[
    (
        "Small steps taken early make the biggest difference.",
        "越早迈出一小步，效果往往越好。",
    ),
    (
        "Good care starts with a good conversation.",
        "好的治疗从一次好的沟通开始。",
    ),
    (
        "We want every patient to leave knowing what comes next.",
        "我们希望每位患者离开诊室时都清楚下一步该怎么做。",
    ),
];

/// Cover pictures in `public/images/`, with their descriptions.
const IMAGES: &[(&str, Bi)] = &[
    (
        "heart",
        (
            "A red heart crossed by a pulse line",
            "一颗被心电波形穿过的红色心形",
        ),
    ),
    (
        "brain",
        (
            "A stylised brain in two soft colours",
            "以两种柔和颜色绘制的大脑图案",
        ),
    ),
    (
        "lungs",
        (
            "A pair of lungs drawn in flat colours",
            "用平面色块绘制的一对肺",
        ),
    ),
    (
        "tooth",
        (
            "A white tooth on a mint-green circle",
            "薄荷绿圆形背景上的一颗白色牙齿",
        ),
    ),
    ("eye", ("An eye with a blue iris", "一只蓝色虹膜的眼睛")),
    (
        "bone",
        ("A bone on a pale background", "浅色背景上的一根骨头"),
    ),
    (
        "ambulance",
        ("An ambulance seen from the side", "一辆救护车的侧面"),
    ),
    ("dna", ("A DNA double helix", "DNA双螺旋结构")),
    ("apple", ("A green apple with a leaf", "一个带叶子的青苹果")),
    ("leaf", ("Two green leaves on a stem", "枝条上的两片绿叶")),
    (
        "microscope",
        ("A laboratory microscope", "一台实验室显微镜"),
    ),
    (
        "partnership",
        (
            "Two linked rings in different colours",
            "两个颜色不同、相互套连的圆环",
        ),
    ),
    (
        "calendar",
        (
            "A calendar page with one day marked",
            "标记了某一天的日历页",
        ),
    ),
    (
        "stethoscope",
        (
            "A stethoscope on a light blue background",
            "浅蓝背景上的一副听诊器",
        ),
    ),
];

fn image_for(dept: &Dept, category: &str) -> &'static str {
    match category {
        "research" => return "microscope",
        "partnerships" => return "partnership",
        "events" => return "calendar",
        _ => {}
    }
    match dept.id {
        "cardiology" | "cardiac-surgery" => "heart",
        "neurology" | "neurosurgery" | "psychiatry" => "brain",
        "respiratory" | "thoracic-surgery" => "lungs",
        "stomatology" => "tooth",
        "ophthalmology" => "eye",
        "orthopedics" | "rehabilitation" => "bone",
        "emergency" => "ambulance",
        "oncology" | "hematology" => "dna",
        "nutrition" | "endocrinology" | "gastroenterology" => "apple",
        "traditional-chinese-medicine" => "leaf",
        _ => "stethoscope",
    }
}

/// The vocabulary one article is written with.
struct Vars {
    pairs: Vec<(&'static str, String)>,
}

impl Vars {
    fn new(dept: &Dept, cond: Bi, spec: Bi, campus: Bi) -> Vars {
        Vars {
            pairs: vec![
                ("{dept_zh}", dept.name.1.to_string()),
                ("{dept}", dept.name.0.to_string()),
                ("{cond_zh}", cond.1.to_string()),
                ("{Cond}", capitalised(cond.0)),
                ("{cond}", cond.0.to_string()),
                ("{spec_zh}", spec.1.to_string()),
                ("{spec}", spec.0.to_string()),
                ("{campus_zh}", campus.1.to_string()),
                ("{campus}", campus.0.to_string()),
            ],
        }
    }

    fn fill(&self, template: &str) -> String {
        let mut out = template.to_string();
        for (key, value) in &self.pairs {
            out = out.replace(key, value);
        }
        out
    }
}

/// "cardiology-opens-a-day-treatment-unit": lowercase ASCII words joined by '-'.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > 80 {
        let cut = slug[..80].rfind('-').unwrap_or(80);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug.push_str("article");
    }
    slug
}

/// One generated article: its JSON record without a body, and the body.
pub struct Draft {
    pub slug: String,
    /// ISO date, also in `record`: the feed is sorted by it.
    pub date: String,
    pub record: Map<String, Value>,
    pub body: Bi2,
}

pub fn article(rng: &mut Rng, doctors: &[DoctorRef], by_dept: &[Vec<usize>]) -> Draft {
    let t = rng.pick(TEMPLATES);
    let dept_index = rng.below(DEPARTMENTS.len());
    let dept = &DEPARTMENTS[dept_index];
    let cond = rng.pick(dept.conditions);
    let spec = rng.pick(dept.specialties);
    let campus_id = *rng.pick(&department_campuses(dept_index));
    let campus = CAMPUSES
        .iter()
        .find(|c| c.id == campus_id)
        .map_or(CAMPUSES[0].name, |c| c.name);
    let vars = Vars::new(dept, *cond, *spec, campus);
    let title = (vars.fill(t.title.0), vars.fill(t.title.1));

    let start = days_from_civil(2019, 1, 1);
    let end = days_from_civil(2026, 10, 31);
    let date = civil_from_days(start + rng.below((end - start + 1) as usize) as i64);

    // Doctors of the department first; any doctor when it has none.
    let pool: Vec<usize> = match by_dept.get(dept_index) {
        Some(ids) if !ids.is_empty() => ids.clone(),
        _ => (0..doctors.len()).collect(),
    };
    let related: Vec<&DoctorRef> = if pool.is_empty() || rng.chance(30) {
        Vec::new()
    } else {
        let k = rng.range(1, 2);
        rng.distinct(pool.len(), k)
            .into_iter()
            .map(|i| &doctors[pool[i]])
            .collect()
    };

    let mut tags: Vec<&str> = vec![dept.id];
    tags.extend(t.tags);
    let mut record = Map::new();
    record.insert("title".into(), json!({ "en": title.0, "zh": title.1 }));
    record.insert("date".into(), json!(iso(date)));
    record.insert("category".into(), json!(t.category));
    record.insert("tags".into(), json!(tags));
    record.insert(
        "summary".into(),
        json!({ "en": vars.fill(t.summary.0), "zh": vars.fill(t.summary.1) }),
    );
    if rng.chance(70) {
        let name = image_for(dept, t.category);
        let alt = IMAGES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(("", ""), |(_, alt)| *alt);
        record.insert(
            "cover".into(),
            json!({ "src": format!("images/{name}.svg"), "alt": bi(alt) }),
        );
    }
    let author = if rng.chance(50) {
        ("Communications Office", "宣传处")
    } else {
        dept.name
    };
    record.insert("author".into(), bi(author));
    if !related.is_empty() || rng.chance(60) {
        record.insert("departments".into(), json!([dept.id]));
    }
    if !related.is_empty() {
        record.insert(
            "doctors".into(),
            json!(related.iter().map(|d| d.id.as_str()).collect::<Vec<_>>()),
        );
    }
    let body = body(rng, t, &vars, dept_index, &related);
    Draft {
        slug: slugify(&title.0),
        date: iso(date),
        record,
        body,
    }
}

fn body(
    rng: &mut Rng,
    t: &Template,
    vars: &Vars,
    dept_index: usize,
    related: &[&DoctorRef],
) -> Bi2 {
    let dept = &DEPARTMENTS[dept_index];
    let (mut en, mut zh) = (String::new(), String::new());
    let mut both = |e: &str, z: &str| {
        en.push_str(e);
        zh.push_str(z);
    };
    both(&vars.fill(t.intro.0), &vars.fill(t.intro.1));
    let (h_en, h_zh) = *rng.pick(&[
        ("Key points", "要点"),
        ("What patients should know", "患者须知"),
    ]);
    both(&format!("\n\n## {h_en}\n\n"), &format!("\n\n## {h_zh}\n\n"));
    let k = rng.range(3, 5);
    for i in rng.distinct(POINTS.len(), k) {
        both(
            &format!("- {}\n", POINTS[i].0),
            &format!("- {}\n", POINTS[i].1),
        );
    }
    if t.table || rng.chance(20) {
        let (e, z) = timetable(rng);
        both(&format!("\n{e}"), &format!("\n{z}"));
    }
    if let Some(doc) = related.first() {
        let q = rng.pick(QUOTES);
        both(
            &format!("\n> {}\n>\n> — {}, {}\n", q.0, doc.name.0, dept.name.0),
            &format!("\n> {}\n>\n> ——{}，{}\n", q.1, doc.name.1, dept.name.1),
        );
    }
    let phone = department_phone(dept_index);
    let tel: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let booking = format!("https://booking.example.org/departments/{}", dept.id);
    both(
        &format!(
            "\n## How to book\n\nBook on [the booking site]({booking}), read about [{}](/departments/{}), or call [{phone}](tel:{tel}).\n",
            dept.name.0, dept.id
        ),
        &format!(
            "\n## 如何预约\n\n可通过[预约平台]({booking})在线预约，查看[{}介绍](/departments/{})，或致电[{phone}](tel:{tel})。\n",
            dept.name.1, dept.id
        ),
    );
    (en, zh)
}

/// A Markdown table of three weekdays' clinics.
fn timetable(rng: &mut Rng) -> Bi2 {
    const DAYS: [Bi; 5] = [
        ("Monday", "周一"),
        ("Tuesday", "周二"),
        ("Wednesday", "周三"),
        ("Thursday", "周四"),
        ("Friday", "周五"),
    ];
    const KINDS: [Bi; 4] = [
        ("General clinic", "普通门诊"),
        ("Expert clinic", "专家门诊"),
        ("Special clinic", "特需门诊"),
        ("No clinic", "无门诊"),
    ];
    let mut days = rng.distinct(DAYS.len(), 3);
    days.sort_unstable();
    let mut en = String::from("| Day | Morning | Afternoon |\n|---|---|---|\n");
    let mut zh = String::from("| 日期 | 上午 | 下午 |\n|---|---|---|\n");
    for d in days {
        let (am, pm) = (rng.pick(&KINDS), rng.pick(&KINDS));
        en.push_str(&format!("| {} | {} | {} |\n", DAYS[d].0, am.0, pm.0));
        zh.push_str(&format!("| {} | {} | {} |\n", DAYS[d].1, am.1, pm.1));
    }
    (en, zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(
            slugify("When should you see a doctor about chest pain?"),
            "when-should-you-see-a-doctor-about-chest-pain"
        );
        assert_eq!(
            slugify("Parkinson's disease: 5 facts"),
            "parkinson-s-disease-5-facts"
        );
        assert_eq!(slugify("心内科"), "article");
        assert!(slugify(&"word ".repeat(40)).len() <= 80);
    }

    #[test]
    fn every_cover_has_a_description() {
        for d in DEPARTMENTS {
            for t in TEMPLATES {
                let name = image_for(d, t.category);
                assert!(IMAGES.iter().any(|(n, _)| *n == name), "{name}");
            }
        }
    }

    #[test]
    fn templates_use_only_known_placeholders() {
        let d = &DEPARTMENTS[0];
        let vars = Vars::new(d, d.conditions[0], d.specialties[0], CAMPUSES[0].name);
        for t in TEMPLATES {
            for text in [
                t.title.0,
                t.title.1,
                t.summary.0,
                t.summary.1,
                t.intro.0,
                t.intro.1,
            ] {
                assert!(!vars.fill(text).contains('{'), "{text}");
            }
        }
    }
}
