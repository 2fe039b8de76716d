//! `hospital-data build` on content folders: the shipped example (examples/content),
//! and broken copies of it whose every problem must name its file and line.

mod common;

use common::{arg, run, scratch, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/content")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        let target = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).expect("copy");
        }
    }
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).expect("written")).expect("JSON")
}

#[test]
fn the_example_folder_builds_a_valid_bilingual_dataset() {
    let dir = scratch("content-example");
    let out = dir.join("hospital.json");
    let assets = dir.join("public");
    let o = run(&[
        "build",
        arg(&example()),
        "--out",
        arg(&out),
        "--assets",
        arg(&assets),
    ]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    let v = run(&["validate", arg(&out)]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    let d = read_json(&out);
    // The draft is left out, and said so.
    assert_eq!(d["articles"].as_array().map(Vec::len), Some(3), "{text}");
    assert!(
        text.contains("draft-new-parking.md: warning: a draft"),
        "{text}"
    );
    let chest = d["articles"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["slug"] == "chest-pain-centre-opens"))
        .expect("article");
    assert_eq!(chest["title"]["zh"], "总院胸痛中心正式启用");
    assert_eq!(chest["cover"]["src"], "news/images/heart.svg");
    assert_eq!(
        chest["cover"]["alt"]["zh"],
        "一颗被白色心电波形穿过的红色心形"
    );
    assert!(chest["body"]["en"]
        .as_str()
        .is_some_and(|b| b.contains("](news/images/heart.svg")));
    assert!(assets.join("news/images/heart.svg").is_file());
    assert!(assets.join("doctors/portraits/li-xingyong.svg").is_file());
    // Names in front matter resolve to ids: "Health tips", 皮肤科, "Xiuying Wang".
    let eczema = d["articles"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["slug"] == "eczema-care-in-autumn"))
        .expect("article");
    assert_eq!(eczema["category"], "health-tips");
    assert_eq!(eczema["departments"][0], "dermatology");
    assert_eq!(eczema["doctors"][0], "wang-xiuying");
    // The spreadsheets' 心内科 is the hospital.toml's cardiology; the override applied.
    let li = d["doctors"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == "li-xingyong"))
        .expect("doctor");
    assert_eq!(li["departments"][0], "cardiology");
    assert_eq!(li["schedule"][0]["campus"], "main");
    assert!(li["bio"]["zh"]
        .as_str()
        .is_some_and(|b| b.starts_with("李兴勇")));
    let friday = li["schedule"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["weekday"] == "fri"))
        .expect("friday");
    assert_eq!(friday["cancelled"], true);
    assert_eq!(friday["note"]["zh"], "本周五停诊：外出授课");
}

#[test]
fn every_problem_names_its_file_and_line() {
    let dir = scratch("content-broken");
    let content = dir.join("content");
    copy_dir(&example(), &content);
    let news = content.join("news");
    // An unknown category (line 4), a cover without alt text (line 6), a field the
    // format does not have (line 7).
    std::fs::write(
        news.join("bad-article.md"),
        "---\ntitle: A broken article\ndate: 2026-10-01\ncategory: gossip\nsummary: s\ncover: images/heart.svg\nauthr: Someone\n---\nBody.\n",
    )
    .expect("write");
    // YAML that does not parse, on line 3.
    std::fs::write(
        news.join("bad-yaml.md"),
        "---\ntitle: ok\ntags: [a, b\n---\nBody\n",
    )
    .expect("write");
    // An override for nobody.
    std::fs::write(
        content.join("doctors/nobody.md"),
        "---\nid: nobody\n---\nBio.\n",
    )
    .expect("write");
    let out = dir.join("d.json");
    let o = run(&["build", arg(&content), "--out", arg(&out)]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(!out.exists());
    let bad = news.join("bad-article.md").display().to_string();
    assert!(
        text.contains(&format!(
            "{bad}, line 4 (A broken article, bad-article): error: articles["
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{bad}, line 6 (A broken article, bad-article): error: articles["
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("{bad}, line 7: warning: \"authr\" is not a field")),
        "{text}"
    );
    let yaml = news.join("bad-yaml.md").display().to_string();
    assert!(
        text.contains(&format!(
            "{yaml}, line 3: error: the front matter is not valid YAML"
        )),
        "{text}"
    );
    let nobody = content.join("doctors/nobody.md").display().to_string();
    assert!(
        text.contains(&format!(
            "{nobody}, line 2: error: no doctor has the id \"nobody\""
        )),
        "{text}"
    );
}

#[test]
fn site_accepts_the_folder_where_it_accepts_a_dataset() {
    let dir = scratch("content-site");
    let dist = common::fake_dist(&dir);
    let o = run(&["site", arg(&dist), "--data", arg(&example())]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        stdout(&o),
        common::stderr(&o)
    );
    assert!(
        dist.join("news/chest-pain-centre-opens.html").is_file()
            || dist
                .join("news/chest-pain-centre-opens/index.html")
                .is_file()
    );
    assert!(
        dist.join("news/images/heart.svg").is_file(),
        "pictures are copied into dist"
    );
    let feed = std::fs::read_to_string(dist.join("feed.xml")).expect("feed");
    assert!(feed.contains("chest-pain-centre-opens"));
}
