package pdf_test

import (
	"fmt"
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
