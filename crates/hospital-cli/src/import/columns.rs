//! What a column of a staff sheet or timetable holds, from its header: common names in
//! English and Chinese without configuration, numbered repeats (`Spec1`..`Spec3`),
//! a language in the header (`Name (EN)`, `英文姓名`, `bio_zh`), timetable slots
//! (`周一上午`, `Mon AM`), and the mapping file's own names.

use super::values::{half_days, slot, squash, weekday};
use hospital_core::model::{HalfDay, Weekday};
use hospital_core::Lang;

/// A doctor's field, or a timetable field, that a cell can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Name,
    GivenName,
    FamilyName,
    Pinyin,
    Title,
    AcademicTitle,
    Department,
    Gender,
    Specialty,
    Condition,
    Language,
    Phone,
    BookingUrl,
    Bio,
    Education,
    Photo,
    Accepting,
    Verified,
    Campus,
    Room,
    Weekday,
    HalfDay,
    Clinic,
    Cancelled,
    Note,
}

impl Field {
    /// The name used in mapping files and messages (the dataset's own where it has one).
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::GivenName => "given_name",
            Field::FamilyName => "family_name",
            Field::Pinyin => "pinyin",
            Field::Title => "title",
            Field::AcademicTitle => "academic_title",
            Field::Department => "departments",
            Field::Gender => "gender",
            Field::Specialty => "specialties",
            Field::Condition => "conditions",
            Field::Language => "languages",
            Field::Phone => "booking.phone",
            Field::BookingUrl => "booking.url",
            Field::Bio => "bio",
            Field::Education => "education",
            Field::Photo => "photo",
            Field::Accepting => "accepting_new_patients",
            Field::Verified => "verified",
            Field::Campus => "campus",
            Field::Room => "room",
            Field::Weekday => "weekday",
            Field::HalfDay => "session",
            Field::Clinic => "clinic",
            Field::Cancelled => "cancelled",
            Field::Note => "note",
        }
    }

    pub const ALL: &'static [Field] = &[
        Field::Id,
        Field::Name,
        Field::GivenName,
        Field::FamilyName,
        Field::Pinyin,
        Field::Title,
        Field::AcademicTitle,
        Field::Department,
        Field::Gender,
        Field::Specialty,
        Field::Condition,
        Field::Language,
        Field::Phone,
        Field::BookingUrl,
        Field::Bio,
        Field::Education,
        Field::Photo,
        Field::Accepting,
        Field::Verified,
        Field::Campus,
        Field::Room,
        Field::Weekday,
        Field::HalfDay,
        Field::Clinic,
        Field::Cancelled,
        Field::Note,
    ];

    /// Fields whose cells may hold several items (`冠心病、高血压`).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Field::Department
                | Field::Specialty
                | Field::Condition
                | Field::Language
                | Field::Education
        )
    }

    /// Fields that are texts, so a header may say their language.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Field::Name
                | Field::GivenName
                | Field::FamilyName
                | Field::Department
                | Field::Specialty
                | Field::Condition
                | Field::Bio
                | Field::Education
                | Field::Room
                | Field::Note
        )
    }

    /// Fields of a session rather than of the doctor.
    pub fn is_session(self) -> bool {
        matches!(
            self,
            Field::Weekday
                | Field::HalfDay
                | Field::Clinic
                | Field::Campus
                | Field::Room
                | Field::Cancelled
                | Field::Note
        )
    }
}

/// What one column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    Field(Field, Option<Lang>),
    /// A timetable grid cell: this weekday and half-day.
    Slot(Weekday, HalfDay),
    /// A grid column headed by a weekday only; the half-day is in the next header row.
    Day(Weekday),
    /// A grid column headed by a half-day only: the rows are weekdays.
    Half(HalfDay),
    /// Known but not part of the format: the reason, reported once per file.
    Ignore(String),
    Unknown,
}

