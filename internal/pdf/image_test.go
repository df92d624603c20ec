package pdf_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/pdfrules"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// gifBytes returns a two-frame GIF of w × h pixels: the first frame red,
// the second blue. Only the first should ever be drawn.
func gifBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	pal := color.Palette{color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	frame := func(idx uint8) *image.Paletted {
		m := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		for i := range m.Pix {
			m.Pix[i] = idx
		}
		return m
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{frame(0), frame(1)}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jpegBytes returns a small generated JPEG.
func jpegBytes(t testing.TB) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, 24, 16))
	for i := range m.Pix {
		m.Pix[i] = uint8(i)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// webpBytes returns a lossless WebP (VP8L) of w × h pixels, all of the
// colour c: every one of the five prefix codes is a "simple" code with one
// symbol, so the pixels themselves take no bits.
func webpBytes(w, h int, c color.NRGBA) []byte {
	var bits []byte
	var acc uint64
	var n uint
	put := func(v uint64, width uint) {
		acc |= v << n
		n += width
		for n >= 8 {
			bits = append(bits, byte(acc))
			acc >>= 8
			n -= 8
		}
	}
	put(0x2f, 8)                                         // VP8L signature
	put(uint64(w-1), 14)                                 // width - 1
	put(uint64(h-1), 14)                                 // height - 1
	put(1, 1)                                            // alpha is used
	put(0, 3)                                            // version
	put(0, 1)                                            // no transform
	put(0, 1)                                            // no colour cache
	put(0, 1)                                            // no meta prefix codes
	for _, sym := range []uint8{c.G, c.R, c.B, c.A, 0} { // green, red, blue, alpha, distance
		put(1, 1) // simple code
		put(0, 1) // one symbol
		put(1, 1) // an 8-bit symbol
		put(uint64(sym), 8)
	}
	if n > 0 {
		bits = append(bits, byte(acc))
	}
	if len(bits)%2 == 1 {
		bits = append(bits, 0)
	}
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(4+8+len(bits)))
	b.WriteString("WEBPVP8L")
	binary.Write(&b, binary.LittleEndian, uint32(len(bits)))
	b.Write(bits)
	return b.Bytes()
}

// imageDoc is a document with one image at 4:7.
func imageDoc(dest string) *ast.Document {
	return &ast.Document{Blocks: []ast.Block{para(txt("Logo:"), &ast.Image{Destination: dest, Alt: "Company logo", At: ast.Pos{Line: 4, Col: 7}})}}
}

func writeFile(t testing.TB, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImageFormats draws PNG, JPEG, GIF and WebP files, named truthfully
// or not: the format comes from the content. Each PDF has exactly one
// image of the file's size, and two renders give the same bytes.
func TestImageFormats(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name     string
		data     []byte
		w, h     int
		xobjects int // 2 when the image has an alpha channel (a soft mask)
	}{
		{"logo.png", pngBytes(t), 40, 20, 1},
		{"logo.jpg", jpegBytes(t), 24, 16, 1},
		{"logo.gif", gifBytes(t, 30, 10), 30, 10, 1},
		{"logo.webp", webpBytes(12, 7, color.NRGBA{0, 128, 0, 255}), 12, 7, 1},
		{"really-a-gif.png", gifBytes(t, 9, 5), 9, 5, 1},
		{"translucent-webp-without-extension", webpBytes(5, 3, color.NRGBA{10, 20, 30, 128}), 5, 3, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			writeFile(t, dir, tc.name, tc.data)
			opts := pdf.Options{ImageDir: dir}
			a, b := render(t, opts, imageDoc(tc.name)), render(t, opts, imageDoc(tc.name))
			if !bytes.Equal(a, b) {
				t.Fatal("two renders of the same document differ")
			}
			if got := bytes.Count(a, []byte("/Subtype /Image")); got != tc.xobjects {
				t.Errorf("%d image XObjects, want %d", got, tc.xobjects)
			}
			checkPDF(t, a, "")
			// pdfimages -list: a header of two lines, then one line per
			// image: page num type width height ...
			list := strings.Split(strings.TrimSpace(run(t, "pdfimages", "-list", writeTemp(t, a))), "\n")
			if len(list) < 3 {
				t.Fatalf("pdfimages lists no image:\n%s", strings.Join(list, "\n"))
			}
			f := strings.Fields(list[2])
			if len(f) < 5 || f[2] != "image" || f[3] != strconv.Itoa(tc.w) || f[4] != strconv.Itoa(tc.h) {
				t.Errorf("pdfimages: %q, want an image of %d × %d", list[2], tc.w, tc.h)
			}
		})
	}
}

