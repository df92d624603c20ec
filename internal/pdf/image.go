package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/webp"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/imagefile"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// imageData is an image file read once per render.
type imageData struct {
	name string // name registered with fpdf
	typ  string // "PNG" or "JPG"
	data []byte
	w, h int // pixels
	// masked says what in the file a PNG's soft mask draws, for the
	// PDF/A-1 refusal: "has an alpha channel" when empty.
	masked string
	// drawn says that the image is laid out somewhere; one that was
	// only read, for its alt text in a heading or a table cell
	// (altSpans), is not embedded.
	drawn bool
}

// maxConvertPixels is the largest GIF or WebP image (in pixels) that is
// decoded to be converted to PNG: 40 million pixels take 160 MiB while
// converting, and a 6000 × 4000 photograph still fits. It keeps a small
// file that claims to be 65535 × 65535 pixels from taking 16 GiB. PNG and
// JPEG files go to fpdf as they are, undecoded (but for interlaced PNGs
// and those pngFix changes).
const maxConvertPixels = 40_000_000

// loadImage reads a local image file and returns it in a form fpdf takes:
// PNG and JPEG as they are, the first frame of a GIF, a WebP image and an
// interlaced PNG converted to PNG in memory. The format comes from the
// file's content, never from its name.
func (l *layout) loadImage(dest string) (*imageData, error) {
	if img, ok := l.images[dest]; ok {
		return img, nil
	}
	ref, ok := imagefile.Local(dest)
	if !ok {
		return nil, fmt.Errorf("image %q is not a local file", dest)
	}
	data, err := imagefile.Read(ref.File(l.r.opts.ImageDir), imagefile.MaxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("image %q: %w", dest, err)
	}
	format := imagefile.Sniff(data)
	var cfg image.Config
	var head pngHeader
	switch format {
	case imagefile.PNG:
		head = readPNGHeader(data)
		if fix := l.pngFix(head); head.interlaced || fix != nil {
			cfg, data, err = convertToPNG(format, data, fix)
		} else if cfg, err = png.DecodeConfig(bytes.NewReader(data)); err == nil {
			err = l.r.checked.check(cfg, data, png.Decode)
		}
	case imagefile.JPEG:
		if cfg, err = jpeg.DecodeConfig(bytes.NewReader(data)); err == nil {
			err = l.r.checked.check(cfg, data, jpeg.Decode)
		}
	case imagefile.GIF, imagefile.WebP:
		cfg, data, err = convertToPNG(format, data, nil)
	case imagefile.SVG:
		return nil, fmt.Errorf("image %q is an SVG image, which the PDF cannot draw; convert it to %s", dest, imagefile.Supported)
	default:
		return nil, fmt.Errorf("image %q is not a %s file", dest, imagefile.Supported)
	}
	if err != nil {
		return nil, fmt.Errorf("image %q: %s: %w", dest, format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("image %q: %s image has no pixels", dest, format)
	}
	typ := "PNG"
	if format == imagefile.JPEG {
		typ = "JPG"
	}
	img := &imageData{name: "img" + strconv.Itoa(len(l.images)+1), typ: typ, data: data, w: cfg.Width, h: cfg.Height, masked: head.masked()}
	l.images[dest] = img
	return img, nil
}

// standardImageError is the *StandardError for image n.
func standardImageError(std Standard, n *ast.Image, msg string) error {
	return &StandardError{At: srcerr.At{Pos: n.At}, Standard: std.String(), Msg: fmt.Sprintf("image %q %s", n.Destination, msg)}
}

// imageAllowed refuses an image file that Options.Standard forbids (an
// image without alt text under PDF/UA-1 is refused before its file is
// read): a CMYK JPEG under PDF/A (its output intent is sRGB, and
// DeviceCMYK needs a CMYK one), and a PNG with an alpha channel (drawn
// with a soft mask) under PDF/A-1, which has no transparency.
func (r *Renderer) imageAllowed(n *ast.Image, img *imageData) error {
	std := r.opts.Standard
	fail := func(msg string) error { return standardImageError(std, n, msg) }
	if std.A() && img.typ == "JPG" {
		if cfg, err := jpeg.DecodeConfig(bytes.NewReader(img.data)); err == nil && cfg.ColorModel == color.CMYKModel {
			return fail("is a CMYK JPEG (PDF/A: DeviceCMYK needs a CMYK output intent, and this file's is sRGB); convert it to RGB")
		}
	}
	if std.Part == 1 && img.typ == "PNG" && pngAlpha(img.data) {
		if img.masked != "" {
			return fail(img.masked)
		}
		return fail("has an alpha channel (ISO 19005-1 §6.4: PDF/A-1 forbids transparency, and fpdf draws alpha as a soft mask); remove the alpha channel or set Options.PDFStandard to \"a-2b\"")
	}
	return nil
}

// pngAlpha reports whether a PNG file has an alpha channel: colour type
// 4 (grey and alpha) or 6 (RGB and alpha), in IHDR.
func pngAlpha(data []byte) bool {
	ct := readPNGHeader(data).colorType
	return ct == 4 || ct == 6
}

// pngHeader is what a PNG file says about its pixels before their data:
// IHDR's bit depth, colour type and interlace method, and its tRNS
// chunk.
type pngHeader struct {
	depth, colorType byte
	// interlaced is set for Adam7 interlacing, which fpdf cannot read.
	interlaced bool
	// trns is the tRNS chunk's data (nil for none): a palette's alphas,
	// or the grey or RGB value that is transparent.
	trns []byte
}

// readPNGHeader reads the header of a PNG file and the chunks before
// its image data; the zero pngHeader when its first chunk is no IHDR
// (png.DecodeConfig then says what is wrong).
func readPNGHeader(data []byte) pngHeader {
	const ihdr = 8 + 8 // signature, chunk length and type
	if len(data) < ihdr+13 || string(data[12:16]) != "IHDR" {
		return pngHeader{}
	}
	d := data[ihdr : ihdr+13] // width, height, depth, colour type, compression, filter, interlace
	h := pngHeader{depth: d[8], colorType: d[9], interlaced: d[12] != 0}
	// Each chunk: length, type, data, CRC.
	for at := 8; len(data)-at >= 12; {
		n := int64(binary.BigEndian.Uint32(data[at:]))
		if n > int64(len(data)-at-12) {
			break
		}
		switch string(data[at+4 : at+8]) {
		case "tRNS":
			h.trns = data[at+8 : at+8+int(n)]
		case "IDAT", "IEND":
			return h
		}
		at += 12 + int(n)
	}
	return h
}

// masked is imageData.masked for a PNG file with header h: what a soft
// mask draws of a file with transparency that has no alpha channel, once
// pngFix has converted it; "" for any other file.
func (h pngHeader) masked() string {
	switch {
	case h.depth == 16 && h.trns != nil && (h.colorType == 0 || h.colorType == 2):
		return "has a transparent colour (tRNS) and 16 bits a sample (ISO 19005-1 §6.4: PDF/A-1 forbids transparency but for a colour key, and PDF 1.4 has no 16-bit images, so it would be a soft mask); save it with 8 bits a sample, or set Options.PDFStandard to \"a-2b\""
	case h.colorType == 3 && translucentPalette(h.trns):
		return "has semi-transparent palette colours (ISO 19005-1 §6.4: PDF/A-1 forbids transparency but for a colour key, and they are drawn with a soft mask); make each colour opaque or fully transparent, or set Options.PDFStandard to \"a-2b\""
	}
	return ""
}

// pngFix returns the change a PNG file with header h needs before fpdf
// gets it, made to the decoded image (convertToPNG), or nil for none.
// 16 bits a sample become 8 under PDF/A-1, whose PDF 1.4 allows no
// BitsPerComponent 16 (ISO 32000-1, Table 89: 16 came with PDF 1.5),
// and whatever the PDF for a file with transparency, an alpha channel
// or a tRNS colour, which fpdf reads as if its samples had 8 bits (it
// cuts the alpha out a byte at a time, and keys the colour on the low
// byte of each sample). Other PDFs, version 1.7, keep 16 bits.
//
// A palette PNG's transparency (its tRNS alphas) is drawn as it is: fpdf
// makes only the first fully transparent colour a colour key and draws
// every other colour opaque, so a palette with semi-transparent colours
// is converted to RGBA (a soft mask, as an RGBA PNG gets), and one with
// more fully transparent colours than one has their pixels moved to the
// first (still a colour key, which PDF/A-1 allows).
func (l *layout) pngFix(h pngHeader) func(image.Image) image.Image {
	switch {
	case h.depth == 16 && (l.r.opts.Standard.Part == 1 || h.colorType == 4 || h.colorType == 6 || h.trns != nil):
		return eightBit
	case h.colorType == 3 && translucentPalette(h.trns):
		return paletteRGBA
	case h.colorType == 3 && bytes.Count(h.trns, []byte{0}) > 1:
		return oneTransparentColour
	}
	return nil
}

// translucentPalette reports whether a palette's tRNS alphas make a
// colour neither opaque nor fully transparent.
func translucentPalette(trns []byte) bool {
	for _, a := range trns {
		if a != 0 && a != 0xff {
			return true
		}
	}
	return false
}

// paletteRGBA returns a palette image as RGBA, each pixel its palette
// colour with its alpha, exactly; any other image as it is.
func paletteRGBA(m image.Image) image.Image {
	p, ok := m.(*image.Paletted)
	if !ok {
		return m
	}
	pal := make([]color.NRGBA, 256) // an index past the palette is opaque black, as image/png reads it
	for i := range pal {
		pal[i] = color.NRGBA{A: 0xff}
		if i < len(p.Palette) {
			pal[i] = color.NRGBAModel.Convert(p.Palette[i]).(color.NRGBA)
		}
	}
	out := image.NewNRGBA(p.Rect)
	for y := p.Rect.Min.Y; y < p.Rect.Max.Y; y++ {
		for x := p.Rect.Min.X; x < p.Rect.Max.X; x++ {
			out.SetNRGBA(x, y, pal[p.ColorIndexAt(x, y)])
		}
	}
	return out
}

// oneTransparentColour returns a palette image whose fully transparent
// colours are all drawn with the first of them, so that one colour key
// makes every transparent pixel transparent; any other image as it is.
func oneTransparentColour(m image.Image) image.Image {
	p, ok := m.(*image.Paletted)
	if !ok {
		return m
	}
	first := -1
	clear := make([]bool, len(p.Palette))
	for i, c := range p.Palette {
		if _, _, _, a := c.RGBA(); a == 0 {
			clear[i] = true
			if first < 0 {
				first = i
			}
		}
	}
	for i, c := range p.Pix {
		if int(c) < len(clear) && clear[c] {
			p.Pix[i] = byte(first)
		}
	}
	return p
}

// eightBit returns m, decoded from a PNG of 16 bits a sample, with 8
// bits a sample: the high byte of each (as image/color converts 16-bit
// colours to 8-bit ones), so the same file always gives the same image.
// Grey stays grey, and an image with alpha keeps its alpha. An image of
// 8 bits a sample is returned as it is.
func eightBit(m image.Image) image.Image {
	b := m.Bounds()
	switch m := m.(type) {
	case *image.Gray16:
		out := image.NewGray(b)
		highBytes(out.Pix, out.Stride, m.Pix, m.Stride, b.Dy())
		return out
	case *image.RGBA64:
		out := image.NewRGBA(b)
		highBytes(out.Pix, out.Stride, m.Pix, m.Stride, b.Dy())
		return out
	case *image.NRGBA64:
		out := image.NewNRGBA(b)
		highBytes(out.Pix, out.Stride, m.Pix, m.Stride, b.Dy())
		return out
	}
	return m
}

// highBytes fills rows rows of dst, of stride dstStride, with the high
// bytes of the big-endian 16-bit samples of src, of stride srcStride.
func highBytes(dst []byte, dstStride int, src []byte, srcStride, rows int) {
	for y := range rows {
		d, s := dst[y*dstStride:(y+1)*dstStride], src[y*srcStride:]
		for i := range d {
			d[i] = s[2*i]
		}
	}
}

// imageChecks remembers the PNG and JPEG files that decoded whole, by the
// SHA-256 of their bytes, so that a batch that puts the same logo in
// every document decodes it once. fpdf copies these files' compressed
// data into the PDF without reading it, so a truncated or corrupt file
// would otherwise give a PDF whose image no reader can show. Files of more
// than maxConvertPixels are not decoded (that would take more memory than
// the check is worth) and go to fpdf unchecked, as before.
type imageChecks struct {
	mu sync.Mutex
	ok map[[sha256.Size]byte]bool
}

// maxImageChecks bounds the files an imageChecks remembers.
const maxImageChecks = 1024

// check decodes data, an image of cfg's size, unless it was found whole
// before.
func (c *imageChecks) check(cfg image.Config, data []byte, decode func(io.Reader) (image.Image, error)) error {
	if int64(cfg.Width)*int64(cfg.Height) > maxConvertPixels {
		return nil
	}
	sum := sha256.Sum256(data)
	c.mu.Lock()
	done := c.ok[sum]
	c.mu.Unlock()
	if done {
		return nil
	}
	if _, err := decode(bytes.NewReader(data)); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ok == nil {
		c.ok = map[[sha256.Size]byte]bool{}
	}
	if len(c.ok) < maxImageChecks {
		c.ok[sum] = true
	}
	return nil
}

// convertToPNG decodes a GIF (its first frame, on its full canvas), a
// WebP image or a PNG (interlaced, or one that needs fix: pngFix) and
// encodes it as a PNG fpdf reads, after fix when not nil. The same input
// always gives the same bytes.
func convertToPNG(format imagefile.Format, data []byte, fix func(image.Image) image.Image) (image.Config, []byte, error) {
	decodeConfig, decode := gif.DecodeConfig, gif.Decode
	switch format {
	case imagefile.WebP:
		decodeConfig, decode = webp.DecodeConfig, webp.Decode
	case imagefile.PNG:
		decodeConfig, decode = png.DecodeConfig, png.Decode
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, nil, err
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxConvertPixels {
		taken := "non-interlaced PNG"
		if fix != nil {
			taken = "a non-interlaced PNG of 8 bits a sample (RGBA for transparency)"
		}
		return cfg, nil, fmt.Errorf("%d × %d pixels is more than the %d million a %s image may have; shrink it, or save it as JPEG or %s",
			cfg.Width, cfg.Height, maxConvertPixels/1_000_000, format, taken)
	}
	m, err := decode(bytes.NewReader(data))
	if err != nil {
		return cfg, nil, err
	}
	if canvas := image.Rect(0, 0, cfg.Width, cfg.Height); m.Bounds() != canvas {
		// A GIF frame may cover part of the canvas only; the rest is
		// transparent.
		full := image.NewNRGBA(canvas)
		draw.Draw(full, m.Bounds(), m, m.Bounds().Min, draw.Src)
		m = full
	}
	if fix != nil {
		m = fix(m)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		return cfg, nil, err
	}
	return cfg, buf.Bytes(), nil
}

// missingImage says whether image n cannot be drawn and its alt text
// goes in its place (Options.MissingImagesAlt), and returns that text as
// a span in italics, in the style st of the text around it: the link's
// text when the image is a link's content. A missing image without that
// option is an error, and so is an image without alt text under PDF/UA-1,
// drawn or not.
func (l *layout) missingImage(n *ast.Image, st style) (span, bool, error) {
	if std := l.r.opts.Standard; std.UA && strings.TrimSpace(n.Alt) == "" {
		return span{}, false, standardImageError(std, n, "has no alt text (ISO 14289-1 §7.3: every figure needs an alternative description); write one: ![what it shows]("+n.Destination+")")
	}
	if _, err := l.loadImage(n.Destination); err != nil {
		if !l.r.opts.MissingImagesAlt {
			return span{}, false, &ImageError{Destination: n.Destination, At: srcerr.At{Pos: n.At}, Err: err}
		}
		return altSpan(n, st), true, nil
	}
	return span{}, false, nil
}

// altSpan is the alt text of image n in the style st of the text around
// it, in italics, muted unless it is a link's text or a redline's change
// (whose colour says deleted or inserted).
func altSpan(n *ast.Image, st style) span {
	alt := st
	alt.italic = true
	if st.link == "" && !st.changed {
		alt.color = colorMuted
	}
	return span{text: n.Alt, st: alt, pos: n.At}
}

// altSpans writes each image of spans as its alt text (altSpan), for text
// that is laid out word by word with no room for a picture: a heading and
// a table cell. A missing image there is the same error as anywhere else
// (missingImage), not a picture that silently goes.
func (l *layout) altSpans(spans []span) error {
	for i, s := range spans {
		if s.image == nil {
			continue
		}
		if _, _, err := l.missingImage(s.image, s.st); err != nil {
			return err
		}
		spans[i] = altSpan(s.image, s.st)
	}
	return nil
}

// image lays out an image that missingImage found, as a block of its
// own, at 96 dpi, scaled down to fit the text width and most of a page.
//
// st is the style of the text around the image: when the image is a
// link's content (st.link), its Figure goes into the link's Link
// element and a link annotation covers it, whose OBJR goes into that
// element too (PDF/UA-1: a Link element holds its content and its
// annotations), as the link's text does.
func (l *layout) image(n *ast.Image, st style) error {
	img, err := l.loadImage(n.Destination)
	if err != nil {
		return err
	}
	if err := l.r.imageAllowed(n, img); err != nil {
		return err
	}
	img.drawn = true
	w := float64(img.w) * 25.4 / 96
	h := float64(img.h) * 25.4 / 96
	maxH := (l.r.pageH - l.r.margin.Top - l.r.margin.Bottom) * 0.85
	if w > l.width() {
		h *= l.width() / w
		w = l.width()
	}
	if h > maxH {
		w *= maxH / h
		h = maxH
	}
	l.space(2)
	fig := l.tags.add("Figure", l.inlineParent(st))
	l.tags.elems[fig].Alt = ast.ReplaceSpaceEquivalents(n.Alt)
	items := []item{{kind: itemImage, x: l.left, y: 0, w: w, h: h, text: n.Destination, tag: fig}}
	if st.link != "" {
		items = append(items, linkArea(st, l.left, 0, w, h))
	}
	l.add(&unit{h: h, items: items}, 0)
	l.space(2)
	return nil
}
