package fpdfout

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"time"
)

// xmpDate is a date as XMP writes it, in UTC with its zone:
// 2026-11-28T00:00:00+00:00. pdfDate is the same instant in the Info
// dictionary's syntax, so that the two are equal (ISO 19005-1 §6.7.3).
func xmpDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05") + "+00:00" }

// pdfDate is t as a PDF date string with its zone: D:20261128000000+00'00'.
func pdfDate(t time.Time) string { return "D:" + t.UTC().Format("20060102150405") + "+00'00'" }

// xmpPacket returns the document's XMP metadata: the same title, author,
// subject, keywords, creator, producer and dates as the Info dictionary,
// the PDF/A identification (pdfaid) and, for PDF/UA-1, pdfuaid with the
// extension schema that declares it (XMP as PDF/A reads it only knows the
// schemas of XMP 2005). The packet is UTF-8, with no bytes= or encoding=
// in its header, and written to be read, not edited (end="r" would forbid
// edits; "w" allows in-place updates, and there is no padding to use).
func xmpPacket(info Info, std Standard) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
	b.WriteString("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")

	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(info.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if info.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(info.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if info.Subject != "" {
		b.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(info.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	b.WriteString("</rdf:Description>\n")

	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
	if info.Creator != "" {
		b.WriteString("<xmp:CreatorTool>" + esc(info.Creator) + "</xmp:CreatorTool>\n")
	}
	d := xmpDate(info.Date)
	b.WriteString("<xmp:CreateDate>" + d + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n")
	b.WriteString("<xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n")
	b.WriteString("</rdf:Description>\n")

	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n")
	b.WriteString("<pdf:Producer>" + esc(info.Producer) + "</pdf:Producer>\n")
	if info.Keywords != "" {
		b.WriteString("<pdf:Keywords>" + esc(info.Keywords) + "</pdf:Keywords>\n")
	}
	b.WriteString("</rdf:Description>\n")

	if std.A() {
		b.WriteString("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n")
		b.WriteString("<pdfaid:part>" + strconv.Itoa(std.Part) + "</pdfaid:part>\n")
		b.WriteString("<pdfaid:conformance>" + string(rune(std.Conformance-'a'+'A')) + "</pdfaid:conformance>\n")
		b.WriteString("</rdf:Description>\n")
	}
	if std.UA {
		b.WriteString("<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
		b.WriteString("</rdf:Description>\n")
		b.WriteString(pdfuaExtension)
	}
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}

// pdfuaExtension declares the pdfuaid schema for PDF/A readers (ISO
// 19005-1 §6.7.8: a property outside XMP 2005's schemas needs a PDF/A
// extension schema).
const pdfuaExtension = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`