// TestImageRefused checks that an SVG, a file that is no image, a broken
// GIF, a huge GIF and cut-off PNG and JPEG files are errors that name the place, the file and the
// formats that work, and that --missing-images=alt writes the alt text
// instead.
func TestImageRefused(t *testing.T) {
	dir := t.TempDir()
	huge := append([]byte("GIF89a"), 0x10, 0x27, 0x10, 0x27, 0, 0, 0) // 10000 × 10000, no colour table
	huge = append(huge, 0x3b)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"logo.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`), `is an SVG image, which the PDF cannot draw; convert it to PNG, JPEG, GIF or WebP`},
		{"svg-named.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), `is an SVG image`},
		{"notes.png", []byte("just some text\n"), `is not a PNG, JPEG, GIF or WebP file`},
		{"broken.gif", []byte("GIF89a\x01"), `GIF: gif: reading header: unexpected EOF`},
		{"huge.gif", huge, `10000 × 10000 pixels is more than the 40 million a GIF image may have`},
		// A valid header over cut-off data: fpdf would copy it into the
		// PDF unread.
		{"truncated.png", pngBytes(t)[:len(pngBytes(t))-40], `PNG: png: invalid format: not enough pixel data`},
		{"truncated.jpg", jpegBytes(t)[:len(jpegBytes(t))/2], `JPEG: unexpected EOF`},
	} {
		writeFile(t, dir, tc.name, tc.data)
		r, err := pdf.New(pdf.Options{ImageDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		err = r.Render(&bytes.Buffer{}, imageDoc(tc.name))
		var ie *pdf.ImageError
		if !errors.As(err, &ie) || ie.Position() != (ast.Pos{Line: 4, Col: 7}) {
			t.Errorf("%s: got %v, want an ImageError at 4:7", tc.name, err)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, `4:7: image "`+tc.name+`"`) || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: error %q, want it to start with 4:7 and the file and to contain %q", tc.name, msg, tc.want)
		}
		data := render(t, pdf.Options{ImageDir: dir, MissingImagesAlt: true}, imageDoc(tc.name))
		if bytes.Contains(data, []byte("/Subtype /Image")) {
			t.Errorf("%s: --missing-images=alt still drew an image", tc.name)
		}
	}
}

// interlacedPNG returns a 1 × 1 grey PNG stored with Adam7 interlacing,
// which Go's encoder never writes and fpdf cannot read.
func interlacedPNG(t testing.TB) []byte {
	t.Helper()
	chunk := func(b *bytes.Buffer, typ string, data []byte) {
		binary.Write(b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(b, binary.BigEndian, crc.Sum32())
	}
	var idat bytes.Buffer
	z := zlib.NewWriter(&idat)
	z.Write([]byte{0, 0x80}) // pass 1: one row, filter none, one grey pixel
	z.Close()
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk(&b, "IHDR", []byte{0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 1}) // 1 × 1, 8-bit grey, interlaced
	chunk(&b, "IDAT", idat.Bytes())
	chunk(&b, "IEND", nil)
	return b.Bytes()
}

// TestInterlacedPNG checks that an interlaced PNG, which fpdf cannot read,
// is drawn (converted like GIF and WebP) instead of failing.
func TestInterlacedPNG(t *testing.T) {
	dir := t.TempDir()
	data := interlacedPNG(t)
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Fatalf("the test PNG is broken: %v", err)
	}
	writeFile(t, dir, "interlaced.png", data)
	out := render(t, pdf.Options{ImageDir: dir}, imageDoc("interlaced.png"))
	if got := bytes.Count(out, []byte("/Subtype /Image")); got != 1 {
		t.Errorf("%d image XObjects, want 1", got)
	}
}

// TestLinkedImage: an image that is a link's content, alone
// ([![alt](img)](url)) or with text, is a link: an annotation covers the
// image (its /Rect is the image's 30 × 15 pt) and the link's text, the
// Figure is in the Link element beside the annotations' OBJRs
// (PDF/UA-1), and with link notes the destination is listed as a text
// link's is. a-3u,ua-1 passes our PDF/UA-1 rules and a-1b,ua-1 PDFBox
// Preflight. With --missing-images=alt the alt text is the link.
func TestLinkedImage(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "logo.png", pngBytes(t)) // 40 × 20 px: 30 × 15 pt at 96 dpi
	const url = "https://example.com/home"
	img := func() *ast.Image {
		return &ast.Image{Destination: "logo.png", Alt: "Company logo", At: ast.Pos{Line: 3, Col: 2}}
	}
	for _, c := range []struct {
		name     string
		inlines  []ast.Inline
		contents string // the annotations' /Contents
		annots   int    // link annotations: the image's and the text's
	}{
		{"image", []ast.Inline{img()}, "Company logo", 1},
		{"image and text", []ast.Inline{img(), txt(" text")}, "Company logo text", 2},
	} {
		doc := &ast.Document{Blocks: []ast.Block{
			&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("Badge")}},
			para(&ast.Link{Destination: url, Inlines: c.inlines}),
		}, Meta: ast.Meta{Title: "Badge"}}
		file := writeTemp(t, render(t, pdf.Options{ImageDir: dir, Links: pdf.LinksNone}, doc))
		var rects [][]float64
		for _, a := range linkAnnotations(t, file) {
			if a.Contents != "u:"+c.contents {
				t.Errorf("%s: link annotation /Contents %q, want %q", c.name, a.Contents, c.contents)
			}
			rects = append(rects, a.Rect)
		}
		if len(rects) != c.annots {
			t.Fatalf("%s: %d link annotations, want %d", c.name, len(rects), c.annots)
		}
		found := false
		for _, r := range rects {
			found = found || len(r) == 4 && math.Abs(math.Abs(r[2]-r[0])-30) < 0.05 && math.Abs(math.Abs(r[3]-r[1])-15) < 0.05
		}
		if !found {
			t.Errorf("%s: no link annotation covers the 30 × 15 pt image: %v", c.name, rects)
		}
		tree := validate.PDFStructText(t, file)
		link := structKids(tree, "Link")
		if want := c.annots; len(link) < 1 || link[0] != "Figure" || slices.Index(link, "Object") != 1 || strings.Count(strings.Join(link, " "), "Object") != want {
			t.Errorf("%s: the Link element holds %q, want the Figure and %d OBJRs:\n%s", c.name, link, want, tree)
		}
		// Link notes: the destination is listed, as a text link's is.
		text := validate.PDFText(t, writeTemp(t, render(t, pdf.Options{ImageDir: dir, NoFooter: true}, doc)))
		if !strings.Contains(text, "[1] "+url) {
			t.Errorf("%s: the link list lacks %s:\n%s", c.name, url, text)
		}
		// PDF/UA-1: our rules, and Preflight on a-1b,ua-1.
		data := render(t, pdf.Options{ImageDir: dir, Standard: mustStandard(t, "a-3u,ua-1")}, doc)
		if vs := pdfrules.Check(data, pdfrules.PDFUA1); len(vs) > 0 {
			t.Errorf("%s: a-3u,ua-1: %v", c.name, vs)
		}
		if p := validate.PreflightA1b(t, writeTemp(t, render(t, pdf.Options{ImageDir: dir, Standard: mustStandard(t, "a-1b,ua-1")}, doc))); !p.Valid {
			t.Errorf("%s: a-1b,ua-1: Preflight: %v", c.name, p.Errors)
		}
	}
	// A missing image's alt text is the link's text, one annotation for
	// its words on the line, as in any link.
	doc := &ast.Document{Blocks: []ast.Block{para(&ast.Link{Destination: url, Inlines: []ast.Inline{&ast.Image{Destination: "gone.png", Alt: "Company logo"}}})}}
	file := writeTemp(t, render(t, pdf.Options{ImageDir: dir, MissingImagesAlt: true, Links: pdf.LinksNone}, doc))
	if link := structKids(validate.PDFStructText(t, file), "Link"); strings.Join(link, " ") != `"Company" Object "logo"` {
		t.Errorf("missing image: the Link element holds %q, want the alt text and its OBJRs", link)
	}
}

