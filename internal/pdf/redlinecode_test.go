package pdf_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

// contentStreams returns the decompressed streams of a PDF.
func contentStreams(t *testing.T, data []byte) string {
	t.Helper()
	var out bytes.Buffer
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`).FindAllSubmatch(data, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		if b, _ := io.ReadAll(zr); bytes.Contains(b, []byte("BT")) {
			out.Write(b) // page content, not fonts
		}
	}
	return out.String()
}

// TestRedlineCodeBlock checks that a redline's deleted code block is
// drawn as changed text is: struck through in red, with the change bar
// in the margin beside each line (redline's markBlock keeps a changed
// code block one, CodeBlock.Change).
func TestRedlineCodeBlock(t *testing.T) {
	code := func(kind ast.ChangeKind) string {
		doc := &ast.Document{Blocks: []ast.Block{&ast.CodeBlock{Text: "func a() {\n    return 1\n}\n", Change: kind}}}
		return contentStreams(t, render(t, pdf.Options{}, doc))
	}
	bar := regexp.MustCompile(`(?m)^0\.353 G$`)          // colorChangeBar, stroking
	red := regexp.MustCompile(`0\.745 0\.078 0\.078 rg`) // colorDeleted, filling
	if plain := code(0); bar.MatchString(plain) || red.MatchString(plain) {
		t.Errorf("a code block outside a redline has a change bar or red text:\n%s", plain)
	}
	deleted := code(ast.Deleted)
	if n := len(bar.FindAllString(deleted, -1)); n != 3 {
		t.Errorf("a deleted code block of 3 lines has %d change bars, want 3:\n%s", n, deleted)
	}
	if !red.MatchString(deleted) {
		t.Errorf("a deleted code block is not drawn in the deleted colour:\n%s", deleted)
	}
}

// TestRedlineMissingImage: the alt text that stands for a missing image
// (MissingImagesAlt) inside a redline's deleted words is drawn as they
// are, in the deleted colour, not in the muted grey of other alt text.
func TestRedlineMissingImage(t *testing.T) {
	red := regexp.MustCompile(`0\.745 0\.078 0\.078 rg`) // colorDeleted, filling
	doc := func(kind ast.ChangeKind) *ast.Document {
		var img ast.Inline = &ast.Image{Destination: "gone.png", Alt: "old logo"}
		if kind != 0 {
			img = &ast.Change{Kind: kind, Inlines: []ast.Inline{img}}
		}
		return &ast.Document{Blocks: []ast.Block{para(txt("Logo: "), img)}}
	}
	opts := pdf.Options{ImageDir: t.TempDir(), MissingImagesAlt: true, NoFooter: true}
	if plain := contentStreams(t, render(t, opts, doc(0))); red.MatchString(plain) {
		t.Errorf("alt text outside a redline is red:\n%s", plain)
	}
	if deleted := contentStreams(t, render(t, opts, doc(ast.Deleted))); !red.MatchString(deleted) {
		t.Errorf("a deleted missing image's alt text is not in the deleted colour:\n%s", deleted)
	}
}
