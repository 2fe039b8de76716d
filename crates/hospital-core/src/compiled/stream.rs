//! A compiled file's bytes as a download brings them, for the readers that read it as it
//! arrives (`dataset::DatasetFeed`, `search::DoctorIndexFeed`): the header parsed from the
//! first bytes, the checksum taken as the payload comes, and only the bytes the reader
//! has not yet used kept, so that the file is never held whole.

use super::{CompiledError, Header, Kind, HEADER_LEN, MAGIC};

pub(crate) struct Stream {
    kind: Kind,
    /// Received: the header until it is whole, then the payload from where the reader
    /// stopped, from `start` on.
    pending: Vec<u8>,
    /// The bytes before it are used. Moving what is left to the front at every step moved
    /// the rest of a file that arrived faster than it was read once per step: 0.5 s of a
    /// 0.6 s read of the index at 100,000 doctors, natively. So the used bytes go only
    /// once they are as many as those left, which moves each byte at most once, or when
    /// a chunk needs their room.
    start: usize,
    header: Option<Header>,
    /// Payload bytes received, and used by the reader.
    received: u64,
    consumed: u64,
    hasher: xxhash_rust::xxh3::Xxh3,
    /// Whether the whole payload has arrived and its checksum matched.
    verified: bool,
    /// Bytes moved to the front so far, for the test that bounds it.
    #[cfg(test)]
    moved: usize,
}

impl Stream {
    pub(crate) fn new(kind: Kind) -> Stream {
        Stream {
            kind,
            pending: Vec::new(),
            start: 0,
            header: None,
            received: 0,
            consumed: 0,
            hasher: xxhash_rust::xxh3::Xxh3::default(),
            verified: false,
            #[cfg(test)]
            moved: 0,
        }
    }

    /// Takes the file's next bytes. Fails as soon as they show the file cannot be used:
    /// not a compiled file of this kind and version, or longer than its header says.
    pub(crate) fn push(&mut self, chunk: &[u8]) -> Result<(), CompiledError> {
        if self.header.is_none() {
            self.pending.extend_from_slice(chunk);
            let seen = self.pending.len().min(MAGIC.len());
            if self.pending[..seen] != MAGIC[..seen] {
                return Err(CompiledError::NotCompiled);
            }
            if self.pending.len() < HEADER_LEN {
                return Ok(());
            }
            self.header = Some(Header::read(&self.pending, self.kind)?);
            self.pending.drain(..HEADER_LEN);
            self.received = self.pending.len() as u64;
            self.hasher.update(&self.pending);
            return self.within_length();
        }
        self.received += chunk.len() as u64;
        self.within_length()?;
        self.hasher.update(chunk);
        // Rather than grow the room, give it the used bytes' place: growing would copy
        // them too, and the room stays under twice the largest step and a chunk.
        if self.start > 0 && self.pending.len() + chunk.len() > self.pending.capacity() {
            self.drop_used();
        }
        self.pending.extend_from_slice(chunk);
        Ok(())
    }

    fn within_length(&self) -> Result<(), CompiledError> {
        match self.header {
            Some(h) if self.received > h.payload_len => Err(CompiledError::Length {
                expected: h.payload_len,
                found: self.received,
            }),
            _ => Ok(()),
        }
    }

    pub(crate) fn header(&self) -> Option<Header> {
        self.header
    }

    /// Whether the whole payload has arrived.
    pub(crate) fn whole(&self) -> bool {
        self.header.is_some_and(|h| self.received == h.payload_len)
    }

    /// Once the whole payload has arrived: whether its checksum matches (damage is named
    /// as damage, before a part of it is found impossible).
    pub(crate) fn verify(&mut self) -> Result<(), CompiledError> {
        if !self.verified {
            let expected = self.header.map(|h| h.checksum);
            if expected != Some(self.hasher.digest()) {
                return Err(CompiledError::Checksum);
            }
            self.verified = true;
        }
        Ok(())
    }

    /// The payload's bytes received and not yet used.
    pub(crate) fn pending(&self) -> &[u8] {
        &self.pending[self.start..]
    }

    /// The reader is done with the first `n` pending bytes.
    pub(crate) fn consume(&mut self, n: usize) {
        self.start += n.min(self.pending.len() - self.start);
        self.consumed += n as u64;
        if self.start >= self.pending.len() - self.start {
            self.drop_used();
        }
    }

    /// Moves the bytes left to the front, over the used ones.
    fn drop_used(&mut self) {
        #[cfg(test)]
        {
            self.moved += self.pending.len() - self.start;
        }
        self.pending.drain(..self.start);
        self.start = 0;
    }

    /// Payload bytes the reader is done with.
    pub(crate) fn consumed(&self) -> u64 {
        self.consumed
    }

    /// The payload's bytes not yet used, as the header says (arrived or not).
    pub(crate) fn left(&self) -> usize {
        self.header.map_or(0, |h| {
            usize::try_from(h.payload_len - self.consumed).unwrap_or(usize::MAX)
        })
    }

    /// How much of the payload is used, from 0 to 1.
    pub(crate) fn progress(&self) -> f64 {
        self.header
            .map_or(0.0, |h| self.consumed as f64 / h.payload_len.max(1) as f64)
    }

    /// Once the last chunk is in: the header, or why the file is not whole.
    pub(crate) fn ended(&self) -> Result<Header, CompiledError> {
        let header = self.header.ok_or(CompiledError::NotCompiled)?;
        if self.received < header.payload_len {
            return Err(CompiledError::Length {
                expected: header.payload_len,
                found: self.received,
            });
        }
        Ok(header)
    }

    /// The room the pending bytes take (for the tests that bound it).
    #[cfg(test)]
    pub(crate) fn held(&self) -> usize {
        self.pending.capacity()
    }

    /// Frees the pending bytes' room once the reader is done.
    pub(crate) fn release(&mut self) {
        self.pending = Vec::new();
        self.start = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiled::{seal, Fingerprint};

    /// A file read a small step at a time, once all of it is in (a download faster than
    /// its reader) or as it arrives: its bytes are moved at most about once in all.
    #[test]
    fn reading_in_small_steps_moves_each_byte_about_once() {
        let payload: Vec<u8> = (0..1_000_000u32).map(|i| i as u8).collect();
        let file = seal(Kind::DoctorIndex, Fingerprint::of(b"x"), &payload);
        for chunk in [file.len(), 4096] {
            let mut stream = Stream::new(Kind::DoctorIndex);
            let mut at = 0;
            for part in file.chunks(chunk) {
                assert_eq!(stream.push(part), Ok(()));
                while stream.pending().len() >= 1000 {
                    assert_eq!(stream.pending()[0], payload[at]);
                    stream.consume(1000);
                    at += 1000;
                }
            }
            assert_eq!(at, payload.len());
            assert!(
                stream.moved <= payload.len(),
                "moved {} bytes of a {}-byte payload in chunks of {chunk}",
                stream.moved,
                payload.len()
            );
        }
    }
}
