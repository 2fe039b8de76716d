//! The sort orders in a compiled file: the two orders of all doctors and each
//! doctor's open half-days. Positions are worked out again from the orders.

use super::{positions, Orders, SLOTS_PER_WEEK};
use crate::compiled::{ensure, CompiledError, Reader, Writer};
use crate::search::bits::Bits;

/// Whether `order` holds each of `0..n` exactly once.
fn is_permutation(order: &[u32], n: usize) -> bool {
    let mut seen = Bits::empty(n);
    order.len() == n
        && order.iter().all(|&d| {
            let d = d as usize;
            let fresh = d < n && !seen.contains(d);
            seen.set(d);
            fresh
        })
}

impl Orders {
    pub(in crate::search) fn write(&self, w: &mut Writer) {
        w.u32s(&self.by_rank);
        w.u32s(&self.by_name);
        w.u32s(&self.open);
    }

    pub(in crate::search) fn read(r: &mut Reader, n: usize) -> Result<Orders, CompiledError> {
        let by_rank = r.u32s("order by rank")?;
        let by_name = r.u32s("order by name")?;
        let open = r.u32s("open half-days")?;
        ensure(
            is_permutation(&by_rank, n) && is_permutation(&by_name, n),
            || format!("a sort order is not each of the {n} doctors once"),
        )?;
        ensure(
            open.len() == n && open.iter().all(|&m| m >> SLOTS_PER_WEEK == 0),
            || "the open half-days are not one week per doctor".into(),
        )?;
        Ok(Orders {
            rank_pos: positions(&by_rank),
            name_pos: positions(&by_name),
            by_rank,
            by_name,
            open,
        })
    }
}