// linkAnnotation is what a test reads of a link annotation (qpdf --json;
// a text string is "u:" and its text), with /Contents and the URI of its
// action read through an indirect object ("12 0 R").
type linkAnnotation struct {
	Rect     []float64 `json:"/Rect"`
	Contents string    `json:"/Contents"`
	URI      string
}

// linkAnnotations returns the link annotations of the PDF file.
func linkAnnotations(t *testing.T, file string) []linkAnnotation {
	t.Helper()
	objs := validate.PDFObjects(t, file)
	// deref returns the value of the object raw names when it is a
	// reference, else raw.
	deref := func(raw json.RawMessage) json.RawMessage {
		var r string
		if json.Unmarshal(raw, &r) == nil && strings.HasSuffix(r, " 0 R") {
			var o struct {
				Value json.RawMessage `json:"value"`
			}
			if json.Unmarshal(objs["obj:"+r], &o) == nil {
				return o.Value
			}
		}
		return raw
	}
	var out []linkAnnotation
	for _, raw := range objs {
		var o struct {
			Value struct {
				Subtype  string          `json:"/Subtype"`
				Rect     []float64       `json:"/Rect"`
				Contents json.RawMessage `json:"/Contents"`
				A        json.RawMessage `json:"/A"`
			} `json:"value"`
		}
		if json.Unmarshal(raw, &o) != nil || o.Value.Subtype != "/Link" {
			continue
		}
		a := linkAnnotation{Rect: o.Value.Rect}
		if o.Value.Contents != nil {
			_ = json.Unmarshal(deref(o.Value.Contents), &a.Contents)
		}
		if o.Value.A != nil {
			var act struct {
				URI string `json:"/URI"`
			}
			_ = json.Unmarshal(deref(o.Value.A), &act)
			a.URI = act.URI
		}
		out = append(out, a)
	}
	return out
}

