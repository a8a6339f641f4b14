"""The logical structure of a tagged PDF: elements declared by a layout, filled while drawing.

A layout declares ``Node`` objects (a role, a parent, attributes such as alt text) before or
while it draws. A node joins the tree the first time something is drawn for it (or it is
``touch``-ed), so the order of the tree is the order content is drawn; a node drawn again on a
later page (a paragraph or table continued overleaf) collects content from both pages.
``write`` turns the finished tree into reportlab PDF objects: the StructTreeRoot, one
StructElem per node, the ParentTree that maps each page's marked-content ids (and each link
annotation) back to its element, and the IDTree for elements with an ``/ID``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Content:
    """One marked-content sequence on a page (0-based page index, MCID on that page)."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    """A link annotation that belongs to an element (an OBJR), by reportlab's annotation name."""

    page: int
    name: str


@dataclass(eq=False)
class Node:
    """A structure element: ``role`` is a standard type (P, H1, Figure, TD …).

    ``alt`` is the Figure's description, ``actual`` a replacement text, ``title`` the /T
    entry, ``ident`` the /ID (required for Note), ``scope`` a table header's Row/Column,
    ``contents`` the description a Link gives its annotation.
    """

    role: str
    parent: Node | None = None
    alt: str | None = None
    actual: str | None = None
    title: str | None = None
    ident: str | None = None
    scope: str | None = None
    contents: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    kids: list = field(default_factory=list)
    placed: bool = False

    def child(self, role: str, **attrs) -> Node:
        """A new element under this one (placed in the tree when first drawn)."""
        return Node(role, parent=self, **attrs)

    def place(self) -> None:
        """Put this node (and its ancestors) into the tree, after the siblings placed before it."""
        if self.placed:
            return
        self.placed = True
        if self.parent is not None:
            self.parent.place()
            self.parent.kids.append(self)

    def first_page(self) -> int | None:
        for kid in self.kids:
            if isinstance(kid, (Content, Annotation)):
                return kid.page
        return None

    def walk(self):
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()


def write(document, root: Node, page_names: list[str], page_keys: list[int], page_nodes: list[list[Node]],
          link_keys: dict[int, Node], annotation_refs) -> object:
    """Register the tree's PDF objects with reportlab's ``document``; return the StructTreeRoot.

    ``page_names`` are reportlab's names for the page objects; ``page_keys[i]`` the page's
    /StructParents; ``page_nodes[i]`` the element of each MCID on page i; ``link_keys`` the
    /StructParent of each link annotation and its element.
    """
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFString

    nodes = [node for node in root.walk()]
    names = {id(node): f"StructElem{index}" for index, node in enumerate(nodes)}

    def ref(node: Node):
        return PDFObjectReference(names[id(node)])

    def page_ref(index: int):
        return PDFObjectReference(page_names[index])

    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    document.Reference(tree_root, "StructTreeRoot")
    for node in nodes:
        entries = {"Type": PDFName("StructElem"), "S": PDFName(node.role)}
        entries["P"] = ref(node.parent) if node.parent is not None else PDFObjectReference("StructTreeRoot")
        page = node.first_page()
        if page is not None:
            entries["Pg"] = page_ref(page)
        kids = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(ref(kid))
            elif isinstance(kid, Content):
                if kid.page == page:
                    kids.append(kid.mcid)
                else:
                    kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": page_ref(kid.page), "MCID": kid.mcid}))
            else:
                kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Pg": page_ref(kid.page), "Obj": annotation_refs(kid.name)}))
        if len(kids) == 1:
            entries["K"] = kids[0]
        elif kids:
            entries["K"] = PDFArray(kids)
        for key, value in (("Alt", node.alt), ("ActualText", node.actual), ("T", node.title), ("ID", node.ident)):
            if value is not None:
                entries[key] = PDFString(value)
        if node.scope is not None:
            entries["A"] = PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(node.scope)})
        elif node.bbox is not None:
            entries["A"] = PDFDictionary({"O": PDFName("Layout"), "BBox": PDFArray([round(v, 2) for v in node.bbox])})
        document.Reference(PDFDictionary(entries), names[id(node)])

    nums: list = []
    keyed = {key: PDFArray([ref(node) for node in page_nodes[index]]) for index, key in enumerate(page_keys)}
    keyed.update({key: ref(node) for key, node in link_keys.items()})
    for key in sorted(keyed):
        nums += [key, keyed[key]]
    parent_tree = PDFDictionary({"Nums": PDFArray(nums)})
    tree_root["K"] = ref(root)
    tree_root["ParentTree"] = document.Reference(parent_tree, "ParentTree")
    tree_root["ParentTreeNextKey"] = (max(keyed) + 1) if keyed else 0
    idents = sorted(((node.ident, node) for node in nodes if node.ident is not None), key=lambda pair: pair[0])
    if idents:
        names_array = []
        for ident, node in idents:
            names_array += [PDFString(ident), ref(node)]
        tree_root["IDTree"] = PDFDictionary({"Names": PDFArray(names_array)})
    return PDFObjectReference("StructTreeRoot")
