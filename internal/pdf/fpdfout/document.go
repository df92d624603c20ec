package fpdfout

import (
	"bytes"
	"crypto/sha256"
	"math/bits"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Info is what a document says about itself, and its page set-up.
type Info struct {
	// Paper is fpdf's name of the page size: "A4" or "Letter".
	Paper string
	// Left, Top and Right are the page margins in millimetres.
	Left, Top, Right float64
	// Date is written as CreationDate and ModDate, in UTC.
	Date time.Time
	// Title and Producer are always written; Author, Subject, Keywords
	// and Creator only when not empty.
	Title, Author, Subject, Keywords, Creator, Producer string
	// Lang is the catalog's /Lang.
	Lang string
	// Attachments are embedded as file attachments.
	Attachments []Attachment
	// Standard is the PDF/A level and PDF/UA part the file is written
	// to (pdfa.go); the zero value is plain PDF.
	Standard Standard
	// Structure is the structure tree of a tagged PDF (see structtree.go);
	// nil for an untagged one.
	Structure []Elem
}

// Attachment is a file embedded in the PDF.
type Attachment struct {
	// Name is the file name shown by PDF readers.
	Name string
	// Description says what the file is.
	Description string
	// Content is the file's bytes.
	Content []byte
	// Relationship is the file's PDF/A-3 /AFRelationship to the document
	// ("Source", "Data"); empty means Unspecified. Only PDF/A-3 writes it.
	Relationship string
	// MIME is the file's media type ("text/markdown"), the embedded
	// file's /Subtype under PDF/A-3; empty means application/octet-stream.
	MIME string
}

// RGB is a colour, each component 0 to 255.
type RGB struct{ R, G, B int }

// Doc is one document being drawn: fpdf's state, the fonts cut for the
// document and which of them fpdf has been given. Positions are in
// millimetres from the top left of the page; text positions are
// baselines. Drawing errors are sticky (fpdf's) and reported by Finish.
type Doc struct {
	w      *Writer
	pdf    *fpdf.Fpdf
	fonts  []docFonts
	face   int  // current face, -1 for none
	eight  bool // the current font is the face's 8-bit font
	size   float64
	color  RGB
	added  []bool // per face: its UTF-8 font was added
	added8 []bool // per face: its 8-bit font was added
	info   Info
	// drawn8 are, per face, the codes drawn with its 8-bit font, for the
	// ToUnicode maps of a standard that needs them; nil without one.
	drawn8 []*[256]bool
	// drawn are, per face, the characters drawn with its UTF-8 font (one
	// bit each, the BMP), with any standard: fpdf cuts the font to
	// exactly these, and they are its codes (see conformType0); nil
	// without a standard.
	drawn []*[0x10000 / 64]uint64
	// pua are, per face, the private-use codes of shaped glyphs
	// (glyphs.go); nil when the document draws none.
	pua    []*puaCodes
	tags   *tags // the structure tree being drawn; nil when untagged
	annots []annot
	dests  []dest
	line   []byte       // the last line show wrote, its buffer reused
	raw    bytes.Reader // reused by writeRaw
	// colorOp is the operator that sets colour colorOpOf, as show
	// writes it; nil until show needs one.
	colorOp   []byte
	colorOpOf RGB
}

// Start begins a document whose text is all recorded in use: each face's
// fonts are cut to the characters use holds, so drawing a string that
// was not added to use is a programming error.
func (w *Writer) Start(info Info, use *Usage) (*Doc, error) {
	p := fpdf.New("P", "mm", info.Paper, "")
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(info.Left, info.Top, info.Right)
	p.SetCellMargin(0)
	p.SetCatalogSort(true)
	// Pages are compressed when the document is finished (finish.go).
	p.SetCompression(false)
	p.SetCreationDate(info.Date.UTC())
	p.SetModificationDate(info.Date.UTC())
	// fpdf's own UTF-16 conversion takes 4-byte UTF-8 (emoji, CJK
	// extension B) for 3-byte characters and writes garbage: encode here.
	p.SetTitle(utf16Text(info.Title), false)
	if info.Author != "" {
		p.SetAuthor(utf16Text(info.Author), false)
	}
	if info.Subject != "" {
		p.SetSubject(utf16Text(info.Subject), false)
	}
	if info.Keywords != "" {
		p.SetKeywords(utf16Text(info.Keywords), false)
	}
	if info.Creator != "" {
		p.SetCreator(utf16Text(info.Creator), false)
	}
	p.SetProducer(utf16Text(info.Producer), false)
	p.SetLang(info.Lang)
	if len(info.Attachments) > 0 {
		as := make([]fpdf.Attachment, len(info.Attachments))
		for i, a := range info.Attachments {
			as[i] = fpdf.Attachment{Content: a.Content, Filename: a.Name, Description: a.Description}
		}
		p.SetAttachments(as)
	}
	fonts, err := w.fontsFor(use)
	if err != nil {
		return nil, err
	}
	d := &Doc{w: w, pdf: p, fonts: fonts, face: -1, added: make([]bool, len(w.faces)), added8: make([]bool, len(w.faces)), info: info,
		tags: newTags(info.Structure), pua: use.pua}
	if info.Standard.Unicode() {
		d.drawn8 = make([]*[256]bool, len(w.faces))
	}
	// Shaped glyphs' private-use codes and Arabic presentation forms
	// need a ToUnicode map of the codes drawn even without a standard
	// (shapedToUnicode); a face's set is made when it first draws.
	d.drawn = make([]*[0x10000 / 64]uint64, len(w.faces))
	return d, nil
}

// RegisterImage makes an image file known by name, before the first page
// (typ is "PNG" or "JPG").
func (d *Doc) RegisterImage(name, typ string, data []byte) {
	d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(data))
}