// structKids returns the first words of the lines of the direct kids of
// the first element of role in pdfinfo -struct-text's output (a kid is
// an element, "Object" for an OBJR, or a quoted text).
func structKids(tree, role string) []string {
	var kids []string
	depth := -1
	for _, line := range strings.Split(tree, "\n") {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case depth < 0:
			if f[0] == role {
				depth = indent
			}
		case indent <= depth:
			return kids
		case indent == depth+2:
			kids = append(kids, strings.Fields(strings.TrimSpace(line))[0])
			if strings.HasPrefix(f[0], `"`) {
				kids[len(kids)-1] = strings.TrimSpace(line)
			}
		}
	}
	return kids
}

// png16 returns a 40 × 20 PNG of 16 bits a sample: RGB, or grey.
func png16(t testing.TB, grey bool) ([]byte, image.Image) {
	t.Helper()
	var m image.Image
	if grey {
		g := image.NewGray16(image.Rect(0, 0, 40, 20))
		for i := range g.Pix {
			g.Pix[i] = byte(i * 37)
		}
		m = g
	} else {
		c := image.NewRGBA64(image.Rect(0, 0, 40, 20))
		for y := range 20 {
			for x := range 40 {
				c.SetRGBA64(x, y, color.RGBA64{uint16(x * 1601), uint16(y * 3203), 0x8000 + uint16(x*y), 0xffff})
			}
		}
		m = c
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), m
}

