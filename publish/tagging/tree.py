"""The logical structure of a tagged PDF: elements declared by a layout, filled while drawing.

A layout declares ``Node`` objects (a role, a parent, attributes such as alt text) before or
while it draws. A node joins the canvas's ``Tree`` the first time something is drawn for it
(or it is ``touch``-ed), so the order of the tree is the order content is drawn; a node drawn
again on a later page (a paragraph or table continued overleaf) collects content from both pages.
``write`` turns the finished tree into reportlab PDF objects: the StructTreeRoot, one
StructElem per node, the ParentTree that maps each page's marked-content ids (and each link
annotation) back to its element, and the IDTree for elements with an ``/ID``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Content:
    """One marked-content sequence on a page (0-based page index, MCID on that page)."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Annotation:
    """A link annotation that belongs to an element (an OBJR), by reportlab's annotation name."""

    page: int
    name: str


class Node:
    """A structure element a layout declares: ``role`` is a standard type (P, H1, Figure, TD …).

    ``alt`` is the Figure's description, ``actual`` a replacement text, ``title`` the /T
    entry, ``ident`` the /ID (required for Note), ``scope`` a table header's Row/Column,
    ``contents`` the description a Link gives its annotation. A node is only a declaration:
    which content it holds is recorded by the ``Tree`` of the canvas it is drawn on, so the
    same story can be drawn on several canvases (layout passes) without mixing them.
    A parentless ``Document`` node stands for the tree's root. (A plain class with slots, not
    a dataclass: a long booklet declares tens of thousands.)
    """

    __slots__ = ("role", "parent", "alt", "actual", "title", "ident", "scope", "contents")

    def __init__(self, role: str, parent: Node | None = None, alt: str | None = None, actual: str | None = None,
                 title: str | None = None, ident: str | None = None, scope: str | None = None, contents: str | None = None):
        self.role, self.parent, self.alt, self.actual = role, parent, alt, actual
        self.title, self.ident, self.scope, self.contents = title, ident, scope, contents

    def __repr__(self) -> str:
        return f"Node({self.role!r})"

    def child(self, role: str, **attrs) -> Node:
        """A new element under this one (placed in the tree when first drawn)."""
        return Node(role, parent=self, **attrs)


class Tree:
    """The structure drawn on one canvas: each placed node's kids, in the order they were placed."""

    def __init__(self):
        self.root = Node("Document")
        self._kids: dict[int, list] = {id(self.root): []}
        self._nodes: dict[int, Node] = {id(self.root): self.root}
        self.bboxes: dict[int, tuple[float, float, float, float]] = {}

    def _own(self, node: Node) -> Node:
        """The root for any parentless Document node (a story declares its own)."""
        return self.root if node.parent is None and node.role == "Document" else node

    def place(self, node: Node) -> None:
        """Put ``node`` (and its ancestors) into the tree, after the siblings placed before it."""
        node = self._own(node)
        if id(node) in self._kids:
            return
        parent = self._own(node.parent) if node.parent is not None else self.root
        self.place(parent)
        self._kids[id(node)] = []
        self._nodes[id(node)] = node
        self._kids[id(parent)].append(node)

    def add(self, node: Node, item) -> None:
        """Record content (or an annotation) as the next kid of ``node``."""
        self.place(node)
        self._kids[id(self._own(node))].append(item)

    def kids(self, node: Node) -> list:
        return self._kids[id(self._own(node))]

    def parent(self, node: Node) -> Node | None:
        return None if node is self.root else (self._own(node.parent) if node.parent is not None else self.root)

    def first_page(self, node: Node) -> int | None:
        for kid in self.kids(node):
            if isinstance(kid, (Content, Annotation)):
                return kid.page
        return None

    def walk(self, node: Node | None = None):
        node = self.root if node is None else node
        yield node
        for kid in self.kids(node):
            if isinstance(kid, Node):
                yield from self.walk(kid)


def write(document, structure: Tree, page_names: list[str], page_keys: list[int], page_nodes: list[list[Node]],
          link_keys: dict[int, Node], annotation_refs) -> object:
    """Register the tree's PDF objects with reportlab's ``document``; return the StructTreeRoot.

    ``page_names`` are reportlab's names for the page objects; ``page_keys[i]`` the page's
    /StructParents; ``page_nodes[i]`` the element of each MCID on page i; ``link_keys`` the
    /StructParent of each link annotation and its element.
    """
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFString

    nodes = list(structure.walk())
    names = {id(node): f"StructElem{index}" for index, node in enumerate(nodes)}

    def ref(node: Node):
        return PDFObjectReference(names[id(node)])

    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    document.Reference(tree_root, "StructTreeRoot")
    names_of = _Names(structure, names, page_names, annotation_refs)
    element = _element_class()
    for node in nodes:
        document.Reference(element(node, names_of), names[id(node)])

    nums: list = []
    keyed = {key: PDFArray([ref(node) for node in page_nodes[index]]) for index, key in enumerate(page_keys)}
    keyed.update({key: ref(node) for key, node in link_keys.items()})
    for key in sorted(keyed):
        nums += [key, keyed[key]]
    parent_tree = PDFDictionary({"Nums": PDFArray(nums)})
    tree_root["K"] = ref(structure.root)
    tree_root["ParentTree"] = document.Reference(parent_tree, "ParentTree")
    tree_root["ParentTreeNextKey"] = (max(keyed) + 1) if keyed else 0
    idents = sorted(((node.ident, node) for node in nodes if node.ident is not None), key=lambda pair: pair[0])
    if idents:
        names_array = []
        for ident, node in idents:
            names_array += [PDFString(ident), ref(node)]
        tree_root["IDTree"] = PDFDictionary({"Names": PDFArray(names_array)})
    return PDFObjectReference("StructTreeRoot")


