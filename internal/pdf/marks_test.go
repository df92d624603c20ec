package pdf_test

import (
	"slices"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

func TestUnplacedMarks(t *testing.T) {
	doc := &ast.Document{Blocks: []ast.Block{
		&ast.Paragraph{At: ast.Pos{Line: 1, Col: 1}, Inlines: []ast.Inline{&ast.Text{At: ast.Pos{Line: 1, Col: 1}, Text: "مرحبا"}}},
		&ast.Paragraph{At: ast.Pos{Line: 3, Col: 1}, Inlines: []ast.Inline{&ast.Text{At: ast.Pos{Line: 3, Col: 1}, Text: "كَتَبَ شكراً"}}},
		&ast.CodeBlock{At: ast.Pos{Line: 5, Col: 1}, Text: "x = 'ًا'\n"},
		&ast.Paragraph{At: ast.Pos{Line: 7, Col: 1}, Inlines: []ast.Inline{&ast.Text{At: ast.Pos{Line: 7, Col: 1}, Text: "résumé שלום"}}},
	}}
	got := pdf.UnplacedMarks(doc)
	want := []ast.Pos{{Line: 3, Col: 1}, {Line: 5, Col: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("UnplacedMarks = %v, want %v", got, want)
	}
}
