"""A reportlab Canvas that writes a tagged PDF: marked content, artifacts, structure, metadata.

Everything drawn on a ``TaggedCanvas`` is an artifact (decoration: rules, panel backgrounds,
tick-box outlines, icons) unless it is drawn inside ``tag(canvas, node)``, which wraps it in a
marked-content sequence ``/Role <</MCID n>> BDC … EMC`` belonging to the structure element
``node``. So nothing is ever left neither tagged nor artifact, and real content is whatever a
layout deliberately tags. On save the canvas adds the structure tree, ``/StructParents`` and
``/Tabs /S`` on every page, ``/MarkInfo``, ``/ViewerPreferences /DisplayDocTitle`` and an XMP
packet claiming PDF/UA-1.

The helpers ``tag``, ``artifact`` and ``touch`` accept any canvas: on a plain one (the print-only
tiles) they do nothing, so one drawing function serves tagged and untagged products.
"""

from __future__ import annotations

import io
import weakref
from contextlib import contextmanager, nullcontext

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFFile, PDFStream
from reportlab.pdfgen.canvas import Canvas

from publish.tagging import tree, xmp
from publish.tagging.tree import Annotation, Content, Node, Tree

#: The operator that opens the artifact every untagged stretch of a page belongs to.
_ARTIFACT = "/Artifact BMC"
_OPEN_ARTIFACT = "artifact"


class TaggingError(RuntimeError):
    """A layout opened tags out of order (a programming error, never the user's)."""


class TaggedCanvas(Canvas):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("pdfVersion", (1, 7))  # /Tabs and PDF/UA-1 are defined on PDF 1.7
        self._lang = kwargs.get("lang")
        super().__init__(*args, **kwargs)
        if _writes_as_formatted():
            self._doc.__class__ = _WrittenAsFormatted
        self._doc.spilled = _Spill()
        self.tree = Tree()
        self.structure = self.tree.root
        self._page_names: list[str] = []
        self._page_keys: list[int] = []
        self._page_nodes: list[list[Node]] = []
        self._link_keys: dict[int, Node] = {}
        self._next_key = 0
        self._state: Node | str | None = None
        self._pending_label: tuple[Node, Node] | None = None
        self._seen: weakref.WeakSet = weakref.WeakSet()  # drawn flowables, not kept alive by it
        self._begin_page()

    # -- page bookkeeping ---------------------------------------------------------------

    def _begin_page(self) -> None:
        self._page_keys.append(self._next_key)
        self._next_key += 1
        self._page_nodes.append([])
        self._open_artifact()

    def _startPage(self):
        super()._startPage()
        self._begin_page()

    def _open_artifact(self) -> None:
        self._code.append(_ARTIFACT)
        self._state = _OPEN_ARTIFACT

    def _close(self) -> None:
        if self._state is not None:
            self._code.append("EMC")
            self._state = None

    def showPage(self):
        if isinstance(self._state, Node) or self._pending_label:
            raise TaggingError("a page ended inside a tag")
        self._close()
        name = self._doc.thisPageName()
        key = self._page_keys[len(self._page_names)]
        self._page_names.append(name)
        super().showPage()
        from reportlab.pdfbase.pdfdoc import PDFName

        page = self._doc.idToObject[name]
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = key
        page.Tabs = PDFName("S")
        _compress_now(page, self._doc.spilled)

    # -- marked content -----------------------------------------------------------------

    def _begin_content(self, node: Node) -> None:
        page = len(self._page_names)
        mcids = self._page_nodes[page]
        mcid = len(mcids)
        mcids.append(node)
        self.tree.add(node, Content(page, mcid))
        self._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        self._state = node

    @contextmanager
    def tag(self, node: Node, bbox: tuple[float, float, float, float] | None = None, label: Node | None = None):
        """Draw inside ``node``; with ``label``, the first text drawn is the label's (a list bullet)."""
        if self._state != _OPEN_ARTIFACT:
            raise TaggingError(f"cannot open {node.role} inside {getattr(self._state, 'role', self._state)}")
        self._close()
        if bbox is not None:
            x, y, w, h = bbox
            self.tree.bboxes[id(node)] = self._absRect((x, y, x + w, y + h), relative=1)
        if label is not None:
            self._pending_label = (label, node)
        else:
            self._begin_content(node)
        try:
            yield node
        finally:
            self._pending_label = None
            self._close()
            self._open_artifact()

    def drawText(self, aTextObject):
        if self._pending_label is not None:
            label, body = self._pending_label
            self._pending_label = None
            self._begin_content(label)
            super().drawText(aTextObject)
            self._close()
            self._begin_content(body)
            return
        super().drawText(aTextObject)

    @contextmanager
    def artifact(self, kind: str = "Pagination", subtype: str | None = None):
        """Draw an artifact of a named kind (``Pagination``/``Footer`` for running footers)."""
        if self._state != _OPEN_ARTIFACT:
            raise TaggingError(f"cannot open an artifact inside {getattr(self._state, 'role', self._state)}")
        self._close()
        extra = f" /Subtype /{subtype}" if subtype else ""
        self._code.append(f"/Artifact <</Type /{kind}{extra}>> BDC")
        self._state = "explicit"
        try:
            yield
        finally:
            self._close()
            self._open_artifact()

    def first_time(self, thing) -> bool:
        """True the first time ``thing`` is drawn on this canvas (a repeated table header is not)."""
        if thing in self._seen:
            return False
        self._seen.add(thing)
        return True

    # -- annotations --------------------------------------------------------------------

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        node = self._state if isinstance(self._state, Node) else None
        if node is None:
            raise TaggingError("a link annotation must be drawn inside a Link tag")
        link = node
        key = self._next_key
        self._next_key += 1
        self._link_keys[key] = link
        description = link.contents or link.alt or ""
        from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString

        if isinstance(annotation, PDFDictionary):
            annotation["StructParent"] = key
            annotation["Contents"] = PDFString(description)
        else:
            annotation.permitted = (*annotation.permitted, "StructParent")
            annotation.otherkw["StructParent"] = key
            annotation.Contents = description
        if not name:
            name = "NUMBER" + repr(self._annotationCount + 1)
        super()._addAnnotation(annotation, name, addtopage)
        self.tree.add(link, Annotation(len(self._page_names), name))

    # -- saving -------------------------------------------------------------------------

    def save(self):
        self._finish()
        super().save()

    def getpdfdata(self):
        self._finish()
        return super().getpdfdata()

    def _finish(self) -> None:
        if self._code and self._code != [_ARTIFACT]:
            self.showPage()
        if self._code == [_ARTIFACT]:
            self._code.clear()
        self._state = None
        from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName

        doc = self._doc
        count = len(self._page_names)
        catalog = doc.Catalog
        catalog.StructTreeRoot = tree.write(
            doc, self.tree, self._page_names, self._page_keys[:count], self._page_nodes[:count],
            self._link_keys, doc.refAnnotation,
        )
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        self.setViewerPreference("DisplayDocTitle", "true")
        info = doc.info
        when = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*doc._timeStamp.YMDhms)
        packet = xmp.packet(
            title=info.title, author=info.author, subject=info.subject, keywords=info.keywords,
            creator=info.creator, producer=info.producer, lang=self._lang or "", date=when,
        )
        stream = _Uncompressed(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), packet + b"\n")
        catalog.Metadata = stream


