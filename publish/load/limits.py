"""How much a data file may hold: bytes, YAML nodes, nesting, text — each with its reason.

A file that never ends (``/dev/zero``) or whose aliases multiply a few kilobytes into a
hundred megabytes of step text must be refused before anything is built from it, with a
message that names the limit and the size found. Every limit is far above any real
programme or library, so only a mistake or an attack meets one:

- the bundled library (seven exercises, every field used) is 12 KB, about 400 YAML nodes
  and 9,000 characters of text; a library of 1,000 such exercises is 1.7 MB, 57,000 nodes
  and 1.3 million characters;
- the schema nests at most six levels (exercises → exercise → figure → pose → angle);
- the longest field in the bundled data is a 320-character step; a step of 10,000 characters
  fills three booklet pages.
"""

from __future__ import annotations

import yaml

#: The most a data file may hold: 16 MB (a library of ~9,000 richly described exercises).
MAX_BYTES = 16 * 1024 * 1024
#: YAML nodes after aliases are expanded (each alias counts the nodes it stands for again).
MAX_NODES = 1_000_000
#: Levels of nesting after aliases are expanded. (Without aliases, libyaml stops at 1,000
#: levels and the readers never go deeper than the schema.)
MAX_DEPTH = 32
#: Characters of text after aliases are expanded: about 6,000 booklet pages.
MAX_TEXT = 12_000_000

#: The longest text each field may hold, in characters, by the field's last name. Generous
#: for any real entry, and still what each product can set: a title fits the EPUB cover and
#: the chart's band, a cue the chart card, a safety note the chart strip and a booklet page.
FIELD_LENGTHS = {
    "title": 100,  # on the booklet and EPUB covers and the chart band, with the subtitle
    "subtitle": 200,
    "name": 100,
    "patient": 100,
    "id": 64,  # names files (figures, EPUB chapters)
    "language": 35,
    "steps": 10_000,  # the booklet carries a long step on overleaf; the chart never shows steps
    "about": 5000,
    "tips": 5000,
    "cues": 120,  # a short phrase on the wall chart
    "safety": 400,  # on the chart's card or safety strip, which do not split
    "muscles": 200,
    "benefits": 300,
    "stop_and_ask_if": 300,
    "urgent_help_if": 300,
    "links": 300,
    "url": 500,
    "author": 200,
    "publisher": 200,
    "action": 200,  # the figure's alt text
    "note": 2000,
    "notes": 2000,
}
#: Fields of a source (``source.title``) are credits, not headings.
SOURCE_TITLE = 300
#: Any field not listed above.
DEFAULT_LENGTH = 500


def field_length(field: str) -> int:
    """The longest text ``field`` (``exercises[2].steps[0]``, ``source.title``) may hold."""
    parts = field.split(".")
    last = parts[-1].split("[")[0]
    if last == "title" and len(parts) > 1:
        return SOURCE_TITLE
    return FIELD_LENGTHS.get(last, DEFAULT_LENGTH)


def expanded_size(root: yaml.Node) -> tuple[int, int, int]:
    """(nodes, characters of text, depth) of the document with every alias expanded.

    Computed over the node graph once, each shared node's totals remembered, so a "billion
    laughs" file costs as many steps as it has distinct nodes; totals stop growing past the
    limits (Python ints would not overflow, but there is no point counting further). A node
    that contains itself (``&a [*a]``) counts once.
    """
    done: dict[int, tuple[int, int, int]] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in done:
            continue
        children = _children(node)
        if not children_done:
            visiting.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in done and id(child) not in visiting)
            continue
        visiting.discard(key)
        nodes, text, depth = 1, len(node.value) if isinstance(node, yaml.ScalarNode) else 0, 0
        for child in children:
            c_nodes, c_text, c_depth = done.get(id(child), (1, 0, 0))  # a cycle back to an ancestor
            nodes, text, depth = nodes + c_nodes, text + c_text, max(depth, c_depth)
        done[key] = (min(nodes, MAX_NODES + 1), min(text, MAX_TEXT + 1), min(depth + 1, MAX_DEPTH + 1))
    return done[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def size_problems(root: yaml.Node) -> list[str]:
    """What is too big about the document, each naming the limit and the size found."""
    nodes, text, depth = expanded_size(root)
    problems = []
    if nodes > MAX_NODES:
        problems.append(f"holds more than {MAX_NODES:,} values once its aliases (*name) are expanded; the limit is {MAX_NODES:,}")
    if text > MAX_TEXT:
        problems.append(f"holds more than {MAX_TEXT:,} characters of text once its aliases (*name) are expanded; the limit is {MAX_TEXT:,}")
    if depth > MAX_DEPTH:
        problems.append(f"nests lists and mappings more than {MAX_DEPTH} levels deep; the limit is {MAX_DEPTH}")
    return problems