/// Header names (squashed, without trailing digits) and what they mean.
fn alias(h: &str) -> Option<(Field, Option<Lang>)> {
    use Field::*;
    let en = Some(Lang::En);
    let zh = Some(Lang::Zh);
    Some(match h {
        "id" | "doctorid" | "staffid" | "employeeid" | "slug" | "编号" | "工号" | "医生编号"
        | "人员编号" | "员工编号" => (Id, None),
        "name" | "fullname" | "doctor" | "doctorname" | "physician" | "provider"
        | "providername" | "practitioner" | "姓名" | "医生" | "医生姓名" | "名字" | "专家姓名"
        | "出诊医生" | "医师姓名" => (Name, None),
        "englishname" | "英文名" | "英文姓名" | "nameinenglish" => (Name, en),
        "chinesename" | "中文名" | "中文姓名" | "nameinchinese" => (Name, zh),
        "firstname" | "givenname" | "first" | "forename" | "名" => (GivenName, None),
        "lastname" | "familyname" | "surname" | "last" | "姓" => (FamilyName, None),
        "pinyin" | "拼音" | "姓名拼音" => (Pinyin, None),
        "title" | "position" | "rank" | "jobtitle" | "professionaltitle" | "grade" | "职称"
        | "技术职称" | "专业技术职务" | "专业技术职称" | "职位" | "级别" | "职级" => {
            (Title, None)
        }
        "academictitle" | "学术职称" | "教学职称" | "学术头衔" | "专业技术职务教学" => {
            (AcademicTitle, None)
        }
        "department" | "departments" | "dept" | "unit" | "division" | "service" | "科室"
        | "部门" | "所属科室" | "科别" | "科室名称" | "专科" => (Department, None),
        "sex" | "gender" | "性别" => (Gender, None),
        "specialty" | "specialties" | "speciality" | "specialities" | "spec" | "expertise"
        | "擅长" | "专长" | "专业特长" | "专业方向" | "擅长领域" | "特长" | "擅长疾病" => {
            (Specialty, None)
        }
        "conditions" | "condition" | "diseases" | "conditionstreated" | "主治" | "主治疾病"
        | "诊治疾病" => (Condition, None),
        "languages" | "language" | "lang" | "langs" | "spokenlanguages" | "语言" | "语种"
        | "接诊语言" => (Language, None),
        "phone" | "tel" | "telephone" | "phonenumber" | "contact" | "bookingphone" | "电话"
        | "联系电话" | "预约电话" | "咨询电话" | "科室电话" => (Phone, None),
        "bookingurl" | "booking" | "appointmenturl" | "bookinglink" | "预约链接" | "预约网址"
        | "挂号链接" => (BookingUrl, None),
        "bio" | "biography" | "profile" | "about" | "introduction" | "简介" | "个人简介"
        | "医生简介" | "介绍" | "专家简介" => (Bio, None),
        "education" | "degree" | "degrees" | "qualification" | "qualifications" | "training"
        | "学历" | "学位" | "教育背景" | "教育经历" => (Education, None),
        "photo" | "picture" | "image" | "photourl" | "portrait" | "照片" | "头像" => {
            (Photo, None)
        }
        "acceptingnewpatients" | "accepting" | "newpatients" | "接受新患者" | "接诊新患者" => {
            (Accepting, None)
        }
        "verified" | "lastverified" | "updated" | "lastupdated" | "更新日期" | "核对日期"
        | "核实日期" => (Verified, None),
        "campus" | "site" | "院区" | "院区名称" | "分院" => (Campus, None),
        "room" | "clinicroom" | "location" | "诊室" | "诊室位置" | "出诊地点" | "地点"
        | "就诊地点" => (Room, None),
        "weekday" | "day" | "dayofweek" | "星期" | "出诊日" | "周" => (Weekday, None),
        "session" | "halfday" | "period" | "time" | "ampm" | "时段" | "上下午" | "出诊时间"
        | "班次" | "午别" => (HalfDay, None),
        "clinic" | "clinictype" | "type" | "门诊类型" | "类型" | "号别" | "门诊" | "出诊类型" => {
            (Clinic, None)
        }
        "cancelled" | "canceled" | "停诊" => (Cancelled, None),
        "note" | "notes" | "remark" | "remarks" | "comment" | "备注" | "说明" => (Note, None),
        _ => return None,
    })
}

/// Columns known to hold something the format has no field for.
fn ignored(h: &str) -> Option<&'static str> {
    Some(match h {
        "hospaff" | "hospitalaffiliation" | "affiliation" | "affiliations" => {
            "the format has no field for a doctor's hospital affiliations"
        }
        "npi" | "license" | "licence" | "licensenumber" | "执业证号" | "执业证书编号" => {
            "licence and registry numbers are not published on the site"
        }
        "email" | "邮箱" | "电子邮箱" | "mobile" | "手机" | "手机号" => {
            "personal contact details are not published on the site"
        }
        "birthdate" | "dob" | "dateofbirth" | "出生日期" | "年龄" | "age" | "身份证号" => {
            "personal data is not published on the site"
        }
        "academictitle" | "学术职称" | "教学职称" | "学术任职" | "社会任职" | "职务"
        | "行政职务" => {
            "the format has no field for academic or administrative posts (keep them in the bio)"
        }
        "序号" | "no" | "number" | "#" | "row" | "行号" => "a row number",
        _ => return None,
    })
}

/// Takes off one language marker at either end of a squashed header.
fn split_lang(h: &str) -> Option<(&str, Lang)> {
    const MARKS: &[(&str, Lang)] = &[
        ("english", Lang::En),
        ("英文", Lang::En),
        ("en", Lang::En),
        ("chinese", Lang::Zh),
        ("中文", Lang::Zh),
        ("zh", Lang::Zh),
        ("cn", Lang::Zh),
    ];
    MARKS.iter().find_map(|&(m, l)| {
        h.strip_suffix(m)
            .or_else(|| h.strip_prefix(m))
            .filter(|rest| !rest.is_empty())
            .map(|rest| (rest, l))
    })
}

