"""Saving a tagged canvas with less memory: finished pages compressed at once and kept in a
temporary file (``Spill``) until the save, and the PDF written object by object as it is
formatted (``WrittenAsFormatted``) instead of joined whole in memory first. The same bytes as
reportlab's own save; publish.tagging.canvas uses these.
"""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFFile, PDFStream


#: The reportlab releases whose PDFDocument.format ``WrittenAsFormatted.format`` repeats
#: (checked line by line): on any other, reportlab's own format and save are used (the same
#: bytes, more memory at the save), so a new reportlab cannot be written with an old loop.
WRITE_LOOP_FROM = {"5.1"}


def writes_as_formatted() -> bool:
    from reportlab import Version

    return ".".join(Version.split(".")[:2]) in WRITE_LOOP_FROM


class WrittenAsFormatted(PDFDocument):
    """reportlab's PDFDocument, writing each object into the file as it is formatted.

    reportlab's ``format`` collects every object's bytes in a list, joins them into one bytes
    and ``SaveToFile`` then copies that into the file: with the page streams it still holds,
    a long booklet was in memory four times over at its save. This is that loop (reportlab
    5.1's PDFDocument.format, the same bytes) with the output written as it goes and each
    stream's content let go once written, so the save holds the book about once.
    """

    def SaveToFile(self, filename, canvas):
        if not hasattr(getattr(filename, "write", None), "__call__"):
            return super().SaveToFile(filename, canvas)  # a file name: reportlab's own way
        if getattr(self, "_savedToFile", False):
            raise RuntimeError("a PDF document can only be saved once")
        self._savedToFile = True
        self._sink = filename
        self.GetPDFData(canvas)

    def GetPDFData(self, canvas):
        if getattr(self, "_sink", None) is not None:
            return super().GetPDFData(canvas)
        self._sink = io.BytesIO()
        super().GetPDFData(canvas)
        return self._sink.getvalue()

    def format(self):
        from reportlab import rl_config
        from reportlab.pdfbase.pdfdoc import PDFCrossReferenceTable, PDFIndirectObject, PDFTrailer

        if getattr(self, "_digiSigs", None):
            raise NotImplementedError("digital signatures need reportlab's own PDFDocument.format")
        self.encrypt.prepare(self)
        catalog, info = self.Catalog, self.info
        self.Reference(catalog)
        self.Reference(info)
        encrypt = self.encrypt.info()
        encrypt_ref = self.Reference(encrypt) if encrypt else None
        number_to_id, id_to_object, id_to_offset = self.numberToId, self.idToObject, self.idToOffset
        out = _WrittenFile(self._pdfVersion, self._sink)
        self.__accum__ = out  # as reportlab sets it while formatting (none of its objects reads it in 5.1)
        ids = []
        counter = 0
        while True:  # objects may be referenced (numbered) while others are formatted
            counter += 1
            if counter not in number_to_id:
                break
            oid = number_to_id[counter]
            obj = id_to_object[oid]
            formatted = PDFIndirectObject(oid, obj).format(self)
            if not rl_config.invariant and rl_config.pdfComments:
                out.add("%% %s: class %s \n" % (ascii(oid), obj.__class__.__name__[:50]))
            id_to_offset[oid] = out.add(formatted)
            ids.append(oid)
            if isinstance(obj, PDFStream):
                obj.content = b""  # written: a page's text, a font's subset
        del self.__accum__
        if counter - 1 != len(number_to_id):
            raise ValueError(f"counter {counter} doesn't match number to id dictionary {len(number_to_id)}")
        xref = PDFCrossReferenceTable()
        xref.addsection(0, ids)
        xref_offset = out.add(xref.format(self))
        trailer = PDFTrailer(
            startxref=xref_offset, Size=len(number_to_id) + 1, Root=self.Reference(catalog),
            Info=self.Reference(info), Encrypt=encrypt_ref, ID=self.ID(),
        )
        out.add(trailer.format(self))
        self.spilled.close()
        return b""


class _WrittenFile(PDFFile):
    """reportlab's output collector, writing into ``sink`` instead of collecting."""

    def __init__(self, pdf_version, sink):
        super().__init__(pdf_version)  # collects the header
        for header in self.strings:
            sink.write(header)
        self.strings = None
        self.write = sink.write

    def format(self, document):
        raise RuntimeError("written already")


class _Applied:
    """A stream filter whose encoding was applied already (see ``compress_now``): it names
    the filter in the stream's dictionary and leaves the content as it is."""

    def __init__(self, pdfname: str):
        self.pdfname = pdfname

    @staticmethod
    def encode(content):
        return content


def compress_now(page, spill: Spill) -> None:
    """Compress a finished page's content stream now rather than when the file is written, and
    keep it in ``spill`` (a temporary file) until then.

    reportlab keeps every page's content as text until ``save`` and compresses it then, so a
    long booklet held all its pages uncompressed at once. This makes the stream
    ``PDFPage.check_format`` would make, with the same filters in the same order (Flate, then
    ASCII85 when ``rl_config.useA85``), so the same bytes. Only Flate is applied now: ASCII85
    adds a quarter to the size, so it is applied as the stream is written.
    """
    from reportlab import rl_config
    from reportlab.pdfbase.pdfdoc import PDFBase85Encode, PDFZCompress

    if not page.compression or page.Contents or not page.stream or page.Override_default_compilation:
        return
    stream = spill.keep(PDFZCompress.encode(page.stream))
    stream.filters = [PDFBase85Encode] if rl_config.useA85 else []
    stream.filters.append(_Applied(PDFZCompress.pdfname))  # applied first (filters apply in reverse)
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None


class Spill:
    """Finished pages' compressed streams, kept in a temporary file until the PDF is written:
    a long booklet's pages then take disk, not memory, between their drawing and the save.
    Where no temporary file can be made, they stay in memory as reportlab keeps them."""

    def __init__(self, in_memory: bool = False):
        self.file = None
        self.unavailable = in_memory

    def keep(self, content: bytes) -> PDFStream:
        """A stream of ``content`` whose bytes wait in the file (in memory if the file fails:
        no room in the temporary folder, or a limit on file sizes the output would meet too)."""
        if self.file is None and not self.unavailable:  # made with the first page
            import tempfile

            try:
                self.file = tempfile.TemporaryFile(prefix="publish-pages-", buffering=0)
            except OSError:
                self.unavailable = True
        if self.file is not None and not self.unavailable:
            try:
                offset = self.file.seek(0, io.SEEK_END)
                if self.file.write(content) == len(content):
                    return _SpilledStream(self, offset, len(content))
            except OSError:
                pass
            self.unavailable = True  # what was kept stays readable; the rest stays in memory
        return PDFStream(content=content)

    def read(self, offset: int, length: int) -> bytes:
        self.file.seek(offset)
        content = self.file.read(length)
        if len(content) != length:
            raise OSError(f"a page's stream could not be read back from {self.file.name}")
        return content

    def close(self) -> None:
        self.unavailable = True  # not reopened: a canvas is written once
        if self.file is not None:
            self.file.close()
            self.file = None


class _SpilledStream(PDFStream):
    """A page's stream whose compressed content waits in a Spill until it is written."""

    def __init__(self, spill: Spill, offset: int, length: int):
        super().__init__()
        self.spill, self.offset, self.length = spill, offset, length

    def format(self, document):
        self.content = self.spill.read(self.offset, self.length)
        try:
            return super().format(document)
        finally:
            self.content = None
