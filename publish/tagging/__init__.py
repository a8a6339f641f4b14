"""Tagged PDF (PDF/UA-1) for reportlab, which has no tagging of its own.

    Node                     a structure element a layout declares (role, parent, alt text …)
    TaggedCanvas             a Canvas that writes marked content, the structure tree and metadata
    tag(canvas, node)        context: what is drawn inside is ``node``'s content; all else is artifact
    artifact(canvas, …)      context: a named artifact (running footers)
    touch(canvas, node)      place an element that draws nothing (an empty table cell)
    root(canvas)             the Document element new elements hang from
    Tagged(flowable, node)   a platypus flowable drawn inside ``node`` (split parts stay in it)
    Touch(node)              a zero-size flowable that places ``node``
    space_line_ends(para)    a laid-out Paragraph reads "Back Pain", not "BackPain", across its line break

A layout declares its structure as nodes and draws through ``tag``; nothing else about
tagging appears in it. See publish/tagging/canvas.py for how content becomes artifact by default.
"""

from publish.tagging.canvas import TaggedCanvas, TaggingError, artifact, is_tagged, root, tag, touch
from publish.tagging.tree import Node

#: The flowables import reportlab.platypus, which a canvas-only product (the chart) never needs.
_FLOWABLES = frozenset({"Tagged", "Touch", "space_line_ends"})


def __getattr__(name: str):
    if name in _FLOWABLES:
        from publish.tagging import flowables

        return getattr(flowables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Node", "Tagged", "TaggedCanvas", "TaggingError", "Touch", "artifact", "is_tagged", "root", "space_line_ends", "tag", "touch"]
