"""The XMP metadata packet a PDF/UA-1 file carries: its title, and the claim ``pdfuaid:part 1``."""

from __future__ import annotations



def packet(title: str, author: str, subject: str, keywords: str, creator: str, producer: str, lang: str, date: str) -> bytes:
    """An XMP packet repeating the document information; ``date`` is ISO 8601 (``2024-04-13T00:00:00Z``).

    The values repeat the Info dictionary's, so both say the same thing to every reader.
    """
    def text(value: str) -> str:
        # as xml.sax.saxutils.escape, whose module imports urllib and http.client
        return (value or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{text(lang)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{text(keywords)}</pdf:Keywords>
   <pdf:Producer>{text(producer)}</pdf:Producer>
   <xmp:CreatorTool>{text(creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")
