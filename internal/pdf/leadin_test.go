package pdf_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// TestLeadInKeptWithWhatFollows: a paragraph that ends in a colon
// announces what follows it ("Compliance with a Legal Obligation:" and
// its list, as the corpus's candidate privacy notice has it four
// times); it was left alone at the foot of a page, its list on the
// next. After fillers of every length that moves it along the foot of
// the first page, the lead-in is on the page of its list's first item,
// as a heading is on the page of what follows it.
func TestLeadInKeptWithWhatFollows(t *testing.T) {
	for n := 24; n < 36; n++ {
		var blocks []ast.Block
		for i := range n {
			blocks = append(blocks, para(txt(fmt.Sprintf("Filler line %d.", i))))
		}
		blocks = append(blocks,
			para(txt("Performance of a Task Carried out in the Public Interest:")),
			asttest.Bullets(true, item(para(txt("Scientific Research"))), item(para(txt("Statistics")))))
		doc := &ast.Document{Meta: ast.Meta{Title: "Lead-in"}, Blocks: blocks}
		text := checkPDF(t, render(t, pdf.Options{}, doc), "Lead-in")
		for _, page := range strings.Split(text, "\f") {
			if strings.Contains(page, "Public Interest:") != strings.Contains(page, "Scientific Research") {
				t.Errorf("%d fillers: the lead-in and the first item of its list are on different pages:\n%s", n, text)
				break
			}
		}
	}
}

// TestNestedTightListEvenlySpaced: the items of a tight list follow each
// other at one gap, a nested list's included, as the HTML shows them (li
// > ol has no margin). A nested list took no space above it but 0.3 of a
// line below, so its parent's next item stood apart: "2. Zeitpunkt des
// Zugriffs", a gap, then "2. Cookies".
func TestNestedTightListEvenlySpaced(t *testing.T) {
	it := func(s string, blocks ...ast.Block) *ast.ListItem {
		return item(append([]ast.Block{para(txt(s))}, blocks...)...)
	}
	doc := &ast.Document{Meta: ast.Meta{Title: "Listen"}, Blocks: []ast.Block{
		asttest.Ordered(1, true,
			it("Alpha", asttest.Ordered(1, true,
				it("Bravo", asttest.Ordered(1, true, it("Charlie"), it("Delta"))),
				it("Echo"))),
			it("Foxtrot"), it("Golf")),
	}}
	boxes := wordBoxes(t, render(t, pdf.Options{}, doc))
	words := []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"}
	gap := box(t, boxes, words[1]).yMin - box(t, boxes, words[0]).yMin
	for i := 2; i < len(words); i++ {
		if g := box(t, boxes, words[i]).yMin - box(t, boxes, words[i-1]).yMin; math.Abs(g-gap) > 0.05 {
			t.Errorf("%s is %.2f pt below %s, where the items are %.2f pt apart", words[i], g, words[i-1], gap)
		}
	}
}

// TestMarkerOnFirstLineOfCodeOrTable: a list item that starts with a code
// block or a table has its marker beside the first line of code or of
// the first row, as the HTML shows it; it was drawn at the top edge of
// the code's grey box and of the table, above their text.
func TestMarkerOnFirstLineOfCodeOrTable(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "Marker"}, Blocks: []ast.Block{
		asttest.Ordered(1, true,
			item(&ast.CodeBlock{Text: "codeline\n"}),
			item(&ast.Table{Align: []ast.Alignment{ast.AlignNone}, Header: []*ast.TableCell{{Inlines: []ast.Inline{txt("Header")}}},
				Rows: [][]*ast.TableCell{{{Inlines: []ast.Inline{txt("cell")}}}}})),
	}}
	boxes := wordBoxes(t, render(t, pdf.Options{}, doc))
	// The tops of words on one baseline differ by their sizes' ascents
	// (10.5 pt for the marker, 8.5 pt for code): up to 2.5 pt.
	for _, p := range [][2]string{{"1.", "codeline"}, {"2.", "Header"}} {
		m, w := box(t, boxes, p[0]), box(t, boxes, p[1])
		if math.Abs(m.yMin-w.yMin) > 2.5 {
			t.Errorf("the marker %q is %.1f pt off the line of %q (tops at %.1f and %.1f)", p[0], m.yMin-w.yMin, p[1], m.yMin, w.yMin)
		}
	}
}
