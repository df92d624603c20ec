package html

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/imagefile"
)

func imageDoc(dest string) *ast.Document {
	return blocks(para(&ast.Image{Destination: dest, Alt: "Logo", At: ast.Pos{Line: 3, Col: 5}}))
}

// imgSrc renders doc and returns the src of its one <img>.
func imgSrc(t *testing.T, doc *ast.Document, opts Options) string {
	t.Helper()
	var srcs []string
	elements(parseHTML(t, render(t, doc, opts)), func(n *xhtml.Node) {
		if n.Data == "img" {
			v, _ := attrValue(n, "src")
			srcs = append(srcs, v)
		}
	})
	if len(srcs) != 1 {
		t.Fatalf("%d <img> elements, want 1", len(srcs))
	}
	return srcs[0]
}

// TestImageRebased checks that a relative image path is rewritten from
// the template's directory to the output's, and that remote, absolute and
// same-directory paths are written as they are.
func TestImageRebased(t *testing.T) {
	for _, tc := range []struct{ dest, imageDir, outDir, want string }{
		{"img/logo.png", "docs", "out", "../docs/img/logo.png"},
		{"img/logo.png", "docs", "docs", "img/logo.png"},
		{"img/logo.png", "docs", "", "img/logo.png"},
		{"img/logo.png", "", "out", "img/logo.png"},
		{"img/logo.png", "templates/legal", ".", "templates/legal/img/logo.png"},
		{"https://cdn.example.com/logo.png", "docs", "out", "https://cdn.example.com/logo.png"},
		{"/static/logo.png", "docs", "out", "/static/logo.png"},
	} {
		got := imgSrc(t, imageDoc(tc.dest), Options{Fragment: true, ImageDir: tc.imageDir, OutDir: tc.outDir})
		if got != tc.want {
			t.Errorf("%q from %q to %q: src %q, want %q", tc.dest, tc.imageDir, tc.outDir, got, tc.want)
		}
	}
}

// TestImageEmbedded checks that EmbedImages writes local images as data:
// URLs whose media type comes from the content, keeps remote images as
// links, and refuses a missing file or a file that is no image with an
// error at the image's place, unless MissingImagesAlt.
func TestImageEmbedded(t *testing.T) {
	dir := t.TempDir()
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"logo.png":         pngData.Bytes(),
		"png-named.gif":    pngData.Bytes(),
		"anim.gif":         []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
		"photo.webp":       []byte("RIFF\x0c\x00\x00\x00WEBPVP8L\x00\x00\x00\x00"),
		"mark.svg":         []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`),
		"not-an-image.png": []byte("hello\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Fragment: true, ImageDir: dir, OutDir: t.TempDir(), EmbedImages: true}
	for _, tc := range []struct{ dest, mime string }{
		{"logo.png", "image/png"},
		{"png-named.gif", "image/png"},
		{"anim.gif", "image/gif"},
		{"photo.webp", "image/webp"},
		{"mark.svg?v=1", "image/svg+xml"},
	} {
		got := imgSrc(t, imageDoc(tc.dest), opts)
		ref, _ := imagefile.Local(tc.dest)
		want := "data:" + tc.mime + ";base64," + base64.StdEncoding.EncodeToString(files[ref.Path])
		if got != want {
			t.Errorf("%s: src %.60q…, want %.60q…", tc.dest, got, want)
		}
	}
	if got := imgSrc(t, imageDoc("https://cdn.example.com/a.png"), opts); got != "https://cdn.example.com/a.png" {
		t.Errorf("remote image: src %q, want it unchanged", got)
	}
	for _, dest := range []string{"missing.png", "not-an-image.png"} {
		err := Render(&bytes.Buffer{}, imageDoc(dest), opts)
		var ie *imagefile.Error
		if !errors.As(err, &ie) || ie.Position() != (ast.Pos{Line: 3, Col: 5}) || !strings.Contains(err.Error(), dest) {
			t.Errorf("%s: got %v, want an imagefile.Error at 3:5 naming the file", dest, err)
		}
		alt := opts
		alt.MissingImagesAlt = true
		if got, want := imgSrc(t, imageDoc(dest), alt), "../"+filepath.Base(dir)+"/"+dest; !strings.HasSuffix(got, want) || strings.HasPrefix(got, "data:") {
			t.Errorf("%s with MissingImagesAlt: src %q, want a path ending in %q", dest, got, want)
		}
	}
}

// TestDataURLsOnlyForEmbeddedImages checks that embedding never makes a
// data: link live: a link to a data: URL stays blocked.
func TestDataURLsOnlyForEmbeddedImages(t *testing.T) {
	doc := blocks(para(&ast.Link{Destination: "data:text/html;base64,PHNjcmlwdD4=", Inlines: []ast.Inline{text("x")}}))
	out := render(t, doc, Options{Fragment: true, EmbedImages: true})
	if strings.Contains(out, "data:") {
		t.Errorf("a data: link was written:\n%s", out)
	}
}

// TestImageEmbedLimit checks that the images one page embeds add up to
// at most MaxEmbedBytes, every occurrence counted: the image that passes
// the limit fails the render with an *EmbedLimitError at its place that
// names the flag, even with MissingImagesAlt; a page under the limit
// embeds every image.
func TestImageEmbedLimit(t *testing.T) {
	dir := t.TempDir()
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`) // 62 bytes
	if err := os.WriteFile(filepath.Join(dir, "mark.svg"), svg, 0o644); err != nil {
		t.Fatal(err)
	}
	twice := blocks(para(
		&ast.Image{Destination: "mark.svg", Alt: "a", At: ast.Pos{Line: 3, Col: 5}},
		&ast.Image{Destination: "mark.svg", Alt: "b", At: ast.Pos{Line: 4, Col: 1}},
	))
	for _, tc := range []struct {
		limit int
		doc   *ast.Document
		fail  ast.Pos // the zero Pos: no error
	}{
		{len(svg), imageDoc("mark.svg"), ast.Pos{}},
		{len(svg) - 1, imageDoc("mark.svg"), ast.Pos{Line: 3, Col: 5}},
		{2 * len(svg), twice, ast.Pos{}},
		{2*len(svg) - 1, twice, ast.Pos{Line: 4, Col: 1}},
	} {
		for _, alt := range []bool{false, true} {
			opts := Options{Fragment: true, ImageDir: dir, EmbedImages: true, MaxEmbedBytes: tc.limit, MissingImagesAlt: alt}
			var buf bytes.Buffer
			err := Render(&buf, tc.doc, opts)
			if tc.fail == (ast.Pos{}) {
				if err != nil || strings.Count(buf.String(), "data:image/svg+xml") != len(tc.doc.Blocks[0].(*ast.Paragraph).Inlines) {
					t.Errorf("limit %d, alt %v: err %v, page %q; want every image embedded", tc.limit, alt, err, buf.String())
				}
				continue
			}
			var le *EmbedLimitError
			if !errors.As(err, &le) || le.Position() != tc.fail || !strings.Contains(err.Error(), "Options.MaxBytes") || !strings.Contains(err.Error(), `"mark.svg"`) {
				t.Errorf("limit %d, alt %v: err %v; want an *EmbedLimitError at %v naming the image and Options.MaxBytes", tc.limit, alt, err, tc.fail)
			}
		}
	}
}
