package pdfrules

import "testing"

// FuzzCheck: no input makes Check panic, for any profile.
func FuzzCheck(f *testing.F) {
	f.Add(buildPDF(minimal{content: "BT /F1 9 Tf (x) Tj ET"}))
	f.Add(buildPDF(nest("Table(THead(TR(TH)) TBody(TR(TD)))")))
	f.Add(buildPDF(cidPDF(0xE0)))
	f.Add(buildPDF(minimal{catalog: "/Metadata 5 0 R", extra: []string{xmp(goodXMP)}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range Profiles() {
			Check(data, p)
		}
	})
}

// FuzzParsers: the content lexer, the XMP reader and the TrueType reader
// never panic.
func FuzzParsers(f *testing.F) {
	f.Add([]byte(`/P <</MCID 0>> BDC [(a) -2 <41>] TJ BI /W 1 ID x EI EMC`))
	f.Add([]byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description/></rdf:RDF></x:xmpmeta>`))
	f.Add([]byte(ttfProgram([]int{500, 500}, cmapSpec{3, 1, 65, []int{1}})))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseContent(data)
		x := parseXMP(data)
		x.topProperties()
		x.extensionSchemas()
		x.extensionItems("property")
		badToUnicode(data)
		if tt, err := parseTrueType(data); err == nil {
			tt.width(1)
			tt.sub(3, 1)
		}
	})
}
