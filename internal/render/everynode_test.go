package render_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// renderText renders doc in every format and returns each output as text
// (the PDF through pdftotext). Raw HTML is let through in HTML, and the
// PDF writes a missing image's alt text.
func renderText(t *testing.T, doc *ast.Document, opts render.Options) map[render.Format]string {
	t.Helper()
	opts.HTML.UnsafeHTML = true
	opts.PDF.MissingImagesAlt = true
	r, err := render.New(opts, render.All())
	if err != nil {
		t.Fatal(err)
	}
	outs, err := r.All(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := map[render.Format]string{}
	for _, o := range outs {
		if o.Format == render.PDF {
			file := filepath.Join(t.TempDir(), "doc.pdf")
			if err := os.WriteFile(file, o.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			text[o.Format] = validate.PDFText(t, file)
			continue
		}
		text[o.Format] = string(o.Data)
	}
	return text
}

// TestEveryNodeInEveryFormat renders asttest.Everything, which holds every
// node kind, through every backend and looks for each kind's word in each
// output (case-insensitively: plain text upper-cases level-1 headings).
// Raw HTML is markup: only HTML (with raw HTML allowed) and JSON keep it.
func TestEveryNodeInEveryFormat(t *testing.T) {
	text := renderText(t, asttest.Everything(), render.Options{})
	for _, f := range render.All() {
		out := strings.ToLower(text[f])
		for _, w := range asttest.Words() {
			want := !w.Markup || f == render.HTML || f == render.JSON
			if got := strings.Contains(out, strings.ToLower(w.Text)); got != want {
				t.Errorf("%s: %s word %q found = %v, want %v", f, w.Kind, w.Text, got, want)
			}
		}
	}
}

// TestUnknownNodeIsAnError checks the one policy for a node of no known
// kind in every backend: an *ast.UnknownNodeError that names it and where
// it is, and no output.
func TestUnknownNodeIsAnError(t *testing.T) {
	cases := []struct {
		name string
		doc  *ast.Document
		want string
	}{
		{"block", asttest.Doc(asttest.P(asttest.T("before")), asttest.UnknownBlock{Paragraph: &ast.Paragraph{At: ast.Pos{Line: 5, Col: 1}}}),
			"unknown node kind asttest.UnknownBlock at 5:1"},
		{"inline", asttest.Doc(&ast.Paragraph{At: ast.Pos{Line: 3, Col: 1}, Inlines: []ast.Inline{asttest.T("a "), asttest.Em(asttest.UnknownInline{Text: asttest.TAt("x", 3, 7)})}}),
			"unknown node kind asttest.UnknownInline at 3:7"},
		{"nil inline in a table", asttest.Doc(&ast.Table{At: ast.Pos{Line: 9, Col: 1}, Align: []ast.Alignment{ast.AlignNone}, Header: []*ast.TableCell{asttest.Cell(nil)}}),
			"unknown node kind <nil> at 9:1"},
		{"nil block in a quote", asttest.Doc(&ast.BlockQuote{At: ast.Pos{Line: 2, Col: 1}, Blocks: []ast.Block{nil}}),
			"unknown node kind <nil> at 2:1"},
	}
	r, err := render.New(render.Options{}, render.All())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		for _, f := range render.All() {
			var buf bytes.Buffer
			err := r.Write(&buf, c.doc, f)
			var u *ast.UnknownNodeError
			if !errors.As(err, &u) || !strings.HasSuffix(err.Error(), c.want) {
				t.Errorf("%s, %s: err = %v, want an *ast.UnknownNodeError ending in %q", c.name, f, err, c.want)
			}
			if buf.Len() > 0 {
				t.Errorf("%s, %s: wrote %d bytes despite the error", c.name, f, buf.Len())
			}
		}
	}
}

// TestTOCFollowsTheTitleInEveryFormat checks that --toc goes right after
// the title heading (ast.Title) in HTML and PDF alike, also when the title
// is not the first block.
func TestTOCFollowsTheTitleInEveryFormat(t *testing.T) {
	doc := asttest.Doc(
		asttest.P(asttest.T("Prefaceword")),
		&ast.Heading{Level: 1, ID: "titleword", Inlines: []ast.Inline{asttest.T("Titleword")}},
		asttest.P(asttest.T("Introword")),
		&ast.Heading{Level: 2, ID: "sectionword", Inlines: []ast.Inline{asttest.T("Sectionword")}},
		asttest.P(asttest.T("Bodyword")),
	)
	opts := render.Options{HTML: html.Options{TOC: true}, PDF: pdf.Options{TOC: true}}
	text := renderText(t, doc, opts)
	for _, c := range []struct {
		f     render.Format
		order []string
	}{
		{render.HTML, []string{"Prefaceword", "<h1", "Titleword", `<nav class="toc"`, `href="#sectionword"`, "Introword", "<h2", "Bodyword"}},
		{render.PDF, []string{"Prefaceword", "Titleword", "Contents", "Sectionword", "Introword", "Sectionword", "Bodyword"}},
	} {
		out, at := text[c.f], 0
		for _, s := range c.order {
			i := strings.Index(out[at:], s)
			if i < 0 {
				t.Errorf("%s: %q missing or out of order (want %q)", c.f, s, c.order)
				break
			}
			at += i + len(s)
		}
	}
}

// TestSpaceEquivalentsInEveryFormat: vertical tab, form feed, NEL, LINE
// SEPARATOR and PARAGRAPH SEPARATOR (ast.IsSpaceEquivalent) are a space
// between words in every output, in prose, headings, code spans, code
// blocks, table cells and alt text alike: never dropped (the PDF ran
// "First linesecond line" together), never U+FFFD (HTML wrote one for a
// vertical tab). The JSON output keeps them: it is the model.
func TestSpaceEquivalentsInEveryFormat(t *testing.T) {
	para := "First\vsecond\fthird\u0085fourth\u2028fifth\u2029sixth."
	doc := asttest.Doc(
		asttest.H(2, asttest.T("Head\vword")),
		asttest.P(asttest.T(para), asttest.T(" See "), &ast.Code{Text: "co\fde\u2028span"}, asttest.T(".")),
		&ast.CodeBlock{Text: "code\vblock\u2028line\u2029end\fhere\u0085now\n"},
		&ast.Table{Align: []ast.Alignment{ast.AlignNone}, Header: asttest.Cells("Cell\u2028head"), Rows: [][]*ast.TableCell{asttest.Cells("Cell\vbody")}},
		asttest.P(&ast.Image{Destination: "missing.png", Alt: "Alt\u2029text"}),
	)
	text := renderText(t, doc, render.Options{})
	want := []string{"Head word", "First second third fourth fifth sixth.", "co de span", "code block line end here now", "Cell head", "Cell body", "Alt text"}
	for _, f := range render.All() {
		out := text[f]
		if f == render.JSON {
			if !strings.Contains(out, `First\u000bsecond\fthird`) {
				t.Errorf("json: the text is not as written:\n%s", out)
			}
			continue
		}
		if f == render.PDF {
			out = strings.ReplaceAll(out, "\f", "\n") // pdftotext ends each page with one
		}
		if strings.ContainsRune(out, '\uFFFD') {
			t.Errorf("%s: U+FFFD in the output:\n%s", f, out)
		}
		if strings.ContainsAny(out, "\v\f\u0085\u2028\u2029") {
			t.Errorf("%s: a space equivalent is written as it is:\n%q", f, out)
		}
		words := strings.Join(strings.Fields(out), " ")
		for _, w := range want {
			if !strings.Contains(words, w) {
				t.Errorf("%s: %q not in\n%s", f, w, words)
			}
		}
	}
}