// pdfImages returns the images of a PDF as pdfimages -png writes them,
// decoded, and pdfimages -list's line for each.
func pdfImages(t *testing.T, data []byte) ([]image.Image, []string) {
	t.Helper()
	file := writeTemp(t, data)
	list := strings.Split(strings.TrimSpace(run(t, "pdfimages", "-list", file)), "\n")[2:]
	prefix := filepath.Join(t.TempDir(), "img")
	run(t, "pdfimages", "-png", file, prefix)
	var out []image.Image
	for i := range list {
		f, err := os.Open(prefix + "-" + fmt.Sprintf("%03d", i) + ".png")
		if err != nil {
			t.Fatal(err)
		}
		m, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out, list
}

// TestSixteenBitPNG: under PDF/A-1 (PDF 1.4, which has no
// BitsPerComponent 16) a PNG of 16 bits a sample, RGB or grey, is drawn
// with 8: the high byte of each sample, the same bytes every time, valid
// to pdfcpu's strict check and PDFBox Preflight. Other PDFs (1.7) keep
// the 16 bits.
func TestSixteenBitPNG(t *testing.T) {
	dir := t.TempDir()
	var a1 []string // the PDF/A-1 files, for one run of Preflight
	for _, grey := range []bool{false, true} {
		data, want := png16(t, grey)
		writeFile(t, dir, "chart16.png", data)
		for _, c := range []struct {
			std string
			bpc string
		}{{"a-1b", "8"}, {"a-1b,ua-1", "8"}, {"", "16"}, {"a-2b", "16"}} {
			opts := pdf.Options{ImageDir: dir, Standard: mustStandard(t, c.std)}
			doc := imageDoc("chart16.png")
			doc.Meta.Title = "Chart" // PDF/UA-1 wants one (TestUntitled)
			out := render(t, opts, doc)
			if !bytes.Equal(out, render(t, opts, doc)) {
				t.Errorf("grey %v, %q: two renders differ", grey, c.std)
			}
			imgs, list := pdfImages(t, out)
			if len(list) != 1 || strings.Fields(list[0])[7] != c.bpc {
				t.Errorf("grey %v, %q: pdfimages %q, want one image of %s bits a sample", grey, c.std, list, c.bpc)
				continue
			}
			// pdfimages -png writes 8 bits a sample: the high bytes.
			for _, p := range []image.Point{{0, 0}, {7, 3}, {39, 19}} {
				r, g, b, _ := want.At(p.X, p.Y).RGBA()
				gr, gg, gb, _ := imgs[0].At(p.X, p.Y).RGBA()
				if r>>8 != gr>>8 || g>>8 != gg>>8 || b>>8 != gb>>8 {
					t.Errorf("grey %v, %q: pixel %v is %d %d %d, want %d %d %d", grey, c.std, p, gr>>8, gg>>8, gb>>8, r>>8, g>>8, b>>8)
				}
			}
			file := filepath.Join(dir, fmt.Sprintf("grey-%v-%s.pdf", grey, c.std))
			writeFile(t, dir, filepath.Base(file), out)
			if f := validate.PDFCPUStrict(t, file); f != nil {
				t.Errorf("grey %v, %q: pdfcpu: %v", grey, c.std, f)
			}
			if strings.HasPrefix(c.std, "a-1b") {
				a1 = append(a1, file)
			}
		}
	}
	for file, p := range validate.PreflightA1bFiles(t, a1) {
		if !p.Valid {
			t.Errorf("%s: Preflight: %v", file, p.Errors)
		}
	}
}

// withChunk returns PNG file data with a chunk of type typ inserted
// right after IHDR.
func withChunk(data []byte, typ string, body []byte) []byte {
	var c bytes.Buffer
	binary.Write(&c, binary.BigEndian, uint32(len(body)))
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(body)
	c.WriteString(typ)
	c.Write(body)
	binary.Write(&c, binary.BigEndian, crc.Sum32())
	const afterIHDR = 8 + 8 + 13 + 4
	return slices.Concat(data[:afterIHDR], c.Bytes(), data[afterIHDR:])
}

// grey16Keyed returns a 40 × 20 grey PNG of 16 bits a sample whose left
// half is grey 0x1234, the colour its tRNS chunk makes transparent, and
// whose right half is 0x5678.
func grey16Keyed(t testing.TB) []byte {
	t.Helper()
	grey := image.NewGray16(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			v := uint16(0x5678)
			if x < 20 {
				v = 0x1234
			}
			grey.SetGray16(x, y, color.Gray16{v})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, grey); err != nil {
		t.Fatal(err)
	}
	keyed := withChunk(buf.Bytes(), "tRNS", []byte{0x12, 0x34})
	if m, err := png.Decode(bytes.NewReader(keyed)); err != nil {
		t.Fatal(err)
	} else if _, _, _, a := m.At(0, 0).RGBA(); a != 0 {
		t.Fatal("the test PNG's tRNS colour is not transparent")
	}
	return keyed
}

// TestSixteenBitTransparency: a PNG of 16 bits a sample with an alpha
// channel, or with a tRNS colour, is drawn with its transparency as a
// soft mask of 8 bits (fpdf cut the alpha out of 16-bit samples a byte
// at a time, which garbled colour and mask, and keyed a tRNS colour on
// the low byte of each sample).
func TestSixteenBitTransparency(t *testing.T) {
	dir := t.TempDir()
	rgba := image.NewNRGBA64(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			rgba.SetNRGBA64(x, y, color.NRGBA64{0xffff, 0x1234, 0, uint16(x * 1600)})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		data   []byte
		colour func(x, y int) [3]uint32 // 8-bit
		alpha  func(x, y int) uint32    // 8-bit
	}{
		{"rgba16.png", buf.Bytes(), func(x, y int) [3]uint32 { return [3]uint32{0xff, 0x12, 0} }, func(x, y int) uint32 { return uint32(x*1600) >> 8 }},
		{"grey16-trns.png", grey16Keyed(t),
			func(x, y int) [3]uint32 {
				if x < 20 {
					return [3]uint32{0x12, 0x12, 0x12}
				}
				return [3]uint32{0x56, 0x56, 0x56}
			},
			func(x, y int) uint32 {
				if x < 20 {
					return 0
				}
				return 0xff
			}},
	} {
		writeFile(t, dir, c.name, c.data)
		imgs, list := pdfImages(t, render(t, pdf.Options{ImageDir: dir}, imageDoc(c.name)))
		if len(list) != 2 || strings.Fields(list[1])[2] != "smask" || strings.Fields(list[1])[7] != "8" {
			t.Errorf("%s: pdfimages %q, want an image and its soft mask of 8 bits", c.name, list)
			continue
		}
		for _, p := range []image.Point{{0, 0}, {7, 3}, {25, 10}, {39, 19}} {
			r, g, b, _ := imgs[0].At(p.X, p.Y).RGBA()
			if got, want := [3]uint32{r >> 8, g >> 8, b >> 8}, c.colour(p.X, p.Y); got != want {
				t.Errorf("%s: colour at %v is %x, want %x", c.name, p, got, want)
			}
			if a, _, _, _ := imgs[1].At(p.X, p.Y).RGBA(); a>>8 != c.alpha(p.X, p.Y) {
				t.Errorf("%s: alpha at %v is %d, want %d", c.name, p, a>>8, c.alpha(p.X, p.Y))
			}
		}
	}
}

// palettePNG returns a 40 × 20 palette PNG of four stripes, 10 pixels
// wide, one for each colour of pal, in order.
func palettePNG(t testing.TB, pal color.Palette) []byte {
	t.Helper()
	p := image.NewPaletted(image.Rect(0, 0, 40, 20), pal)
	for y := range 20 {
		for x := range 40 {
			p.SetColorIndex(x, y, uint8(x/10))
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pagePixels renders the first page of a PDF at 96 dpi, where a pixel
// of an image drawn at 96 dpi is a pixel of the page, and returns the
// page's colours (8-bit RGB) at points, taken from the first pure red
// pixel of the page: the top-left pixel of an image whose first pixel
// is red.
func pagePixels(t *testing.T, data []byte, points []image.Point) [][3]uint32 {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	run(t, "pdftoppm", "-r", "96", "-png", "-singlefile", writeTemp(t, data), prefix)
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	rgb := func(x, y int) [3]uint32 {
		r, g, b, _ := page.At(x, y).RGBA()
		return [3]uint32{r >> 8, g >> 8, b >> 8}
	}
	b := page.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if rgb(x, y) != [3]uint32{255, 0, 0} {
				continue
			}
			var out [][3]uint32
			for _, p := range points {
				out = append(out, rgb(x+p.X, y+p.Y))
			}
			return out
		}
	}
	t.Fatal("no red pixel on the page")
	return nil
}

// TestPaletteTransparency: a palette PNG's tRNS alphas are drawn as
// they are. Semi-transparent colours get a soft mask, as an RGBA PNG
// does (fpdf drew them opaque), and are refused under PDF/A-1 as alpha
// is; every fully transparent colour is transparent (fpdf's colour key
// took the first one only, and drew the others), under PDF/A-1 too.
func TestPaletteTransparency(t *testing.T) {
	dir := t.TempDir()
	red, blue := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 255}
	writeFile(t, dir, "translucent.png", palettePNG(t, color.Palette{red, color.NRGBA{0, 0, 255, 128}, color.NRGBA{0, 255, 0, 0}, color.NRGBA{0, 0, 0, 0}}))
	writeFile(t, dir, "two-clear.png", palettePNG(t, color.Palette{red, color.NRGBA{0, 255, 0, 0}, blue, color.NRGBA{0, 0, 0, 0}}))
	stripes := []image.Point{{5, 10}, {15, 10}, {25, 10}, {35, 10}}
	white := [3]uint32{255, 255, 255}

	// Semi-transparent: a soft mask of the palette's alphas.
	out := render(t, pdf.Options{ImageDir: dir, NoFooter: true}, imageDoc("translucent.png"))
	imgs, list := pdfImages(t, out)
	if len(list) != 2 || strings.Fields(list[1])[2] != "smask" {
		t.Errorf("translucent: pdfimages %q, want an image and its soft mask", list)
	} else {
		for i, want := range []uint32{255, 128, 0, 0} {
			if a, _, _, _ := imgs[1].At(stripes[i].X, stripes[i].Y).RGBA(); a>>8 != want {
				t.Errorf("translucent: stripe %d has alpha %d, want %d", i, a>>8, want)
			}
		}
	}
	if got := pagePixels(t, out, stripes); got[0] != [3]uint32{255, 0, 0} || got[1] != [3]uint32{127, 127, 255} && got[1] != [3]uint32{128, 128, 255} || got[2] != white || got[3] != white {
		t.Errorf("translucent: the page shows %v, want red, light blue, white, white", got)
	}
	if f := validate.PDFCPUStrict(t, writeTemp(t, render(t, pdf.Options{ImageDir: dir, Standard: mustStandard(t, "a-2b")}, imageDoc("translucent.png")))); f != nil {
		t.Errorf("translucent, a-2b: pdfcpu: %v", f)
	}
	r, err := pdf.New(pdf.Options{ImageDir: dir, Standard: mustStandard(t, "a-1b")})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(&bytes.Buffer{}, imageDoc("translucent.png"))
	var se *pdf.StandardError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), `image "translucent.png" has semi-transparent palette colours (ISO 19005-1 §6.4`) {
		t.Errorf("translucent, a-1b: got %v, want the StandardError for semi-transparent palette colours", err)
	}

	// Only opaque and fully transparent colours: a colour key, also
	// under PDF/A-1.
	for _, std := range []string{"", "a-1b"} {
		out := render(t, pdf.Options{ImageDir: dir, NoFooter: true, Standard: mustStandard(t, std)}, imageDoc("two-clear.png"))
		if _, list := pdfImages(t, out); len(list) != 1 || strings.Fields(list[0])[5] != "index" {
			t.Errorf("two clear, %q: pdfimages %q, want one palette image", std, list)
		}
		if got := pagePixels(t, out, stripes); got[0] != [3]uint32{255, 0, 0} || got[1] != white || got[2] != [3]uint32{0, 0, 255} || got[3] != white {
			t.Errorf("two clear, %q: the page shows %v, want red, white, blue, white", std, got)
		}
		if std != "" {
			if p := validate.PreflightA1b(t, writeTemp(t, out)); !p.Valid {
				t.Errorf("two clear, %q: Preflight: %v", std, p.Errors)
			}
		}
	}
}

