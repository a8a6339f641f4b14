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

import weakref
from contextlib import contextmanager, nullcontext

from reportlab.pdfbase.pdfdoc import PDFStream
from reportlab.pdfgen.canvas import Canvas

from publish.tagging import tree, xmp
from publish.tagging.saving import compress_now, Spill, writes_as_formatted, WrittenAsFormatted
from publish.tagging.tree import Annotation, Content, Node, Tree

#: The operator that opens the artifact every untagged stretch of a page belongs to.
_ARTIFACT = "/Artifact BMC"
_OPEN_ARTIFACT = "artifact"


class TaggingError(RuntimeError):
    """A layout opened tags out of order (a programming error, never the user's)."""


class TaggedCanvas(Canvas):
    def __init__(self, *args, spill: bool = True, **kwargs):
        """``spill``: finished pages wait in a temporary file until the save (see ``Spill``);
        False for a canvas that is never saved (the booklet's measuring pass)."""
        kwargs.setdefault("pdfVersion", (1, 7))  # /Tabs and PDF/UA-1 are defined on PDF 1.7
        self._lang = kwargs.get("lang")
        super().__init__(*args, **kwargs)
        if writes_as_formatted():
            self._doc.__class__ = WrittenAsFormatted
        self._doc.spilled = Spill(in_memory=not spill)
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
        compress_now(page, self._doc.spilled)

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
        try:
            self._finish()
            super().save()
        finally:
            self._doc.spilled.close()

    def getpdfdata(self):
        try:
            self._finish()
            return super().getpdfdata()
        finally:
            self._doc.spilled.close()

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