// AddPage starts a new page.
func (d *Doc) AddPage() { d.pdf.AddPage() }

// setFont selects face f at size points, through its 8-bit font when
// eight is set, else through its UTF-8 font.
func (d *Doc) setFont(f int, size float64, eight bool) {
	family := d.w.faces[f].names.utf8
	if eight {
		family = d.w.faces[f].names.eight
		if !d.added8[f] {
			// fpdf only reads an 8-bit font's definition, so the cached
			// one is shared; the font is written by the finishing stage
			// (fontfile.go).
			d.pdf.AddFontFromBytes(family, "", d.fonts[f].font8.def, nil)
			d.added8[f] = true
		}
	} else if !d.added[f] {
		// fpdf writes into the font bytes while subsetting
		// (utf8FontFile.getMetrics appends to a slice of its input), so
		// every document gets its own copy: sharing one would be a data
		// race and would make output depend on earlier renders.
		d.pdf.AddUTF8FontFromBytes(family, "", bytes.Clone(d.fonts[f].utf8))
		d.added[f] = true
	}
	if f != d.face || eight != d.eight || size != d.size {
		d.pdf.SetFont(family, "", size)
		d.face, d.eight, d.size = f, eight, size
	}
}

// Text draws s with face f at size points, its baseline starting at
// (x, y), through the face's 8-bit font when s is all in cp1252 (see
// cp1252.go).
func (d *Doc) Text(f int, size float64, x, y float64, s string) {
	enc, eight := d.w.text8(f, s)
	d.setFont(f, size, eight)
	if eight {
		s = enc
		d.draw8(s)
	} else {
		d.drawUTF8(s)
	}
	d.show(x, y, s)
}

// TextReaching is Text for s, one character, whose advance is
// stretched by character spacing (Tc) so that it ends at reach, right
// of where it does: nothing is drawn after it with that spacing, so
// nothing moves, but a reader that takes the text of a marked-content
// /Span with /ActualText to lie from where its first glyph starts to
// where its last one ends (poppler) finds the Span's whole width when
// the character is drawn last at the Span's left (see internal/pdf's
// rtl.go). Without room to stretch, it is Text.
func (d *Doc) TextReaching(f int, size float64, x, y float64, s string, reach float64) {
	enc, eight := d.w.text8(f, s)
	d.setFont(f, size, eight)
	k := d.pdf.GetConversionRatio()
	adv := 0.0
	for _, c := range s {
		adv += float64(d.w.Metrics(f).Advance(c)) * size / 1000
	}
	tc := (reach-x)*k - adv
	if tc > 0.005 {
		d.line = append(strconv.AppendFloat(d.line[:0], tc, 'f', 2, 64), " Tc"...)
		d.writeRaw(d.line)
	}
	if eight {
		d.draw8(enc)
		d.show(x, y, enc)
	} else {
		d.drawUTF8(s)
		d.show(x, y, s)
	}
	if tc > 0.005 {
		d.writeRaw([]byte("0 Tc"))
	}
}

