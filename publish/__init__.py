"""exercise-publisher: one source of exercise data, published as chart, booklet and EPUB."""

__version__ = "0.1.0"