// TestImageAltText: an image's alt text reads where the image stands.
// A missing image's, with MissingImagesAlt, stays in its line as the
// HTML and the plain text keep it: the PDF drew it as a line of its own
// ("Text" / "alt here" / "more text."). In a heading or a table cell,
// which the PDF lays out word by word, an image is its alt text: the PDF
// dropped it there, the picture and its text, and merged the words
// around it ("xy"), and a missing one there was no error.
func TestImageAltText(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "logo.png", pngBytes(t))
	img := func(dest, alt string, col int) *ast.Image {
		return &ast.Image{Destination: dest, Alt: alt, At: ast.Pos{Line: 2, Col: col}}
	}
	doc := func(dest string) *ast.Document {
		return &ast.Document{Blocks: []ast.Block{
			&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("Head "), img(dest, "heading alt", 3), txt(" end")}},
			para(txt("Text "), img("gone.png", "paragraph alt", 5), txt(" more text.")),
			&ast.Table{Align: []ast.Alignment{ast.AlignNone, ast.AlignNone},
				Header: []*ast.TableCell{{Inlines: []ast.Inline{txt("a")}}, {Inlines: []ast.Inline{txt("b")}}},
				Rows:   [][]*ast.TableCell{{{Inlines: []ast.Inline{txt("x "), img(dest, "cell alt", 7), txt(" y")}}, {Inlines: []ast.Inline{txt("z")}}}}},
		}}
	}
	for _, dest := range []string{"logo.png", "gone.png"} {
		data := render(t, pdf.Options{ImageDir: dir, MissingImagesAlt: true, NoFooter: true}, doc(dest))
		lines := strings.Split(run(t, "pdftotext", "-layout", writeTemp(t, data), "-"), "\n")
		for _, want := range []string{"Head heading alt end", "Text paragraph alt more text.", "x cell alt y"} {
			found := false
			for _, ln := range lines {
				found = found || strings.Contains(strings.Join(strings.Fields(ln), " "), want)
			}
			if !found {
				t.Errorf("%s: no line reads %q:\n%s", dest, want, strings.Join(lines, "\n"))
			}
		}
		if bytes.Contains(data, []byte("/Subtype /Image")) {
			t.Errorf("%s: an image in a heading or a table cell was drawn", dest)
		}
	}
	// Without MissingImagesAlt, a missing image in a heading or a cell is
	// the error it is in a paragraph.
	for _, c := range []struct {
		name string
		doc  *ast.Document
		at   ast.Pos
	}{
		{"heading", &ast.Document{Blocks: []ast.Block{&ast.Heading{Level: 1, Inlines: []ast.Inline{img("gone.png", "a", 3)}}}}, ast.Pos{Line: 2, Col: 3}},
		{"cell", &ast.Document{Blocks: []ast.Block{&ast.Table{Align: []ast.Alignment{ast.AlignNone},
			Header: []*ast.TableCell{{Inlines: []ast.Inline{img("gone.png", "a", 7)}}}}}}, ast.Pos{Line: 2, Col: 7}},
	} {
		r, err := pdf.New(pdf.Options{ImageDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		err = r.Render(&bytes.Buffer{}, c.doc)
		var ie *pdf.ImageError
		if !errors.As(err, &ie) || ie.Position() != c.at {
			t.Errorf("%s: a missing image gave %v, want an ImageError at %v", c.name, err, c.at)
		}
	}
}

// TestLineAfterImage: the text after a linked picture starts its line at
// the margin, as every line does; the no-break space before the link's
// number ("\u00a0[1]") indented it by a space.
func TestLineAfterImage(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "logo.png", pngBytes(t))
	doc := &ast.Document{Blocks: []ast.Block{
		para(txt("Before")),
		para(&ast.Link{Destination: "https://example.com/home", Inlines: []ast.Inline{&ast.Image{Destination: "logo.png", Alt: "Company logo"}}}, txt(" After")),
	}}
	boxes := wordBoxes(t, render(t, pdf.Options{ImageDir: dir, NoFooter: true}, doc))
	if before, note := box(t, boxes, "Before"), box(t, boxes, "[1]"); math.Abs(note.xMin-before.xMin) > 0.01 {
		t.Errorf("the line after the image starts at x = %.2f pt, the margin is at %.2f pt", note.xMin, before.xMin)
	}
}

