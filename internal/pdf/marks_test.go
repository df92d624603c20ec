package pdf_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

// TestUnplacedMarks: RenderWarnings warns once for each text with Arabic
// vowel marks, at its start, and not for Arabic, Latin or Hebrew without
// them; the warnings come with the PDF, and with an error too.
func TestUnplacedMarks(t *testing.T) {
	doc := &ast.Document{Blocks: []ast.Block{
		&ast.Paragraph{At: ast.Pos{Line: 1, Col: 1}, Inlines: []ast.Inline{&ast.Text{At: ast.Pos{Line: 1, Col: 1}, Text: "مرحبا"}}},
		&ast.Paragraph{At: ast.Pos{Line: 3, Col: 1}, Inlines: []ast.Inline{&ast.Text{At: ast.Pos{Line: 3, Col: 1}, Text: "كَتَبَ شكراً"}}},
		&ast.CodeBlock{At: ast.Pos{Line: 5, Col: 1}, Text: "x = 'ًا'\n"},
		&ast.Paragraph{At: ast.Pos{Line: 7, Col: 1}, Inlines: []ast.Inline{&ast.Text{At: ast.Pos{Line: 7, Col: 1}, Text: "résumé שלום"}}},
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
	var got []ast.Pos
	for _, w := range ws {
		if w.Kind != pdf.UnplacedMarks || w.Message == "" {
			t.Errorf("warning %+v", w)
		}
		got = append(got, w.Pos)
	}
	if want := []ast.Pos{{Line: 3, Col: 1}, {Line: 5, Col: 1}}; !slices.Equal(got, want) {
		t.Errorf("warnings at %v, want %v", got, want)
	}
	if ws, err := r.RenderWarnings(&bytes.Buffer{}, &ast.Document{Blocks: []ast.Block{doc.Blocks[0], doc.Blocks[3]}}); err != nil || len(ws) != 0 {
		t.Errorf("without marks: %v, %v", ws, err)
	}
	// Refused Tibetan after the marks: the error, and the warning.
	doc.Blocks = append(doc.Blocks, &ast.Paragraph{At: ast.Pos{Line: 9, Col: 1}, Inlines: []ast.Inline{&ast.Text{At: ast.Pos{Line: 9, Col: 1}, Text: "བཀྲ་ཤིས"}}})
	ws, err = r.RenderWarnings(&bytes.Buffer{}, doc)
	var se *pdf.ShapingError
	if !errors.As(err, &se) || len(ws) != 2 {
		t.Errorf("with Tibetan: %d warnings, error %v", len(ws), err)
	}
}
