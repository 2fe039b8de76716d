//! Writes `tests/fixtures/import/staff.xlsx`, the Excel fixture of the import tests:
//! `cargo run -p hospital-cli --example make_import_xlsx`. The file is committed; run
//! this again only to change it. Its two sheets have the shapes Chinese hospitals'
//! workbooks have: a staff list under a merged title row (telephone numbers stored as
//! numbers, a date cell), and a clinic timetable with weekdays merged over 上午/下午.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// Id, name, English name, rank, sex, department, specialties, phone as a number.
type StaffRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<f64>,
);

fn main() -> Result<(), XlsxError> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/staff.xlsx");
    let mut book = Workbook::new();
    // A fixed creation time, so that the file only changes when its content does.
    let created = ExcelDateTime::from_ymd(2026, 11, 2)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let staff = book.add_worksheet();
    staff.set_name("医生名单")?;
    staff.merge_range(0, 0, 0, 8, "东溪医院 医生名单", &bold)?;
    let headers = [
        "工号",
        "姓名",
        "Name (EN)",
        "职称",
        "性别",
        "科室",
        "专长",
        "预约电话",
        "更新日期",
    ];
    for (c, h) in headers.iter().enumerate() {
        staff.write_string(1, c as u16, *h)?;
    }
    // A telephone number as text, and two local numbers stored as numbers, as
    // spreadsheets often hold them.
    let rows: [StaffRow; 3] = [
        (
            "d-2001",
            "孙丽华",
            "Lihua Sun",
            "主任医师",
            "女",
            "妇产科",
            "高危妊娠、产前诊断",
            None,
        ),
        (
            "d-2002",
            "周强",
            "Qiang Zhou",
            "副主任医师",
            "男",
            "骨科",
            "脊柱外科，运动损伤",
            Some(4678302.0),
        ),
        (
            "d-2003",
            "吴芳",
            "Fang Wu",
            "主治医师",
            "女",
            "儿科",
            "小儿哮喘",
            Some(4678303.0),
        ),
    ];
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        staff.write_string(row, 0, r.0)?;
        staff.write_string(row, 1, r.1)?;
        staff.write_string(row, 2, r.2)?;
        staff.write_string(row, 3, r.3)?;
        staff.write_string(row, 4, r.4)?;
        staff.write_string(row, 5, r.5)?;
        staff.write_string(row, 6, r.6)?;
        match r.7 {
            Some(n) => staff.write_number(row, 7, n)?,
            None => staff.write_string(row, 7, "0931-4678301")?,
        };
        staff.write_datetime_with_format(
            row,
            8,
            ExcelDateTime::from_ymd(2026, 10, 20 + i as u8)?,
            &date,
        )?;
    }

    let grid = book.add_worksheet();
    grid.set_name("出诊表")?;
    grid.write_string(0, 0, "科室")?;
    grid.write_string(0, 1, "姓名")?;
    for (d, day) in ["周一", "周二", "周三", "周四", "周五"].iter().enumerate() {
        let c = 2 + 2 * d as u16;
        grid.merge_range(0, c, 0, c + 1, day, &bold)?;
        grid.write_string(1, c, "上午")?;
        grid.write_string(1, c + 1, "下午")?;
    }
    let cells: [(&str, &str, [&str; 10]); 3] = [
        (
            "妇产科",
            "孙丽华",
            ["专家", "", "", "", "专家", "", "", "", "特需", ""],
        ),
        (
            "骨科",
            "周强",
            ["", "普通", "", "", "", "", "普通", "", "", "停诊"],
        ),
        ("儿科", "吴芳", ["√", "√", "", "", "", "", "", "", "", ""]),
    ];
    for (i, (dept, name, slots)) in cells.iter().enumerate() {
        let row = i as u32 + 2;
        grid.write_string(row, 0, *dept)?;
        grid.write_string(row, 1, *name)?;
        for (j, s) in slots.iter().enumerate() {
            if !s.is_empty() {
                grid.write_string(row, 2 + j as u16, *s)?;
            }
        }
    }
    book.save(&path)?;
    println!("wrote {}", path.display());
    Ok(())
}
