package pdfrules

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// minimal describes a one-page PDF built by buildPDF; each field is
// spliced into its object.
type minimal struct {
	catalog string   // extra catalog entries
	page    string   // extra page entries
	content string   // the page content stream
	extra   []string // objects 5, 6, ... (bodies only)
	header  string   // default "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
	trailer string   // extra trailer entries; default an ID
	tail    string   // bytes after %%EOF
}

// buildPDF writes a well-formed PDF with a correct cross-reference table.
func buildPDF(m minimal) []byte {
	header := m.header
	if header == "" {
		header = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
	}
	trailer := m.trailer
	if trailer == "" {
		trailer = "/ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R " + m.catalog + " >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R " + m.page + " >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(m.content)+1, m.content),
	}
	objs = append(objs, m.extra...)
	var b strings.Builder
	b.WriteString(header)
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	b.WriteString(m.tail)
	return []byte(b.String())
}

// stream returns an uncompressed stream object body.
func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// xmp returns a metadata stream with the given rdf:Description body.
func xmp(desc string) string {
	x := `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` +
		desc + `</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
	return stream("/Type /Metadata /Subtype /XML", x)
}

const goodXMP = `<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance><dc:title><rdf:Alt><rdf:li xml:lang="x-default">T</rdf:li></rdf:Alt></dc:title>`

// TestRules holds each implemented rule to a file that breaks it and one
// that passes it: the rule must be reported for the first and not for the
// second.
func TestRules(t *testing.T) {
	base := minimal{content: "0 0 m"}
	withXMP := func(desc string) minimal {
		return minimal{catalog: "/Metadata 5 0 R", extra: []string{xmp(desc)}}
	}
	cases := []struct {
		rule      string
		profile   Profile
		bad, good minimal
	}{
		{"6.1.2-1", PDFA2B, minimal{header: "%PDF-2.0\n%\xe2\xe3\xcf\xd3\n"}, base},
		{"6.1.2-2", PDFA2B, minimal{header: "%PDF-1.7\n%abcd\n"}, base},
		{"6.1.3-1", PDFA2B, minimal{trailer: " "}, base},
		{"6.1.3-3", PDFA2B, minimal{tail: "garbage"}, base},
		{"6.1.7.1-3", PDFA2B, minimal{extra: []string{stream("/F (x.bin)", "")}}, base},
		{"6.1.7.2-1", PDFA2B, minimal{extra: []string{"<< /Filter /LZWDecode /Length 0 >>\nstream\n\nendstream"}}, base},
		{"6.4.2-2", PDFA2B, minimal{catalog: "/NeedsRendering true"}, base},
		{"6.5.1-1", PDFA2B, minimal{catalog: "/OpenAction << /S /JavaScript /JS (x) >>"}, minimal{catalog: "/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"}},
		{"6.5.1-2", PDFA2B, minimal{catalog: "/OpenAction << /S /Named /N /Print >>"}, minimal{catalog: "/OpenAction << /S /Named /N /NextPage >>"}},
		{"6.5.2-1", PDFA2B, minimal{catalog: "/AA << >>"}, base},
		{"6.5.2-2", PDFA2B, minimal{page: "/AA << >>"}, base},
		{"6.9-4", PDFA2B, minimal{catalog: "/OCProperties << /OCGs [] /D << /Name (d) /AS [] >> >>"}, minimal{catalog: "/OCProperties << /OCGs [] /D << /Name (d) >> >>"}},
		{"6.9-1", PDFA2B, minimal{catalog: "/OCProperties << /OCGs [] /D << >> >>"}, minimal{catalog: "/OCProperties << /OCGs [] /D << /Name (d) >> >>"}},
		{"6.10-2", PDFA2B, minimal{page: "/PresSteps << >>"}, base},
		{"6.11-1", PDFA2B, minimal{catalog: "/Requirements []"}, base},
		{"6.2.4.3-4", PDFA2B, minimal{content: "0 G 0 0 m 1 1 l S"}, minimal{content: "0 G 0 0 m 1 1 l S", page: "/Resources << /ColorSpace << /DefaultGray [/CalGray << /WhitePoint [1 1 1] >>] >> >>"}},
		{"6.2.4.3-2", PDFA2B, minimal{content: "1 0 0 rg"}, base},
		{"6.2.5-1", PDFA2B, minimal{extra: []string{"<< /Type /ExtGState /TR /Identity >>"}}, base},
		{"6.2.8-3", PDFA2B, minimal{extra: []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /CalGray /Interpolate true", "x")}}, base},
		{"6.2.10-2", PDFA2B, minimal{page: "/Resources << /ExtGState << /G1 << /Type /ExtGState /ca 0.5 >> >> >>"}, minimal{page: "/Group << /S /Transparency /CS /DeviceRGB >> /Resources << /ExtGState << /G1 << /Type /ExtGState /ca 0.5 >> >> >>"}},
		{"6.2.11.4.1-1", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 32 /Widths [250] /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /FontName /Arial /Flags 32 >>"}},
			minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 32 /Widths [250] /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontFile2 7 0 R >>", stream("", "x")}}},
		{"6.2.11.2-6", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 33 /Widths [250] /Encoding /WinAnsiEncoding >>"}}, base},
		{"6.2.11.6-2", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /A /FirstChar 32 /LastChar 32 /Widths [1] /Encoding /StandardEncoding /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 32 >>"}}, base},
		{"6.2.11.6-3", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /A /FirstChar 32 /LastChar 32 /Widths [1] /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 4 >>"}}, base},
		{"6.2.11.7.2-1", PDFA2U, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /Identity-H /DescendantFonts [] >>"}},
			minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /Identity-H /DescendantFonts [] /ToUnicode 6 0 R >>", stream("", "1 beginbfchar\n<0001> <0041>\nendbfchar")}}},
		{"6.2.11.7.2-2", PDFA3U, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /Identity-H /DescendantFonts [] /ToUnicode 6 0 R >>", stream("", "1 beginbfchar\n<0001> <FEFF>\nendbfchar")}},
			minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /Identity-H /DescendantFonts [] /ToUnicode 6 0 R >>", stream("", "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n1 beginbfchar\n<0001> <0041>\nendbfchar")}}},
		{"6.3.2-1", PDFA2B, minimal{page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] >>]"}, minimal{page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 >>]"}},
		{"6.3.2-2", PDFA2B, minimal{page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 6 >>]"}, minimal{page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 >>]"}},
		{"6.3.1-1", PDFA2B, minimal{page: "/Annots [<< /Type /Annot /Subtype /Movie /Rect [0 0 0 0] /F 4 >>]"}, base},
		{"6.3.3-1", PDFA2B, minimal{page: "/Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 >>]"}, minimal{page: "/Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /AP << /N 5 0 R >> >>]", extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")}}},
		{"6.6.2.1-1", PDFA2B, base, withXMP(goodXMP)},
		{"6.6.2.1-3", PDFA2B, minimal{catalog: "/Metadata 5 0 R", extra: []string{stream("/Type /Metadata /Subtype /XML", `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d" encoding="UTF-8"?><a/>`)}}, withXMP(goodXMP)},
		{"6.6.2.1-4", PDFA2B, minimal{catalog: "/Metadata 5 0 R", extra: []string{stream("/Type /Metadata /Subtype /XML", `<a><b></a>`)}}, withXMP(goodXMP)},
		{"6.6.2.3.1-1", PDFA2B, withXMP(goodXMP + `<pdfuaid:part>1</pdfuaid:part>`), withXMP(goodXMP + `<pdfaExtension:schemas xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI><pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource"><pdfaProperty:name>part</pdfaProperty:name></rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas><pdfuaid:part>1</pdfuaid:part>`)},
		{"6.6.4-1", PDFA2B, withXMP(`<dc:title>x</dc:title>`), withXMP(goodXMP)},
		{"6.6.4-2", PDFA3B, withXMP(goodXMP), withXMP(`<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>`)},
		{"6.6.4-3", PDFA2U, withXMP(goodXMP), withXMP(`<pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>`)},
		{"6.6.4-4", PDFA2B, minimal{catalog: "/Metadata 5 0 R", extra: []string{xmp(`<id:part xmlns:id="http://www.aiim.org/pdfa/ns/id/">2</id:part><pdfaid:conformance>B</pdfaid:conformance>`)}}, withXMP(goodXMP)},
		{"6.8-2", PDFA3B, minimal{extra: []string{"<< /Type /Filespec /EF << /F 6 0 R >> /AFRelationship /Data >>", stream("/Type /EmbeddedFile /Subtype /text#2Fplain", "x")}, catalog: "/AF [5 0 R]"},
			minimal{extra: []string{"<< /Type /Filespec /F (a.txt) /UF (a.txt) /EF << /F 6 0 R >> /AFRelationship /Data >>", stream("/Type /EmbeddedFile /Subtype /text#2Fplain", "x")}, catalog: "/AF [5 0 R]"}},
		{"6.8-1", PDFA3B, minimal{extra: []string{"<< /Type /Filespec /F (a) /UF (a) /EF << /F 6 0 R >> /AFRelationship /Data >>", stream("/Type /EmbeddedFile", "x")}, catalog: "/AF [5 0 R]"},
			minimal{extra: []string{"<< /Type /Filespec /F (a) /UF (a) /EF << /F 6 0 R >> /AFRelationship /Data >>", stream("/Type /EmbeddedFile /Subtype /application#2Foctet-stream", "x")}, catalog: "/AF [5 0 R]"}},
		{"6.8-3", PDFA3U, minimal{extra: []string{"<< /Type /Filespec /F (a) /UF (a) /EF << /F 6 0 R >> >>", stream("/Type /EmbeddedFile /Subtype /text#2Fplain", "x")}, catalog: "/AF [5 0 R]"},
			minimal{extra: []string{"<< /Type /Filespec /F (a) /UF (a) /EF << /F 6 0 R >> /AFRelationship /Source >>", stream("/Type /EmbeddedFile /Subtype /text#2Fplain", "x")}, catalog: "/AF [5 0 R]"}},
		{"6.8-4", PDFA3B, minimal{extra: []string{"<< /Type /Filespec /F (a) /UF (a) /EF << /F 6 0 R >> /AFRelationship /Data >>", stream("/Type /EmbeddedFile /Subtype /text#2Fplain", "x")}},
			minimal{extra: []string{"<< /Type /Filespec /F (a) /UF (a) /EF << /F 6 0 R >> /AFRelationship /Data >>", stream("/Type /EmbeddedFile /Subtype /text#2Fplain", "x")}, catalog: "/AF [5 0 R]"}},
		{"6.8-5", PDFA2B, minimal{extra: []string{"<< /Type /Filespec /F (a) /UF (a) /EF << /F 6 0 R >> >>", stream("/Type /EmbeddedFile", "plain text")}}, base},
		{"5-1", PDFUA1, withXMP(goodXMP), withXMP(goodXMP + `<pdfuaid:part>1</pdfuaid:part>`)},
		{"5-2", PDFUA1, withXMP(`<pdfuaid:part>2</pdfuaid:part>`), withXMP(`<pdfuaid:part>1</pdfuaid:part>`)},
		{"6.2-1", PDFUA1, base, minimal{catalog: "/MarkInfo << /Marked true >>"}},
		{"7.1-4", PDFUA1, minimal{catalog: "/MarkInfo << /Marked true /Suspects true >>"}, base},
		{"7.1-9", PDFUA1, withXMP(`<pdfuaid:part>1</pdfuaid:part>`), withXMP(goodXMP)},
		{"7.1-10", PDFUA1, base, minimal{catalog: "/ViewerPreferences << /DisplayDocTitle true >>"}},
		{"7.1-11", PDFUA1, base, minimal{catalog: "/StructTreeRoot << /Type /StructTreeRoot >>"}},
		{"7.2-34", PDFUA1, base, minimal{catalog: "/Lang (en)"}},
		{"7.2-29", PDFUA1, minimal{catalog: "/Lang (en_US)"}, minimal{catalog: "/Lang (en-US)"}},
		{"7.18.3-1", PDFUA1, minimal{page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 >>]"}, minimal{page: "/Tabs /S /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 >>]"}},
		{"7.18.5-2", PDFUA1, minimal{page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 >>]"}, minimal{page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 /Contents (home) >>]"}},
		{"7.1-3", PDFUA1, minimal{content: "BT /F1 9 Tf (x) Tj ET"}, minimal{content: "/Artifact BMC BT /F1 9 Tf (x) Tj ET EMC"}},
		{"7.1-1", PDFUA1, minimal{content: "/P << /MCID 0 >> BDC /Artifact BMC EMC EMC"}, minimal{content: "/Artifact BMC EMC"}},
		{"7.1-2", PDFUA1, minimal{content: "/Artifact BMC /P << /MCID 0 >> BDC EMC EMC"}, minimal{content: "/Artifact BMC EMC"}},
	}
	// Structure-tree cases: a tree whose root K is the array given.
	tree := func(kids string, objs ...string) minimal {
		return minimal{catalog: "/StructTreeRoot 5 0 R", extra: append([]string{"<< /Type /StructTreeRoot /K [" + kids + "] >>"}, objs...)}
	}
	elem := func(s, extra string) string { return "<< /Type /StructElem /S /" + s + " /P 5 0 R " + extra + " >>" }
	cases = append(cases, []struct {
		rule      string
		profile   Profile
		bad, good minimal
	}{
		{"7.1-12", PDFUA1, tree("6 0 R", "<< /Type /StructElem /S /P >>"), tree("6 0 R", elem("P", ""))},
		{"7.1-5", PDFUA1, tree("6 0 R", elem("Para", "")), minimal{catalog: "/StructTreeRoot 5 0 R", extra: []string{"<< /Type /StructTreeRoot /RoleMap << /Para /P >> /K [6 0 R] >>", elem("Para", "")}}},
		{"7.1-7", PDFUA1, minimal{catalog: "/StructTreeRoot 5 0 R", extra: []string{"<< /Type /StructTreeRoot /RoleMap << /P /Span >> /K [] >>"}}, tree("")},
		{"7.3-1", PDFUA1, tree("6 0 R", elem("Figure", "")), tree("6 0 R", elem("Figure", "/Alt (logo)"))},
		{"7.4.2-1", PDFUA1, tree("6 0 R 7 0 R", elem("H1", ""), elem("H3", "")), tree("6 0 R 7 0 R", elem("H1", ""), elem("H2", ""))},
		{"7.4.4-2", PDFUA1, tree("6 0 R 7 0 R", elem("H", ""), elem("H1", "")), tree("6 0 R", elem("H1", ""))},
		{"7.9-1", PDFUA1, tree("6 0 R", elem("Note", "")), tree("6 0 R", elem("Note", "/ID (n1)"))},
		{"7.9-2", PDFUA1, tree("6 0 R 7 0 R", elem("Note", "/ID (n1)"), elem("Note", "/ID (n1)")), tree("6 0 R 7 0 R", elem("Note", "/ID (n1)"), elem("Note", "/ID (n2)"))},
		{"7.2-8", PDFUA1, tree("6 0 R", "<< /Type /StructElem /S /Table /P 5 0 R /K [7 0 R] >>", "<< /Type /StructElem /S /TH /P 6 0 R >>"),
			tree("6 0 R", "<< /Type /StructElem /S /Table /P 5 0 R /K [7 0 R] >>", "<< /Type /StructElem /S /TR /P 6 0 R /K [8 0 R] >>", "<< /Type /StructElem /S /TH /P 7 0 R /A << /O /Table /Scope /Column >> >>")},
		{"7.5-1", PDFUA1, tree("6 0 R", "<< /Type /StructElem /S /Table /P 5 0 R /K [7 0 R] >>", "<< /Type /StructElem /S /TR /P 6 0 R /K [8 0 R] >>", "<< /Type /StructElem /S /TH /P 7 0 R >>"),
			tree("6 0 R", "<< /Type /StructElem /S /Table /P 5 0 R /K [7 0 R] >>", "<< /Type /StructElem /S /TR /P 6 0 R /K [8 0 R] >>", "<< /Type /StructElem /S /TH /P 7 0 R /A << /O /Table /Scope /Column >> >>")},
		{"7.2-20", PDFUA1, tree("6 0 R", "<< /Type /StructElem /S /L /P 5 0 R /K [7 0 R] >>", "<< /Type /StructElem /S /LI /P 6 0 R /K [8 0 R] >>", elem("P", "")),
			tree("6 0 R", "<< /Type /StructElem /S /L /P 5 0 R /K [7 0 R] >>", "<< /Type /StructElem /S /LI /P 6 0 R /K [8 0 R] >>", elem("LBody", ""))},
		{"7.18.5-1", PDFUA1, minimal{page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 /Contents (a) >>]"},
			minimal{catalog: "/StructTreeRoot 5 0 R", page: "/Annots [7 0 R]", extra: []string{"<< /Type /StructTreeRoot /K [6 0 R] /ParentTree << /Nums [0 6 0 R] >> >>", "<< /Type /StructElem /S /Link /P 5 0 R /K [<< /Type /OBJR /Obj 7 0 R >>] >>", "<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 /Contents (a) /StructParent 0 >>"}}},
	}...)
	cases = append(cases, []struct {
		rule      string
		profile   Profile
		bad, good minimal
	}{
		{"6.1.3-2", PDFA2B, minimal{trailer: "/ID [<00><00>] /Encrypt 5 0 R", extra: []string{"<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>"}}, base},
		{"6.1.12-1", PDFA2B, minimal{catalog: "/Perms << /Foo 1 >>"}, minimal{catalog: "/Perms << /UR3 << >> >>"}},
		{"6.4.1-3", PDFA2B, minimal{catalog: "/AcroForm << /Fields [] /NeedAppearances true >>"}, minimal{catalog: "/AcroForm << /Fields [] >>"}},
		{"6.4.2-1", PDFA2B, minimal{catalog: "/AcroForm << /Fields [] /XFA [] >>"}, minimal{catalog: "/AcroForm << /Fields [] >>"}},
		{"6.4.1-1", PDFA2B, minimal{page: "/Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 4 /A << /S /URI /URI (x) >> >>]"}, minimal{page: "/Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 4 >>]"}},
		{"6.10-1", PDFA2B, minimal{catalog: "/Names << /AlternatePresentations << >> >>"}, base},
		{"6.2.3-1", PDFA2B, minimal{catalog: "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile 5 0 R >>]", extra: []string{stream("/N 3", "0000\x00\x00\x00\x00\x02\x00\x00\x00scnrRGB XYZ ")}},
			minimal{catalog: "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile 5 0 R >>]", extra: []string{stream("/N 3", "0000\x00\x00\x00\x00\x02\x00\x00\x00mntrRGB XYZ ")}}},
		{"6.2.3-2", PDFA2B, minimal{catalog: "/OutputIntents [<< /S /GTS_PDFA1 /DestOutputProfile 5 0 R >> << /S /GTS_PDFX /DestOutputProfile 6 0 R >>]", extra: []string{stream("/N 3", "x"), stream("/N 3", "x")}},
			minimal{catalog: "/OutputIntents [<< /S /GTS_PDFA1 /DestOutputProfile 5 0 R >> << /S /GTS_PDFX /DestOutputProfile 5 0 R >>]", extra: []string{stream("/N 3", "x")}}},
		{"6.2.4.3-3", PDFA2B, minimal{content: "0 0 0 1 k"}, base},
		{"6.2.5-2", PDFA2B, minimal{extra: []string{"<< /Type /ExtGState /TR2 /Identity >>"}}, minimal{extra: []string{"<< /Type /ExtGState /TR2 /Default >>"}}},
		{"6.2.5-3", PDFA2B, minimal{extra: []string{"<< /Type /ExtGState /HTP [1 2] >>"}}, base},
		{"6.2.10-1", PDFA2B, minimal{extra: []string{"<< /Type /ExtGState /BM /Glow >>"}}, minimal{extra: []string{"<< /Type /ExtGState /BM /Multiply >>"}}},
		{"6.2.8-1", PDFA2B, minimal{extra: []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /Alternates []", "x")}}, base},
		{"6.2.8-2", PDFA2B, minimal{extra: []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /OPI << >>", "x")}}, base},
		{"6.2.8-4", PDFA2B, minimal{extra: []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 3", "x")}}, minimal{extra: []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8", "x")}}},
		{"6.2.9-2", PDFA2B, minimal{extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Ref << >>", "")}}, minimal{extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")}}},
		{"7.20-1", PDFUA1, minimal{extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Ref << >>", "")}}, minimal{extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")}}},
		{"6.2.9-3", PDFA2B, minimal{extra: []string{stream("/Type /XObject /Subtype /PS", "")}}, base},
		{"6.2.11.2-2", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /OpenType /BaseFont /A >>"}}, base},
		{"6.2.11.2-3", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [] >>"}}, base},
		{"6.2.11.2-4", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /A /LastChar 32 /Widths [1] /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 32 >>"}}, base},
		{"6.2.11.2-5", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /A /FirstChar 32 /Widths [1] /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 32 >>"}}, base},
		{"6.2.11.2-7", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /Type1 /BaseFont /A /FirstChar 32 /LastChar 32 /Widths [1] /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 32 /FontFile3 7 0 R >>", stream("/Subtype /Type3C", "x")}},
			minimal{extra: []string{"<< /Type /Font /Subtype /Type1 /BaseFont /A /FirstChar 32 /LastChar 32 /Widths [1] /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 32 /FontFile3 7 0 R >>", stream("/Subtype /Type1C", "x")}}},
		{"6.2.11.3.1-1", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding 6 0 R /DescendantFonts [7 0 R] >>", stream("/Type /CMap /CMapName /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 0 >>", ""), "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /A /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 0 >> >>"}},
			minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding 6 0 R /DescendantFonts [7 0 R] >>", stream("/Type /CMap /CMapName /X /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>", ""), "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /A /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 1 >> >>"}}},
		{"7.21.3.1-1", PDFUA1, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding 6 0 R /DescendantFonts [7 0 R] >>", stream("/Type /CMap /CMapName /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 0 >>", ""), "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /A /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 0 >> >>"}}, base},
		{"6.2.11.3.2-1", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /A /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 4 /FontFile2 7 0 R >>", stream("", "x")}},
			minimal{extra: []string{"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /A /FontDescriptor 6 0 R /CIDToGIDMap /Identity >>", "<< /Type /FontDescriptor /Flags 4 /FontFile2 7 0 R >>", stream("", "x")}}},
		{"7.21.3.2-1", PDFUA1, minimal{extra: []string{"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /A /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 4 /FontFile2 7 0 R >>", stream("", "x")}}, base},
		{"6.2.11.3.3-1", PDFA2B, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /MyCMap-H /DescendantFonts [] >>"}}, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /UniJIS-UCS2-H /DescendantFonts [] >>"}}},
		{"7.21.3.3-1", PDFUA1, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /MyCMap-H /DescendantFonts [] >>"}}, base},
		{"7.21.4.1-1", PDFUA1, minimal{extra: []string{"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}}, base},
		{"7.21.6-2", PDFUA1, minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /A /FirstChar 32 /LastChar 32 /Widths [1] /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 32 >>"}}, base},
		{"7.21.6-3", PDFUA1, minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /A /FirstChar 32 /LastChar 32 /Widths [1] /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 4 >>"}}, base},
		{"7.21.7-1", PDFUA1, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /Identity-H /DescendantFonts [] >>"}}, minimal{extra: []string{"<< /Type /Font /Subtype /TrueType /BaseFont /A /FirstChar 32 /LastChar 32 /Widths [1] /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /Flags 32 >>"}}},
		{"7.21.7-2", PDFUA1, minimal{extra: []string{"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /Identity-H /DescendantFonts [] /ToUnicode 6 0 R >>", stream("", "1 beginbfchar\n<0003> <0000>\nendbfchar")}}, base},
		{"6.3.3-2", PDFA2B, minimal{page: "/Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /AP << /N 5 0 R /D 5 0 R >> >>]", extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")}},
			minimal{page: "/Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /AP << /N 5 0 R >> >>]", extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")}}},
		{"6.3.3-4", PDFA2B, minimal{page: "/Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /AP << /N << /On 5 0 R >> >> >>]", extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")}},
			minimal{page: "/Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /AP << /N 5 0 R >> >>]", extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")}}},
		{"6.6.2.1-2", PDFA2B, minimal{catalog: "/Metadata 5 0 R", extra: []string{stream("/Type /Metadata /Subtype /XML", `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d" bytes="10"?><a/>`)}}, withXMP(goodXMP)},
		{"6.6.2.1-5", PDFA2B, minimal{catalog: "/Metadata 5 0 R", extra: []string{stream("/Type /Metadata /Subtype /XML", "<a>\xff</a>")}}, withXMP(goodXMP)},
		{"6.6.4-5", PDFA2B, withXMP(`<pdfaid:part>2</pdfaid:part><id:conformance xmlns:id="http://www.aiim.org/pdfa/ns/id/">B</id:conformance>`), withXMP(goodXMP)},
		{"6.6.4-6", PDFA2B, withXMP(goodXMP + `<id:amd xmlns:id="http://www.aiim.org/pdfa/ns/id/">1</id:amd>`), withXMP(goodXMP + `<pdfaid:amd>1</pdfaid:amd>`)},
		{"6.6.4-7", PDFA2B, withXMP(goodXMP + `<id:corr xmlns:id="http://www.aiim.org/pdfa/ns/id/">1</id:corr>`), withXMP(goodXMP + `<pdfaid:corr>1</pdfaid:corr>`)},
		{"5-3", PDFUA1, withXMP(`<ua:part xmlns:ua="http://www.aiim.org/pdfua/ns/id/">1</ua:part>`), withXMP(`<pdfuaid:part>1</pdfuaid:part>`)},
		{"5-4", PDFUA1, withXMP(`<pdfuaid:part>1</pdfuaid:part><ua:amd xmlns:ua="http://www.aiim.org/pdfua/ns/id/">1</ua:amd>`), withXMP(`<pdfuaid:part>1</pdfuaid:part><pdfuaid:amd>1</pdfuaid:amd>`)},
		{"5-5", PDFUA1, withXMP(`<pdfuaid:part>1</pdfuaid:part><ua:corr xmlns:ua="http://www.aiim.org/pdfua/ns/id/">1</ua:corr>`), withXMP(`<pdfuaid:part>1</pdfuaid:part><pdfuaid:corr>1</pdfuaid:corr>`)},
		{"7.1-8", PDFUA1, base, withXMP(goodXMP)},
		{"6.1-1", PDFUA1, minimal{header: "%PDF-2.0\n%\xe2\xe3\xcf\xd3\n"}, base},
		{"7.10-1", PDFUA1, minimal{catalog: "/OCProperties << /OCGs [] /D << >> >>"}, minimal{catalog: "/OCProperties << /OCGs [] /D << /Name (d) >> >>"}},
		{"7.10-2", PDFUA1, minimal{catalog: "/OCProperties << /OCGs [] /D << /Name (d) /AS [] >> >>"}, minimal{catalog: "/OCProperties << /OCGs [] /D << /Name (d) >> >>"}},
		{"7.15-1", PDFUA1, minimal{catalog: "/NeedsRendering true /AcroForm << /Fields [] /XFA [] >>"}, minimal{catalog: "/AcroForm << /Fields [] >>"}},
		{"7.11-1", PDFUA1, minimal{extra: []string{"<< /Type /Filespec /F () /UF (a) /EF << /F 6 0 R >> >>", stream("/Type /EmbeddedFile", "x")}}, minimal{extra: []string{"<< /Type /Filespec /F (a) /UF (a) /EF << /F 6 0 R >> >>", stream("/Type /EmbeddedFile", "x")}}},
		{"7.18.1-1", PDFUA1, minimal{page: "/Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /Contents (a) >>]"},
			minimal{catalog: "/StructTreeRoot 5 0 R", page: "/Annots [7 0 R]", extra: []string{"<< /Type /StructTreeRoot /K [6 0 R] /ParentTree << /Nums [0 6 0 R] >> >>", "<< /Type /StructElem /S /Annot /P 5 0 R /K [<< /Type /OBJR /Obj 7 0 R >>] >>", "<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /Contents (a) /StructParent 0 >>"}}},
		{"7.18.1-2", PDFUA1, minimal{page: "/Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 >>]"}, minimal{page: "/Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /Contents (note) >>]"}},
		{"7.18.2-1", PDFUA1, minimal{page: "/Annots [<< /Type /Annot /Subtype /TrapNet /Rect [0 0 1 1] /F 4 >>]"}, base},
		{"7.1-6", PDFUA1, minimal{catalog: "/StructTreeRoot 5 0 R", extra: []string{"<< /Type /StructTreeRoot /RoleMap << /A /B /B /A >> /K [] >>"}}, minimal{catalog: "/StructTreeRoot 5 0 R", extra: []string{"<< /Type /StructTreeRoot /RoleMap << /A /B /B /P >> /K [] >>"}}},
		{"7.2-2", PDFUA1, minimal{catalog: "/Outlines << /Count 0 >>"}, minimal{catalog: "/Outlines << /Count 0 >> /Lang (de)"}},
		{"7.4.4-1", PDFUA1, nest("Sect(H H)"), nest("Sect(H P)")},
		{"7.4.4-3", PDFUA1, nest("H H1"), nest("H1 H2")},
		{"7.2-3", PDFUA1, nest("Table(P)"), nest("Table(TR(TD))")},
		{"7.2-4", PDFUA1, nest("Sect(TR(TD))"), nest("Table(TBody(TR(TD)))")},
		{"7.2-5", PDFUA1, nest("Sect(THead)"), nest("Table(THead(TR(TH)) TBody(TR(TD)))")},
		{"7.2-6", PDFUA1, nest("Sect(TBody)"), nest("Table(TBody(TR(TD)))")},
		{"7.2-7", PDFUA1, nest("Sect(TFoot)"), nest("Table(TBody(TR(TD)) TFoot(TR(TD)))")},
		{"7.2-9", PDFUA1, nest("Table(TD)"), nest("Table(TR(TD))")},
		{"7.2-10", PDFUA1, nest("Table(TR(P))"), nest("Table(TR(TD))")},
		{"7.2-11", PDFUA1, nest("Table(THead(TR(TD)) THead(TR(TD)) TBody(TR(TD)))"), nest("Table(THead(TR(TD)) TBody(TR(TD)))")},
		{"7.2-12", PDFUA1, nest("Table(TBody(TR(TD)) TFoot(TR(TD)) TFoot(TR(TD)))"), nest("Table(TBody(TR(TD)) TFoot(TR(TD)))")},
		{"7.2-13", PDFUA1, nest("Table(TR(TD) TFoot(TR(TD)))"), nest("Table(TBody(TR(TD)) TFoot(TR(TD)))")},
		{"7.2-14", PDFUA1, nest("Table(THead(TR(TD)) TR(TD))"), nest("Table(THead(TR(TD)) TBody(TR(TD)))")},
		{"7.2-16", PDFUA1, nest("Table(TR(TD) Caption TR(TD))"), nest("Table(Caption TR(TD))")},
		{"7.2-17", PDFUA1, nest("Sect(LI)"), nest("L(LI)")},
		{"7.2-18", PDFUA1, nest("L(LBody)"), nest("L(LI(LBody))")},
		{"7.2-19", PDFUA1, nest("L(P)"), nest("L(Caption LI L(LI))")},
		{"7.2-26", PDFUA1, nest("Sect(TOCI)"), nest("TOC(TOCI)")},
		{"7.2-27", PDFUA1, nest("TOC(P)"), nest("TOC(TOCI TOC(TOCI))")},
		{"7.2-28", PDFUA1, nest("TOC(TOCI Caption)"), nest("TOC(Caption TOCI)")},
		{"7.2-36", PDFUA1, nest("Table(THead(TD) TBody(TR(TD)))"), nest("Table(THead(TR(TH)) TBody(TR(TD)))")},
		{"7.2-37", PDFUA1, nest("Table(TBody(TD))"), nest("Table(TBody(TR(TD)))")},
		{"7.2-38", PDFUA1, nest("Table(TBody(TR(TD)) TFoot(TD))"), nest("Table(TBody(TR(TD)) TFoot(TR(TD)))")},
		{"7.2-39", PDFUA1, nest("Table(Caption TR(TD) Caption)"), nest("Table(Caption TR(TD))")},
		{"7.2-40", PDFUA1, nest("L(LI Caption)"), nest("L(Caption LI)")},
		{"7.2-42", PDFUA1, nest("Table(TR(TD TD) TR(TD))"), nest("Table(TR(TD TD) TR(TD TD))")},
	}...)
	ext := func(schema, prop string) minimal {
		return withXMP(goodXMP + `<pdfaExtension:schemas xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><rdf:Bag><rdf:li rdf:parseType="Resource">` +
			schema + `<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">` + prop + `</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>`)
	}
	const (
		schemaOK = `<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema><pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI><pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>`
		propOK   = `<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category><pdfaProperty:description>part</pdfaProperty:description>`
	)
	without := func(s, field string) string {
		i := strings.Index(s, "<"+field+">")
		j := strings.Index(s, "</"+field+">")
		return s[:i] + s[j+len(field)+3:]
	}
	cases = append(cases, []struct {
		rule      string
		profile   Profile
		bad, good minimal
	}{
		{"6.1.13-8", PDFA2B, minimal{content: strings.Repeat("q ", 29) + strings.Repeat("Q ", 29)}, minimal{content: strings.Repeat("q ", 28) + strings.Repeat("Q ", 28)}},
		{"6.1.13-11", PDFA2B, minimal{page: "/CropBox [0 0 2 200]"}, minimal{page: "/CropBox [0 0 3 200]"}},
		{"6.2.2-1", PDFA2B, minimal{content: "BX 1 2 foo EX"}, minimal{content: "BX EX"}},
		{"6.2.2-2", PDFA2B, minimal{content: "/Im1 Do"}, minimal{content: "/Im1 Do", page: "/Resources << /XObject << /Im1 5 0 R >> >>", extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")}}},
		{"6.2.3-3", PDFA2B, minimal{catalog: "/OutputIntents [<< /S /GTS_PDFX /DestOutputProfileRef << >> >>]"}, minimal{catalog: "/OutputIntents [<< /S /GTS_PDFX >>]"}},
		{"6.2.5-4", PDFA2B, minimal{extra: []string{"<< /Type /Halftone /HalftoneType 6 >>"}}, minimal{extra: []string{"<< /Type /Halftone /HalftoneType 1 >>"}}},
		{"6.2.5-5", PDFA2B, minimal{extra: []string{"<< /Type /Halftone /HalftoneType 1 /HalftoneName (x) >>"}}, minimal{extra: []string{"<< /Type /Halftone /HalftoneType 1 >>"}}},
		{"6.2.6-1", PDFA2B, minimal{content: "/Vivid ri"}, minimal{content: "/Perceptual ri"}},
		{"6.2.8-5", PDFA2B, minimal{extra: []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ImageMask true /BitsPerComponent 8", "x")}}, minimal{extra: []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ImageMask true /BitsPerComponent 1", "x")}}},
		{"6.2.9-1", PDFA2B, minimal{extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Subtype2 /PS", "")}}, minimal{extra: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")}}},
		{"6.2.11.2-1", PDFA2B, minimal{page: "/Resources << /Font << /F1 << /Subtype /Type1 /BaseFont /Helvetica >> >> >>"}, minimal{page: "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"}},
		{"6.4.1-2", PDFA2B, minimal{catalog: "/AcroForm << /Fields [<< /T (a) /AA << >> >>] >>"}, minimal{catalog: "/AcroForm << /Fields [<< /T (a) >>] >>"}},
		{"6.6.2.3.3-2", PDFA2B, ext(without(schemaOK, "pdfaSchema:schema"), propOK), ext(schemaOK, propOK)},
		{"6.6.2.3.3-3", PDFA2B, ext(without(schemaOK, "pdfaSchema:namespaceURI"), propOK), ext(schemaOK, propOK)},
		{"6.6.2.3.3-4", PDFA2B, ext(without(schemaOK, "pdfaSchema:prefix"), propOK), ext(schemaOK, propOK)},
		{"6.6.2.3.3-7", PDFA2B, ext(schemaOK, without(propOK, "pdfaProperty:name")), ext(schemaOK, propOK)},
		{"6.6.2.3.3-8", PDFA2B, ext(schemaOK, without(propOK, "pdfaProperty:valueType")), ext(schemaOK, propOK)},
		{"6.6.2.3.3-9", PDFA2B, ext(schemaOK, strings.Replace(propOK, ">internal<", ">private<", 1)), ext(schemaOK, propOK)},
		{"6.6.2.3.3-10", PDFA2B, ext(schemaOK, without(propOK, "pdfaProperty:description")), ext(schemaOK, propOK)},
		{"7.2-21", PDFUA1, tree("6 0 R", elem("Span", "/ActualText (x)")), tree("6 0 R", elem("Span", "/ActualText (x) /Lang (en)"))},
		{"7.2-22", PDFUA1, tree("6 0 R", elem("Figure", "/Alt (x)")), minimal{catalog: "/Lang (en) /StructTreeRoot 5 0 R", extra: []string{"<< /Type /StructTreeRoot /K [6 0 R] >>", elem("Figure", "/Alt (x)")}}},
		{"7.2-23", PDFUA1, tree("6 0 R", elem("Span", "/E (x)")), tree("6 0 R 7 0 R", "<< /Type /StructElem /S /Sect /P 5 0 R /Lang (en) /K [7 0 R] >>", "<< /Type /StructElem /S /Span /P 6 0 R /E (x) >>")},
		{"7.2-24", PDFUA1, minimal{page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 /Contents (a) >>]"}, minimal{catalog: "/Lang (en)", page: "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 /Contents (a) >>]"}},
		{"7.2-33", PDFUA1, withXMP(goodXMP), minimal{catalog: "/Lang (en) /Metadata 5 0 R", extra: []string{xmp(goodXMP)}}},
		{"7.7-1", PDFUA1, tree("6 0 R", elem("Formula", "")), tree("6 0 R", elem("Formula", "/Alt (E = mc2)"))},
		{"7.18.4-1", PDFUA1, minimal{page: "/Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 1 1] /F 4 >>]"},
			minimal{catalog: "/StructTreeRoot 5 0 R", page: "/Annots [7 0 R]", extra: []string{"<< /Type /StructTreeRoot /K [6 0 R] /ParentTree << /Nums [0 6 0 R] >> >>", "<< /Type /StructElem /S /Form /P 5 0 R /K [<< /Type /OBJR /Obj 7 0 R >>] >>", "<< /Type /Annot /Subtype /Widget /Rect [0 0 1 1] /F 4 /StructParent 0 >>"}}},
	}...)
	cases = append(cases, glyphCases()...)
	cases = append(cases, []struct {
		rule      string
		profile   Profile
		bad, good minimal
	}{
		{"6.9-2", PDFA2B, minimal{catalog: "/OCProperties << /OCGs [] /D << /Name (a) >> /Configs [<< /Name (a) >>] >>"}, minimal{catalog: "/OCProperties << /OCGs [] /D << /Name (a) >> /Configs [<< /Name (b) >>] >>"}},
		{"6.9-3", PDFA2B, minimal{catalog: "/OCProperties << /OCGs [5 0 R 6 0 R] /D << /Name (a) /Order [5 0 R] >> >>", extra: []string{"<< /Type /OCG /Name (x) >>", "<< /Type /OCG /Name (y) >>"}},
			minimal{catalog: "/OCProperties << /OCGs [5 0 R 6 0 R] /D << /Name (a) /Order [5 0 R [6 0 R]] >> >>", extra: []string{"<< /Type /OCG /Name (x) >>", "<< /Type /OCG /Name (y) >>"}}},
		{"6.1.4-2", PDFA2B, minimal{tail: "xref\n\n0 1\n"}, base},
	}...)
	tested := map[string]bool{}
	for _, c := range cases {
		tested[c.rule] = true
	}
	for _, p := range Profiles() {
		for _, r := range Rules(p) {
			if !tested[r.ID] {
				t.Errorf("%s rule %s has no test case", p, r.ID)
				tested[r.ID] = true
			}
		}
	}
	for _, c := range cases {
		t.Run(c.rule+"/"+c.profile.String(), func(t *testing.T) {
			if !slices.ContainsFunc(Rules(c.profile), func(r Rule) bool { return r.ID == c.rule }) {
				t.Fatalf("rule %s is not implemented for %s", c.rule, c.profile)
			}
			bad := Check(buildPDF(c.bad), c.profile)
			if !slices.Contains(RuleIDs(bad), c.rule) {
				t.Errorf("violating file: %s not reported; got %v", c.rule, bad)
			}
			good := Check(buildPDF(c.good), c.profile)
			for _, v := range good {
				if v.Rule == c.rule || v.Rule == ReadError {
					t.Errorf("passing file: %v", v)
				}
			}
		})
	}
}

// TestContentLexer reads strings, arrays, dictionaries and inline images.
func TestContentLexer(t *testing.T) {
	ops := parseContent([]byte(`/P <</MCID 3>> BDC (a\)b) Tj [(x) -3 <41>] TJ BI /W 1 /H 1 /CS /RGB ID ` + "\x00EI\x01" + ` EI EMC % comment` + "\nQ"))
	var names []string
	for _, o := range ops {
		names = append(names, o.op)
	}
	want := []string{"BDC", "Tj", "TJ", "BI", "EMC", "Q"}
	if !slices.Equal(names, want) {
		t.Fatalf("operators %q, want %q", names, want)
	}
	if m := ops[0].operands[1].dict["MCID"].num; m != 3 {
		t.Errorf("MCID %v", m)
	}
	if s := ops[1].operands[0].str; s != "a)b" {
		t.Errorf("string %q", s)
	}
	if cs := ops[3].inline["CS"].str; cs != "RGB" {
		t.Errorf("inline CS %q", cs)
	}
}

// TestUnreadable: a file pdfcpu cannot read is one ReadError violation.
func TestUnreadable(t *testing.T) {
	vs := Check([]byte("not a pdf"), PDFA2B)
	if len(vs) != 1 || vs[0].Rule != ReadError {
		t.Fatalf("got %v", vs)
	}
}