// drawUTF8 records the characters of s as drawn with the current UTF-8
// font (see conformance and shapedToUnicode).
func (d *Doc) drawUTF8(s string) {
	if d.drawn == nil {
		return
	}
	set := d.drawn[d.face]
	if set == nil {
		set = new([0x10000 / 64]uint64)
		d.drawn[d.face] = set
	}
	for _, r := range s {
		if r < 0x10000 {
			set[r/64] |= 1 << (r % 64)
		}
	}
}

// draw8 records the codes of s as drawn with the current 8-bit font, when
// the standard needs them (see conformance).
func (d *Doc) draw8(s string) {
	if d.drawn8 == nil {
		return
	}
	if d.drawn8[d.face] == nil {
		d.drawn8[d.face] = new([256]bool)
	}
	for i := 0; i < len(s); i++ {
		d.drawn8[d.face][s[i]] = true
	}
}

// SelectFont selects face f at size points through the font it draws
// the characters of set with, for TextInFont: the font is the same
// whichever of them a string uses (all page numbers are drawn with the
// font chosen for all digits, which Usage.Add(f, set) cut).
func (d *Doc) SelectFont(f int, size float64, set string) {
	_, eight := d.w.text8(f, set)
	d.setFont(f, size, eight)
}

// TextInFont draws s, made of ASCII characters of the set given to
// SelectFont, in the selected font, its baseline starting at (x, y).
func (d *Doc) TextInFont(x, y float64, s string) {
	if d.eight {
		d.draw8(s)
	} else {
		d.drawUTF8(s)
	}
	d.show(x, y, s)
}

// show draws s, already in the current font's encoding, its baseline
// starting at (x, y). In an 8-bit font it writes the operators fpdf's
// Text writes for it, byte for byte ("BT x y Td (s) Tj ET", in
// "q colour … Q" when the text colour is not the fill colour), without
// fpdf's four passes of strings.Replace and two fmt.Sprintf calls: a
// seed document draws about 160 lines, and fpdf's Text was 8 % of its
// PDF (TestShowIsFpdfText compares the two). A UTF-8 font, whose text
// fpdf converts to UTF-16 and records for subsetting, goes through fpdf.
func (d *Doc) show(x, y float64, s string) {
	if !d.eight {
		d.pdf.Text(x, y, s)
		return
	}
	k := d.pdf.GetConversionRatio()
	_, h := d.pdf.GetPageSize()
	b := d.line[:0]
	fr, fg, fb := d.pdf.GetFillColor()
	tr, tg, tb := d.pdf.GetTextColor()
	wrap := fr != tr || fg != tg || fb != tb
	if wrap {
		if c := (RGB{tr, tg, tb}); c != d.colorOpOf || d.colorOp == nil {
			d.colorOp, d.colorOpOf = appendColor(d.colorOp[:0], c), c
		}
		b = append(b, "q "...)
		b = append(b, d.colorOp...)
		b = append(b, ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x*k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (h-y)*k, 'f', 2, 64)
	b = append(b, " Td ("...)
	b = appendEscaped(b, s)
	b = append(b, ") Tj ET"...)
	if wrap {
		b = append(b, " Q"...)
	}
	d.line = b
	d.writeRaw(b)
}

// writeRaw writes b, one line of content, to the current page (as fpdf's
// RawWriteStr does, without making a string of it). b may be reused
// afterwards.
func (d *Doc) writeRaw(b []byte) {
	d.raw.Reset(b)
	d.pdf.RawWriteBuf(&d.raw)
}

// appendColor appends the operator that sets the non-stroking colour c,
// as fpdf writes it: "0.098 g" for a grey (equal components), else
// "r g b rg", each component over 255 with three decimals.
func appendColor(b []byte, c RGB) []byte {
	r, g, bl := clamp255(c.R), clamp255(c.G), clamp255(c.B)
	comp := func(b []byte, v int) []byte { return strconv.AppendFloat(b, float64(v)/255, 'f', 3, 64) }
	if r == g && g == bl {
		return append(comp(b, r), " g"...)
	}
	b = append(comp(b, r), ' ')
	b = append(comp(b, g), ' ')
	return append(comp(b, bl), " rg"...)
}

// clamp255 is v limited to 0 to 255, as fpdf takes a colour component.
func clamp255(v int) int { return min(max(v, 0), 255) }

// appendEscaped appends s as the inside of a PDF literal string, escaped
// as fpdf escapes it: a backslash before each backslash and parenthesis.
// It is the one escaping of literal strings here (pdfString, show).
// (fpdf also writes a carriage return as \r; text in an 8-bit font has
// no control characters, see encode1252.)
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return b
}