class _Names:
    """What every element needs to write itself: the tree, element and page names, annotations."""

    __slots__ = ("structure", "elements", "pages", "annotation_refs", "roles")

    def __init__(self, structure: Tree, elements: dict[int, str], pages: list[str], annotation_refs):
        self.structure, self.elements, self.pages, self.annotation_refs = structure, elements, pages, annotation_refs
        self.roles: dict[str, str] = {}  # each role as a PDF name, made once


_ELEMENT = None


def _element_class():
    """The PDF object of one StructElem, made into its dictionary only when the file is written.

    A booklet has tens of thousands of elements: building every element's dictionary (its
    kids, references and attributes as reportlab objects) before writing held them all at
    once, and reportlab's generic formatting (a PDFName and a dispatch per key and value) was
    a third of writing the file. Here each element makes its entries as it is written, and
    writes names, whole numbers and references itself; anything else (strings, arrays, the
    attribute dictionary) is written by reportlab. The bytes are PDFDictionary's.
    """
    global _ELEMENT
    if _ELEMENT is not None:
        return _ELEMENT
    from reportlab import rl_config
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfbase.pdfdoc import (
        PDFArray,
        PDFDictionary,
        PDFName,
        PDFObject,
        PDFObjectReference,
        PDFString,
        format,
        pdfdocEnc,
    )

    keys: dict[str, bytes] = {}  # each key as PDFDictionary writes it, with its space
    struct_elem = PDFName("StructElem")

    class Element(PDFObject):
        __slots__ = ("node", "names")

        def __init__(self, node: Node, names: _Names):
            self.node, self.names = node, names

        def entries(self) -> dict:
            node, names = self.node, self.names
            structure, elements, pages = names.structure, names.elements, names.pages
            role = names.roles.get(node.role)
            if role is None:
                role = names.roles[node.role] = PDFName(node.role)
            entries = {"Type": struct_elem, "S": role}
            parent = structure.parent(node)
            entries["P"] = PDFObjectReference(elements[id(parent)] if parent is not None else "StructTreeRoot")
            page = structure.first_page(node)
            if page is not None:
                entries["Pg"] = PDFObjectReference(pages[page])
            kids = []
            for kid in structure.kids(node):
                if isinstance(kid, Node):
                    kids.append(PDFObjectReference(elements[id(kid)]))
                elif isinstance(kid, Content):
                    if kid.page == page:
                        kids.append(kid.mcid)
                    else:
                        kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": PDFObjectReference(pages[kid.page]), "MCID": kid.mcid}))
                else:
                    kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Pg": PDFObjectReference(pages[kid.page]),
                                               "Obj": names.annotation_refs(kid.name)}))
            if len(kids) == 1:
                entries["K"] = kids[0]
            elif kids:
                entries["K"] = PDFArray(kids)
            for key, value in (("Alt", node.alt), ("ActualText", node.actual), ("T", node.title), ("ID", node.ident)):
                if value is not None:
                    entries[key] = PDFString(value)
            if node.scope is not None:
                entries["A"] = PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(node.scope)})
            elif id(node) in structure.bboxes:
                box = structure.bboxes[id(node)]
                entries["A"] = PDFDictionary({"O": PDFName("Layout"), "BBox": PDFArray([round(v, 2) for v in box])})
            return entries

        def format(self, document):
            entries = self.entries()
            if rl_config.pdfMultiLine:
                return PDFDictionary(entries).format(document)
            numbers = document.idToObjectNumberAndVersion
            out = []
            for key in sorted(entries):
                value = entries[key]
                kind = type(value)
                if kind is str:
                    text = pdfdocEnc(value)
                elif kind is int:
                    text = pdfdocEnc(fp_str(value))
                elif kind is PDFObjectReference:
                    text = pdfdocEnc("%s %s R" % numbers[value.name])
                else:
                    text = format(value, document)
                name = keys.get(key)
                if name is None:
                    name = keys[key] = pdfdocEnc(PDFName(key)) + b" "
                out.append(name + text)
            for i in reversed(range(6, len(out), 6)):
                out.insert(i, b"\n ")
            return b"<<\n" + b" ".join(out) + b"\n>>"

    _ELEMENT = Element
    return _ELEMENT
