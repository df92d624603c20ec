package pdfrules

import (
	"encoding/binary"
	"fmt"
	"sort"
	"testing"
)

// cmapSpec is one format 6 cmap subtable for ttfProgram: glyph ids for
// the codes first, first+1, ...
type cmapSpec struct {
	platform, encoding int
	first              int
	gids               []int
}

// ttfProgram builds a minimal TrueType program: head, maxp, hhea, hmtx
// (advances in units of a 1000-unit em) and cmap.
func ttfProgram(advances []int, cmaps ...cmapSpec) string {
	be16 := func(b []byte, v int) []byte { return binary.BigEndian.AppendUint16(b, uint16(v)) }
	head := make([]byte, 54)
	binary.BigEndian.PutUint16(head[18:], 1000)
	maxp := be16([]byte{0, 0, 0x50, 0}, len(advances))
	hhea := make([]byte, 36)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(advances)))
	var hmtx []byte
	for _, a := range advances {
		hmtx = be16(be16(hmtx, a), 0)
	}
	cmap := be16(be16(nil, 0), len(cmaps))
	var subs []byte
	for _, c := range cmaps {
		off := 4 + 8*len(cmaps) + len(subs)
		cmap = binary.BigEndian.AppendUint32(be16(be16(cmap, c.platform), c.encoding), uint32(off))
		sub := be16(be16(be16(be16(be16(nil, 6), 10+2*len(c.gids)), 0), c.first), len(c.gids))
		for _, g := range c.gids {
			sub = be16(sub, g)
		}
		subs = append(subs, sub...)
	}
	cmap = append(cmap, subs...)
	tables := map[string][]byte{"head": head, "maxp": maxp, "hhea": hhea, "hmtx": hmtx, "cmap": cmap}
	var tags []string
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	out := be16(be16(be16(be16(binary.BigEndian.AppendUint32(nil, 0x00010000), len(tags)), 0), 0), 0)
	off := 12 + 16*len(tags)
	var body []byte
	for _, t := range tags {
		out = append(out, t...)
		out = binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(out, 0), uint32(off+len(body))), uint32(len(tables[t])))
		body = append(body, tables[t]...)
	}
	return string(append(out, body...))
}

// ttfPDF is a page showing text with a simple TrueType font: flags
// (32 non-symbolic, 4 symbolic), Widths from FirstChar 65, and a program.
func ttfPDF(text string, flags int, widths string, program string) minimal {
	enc := "/Encoding /WinAnsiEncoding"
	if flags&4 != 0 {
		enc = ""
	}
	return minimal{
		content: "BT /F1 10 Tf (" + text + ") Tj ET",
		page:    "/Resources << /Font << /F1 5 0 R >> >>",
		extra: []string{
			fmt.Sprintf("<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+T /FirstChar 65 /LastChar 66 /Widths %s %s /FontDescriptor 6 0 R >>", widths, enc),
			fmt.Sprintf("<< /Type /FontDescriptor /FontName /ABCDEF+T /Flags %d /FontFile2 7 0 R >>", flags),
			stream("", program),
		},
	}
}

// cidPDF is a page showing CIDs 0-2 with a subset CIDFontType2 whose
// CIDSet is the given byte.
func cidPDF(cidSet byte) minimal {
	return minimal{
		content: "BT /F1 10 Tf <000100020000> Tj ET",
		page:    "/Resources << /Font << /F1 5 0 R >> >>",
		extra: []string{
			"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+T /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 9 0 R >>",
			"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+T /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /CIDToGIDMap /Identity /DW 500 /FontDescriptor 7 0 R >>",
			"<< /Type /FontDescriptor /FontName /ABCDEF+T /Flags 4 /FontFile2 8 0 R /CIDSet 10 0 R >>",
			stream("", ttfProgram([]int{500, 500, 500}, cmapSpec{3, 1, 65, []int{1, 2}})),
			stream("", "1 beginbfchar\n<0001> <0041>\nendbfchar"),
			stream("", string([]byte{cidSet})),
		},
	}
}