// SetTextColor sets the colour of the text drawn next.
func (d *Doc) SetTextColor(c RGB) {
	if c != d.color {
		d.pdf.SetTextColor(c.R, c.G, c.B)
		d.color = c
	}
}

// Line strokes a line from (x1, y1) to (x2, y2), width millimetres wide.
func (d *Doc) Line(x1, y1, x2, y2, width float64, c RGB) {
	d.pdf.SetDrawColor(c.R, c.G, c.B)
	d.pdf.SetLineWidth(width)
	d.pdf.Line(x1, y1, x2, y2)
}

// Fill fills a rectangle.
func (d *Doc) Fill(x, y, w, h float64, c RGB) {
	d.pdf.SetFillColor(c.R, c.G, c.B)
	d.pdf.Rect(x, y, w, h, "F")
}

// Box strokes the outline of a rectangle, width millimetres wide.
func (d *Doc) Box(x, y, w, h, width float64, c RGB) {
	d.pdf.SetDrawColor(c.R, c.G, c.B)
	d.pdf.SetLineWidth(width)
	d.pdf.Rect(x, y, w, h, "D")
}

// Image draws an image registered with RegisterImage.
func (d *Doc) Image(name, typ string, x, y, w, h float64) {
	d.pdf.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{ImageType: typ}, 0, "")
}

// Bookmark adds an outline entry at level (0 for the top) pointing at
// height y of the current page.
func (d *Doc) Bookmark(title string, level int, y float64) {
	// fpdf converts a title to UTF-16 itself only when the current font
	// is a UTF-8 font; otherwise it writes the bytes it gets.
	if d.face < 0 || d.eight {
		title = utf16Text(title)
	}
	d.pdf.Bookmark(title, level, y)
}

// Finish ends the document and returns the PDF file, fpdf's output after
// the finishing stage (finish.go), and the file's SHA-256.
func (d *Doc) Finish() (out []byte, sum [sha256.Size]byte, err error) {
	if err := d.pdf.Error(); err != nil {
		return nil, sum, err
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, sum, err
	}
	var c *conformance
	if !d.info.Standard.IsZero() {
		c = &conformance{std: d.info.Standard, info: d.info, drawn8: map[string]*[256]bool{}, drawn: make([][]int, len(d.drawn)), pua: d.pua}
		for f, codes := range d.drawn8 {
			if codes != nil && d.fonts[f].font8 != nil {
				c.drawn8[d.fonts[f].font8.name] = codes
			}
		}
		for f := range d.drawn {
			c.drawn[f] = d.drawnCodes(f)
		}
	}
	_, pageH := d.pdf.GetPageSize()
	return d.w.finish(buf.Bytes(), d, pageH, c)
}

// drawnCodes returns the codes drawn with face f's UTF-8 font, in
// increasing order (recorded with a standard or shaped glyphs only).
func (d *Doc) drawnCodes(f int) []int {
	var out []int
	if set := d.drawn[f]; set != nil {
		for i, word := range set {
			for ; word != 0; word &= word - 1 {
				out = append(out, 64*i+bits.TrailingZeros64(word))
			}
		}
	}
	return out
}
