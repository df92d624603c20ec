package pdf_test

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// TestBlockedLinksAreText: a link whose address safeurl refuses
// (javascript:, file:, …) is its text alone, as in the HTML and the
// plain text, in every --pdf-links style: no annotation, and no note
// either, where the link list printed "[1] file:///C:/Users/bob/p.pdf"
// and a link without words was drawn as its address.
func TestBlockedLinksAreText(t *testing.T) {
	link := func(dest, text string) *ast.Link {
		l := &ast.Link{Destination: dest}
		if text != "" {
			l.Inlines = []ast.Inline{&ast.Text{Text: text}}
		}
		return l
	}
	doc := asttest.Doc(asttest.P(link("file:///C:/Users/bob/p.pdf", "the policy"), &ast.Text{Text: " and "},
		link("javascript:alert(1)", "this"), &ast.Text{Text: " and "}, link("vbscript:x", ""),
		&ast.Text{Text: " and "}, link("https://example.com/", "ours"), &ast.Text{Text: "."}))
	for _, style := range []pdf.LinkNotes{pdf.LinksFootnote, pdf.LinksInline} {
		text := pdfText(t, render(t, pdf.Options{Links: style, NoFooter: true}, doc))
		for _, bad := range []string{"file:", "javascript:", "vbscript:", "[2]"} {
			if strings.Contains(text, bad) {
				t.Errorf("style %v: %q in\n%s", style, bad, text)
			}
		}
		if !strings.Contains(text, "the policy and this and and ours") {
			t.Errorf("style %v: the links' text is not alone in\n%s", style, text)
		}
	}
}
