"""The story as a stream: flowables made a section at a time, as the layout reaches them.

reportlab's ``build`` takes a list and eats it from the front (``del flowables[0]``), which
costs the length of the list on every step: quadratic in the book's length. The whole story
held at once also keeps every page's paragraphs in memory until the end. A ``Stream`` keeps a
short queue instead and asks its generator for the next section (everything from one page
break to the next) when the queue runs low, so the layout's time grows with the page count
and its memory with one section.

It offers just the list operations ``BaseDocTemplate.build`` uses on its story.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

#: Flowables kept queued ahead of the layout. A run of "keep with next" flowables is looked
#: up within the queue; it never crosses a page break, and a section is far shorter than this,
#: so the queue always reaches the next page break.
AHEAD = 256


class Stream:
    """A story read from ``sections``, an iterable of flowable lists, lazily."""

    def __init__(self, sections: Iterable[list]):
        self._sections: Iterator[list] = iter(sections)
        self._queue: deque = deque()
        self._more = True
        self._fill()

    def _fill(self) -> None:
        while self._more and len(self._queue) < AHEAD:
            section = next(self._sections, None)
            if section is None:
                self._more = False
            else:
                self._queue.extend(section)

    def __len__(self) -> int:
        self._fill()
        return len(self._queue)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            if index.start not in (None, 0) or index.step not in (None, 1) or index.stop is None:
                raise TypeError("a Stream slices only from the front: stream[:n]")
            return list(islice(self._queue, index.stop))
        return self._queue[index]

    def __delitem__(self, index) -> None:
        if isinstance(index, slice):
            if index.start not in (None, 0) or index.step not in (None, 1) or index.stop is None:
                raise TypeError("a Stream deletes only from the front: del stream[:n]")
            for _ in range(min(index.stop, len(self._queue))):
                self._queue.popleft()
        elif index == 0:
            self._queue.popleft()
        else:
            raise TypeError("a Stream deletes only its first item")

    def __setitem__(self, index, items) -> None:
        if not (isinstance(index, slice) and index.start in (None, 0) and index.stop == 0):
            raise TypeError("a Stream inserts only at the front: stream[0:0] = items")
        self._queue.extendleft(reversed(list(items)))

    def insert(self, index: int, item) -> None:
        if index != 0:
            raise TypeError("a Stream inserts only at the front")
        self._queue.appendleft(item)

    def __iter__(self):
        raise TypeError("a Stream is read by the layout from the front, not iterated")
