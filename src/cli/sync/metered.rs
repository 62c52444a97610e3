//! Readers and writers that count the bytes and lines going through them (for the progress bar).

/// A writer that counts the lines written through it (for a bundle's progress: one per operation).
pub(super) struct Lines<W, F: FnMut(u64)> {
    inner: W,
    lines: u64,
    seen: F,
}

impl<W, F: FnMut(u64)> Lines<W, F> {
    pub(super) fn new(inner: W, seen: F) -> Self {
        Self { inner, lines: 0, seen }
    }

    pub(super) fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: std::io::Write, F: FnMut(u64)> std::io::Write for Lines<W, F> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        let ends = buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        if ends > 0 {
            self.lines += ends;
            (self.seen)(self.lines);
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A reader that counts the bytes read through it (for a bundle's progress).
pub(super) struct Bytes<R, F: FnMut(u64)> {
    inner: R,
    read: u64,
    seen: F,
}

impl<R, F: FnMut(u64)> Bytes<R, F> {
    pub(super) fn new(inner: R, seen: F) -> Self {
        Self { inner, read: 0, seen }
    }
}

impl<R: std::io::Read, F: FnMut(u64)> std::io::Read for Bytes<R, F> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        (self.seen)(self.read);
        Ok(n)
    }
}
