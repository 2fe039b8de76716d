//! The facets in a compiled file: each option's key and its doctors' bits. The
//! counts with no query are counted again from the bits, not stored.

use super::{Facet, Facets};
use crate::compiled::{damaged, ensure, CompiledError, Reader, Writer};
use crate::model::{ClinicType, Gender, TitleRank};
use crate::route::Slot;
use crate::search::bits::Bits;

impl<K> Facet<K> {
    fn write(&self, w: &mut Writer, key: impl Fn(&K) -> String) {
        let keys: Vec<String> = self.options.iter().map(key).collect();
        w.strs(&keys);
        for b in &self.bits {
            w.u64s(b.words());
        }
    }

    fn read(
        r: &mut Reader,
        n: usize,
        what: &str,
        parse: impl Fn(&str) -> Option<K>,
    ) -> Result<Facet<K>, CompiledError> {
        let options = r
            .strings(what)?
            .iter()
            .map(|k| parse(k).ok_or_else(|| damaged(format!("{what}: unknown option {k:?}"))))
            .collect::<Result<Vec<K>, _>>()?;
        let bits = (0..options.len())
            .map(|_| {
                Bits::from_words(r.u64s(what)?, n).ok_or_else(|| {
                    damaged(format!("{what}: an option's bits are not {n} doctors'"))
                })
            })
            .collect::<Result<Vec<Bits>, _>>()?;
        let totals = bits.iter().map(Bits::count).collect();
        Ok(Facet {
            options,
            bits,
            totals,
        })
    }
}

fn text(s: &str) -> Option<String> {
    Some(s.to_string())
}

impl Facets {
    pub(in crate::search) fn write(&self, w: &mut Writer) {
        w.count(self.n);
        self.departments.write(w, String::clone);
        self.ranks.write(w, |r| r.key().into());
        self.clinics.write(w, |c| c.key().into());
        self.slots.write(w, |s| s.key());
        self.campuses.write(w, String::clone);
        self.languages.write(w, String::clone);
        self.genders.write(w, |g| g.key().into());
        self.accepting.write(w, |a| a.to_string());
    }

    pub(in crate::search) fn read(r: &mut Reader, n: usize) -> Result<Facets, CompiledError> {
        let facets_n = r.u32("facets")? as usize;
        ensure(facets_n == n, || {
            format!("the facets are for {facets_n} doctors, the index for {n}")
        })?;
        let f = Facets {
            n,
            departments: Facet::read(r, n, "department facet", text)?,
            ranks: Facet::read(r, n, "rank facet", TitleRank::from_key)?,
            clinics: Facet::read(r, n, "clinic facet", ClinicType::from_key)?,
            slots: Facet::read(r, n, "half-day facet", Slot::from_key)?,
            campuses: Facet::read(r, n, "campus facet", text)?,
            languages: Facet::read(r, n, "language facet", text)?,
            genders: Facet::read(r, n, "gender facet", Gender::from_key)?,
            accepting: Facet::read(r, n, "accepting facet", |k| (k == "true").then_some(true))?,
        };
        ensure(f.accepting.options == [true], || {
            "the accepting facet is not the one toggle".into()
        })?;
        Ok(f)
    }
}
