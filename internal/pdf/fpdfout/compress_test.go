package fpdfout

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// regularWriter is a Writer with one face, DejaVu Serif, that has an
// 8-bit font.
func regularWriter(t *testing.T, cfg Config) *Writer {
	t.Helper()
	data := fonts.SerifRegular().Data
	m, err := ttf.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWriter([]Face{{Data: data, Metrics: m}}, 1, cfg)
	return w
}

// fpdfDocument writes a PDF with fpdf directly, using what a Doc uses
// (UTF-8 and 8-bit fonts, several pages, internal and external links,
// outline, images, attachments), with fpdf's page compression on or off.
func fpdfDocument(t *testing.T, w *Writer, compress bool) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 30, 10))
	for x := range 30 {
		for y := range 10 {
			img.Set(x, y, color.RGBA{uint8(x * 8), uint8(y * 20), 90, 255})
		}
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	used := [256]bool{'H': true, 'e': true, 'l': true, 'o': true}
	b8, err := w.eight(0)
	if err != nil {
		t.Fatal(err)
	}
	f8, err := b8.subset(&used, &w.fontZlib)
	if err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(compress)
	p.SetCatalogSort(true)
	date := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p.SetCreationDate(date)
	p.SetModificationDate(date)
	p.SetTitle("Title ü", true)
	p.SetAttachments([]fpdf.Attachment{{Content: []byte("attached (stream)\nendstream\n"), Filename: "a.txt", Description: "a file"}})
	p.AddUTF8FontFromBytes("u", "", bytes.Clone(fonts.SerifRegular().Data)) // fpdf writes into it
	p.AddFontFromBytes("c", "", f8.def, f8.z)
	p.RegisterImageOptionsReader("img1", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(pngData.Bytes()))
	link := p.AddLink()
	for i := range 3 {
		p.AddPage()
		p.SetFont("u", "", 11)
		p.Bookmark("Chapter ☐ "+strings.Repeat("x", i), 0, 20)
		p.Text(20, 30, "UTF-8 text ◦ on page "+strings.Repeat("I", i+1)+" with (parens) and \\ and endstream")
		p.SetFont("c", "", 11)
		p.Text(20, 40, "Hello")
		p.ImageOptions("img1", 20, 50, 30, 10, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		p.LinkString(20, 30, 50, 5, "https://example.com/")
		p.Link(20, 40, 50, 5, link)
	}
	p.SetLink(link, 10, 1)
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCompressPagesMatchesFpdf checks that compressing the pages after
// Output gives the file of fpdf's own page compression: the same
// objects, each stream holding the same bytes once inflated (the
// compressor is another deflate implementation, so the compressed bytes
// differ), and that a writer from the pool writes the same bytes as a
// fresh one.
func TestCompressPagesMatchesFpdf(t *testing.T) {
	w := regularWriter(t, Config{})
	want := fpdfDocument(t, w, true)
	plain := fpdfDocument(t, w, false)
	if bytes.Equal(want, plain) {
		t.Fatal("compression made no difference")
	}
	wantObjs := inflatedObjects(t, want)
	var first []byte
	for range 2 { // a fresh writer, then one from the pool
		got, err := compressFile(w, plain)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = got
		} else if !bytes.Equal(got, first) {
			t.Fatal("a writer from the pool wrote other bytes than a fresh one")
		}
		gotObjs := inflatedObjects(t, got)
		if len(gotObjs) != len(wantObjs) {
			t.Fatalf("%d objects, want %d", len(gotObjs), len(wantObjs))
		}
		for i := range gotObjs {
			if !bytes.Equal(gotObjs[i], wantObjs[i]) {
				t.Fatalf("object %d differs from fpdf's compression once inflated:\n got: %.200q\nwant: %.200q", i, gotObjs[i], wantObjs[i])
			}
		}
	}
}

// inflatedObjects returns the objects of a PDF as fpdf writes it, by
// number, each compressed stream inflated and its /Length dropped.
func inflatedObjects(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	f, err := splitFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]byte, len(f.objs))
	for num, o := range f.objs {
		if o == nil {
			continue
		}
		dict, stream, err := f.body(num)
		if err != nil {
			t.Fatal(err)
		}
		if stream == nil || !bytes.Contains(dict, []byte("/FlateDecode")) {
			out[num] = o
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(stream))
		if err != nil {
			t.Fatalf("object %d: %v", num, err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("object %d: %v", num, err)
		}
		length := regexp.MustCompile(`/Length \d+`)
		out[num] = append(length.ReplaceAll(bytes.Clone(dict), nil), data...)
	}
	return out
}

// compressFile is the finishing stage with only its compression pass:
// fpdf's file split into objects, its pages compressed, the file written.
func compressFile(w *Writer, pdf []byte) ([]byte, error) {
	f, err := splitFile(pdf)
	if err != nil {
		return nil, err
	}
	if err := w.compressPages(f); err != nil {
		return nil, err
	}
	return f.bytes()
}

func TestCompressPagesRefusesOtherInput(t *testing.T) {
	w := regularWriter(t, Config{})
	plain := fpdfDocument(t, w, false)
	for name, in := range map[string][]byte{
		"empty":      nil,
		"no xref":    []byte("%PDF-1.4\n%%EOF\n"),
		"truncated":  plain[:len(plain)-200],
		"bad length": bytes.Replace(plain, []byte("<</Length "), []byte("<</Length 9"), 1),
	} {
		if _, err := compressFile(w, in); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