// TestWordlessLink: a link without words ([](https://…)) is drawn as its
// address, and that text is the link: an annotation over it and a Link
// element holding it, in every --pdf-links style. It was a "<URL>" note
// beside an empty Link element that nothing could be clicked or tabbed
// to.
func TestWordlessLink(t *testing.T) {
	for _, links := range []pdf.LinkNotes{pdf.LinksFootnote, pdf.LinksInline, pdf.LinksNone} {
		doc := &ast.Document{Meta: ast.Meta{Title: "Links", Lang: "en"}, Blocks: []ast.Block{
			para(txt("A "), &ast.Link{Destination: "https://example.com/x"}, txt(" b and "), &ast.Link{Destination: "mailto:a@b.example"}, txt(" c.")),
		}}
		file := filepath.Join(t.TempDir(), "w.pdf")
		if err := os.WriteFile(file, render(t, pdf.Options{NoFooter: true, Links: links, Standard: mustStandard(t, "a-3u,ua-1")}, doc), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := validate.PDFText(t, file); !strings.Contains(got, "A https://example.com/x b and a@b.example c.") {
			t.Errorf("links %v: text %q", links, got)
		}
		var contents []string
		for _, a := range linkAnnotations(t, file) {
			contents = append(contents, a.Contents)
		}
		slices.Sort(contents)
		if want := []string{"u:https://example.com/x", "u:mailto:a@b.example"}; !slices.Equal(contents, want) {
			t.Errorf("links %v: annotations %q, want %q", links, contents, want)
		}
		if link := structKids(validate.PDFStructText(t, file), "Link"); strings.Join(link, " ") != `"https://example.com/x" Object` {
			t.Errorf("links %v: the first Link holds %q", links, link)
		}
	}
}