/// The header without brackets, colons and a trailing number, squashed.
fn clean(header: &str) -> String {
    let s: String = squash(header)
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '(' | ')' | '（' | '）' | '[' | ']' | ':' | '：' | '*' | '"'
            )
        })
        .collect();
    s.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
}

/// What a header names, with no mapping file.
pub fn recognise(header: &str) -> Column {
    let h = clean(header);
    if h.is_empty() {
        return Column::Unknown;
    }
    if let Some((f, l)) = alias(&h) {
        return Column::Field(f, l);
    }
    if let Some(reason) = ignored(&h) {
        return Column::Ignore(reason.to_string());
    }
    if let Some((rest, lang)) = split_lang(&h) {
        if let Some((f, None)) = alias(rest) {
            if f.is_text() {
                return Column::Field(f, Some(lang));
            }
        }
    }
    if let Some((d, h)) = slot(header) {
        return Column::Slot(d, h);
    }
    if let Some(d) = weekday(&h) {
        // "一".."日" alone are too short to be taken for weekdays in a header row.
        if h.chars().count() > 1 {
            return Column::Day(d);
        }
    }
    if let Some(halves) = half_days(&h) {
        if let [half] = halves.as_slice() {
            if h.chars().count() > 1 {
                return Column::Half(*half);
            }
        }
    }
    Column::Unknown
}

/// A column meaning as a mapping file writes it: a field name of the dataset
/// (`specialties`, `name.en`, `booking.phone`), a slot (`mon.morning`) or `ignore`.
pub fn from_mapping(target: &str) -> Option<Column> {
    let t = target.trim();
    if t == "ignore" {
        return Some(Column::Ignore("ignored by the mapping file".into()));
    }
    let (base, lang) = match t.rsplit_once('.') {
        Some((b, l)) if Lang::from_tag(l).is_some() => (b, Lang::from_tag(l)),
        _ => (t, None),
    };
    let aliases: &[(&str, Field)] = &[
        ("department", Field::Department),
        ("specialty", Field::Specialty),
        ("condition", Field::Condition),
        ("language", Field::Language),
        ("phone", Field::Phone),
        ("sex", Field::Gender),
    ];
    let field = Field::ALL
        .iter()
        .copied()
        .find(|f| f.name() == base)
        .or_else(|| aliases.iter().find(|(a, _)| *a == base).map(|(_, f)| *f));
    if let Some(f) = field {
        if lang.is_some() && !f.is_text() {
            return None;
        }
        return Some(Column::Field(f, lang));
    }
    let (d, h) = t.split_once('.')?;
    let day = hospital_core::model::Weekday::from_key(d)?;
    let half = hospital_core::model::HalfDay::from_key(h)?;
    Some(Column::Slot(day, half))
}

/// Every name a mapping file may use, for its error messages.
pub fn mapping_names() -> String {
    let mut names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
    names.extend([
        "name.en",
        "name.zh",
        "mon.morning (any weekday.half-day)",
        "ignore",
    ]);
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_headers_in_both_languages() {
        let f = |h: &str| recognise(h);
        assert_eq!(f("姓名"), Column::Field(Field::Name, None));
        assert_eq!(f("Name (EN)"), Column::Field(Field::Name, Some(Lang::En)));
        assert_eq!(f("英文姓名"), Column::Field(Field::Name, Some(Lang::En)));
        assert_eq!(f("bio_zh"), Column::Field(Field::Bio, Some(Lang::Zh)));
        assert_eq!(f("Spec2"), Column::Field(Field::Specialty, None));
        assert_eq!(f("First Name"), Column::Field(Field::GivenName, None));
        assert_eq!(f("职称"), Column::Field(Field::Title, None));
        assert_eq!(f("性别"), Column::Field(Field::Gender, None));
        assert!(matches!(f("Hosp Aff7"), Column::Ignore(_)));
        assert_eq!(
            f("周三下午"),
            Column::Slot(Weekday::Wed, HalfDay::Afternoon)
        );
        assert_eq!(f("星期二"), Column::Day(Weekday::Tue));
        assert_eq!(f("上午"), Column::Half(HalfDay::Morning));
        assert_eq!(f("Favourite colour"), Column::Unknown);
    }

    #[test]
    fn mapping_names_are_the_dataset_fields() {
        assert_eq!(
            from_mapping("specialties"),
            Some(Column::Field(Field::Specialty, None))
        );
        assert_eq!(
            from_mapping("name.zh"),
            Some(Column::Field(Field::Name, Some(Lang::Zh)))
        );
        assert_eq!(
            from_mapping("thu.evening"),
            Some(Column::Slot(Weekday::Thu, HalfDay::Evening))
        );
        assert_eq!(from_mapping("title.en"), None);
        assert_eq!(from_mapping("shoe_size"), None);
    }
}