#: The reportlab releases whose PDFDocument.format ``_WrittenAsFormatted.format`` repeats
#: (checked line by line): on any other, reportlab's own format and save are used (the same
#: bytes, more memory at the save), so a new reportlab cannot be written with an old loop.
WRITE_LOOP_FROM = {"5.1"}


def _writes_as_formatted() -> bool:
    from reportlab import Version

    return ".".join(Version.split(".")[:2]) in WRITE_LOOP_FROM


class _WrittenAsFormatted(PDFDocument):
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
        self._PDFDocument__accum__ = out  # what reportlab's objects may ask for while formatting
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
        del self._PDFDocument__accum__
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
    """A stream filter whose encoding was applied already (see ``_compress_now``): it names
    the filter in the stream's dictionary and leaves the content as it is."""

    def __init__(self, pdfname: str):
        self.pdfname = pdfname

    @staticmethod
    def encode(content):
        return content


def _compress_now(page, spill: _Spill) -> None:
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


class _Spill:
    """Finished pages' compressed streams, kept in a temporary file until the PDF is written:
    a long booklet's pages then take disk, not memory, between their drawing and the save.
    Where no temporary file can be made, they stay in memory as reportlab keeps them."""

    def __init__(self):
        self.file = None
        self.unavailable = False

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
    """A page's stream whose compressed content waits in a _Spill until it is written."""

    def __init__(self, spill: _Spill, offset: int, length: int):
        super().__init__()
        self.spill, self.offset, self.length = spill, offset, length

    def format(self, document):
        self.content = self.spill.read(self.offset, self.length)
        try:
            return super().format(document)
        finally:
            self.content = None


class _Uncompressed(PDFStream):
    """A stream written as it is: XMP stays readable to tools that do not inflate streams."""

    def __init__(self, dictionary, content: bytes):
        super().__init__(dictionary, content)

    def format(self, document):
        from reportlab.pdfbase.pdfdoc import PDFDictionary, format

        content = document.encrypt.encode(self.content)
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        dictionary["Length"] = len(content)
        return format(dictionary, document) + b"\nstream\n" + content + b"endstream\n"


# -- helpers for layouts that also draw on plain canvases ---------------------------------------


def is_tagged(canvas) -> bool:
    return isinstance(canvas, TaggedCanvas)


def tag(canvas, node: Node, bbox=None, label: Node | None = None):
    """Draw real content for ``node`` (a no-op context on an untagged canvas)."""
    return canvas.tag(node, bbox=bbox, label=label) if is_tagged(canvas) else nullcontext(node)


def artifact(canvas, kind: str = "Pagination", subtype: str | None = None):
    """Draw a named artifact (a no-op context on an untagged canvas)."""
    return canvas.artifact(kind, subtype) if is_tagged(canvas) else nullcontext()


def touch(canvas, node: Node) -> None:
    """Place ``node`` in the tree even though it draws nothing (an empty table cell)."""
    if is_tagged(canvas):
        canvas.tree.place(node)


def root(canvas) -> Node:
    """The canvas's Document element (a detached one on an untagged canvas)."""
    return canvas.structure if is_tagged(canvas) else Node("Document")
