//! The fields of each object of the dataset format, in documented order. One list serves
//! the loader (which warns about any other field), the CLI's JSON writer (which writes
//! fields in this order) and the test that keeps `schema/dataset.schema.json` in step.

pub const DATASET: &[&str] = &[
    "$schema",
    "schema",
    "sample",
    "hospital",
    "categories",
    "departments",
    "doctors",
    "articles",
];
pub const HOSPITAL: &[&str] = &[
    "name",
    "description",
    "address",
    "phone",
    "website",
    "timezone",
    "emergency",
    "campuses",
];
pub const EMERGENCY: &[&str] = &["phone", "hours", "campus"];
pub const CAMPUS: &[&str] = &["id", "name", "address", "phone", "map_url"];
pub const CATEGORY: &[&str] = &["id", "name"];
pub const DEPARTMENT: &[&str] = &["id", "name", "description", "campuses", "phone", "keywords"];
pub const DOCTOR: &[&str] = &[
    "id",
    "name",
    "pinyin",
    "title",
    "academic_title",
    "departments",
    "specialties",
    "conditions",
    "languages",
    "gender",
    "photo",
    "bio",
    "education",
    "schedule",
    "accepting_new_patients",
    "booking",
    "verified",
];
pub const SESSION: &[&str] = &[
    "weekday",
    "session",
    "clinic",
    "campus",
    "room",
    "cancelled",
    "note",
];
pub const BOOKING: &[&str] = &["url", "phone"];
pub const IMAGE: &[&str] = &["src", "alt", "caption"];
pub const ARTICLE: &[&str] = &[
    "slug",
    "title",
    "date",
    "category",
    "tags",
    "summary",
    "cover",
    "author",
    "source_url",
    "departments",
    "doctors",
    "body",
    "body_src",
];
