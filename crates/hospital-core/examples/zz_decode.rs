fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let ds = hospital_core::validate::load(std::str::from_utf8(&bytes).unwrap())
        .unwrap()
        .dataset;
    let fp = hospital_core::compiled::Fingerprint::of(&bytes);
    let t = std::time::Instant::now();
    let fp2 = hospital_core::compiled::Fingerprint::of(&bytes);
    eprintln!("fingerprint {:?}", t.elapsed());
    assert_eq!(fp, fp2);
    let t = std::time::Instant::now();
    let ix = hospital_core::search::DoctorIndex::build(&ds);
    eprintln!("build {:?}", t.elapsed());
    let file = ix.to_compiled(fp);
    let t = std::time::Instant::now();
    let ix2 =
        hospital_core::search::DoctorIndex::from_compiled(&file, fp, ds.doctors.len()).unwrap();
    eprintln!("decode {:?} ({} bytes)", t.elapsed(), file.len());
    drop(ix2);
}
