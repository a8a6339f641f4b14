"""Reading a tagged PDF back: its structure tree (pikepdf), its text in structure order (poppler),
and what every page's content stream marks. Shared by the chart's and the booklet's tag tests.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from tests.conftest import require_tool

#: Operators that put marks on the page: text, paths, images, shadings.
PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "BI", "INLINE IMAGE"}


@dataclass
class Element:
    role: str
    obj: pikepdf.Dictionary
    kids: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    annotations: list[pikepdf.Dictionary] = field(default_factory=list)

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    @property
    def alt(self) -> str | None:
        return str(self.obj["/Alt"]) if "/Alt" in self.obj else None


def pdfua_findings(path: Path) -> dict:
    """The ``pdfua check`` report (JSON) for ``path``."""
    result = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", "--format", "json", str(path)], capture_output=True, text=True
    )
    assert result.stdout, result.stderr
    return json.loads(result.stdout)


def structure(pdf: pikepdf.Pdf) -> Element:
    """The structure tree from the Document element down, with each element's MCIDs and OBJRs."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

    def read(obj: pikepdf.Dictionary) -> Element:
        element = Element(str(obj["/S"]), obj)
        default_page = pages.get(obj["/Pg"].objgen) if "/Pg" in obj else None
        kids = obj.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        for kid in items:
            if isinstance(kid, pikepdf.Dictionary):
                kind = kid.get("/Type")
                if kind == "/MCR":
                    element.mcids.append((pages[kid["/Pg"].objgen], int(kid["/MCID"])))
                elif kind == "/OBJR":
                    element.annotations.append(kid["/Obj"])
                else:
                    element.kids.append(read(kid))
            else:
                element.mcids.append((default_page, int(kid)))
        return element

    root = pdf.Root["/StructTreeRoot"]
    kids = root["/K"]
    assert isinstance(kids, pikepdf.Dictionary), "one Document element at the root"
    return read(kids)


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    """The ParentTree as {key: array of elements (a page) or element (an annotation)}."""
    nums = pdf.Root["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


@dataclass
class PageMarks:
    """What a page's content stream marks: MCIDs in order, and paintings outside any mark."""

    mcids: list[int] = field(default_factory=list)
    unmarked: list[str] = field(default_factory=list)
    in_artifact: int = 0
    in_content: int = 0


def page_marks(page: pikepdf.Page) -> PageMarks:
    """Walk a page's content stream. Also asserts ISO 32000-1 14.6: no q/Q inside a marked
    clipping sequence (one that clips and paints nothing)."""
    marks = PageMarks()
    stack: list[str] = []  # "artifact", "content", or "other" for each open sequence
    seen: list[set[str]] = []  # per open sequence: "clip", "paint", "q" if it holds them
    for instruction in pikepdf.parse_content_stream(page):
        op = str(instruction.operator)
        if seen and op in ("W", "W*"):
            seen[-1].add("clip")
        elif seen and op in ("q", "Q"):
            seen[-1].add("q")
        elif seen and op in PAINTING:
            seen[-1].add("paint")
        if op in ("BMC", "BDC"):
            seen.append(set())
            tag = str(instruction.operands[0])
            if tag == "/Artifact":
                stack.append("artifact")
            elif op == "BDC" and isinstance(instruction.operands[1], pikepdf.Dictionary) and "/MCID" in instruction.operands[1]:
                assert "content" not in stack, "tagged content nested in tagged content"
                stack.append("content")
                marks.mcids.append(int(instruction.operands[1]["/MCID"]))
            else:
                stack.append("other")
        elif op == "EMC":
            stack.pop()
            inner = seen.pop()
            assert not ("clip" in inner and "paint" not in inner and "q" in inner), "q/Q in a marked clipping sequence"
            if seen:
                seen[-1] |= inner
        elif op in PAINTING:
            if "artifact" in stack:
                marks.in_artifact += 1
            elif "content" in stack:
                marks.in_content += 1
            else:
                marks.unmarked.append(op)
    assert not stack, "marked-content sequences left open at the end of the page"
    return marks


def struct_text(path: Path) -> list[tuple[str, str]]:
    """(role, text) for every piece of text, in structure order, as poppler reads it."""
    output = subprocess.run([require_tool("pdfinfo"), "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    pieces = []
    role = None
    for line in output.splitlines():
        stripped = line.strip()
        if stripped.startswith('"') and stripped.endswith('"') and len(stripped) >= 2:
            pieces.append((role, stripped[1:-1]))
        elif stripped:
            role = stripped.split()[0].rstrip(":")
    return pieces


def words(text: str) -> list[str]:
    """Text as a list of words, without the separators a layout adds between phrases."""
    return re.sub(r"[·•]", " ", text).split()


def check_tagged(path: Path) -> tuple[pikepdf.Pdf, Element]:
    """Assert the PDF-level rules every tagged product keeps; return the PDF and its tree.

    Every page: /StructParents, /Tabs /S, every painting either artifact or tagged, every
    MCID owned by the element the ParentTree names. Tree: standard roles, well-formed lists and
    regular tables, notes with unique IDs. Catalog: marked, language, title shown,
    XMP claiming PDF/UA-1 with the title. Every font embedded with a ToUnicode map. Every
    link annotation tagged as a Link element, with a description.
    """
    pdf = pikepdf.open(path)
    root = pdf.Root
    assert root["/MarkInfo"]["/Marked"] is True or bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    with pdf.open_metadata() as meta:
        assert meta.get("pdfuaid:part") == "1"
        assert meta.get("dc:title") == str(pdf.docinfo["/Title"])
    tree = structure(pdf)
    assert tree.role == "/Document"
    check_grammar(tree)
    parents = parent_tree(pdf)
    owners = {}
    for element in tree.walk():
        for page, mcid in element.mcids:
            assert (page, mcid) not in owners, "an MCID owned twice"
            owners[page, mcid] = element
    for index, page in enumerate(pdf.pages):
        assert page.obj["/Tabs"] == "/S"
        key = int(page.obj["/StructParents"])
        marks = page_marks(page)
        assert not marks.unmarked, f"page {index + 1}: {len(marks.unmarked)} paintings neither tagged nor artifact"
        assert marks.mcids == list(range(len(marks.mcids))), "MCIDs run 0, 1, 2 … down the page"
        array = parents[key]
        assert len(array) == len(marks.mcids)
        for mcid in marks.mcids:
            assert array[mcid].objgen == owners[index, mcid].obj.objgen
        for annotation in page.obj.get("/Annots", []):
            assert annotation["/Subtype"] == "/Link"
            assert str(annotation.get("/Contents", "")).strip(), "a link without a description"
            element = parents[int(annotation["/StructParent"])]
            assert element["/S"] == "/Link"
    links = [e for e in tree.walk() if e.role == "/Link"]
    for link in links:
        assert link.annotations and link.mcids, "a Link element holds its annotation and its text"
    fonts = {}
    for page in pdf.pages:
        for name, font in page.obj["/Resources"].get("/Font", {}).items():
            fonts[font.objgen] = font
    for font in fonts.values():
        assert "/ToUnicode" in font, font.get("/BaseFont")
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None and ("/FontFile2" in descriptor or "/FontFile" in descriptor or "/FontFile3" in descriptor)
    return pdf, tree


#: The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4) the products use: no role map needed.
STANDARD_ROLES = {
    "/Document", "/Part", "/Art", "/Sect", "/Div", "/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6",
    "/L", "/LI", "/Lbl", "/LBody", "/Table", "/TR", "/TH", "/TD", "/THead", "/TBody", "/TFoot",
    "/Figure", "/Note", "/Link", "/Span", "/Caption", "/TOC", "/TOCI",
}
#: Where each grouping element may stand, and what it may hold.
CHILDREN = {"/L": {"/LI"}, "/LI": {"/Lbl", "/LBody"}, "/Table": {"/TR"}, "/TR": {"/TH", "/TD"}}
PARENTS = {"/LI": "/L", "/Lbl": "/LI", "/LBody": "/LI", "/TR": "/Table", "/TH": "/TR", "/TD": "/TR"}


def check_grammar(tree: Element) -> None:
    """Standard roles only; lists and tables well formed and tables regular; notes with unique IDs."""
    idents = []
    for element in tree.walk():
        assert element.role in STANDARD_ROLES, element.role
        allowed = CHILDREN.get(element.role)
        if allowed is not None:
            assert element.kids and {kid.role for kid in element.kids} <= allowed, (element.role, [k.role for k in element.kids])
            assert not element.mcids, f"{element.role} holds content directly"
        for kid in element.kids:
            if kid.role in PARENTS:
                assert element.role == PARENTS[kid.role], f"{kid.role} inside {element.role}"
        if element.role == "/Table":
            assert len({len(row.kids) for row in element.kids}) == 1, "rows of unequal length"
        if element.role == "/Note":
            idents.append(str(element.obj["/ID"]))
    assert len(idents) == len(set(idents)), "Note IDs repeat"


def headings(tree: Element) -> list[int]:
    return [int(e.role[2:]) for e in tree.walk() if re.fullmatch(r"/H[1-6]", e.role)]


def assert_headings_nest(levels: list[int]) -> None:
    assert levels and levels[0] == 1, levels[:3]
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading level jumps from {before} to {after}"
