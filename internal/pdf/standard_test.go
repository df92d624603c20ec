package pdf_test

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

// TestStandardRefusals: what a standard forbids and the input asks for
// is a *StandardError naming the standard and the rule, never a file
// that only claims conformance.
func TestStandardRefusals(t *testing.T) {
	attach := []pdf.Attachment{{Name: "t.md", Content: []byte("# T\n")}}
	for _, std := range []string{"a-1b", "a-2b", "a-2u,ua-1"} {
		_, err := pdf.New(pdf.Options{Standard: mustStandard(t, std), Attachments: attach})
		var se *pdf.StandardError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "a-3b") || !strings.Contains(err.Error(), "ISO 19005-") {
			t.Errorf("%s with attachments: got %v, want a StandardError naming the rule and a-3b", std, err)
		}
	}
	for _, std := range []string{"a-3b", "a-3u,ua-1", "ua-1"} {
		if _, err := pdf.New(pdf.Options{Standard: mustStandard(t, std), Attachments: attach}); err != nil {
			t.Errorf("%s with attachments: %v", std, err)
		}
	}

	dir := t.TempDir()
	writeFile(t, dir, "logo.png", pngBytes(t))
	alpha := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range alpha.Pix {
		alpha.Pix[i] = 0x80
	}
	var ab bytes.Buffer
	if err := png.Encode(&ab, alpha); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "alpha.png", ab.Bytes())
	writeFile(t, dir, "grey16-trns.png", grey16Keyed(t))
	cmyk := cmykJPEG(t)
	if cmyk != nil {
		writeFile(t, dir, "cmyk.jpg", cmyk)
	}
	noAlt := &ast.Document{Blocks: []ast.Block{para(txt("Logo:"), &ast.Image{Destination: "logo.png", At: ast.Pos{Line: 3, Col: 2}})}}
	for _, c := range []struct {
		std  string
		doc  *ast.Document
		want string // "" for no error
	}{
		{"ua-1", noAlt, "3:2: Options.PDFStandard ua-1: image \"logo.png\" has no alt text (ISO 14289-1"},
		{"a-3u,ua-1", noAlt, "has no alt text"},
		{"a-3u", noAlt, ""},
		{"a-1b", imageDoc("alpha.png"), "4:7: Options.PDFStandard a-1b: image \"alpha.png\" has an alpha channel (ISO 19005-1 §6.4"},
		{"a-2b", imageDoc("alpha.png"), ""},
		{"a-1b", imageDoc("grey16-trns.png"), "4:7: Options.PDFStandard a-1b: image \"grey16-trns.png\" has a transparent colour (tRNS) and 16 bits a sample (ISO 19005-1 §6.4"},
		{"a-2b", imageDoc("grey16-trns.png"), ""},
		{"a-1b", imageDoc("logo.png"), ""},
		{"a-2b", imageDoc("cmyk.jpg"), "is a CMYK JPEG"},
		{"ua-1", imageDoc("cmyk.jpg"), ""},
	} {
		if c.doc.Blocks[0].(*ast.Paragraph).Inlines[1].(*ast.Image).Destination == "cmyk.jpg" && cmyk == nil {
			continue
		}
		r, err := pdf.New(pdf.Options{Standard: mustStandard(t, c.std), ImageDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		c.doc.Meta.Title = "Logo" // PDF/UA-1 wants one (TestUntitled)
		err = r.Render(&bytes.Buffer{}, c.doc)
		var se *pdf.StandardError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.std, err)
		case c.want != "" && (!errors.As(err, &se) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: got %v, want a StandardError containing %q", c.std, err, c.want)
		}
	}
}

// cmykJPEG returns the CMYK JPEG of Go's own image tests, nil (and a
// log line) when the Go tree is not there.
func cmykJPEG(t *testing.T) []byte {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Logf("no CMYK JPEG test: go env GOROOT: %v", err)
		return nil
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "src", "image", "testdata", "video-001.cmyk.jpeg"))
	if err != nil {
		t.Logf("no CMYK JPEG test: %v", err)
		return nil
	}
	return data
}

// TestUntitled: under PDF/UA-1 a document without a title (no front
// matter title, no first heading) is a *StandardError at 1:1 naming the
// rule and the fix; the PDF wrote an empty dc:title, which PDF/UA-1
// forbids (the corpus's site-policy/LICENSE.md, CC0 text without a
// heading, with --pdf-standard a-3u,ua-1). Without ua-1 it renders.
func TestUntitled(t *testing.T) {
	doc := func(title string) *ast.Document {
		return &ast.Document{Meta: ast.Meta{Title: title}, Blocks: []ast.Block{para(txt("CC0 1.0 Universal"))}}
	}
	for _, c := range []struct {
		std, title string
		want       string // "" for no error
	}{
		{"a-3u,ua-1", "", `1:1: Options.PDFStandard a-3u,ua-1: the document has no title (PDF/UA-1, ISO 14289-1 §7.1: the metadata holds the document's title, dc:title); give it one: "title: …" in the front matter, or a first heading "# …"`},
		{"ua-1", " ", "the document has no title"},
		{"a-3u,ua-1", "CC0", ""},
		{"a-3u", "", ""},
	} {
		r, err := pdf.New(pdf.Options{Standard: mustStandard(t, c.std)})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		err = r.Render(&buf, doc(c.title))
		var se *pdf.StandardError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s, title %q: %v", c.std, c.title, err)
		case c.want != "" && (!errors.As(err, &se) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s, title %q: got %v, want a StandardError containing %q", c.std, c.title, err, c.want)
		case c.want != "" && buf.Len() > 0:
			t.Errorf("%s, title %q: %d bytes written with the error", c.std, c.title, buf.Len())
		}
	}
}
