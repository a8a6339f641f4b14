"""The e-book's stylesheet: written for e-readers, phones at 200 % text, night modes and e-ink.

Relative type sizes only, no font-family on body, no fixed widths, no background colours
(night modes invert them badly), no @page; headings stay with what follows. What must not
grow with the reader's text size is in pixels: the safety box's rules and inner padding, so at
200 % text on a phone a line still holds more than two or three words. No cell padding at a
table's right edge, long words may break, and pictures are limited to the viewport's height
with room for the reader's own margins and the caption.
"""

STYLESHEET = "style.css"

CSS = """\
body { margin: 0; padding: 0; line-height: 1.4; overflow-wrap: break-word; }
h1, h2, h3 { line-height: 1.2; font-weight: bold; page-break-after: avoid; break-after: avoid;
  page-break-inside: avoid; break-inside: avoid; }
h1 { font-size: 1.6em; margin: 0 0 0.6em 0; }
h2 { font-size: 1.25em; margin: 1.3em 0 0.4em 0; }
p { margin: 0 0 0.7em 0; }
ol, ul { margin: 0 0 0.8em 0; padding-left: 1.4em; }
li { margin: 0 0 0.45em 0; }
abbr { text-decoration: none; border: none; }
.kicker { font-size: 0.95em; font-weight: bold; letter-spacing: 0.04em; margin: 0 0 0.2em 0; }
.subtitle { font-size: 1.2em; margin-bottom: 1.5em; }
.about { font-style: italic; }
.cover { margin: 0; padding: 0; text-align: center; }
.cover img { max-width: 100%; max-height: 92vh; width: auto; height: auto; }
.titlepage { text-align: center; padding-top: 2em; }
.titlepage h1 { font-size: 2em; }
figure.illustration { margin: 0.8em 0 1em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure.illustration img { display: block; margin: 0 auto; width: auto; height: auto; max-width: 100%; max-height: 60vh; }
figure.illustration figcaption { font-size: 0.9em; margin-top: 0.3em; }
ul.picture-key { list-style-type: none; padding-left: 0; }
ul.picture-key img { width: 3em; height: auto; vertical-align: middle; margin-right: 0.5em; }
table { border-collapse: collapse; margin: 0 0 1em 0; max-width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.2em 0.6em 0.2em 0; border-bottom: 1px solid; }
th:last-child, td:last-child { padding-right: 0; }
thead th { border-bottom-width: 2px; }
table.dose th { font-weight: normal; }
table.dose td { font-weight: bold; }
div.safety { border: 2px solid; border-left-width: 6px; padding: 4px 6px 1px 8px;
  margin: 1.2em 0; page-break-inside: avoid; break-inside: avoid; }
div.safety h2 { margin-top: 0; text-transform: uppercase; letter-spacing: 0.05em; font-size: 1.05em; }
div.safety ul { padding-left: 1em; }
div.urgent { border-top: 2px solid; padding-top: 0.4em; margin-top: 1em; }
table.week { width: 100%; }
table.diary { width: 100%; table-layout: fixed; }
table.diary th, table.diary td { border: 1px solid; padding: 0.1em 0.2em; }
table.diary thead th { text-align: center; }
table.diary th[scope="rowgroup"] { border-bottom: none; padding-top: 0.3em; }
table.diary td { border-top: none; height: 1.8em; }
dl.glossary dt { font-weight: bold; margin-top: 0.5em; }
dl.glossary dd { margin: 0 0 0.3em 1em; }
dl.prescription { margin: 1.5em 0; }
.titlepage .logo img { max-width: 40%; max-height: 5em; height: auto; }
dl.prescription dt { font-weight: bold; margin-top: 0.4em; }
dl.prescription dd { margin: 0; }
div.notes { border: 1px solid; border-left-width: 6px; padding: 4px 6px 1px 8px; margin: 1.2em 0; }
div.notes h2 { margin-top: 0; font-size: 1.05em; }
div.notes ul { padding-left: 1em; }
nav ol { list-style-type: none; padding-left: 0; }
nav ol ol { list-style-type: decimal; padding-left: 1.8em; }
nav li { margin-bottom: 0.6em; }
.colophon p { font-size: 0.95em; }
"""
