package pdf_test

import (
	"bytes"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

// TestArabicMarksNoWarning: text with Arabic vowel marks, in a
// paragraph, inline code and a code block, is drawn shaped (the marks
// placed by the font: TestShapedLikeHarfBuzz) and warned of no more:
// RenderWarnings said the PDF drew the marks beside their letters, once
// for each text with them.
func TestArabicMarksNoWarning(t *testing.T) {
	doc := &ast.Document{Blocks: []ast.Block{
		&ast.Paragraph{At: ast.Pos{Line: 1, Col: 1}, Inlines: []ast.Inline{&ast.Text{At: ast.Pos{Line: 1, Col: 1}, Text: "كَتَبَ شكراً مُحَمَّد "}, &ast.Code{At: ast.Pos{Line: 1, Col: 24}, Text: "رَبِّ"}}},
		&ast.CodeBlock{At: ast.Pos{Line: 3, Col: 1}, Text: "x = 'ًا'\n"},
	}}
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	ws, err := r.RenderWarnings(&buf, doc)
	if err != nil || buf.Len() == 0 {
		t.Fatalf("RenderWarnings: %v (%d bytes)", err, buf.Len())
	}
	if len(ws) != 0 {
		t.Errorf("warnings %+v, want none", ws)
	}
}