// glyphCases are the font-program rules' cases, for TestRules.
func glyphCases() []struct {
	rule      string
	profile   Profile
	bad, good minimal
} {
	win := cmapSpec{3, 1, 65, []int{1, 2}}
	prog := ttfProgram([]int{500, 500, 500}, win)
	return []struct {
		rule      string
		profile   Profile
		bad, good minimal
	}{
		{"6.2.11.4.1-2", PDFA2B, ttfPDF("AC", 32, "[500 500]", prog), ttfPDF("AB", 32, "[500 500]", prog)},
		{"7.21.4.1-2", PDFUA1, ttfPDF("AC", 32, "[500 500]", prog), ttfPDF("AB", 32, "[500 500]", prog)},
		{"6.2.11.8-1", PDFA2B, ttfPDF("A", 32, "[500 500]", ttfProgram([]int{500, 500, 500}, cmapSpec{3, 1, 65, []int{0, 2}})), ttfPDF("A", 32, "[500 500]", prog)},
		{"7.21.8-1", PDFUA1, ttfPDF("A", 32, "[500 500]", ttfProgram([]int{500, 500, 500}, cmapSpec{3, 1, 65, []int{0, 2}})), ttfPDF("A", 32, "[500 500]", prog)},
		{"6.2.11.5-1", PDFA2B, ttfPDF("AB", 32, "[500 600]", prog), ttfPDF("AB", 32, "[500 501]", prog)},
		{"7.21.5-1", PDFUA1, ttfPDF("AB", 32, "[500 600]", prog), ttfPDF("AB", 32, "[500 500]", prog)},
		{"6.2.11.6-1", PDFA2B, ttfPDF("A", 32, "[500 500]", ttfProgram([]int{500, 500, 500}, cmapSpec{3, 0, 65, []int{1, 2}})), ttfPDF("A", 32, "[500 500]", prog)},
		{"7.21.6-1", PDFUA1, ttfPDF("A", 32, "[500 500]", ttfProgram([]int{500, 500, 500}, cmapSpec{3, 0, 65, []int{1, 2}})), ttfPDF("A", 32, "[500 500]", prog)},
		{"6.2.11.6-4", PDFA2B, ttfPDF("A", 4, "[500 500]", ttfProgram([]int{500, 500, 500}, cmapSpec{1, 0, 65, []int{1, 2}}, win)),
			ttfPDF("A", 4, "[500 500]", ttfProgram([]int{500, 500, 500}, cmapSpec{1, 0, 65, []int{1, 2}}, cmapSpec{3, 0, 0xF041, []int{1, 2}}))},
		{"7.21.6-4", PDFUA1, ttfPDF("A", 4, "[500 500]", ttfProgram([]int{500, 500, 500}, cmapSpec{1, 0, 65, []int{1, 2}}, win)),
			ttfPDF("A", 4, "[500 500]", ttfProgram([]int{500, 500, 500}, cmapSpec{1, 0, 65, []int{1, 2}}))},
		{"6.2.11.4.2-2", PDFA2B, cidPDF(0xC0), cidPDF(0xE0)},
		{"7.21.4.2-2", PDFUA1, cidPDF(0x80), cidPDF(0xE0)},
	}
}

// TestTrueTypeReader reads back what ttfProgram writes.
func TestTrueTypeReader(t *testing.T) {
	tt, err := parseTrueType([]byte(ttfProgram([]int{500, 250}, cmapSpec{3, 1, 65, []int{1}})))
	if err != nil {
		t.Fatal(err)
	}
	if tt.numGlyphs != 2 || tt.unitsPerEm != 1000 {
		t.Fatalf("numGlyphs %d, unitsPerEm %d", tt.numGlyphs, tt.unitsPerEm)
	}
	if g := tt.sub(3, 1)[65]; g != 1 {
		t.Errorf("cmap(3,1)[A] = %d, want 1", g)
	}
	if w, _ := tt.width(1); w != 250 {
		t.Errorf("width(1) = %v, want 250", w)
	}
	if _, err := parseTrueType([]byte("garbage")); err == nil {
		t.Error("garbage parsed")
	}
}
