//! "Other doctors of this department": after the doctors whose own texts name a
//! condition, the colleagues who treat it without listing it.
//!
//! A front desk asked for 膝关节骨关节炎 sends the patient to orthopaedics, not only to
//! the two orthopaedists who happen to list it. The dataset does not say which
//! department treats which condition, but the doctors who list it do: the departments
//! that hold a good share of them are the ones that treat it.

use super::bits::Bits;
use super::{Hit, MatchField};

/// At most this many related doctors: a tail to look at, not a second result list.
pub const RELATED_MAX: usize = 20;

/// A department treats what was asked when at least this share (1 in N) of the hits
/// that matched it in a specialty or condition belong to it: one doctor of another
/// department who also lists it does not bring that whole department along.
const SHARE: usize = 3;

/// The departments (facet positions) that the hits point to, in facet order, or none
/// when the query is not a condition or specialty: a hit matched by name means the
/// query names a person; one matched in a department means the query already
/// reaches a department (its name, a keyword, or a symptom's expansion), whose
/// doctors are then hits themselves; and a query no hit matched in a specialty or
/// condition (a campus, a biography word) has no department to infer.
pub fn departments_of(hits: &[Hit], department_doctors: &[Bits]) -> Vec<usize> {
    if hits
        .iter()
        .any(|h| matches!(h.matched, Some(MatchField::Name | MatchField::Department)))
    {
        return Vec::new();
    }
    let named: Vec<usize> = hits
        .iter()
        .filter(|h| h.matched == Some(MatchField::Specialty))
        .map(|h| h.doctor)
        .collect();
    if named.is_empty() {
        return Vec::new();
    }
    department_doctors
        .iter()
        .enumerate()
        .filter(|(_, members)| {
            let held = named.iter().filter(|&&d| members.contains(d)).count();
            held > 0 && held * SHARE >= named.len()
        })
        .map(|(i, _)| i)
        .collect()
}

/// The doctors of `departments` that are not among `matched` (`n` doctors in all).
pub fn colleagues(
    n: usize,
    departments: &[usize],
    department_doctors: &[Bits],
    matched: &Bits,
) -> Bits {
    let mut out = Bits::empty(n);
    for members in departments
        .iter()
        .filter_map(|&i| department_doctors.get(i))
    {
        out.or_with(members);
    }
    out.and_not(matched);
    out
}
