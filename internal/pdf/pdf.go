package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/imagefile"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// Producer is written into the PDF's Producer entry.
const Producer = "policyexport with codeberg.org/go-pdf/fpdf v0.12.0"

// Options configure a Renderer. The zero value is valid: A4, default
// margins, ragged right, no table of contents, footer on, built-in fonts
// only, images resolved against the working directory, dates at the Unix
// epoch.
type Options struct {
	// Paper is "a4" (the default when empty) or "letter".
	Paper string
	// Margins are the page margins in millimetres; nil means
	// DefaultMargins (25 left and right, 20 top, 25 bottom). Every field
	// of a non-nil Margins is used as it is, 0 included: a 0 is no
	// margin on that side, not the default.
	Margins *Margins
	// Justify aligns paragraph lines on both sides.
	Justify bool
	// TOC adds a table of contents, with page numbers and links, after the
	// title heading (ast.Title: the first top-level level-1 heading), or
	// first when there is none.
	TOC bool
	// NoFooter leaves the page footer out.
	NoFooter bool
	// FooterText is the footer template, centred: {title}, {page},
	// {pages} and {NAME} for any value of the document (ast.Document.Values)
	// are replaced, in one pass; any other field is a *FooterFieldError.
	// Empty means the title at the start of the line and the page number
	// in the document's language ("Page {page} of {pages}",
	// "Seite {page} von {pages}") at its end.
	FooterText string
	// Lang is the document's language when its metadata names none (a
	// BCP 47 tag; empty means English). It chooses the language of the
	// footer and the table of contents' title (package l10n) and is the
	// PDF's /Lang.
	Lang string
	// Fonts are extra TrueType fonts (the bytes of .ttf files, or a face
	// of a .ttc that FontFace took out), tried in order for any character
	// the built-in fonts lack. Each is matched by its style (its OS/2 and
	// head tables): bold or italic text takes a font of its style first,
	// so a bold font draws the bold text it has characters for (bold
	// Hebrew, which DejaVu Sans draws regular otherwise).
	Fonts [][]byte
	// ImageDir is the directory against which relative image paths are
	// resolved; empty means the working directory. Images must be local
	// PNG, JPEG, GIF (its first frame is drawn) or WebP files, recognised
	// by their content; GIF and WebP are converted to PNG.
	ImageDir string
	// MissingImagesAlt writes a missing image's alt text instead of
	// failing.
	MissingImagesAlt bool
	// Date is written as CreationDate and ModDate, in UTC. The zero value
	// means the Unix epoch, unless WithDocument gave it (0001-01-01 is a
	// date): the renderer never reads the clock.
	Date time.Time
	// Creator is the Creator entry, for example "policyexport v0.1.0".
	Creator string
	// Redline says the document is a redline, the comparison of two
	// versions: its /Title and XMP dc:title (which PDF/A keeps equal)
	// say so in the document's language (l10n.RedlineTitle,
	// "Comparison of versions: Terms"), so that a viewer's title bar or
	// a screen reader tells it from the document itself (WCAG 2.4.2,
	// PDF/UA-1 §7.1). The pages are unchanged.
	Redline bool
	// Attachments are embedded as PDF file attachments.
	Attachments []Attachment
	// Links says how the destinations of external links are shown, so
	// that they stay readable on paper; the zero value is LinksFootnote.
	Links LinkNotes
	// MaxPages is the most pages a document may have. A document that
	// needs more is refused with a *PageLimitError before anything is
	// drawn, and as soon as its laid-out lines and rows fill that many
	// pages, so hostile input that makes a page of every few bytes (a
	// table of half a million one-letter rows) costs bounded time and
	// memory. Zero means DefaultMaxPages; negative is an error.
	MaxPages int
	// Interrupt, when not nil, is called before each block of the
	// layout, nested ones included, before each page is drawn and before
	// the file is finished; an error from it stops the rendering, and
	// File returns it, having made nothing (context.Context's Err fits).
	Interrupt func() error
	// Standard is the PDF/A level and PDF/UA part to write (ParseStandard
	// reads the names of --pdf-standard); the zero value is plain PDF.
	// What a standard forbids and the document asks for is a
	// *StandardError: attachments under PDF/A-1 and PDF/A-2 (from New),
	// a CMYK JPEG under PDF/A, an image with an alpha channel under
	// PDF/A-1, an image without alt text under PDF/UA-1, a heading that
	// skips a level (or a first heading not of level 1) under PDF/UA-1.
	Standard Standard
}

// Standard is a set of PDF standards: at most one PDF/A level and PDF/UA-1.
// The writer stage defines it.
type Standard = fpdfout.Standard

// ParseStandard parses --pdf-standard's comma-separated names (a-1b,
// a-2b, a-2u, a-3b, a-3u, ua-1; case-insensitive; one PDF/A level at
// most). An unknown name or two PDF/A levels is an error naming the valid
// names.
func ParseStandard(list string) (Standard, error) { return fpdfout.ParseStandard(list) }

// StandardNames returns the names ParseStandard knows (a-1b, ..., ua-1).
func StandardNames() []string { return strings.Split(fpdfout.StandardNames(), ", ") }

// FontFace returns face index of a font file as the bytes of one
// TrueType font, for Options.Fonts: a .ttf as it is (index 0), or one
// face of a TrueType collection (.ttc) copied into a file of its own
// (--font FILE.ttc#N). An index out of range is an error naming the
// faces there are; an OpenType font with CFF outlines ("OTTO"), alone or
// in a collection, is an error that asks for a TrueType-flavoured one, and
// a colour emoji font (CBDT, sbix or COLR glyphs) is an error that asks
// for a monochrome one.
func FontFace(data []byte, index int) ([]byte, error) { return ttf.Face(data, index) }

// StandardError reports something the chosen PDF standard forbids and the
// document or the options ask for. Its Pos is where in the template; the
// zero Pos when the options ask for it.
type StandardError struct {
	srcerr.At
	// Standard is the standard, as --pdf-standard names it.
	Standard string
	// Msg says what is forbidden, naming the rule.
	Msg string
}

// Error formats the error as "12:1: Options.PDFStandard ua-1: image "logo.png"
// has no alt text (ISO 14289-1 §7.3: …)".
func (e *StandardError) Error() string {
	return fmt.Sprintf("%sOptions.PDFStandard %s: %s", e.Prefix(), e.Standard, e.Msg)
}

// untitledError is the *StandardError for a document without a title
// under std (with ua-1): PDF/UA-1 wants the title in the metadata, and a
// reader shows it in its title bar (the PDF says DisplayDocTitle). It is
// at 1:1, where a front matter or a first heading would give one.
func untitledError(std Standard) error {
	return &StandardError{At: srcerr.At{Pos: ast.Pos{Line: 1, Col: 1}}, Standard: std.String(),
		Msg: `the document has no title (PDF/UA-1, ISO 14289-1 §7.1: the metadata holds the document's title, dc:title); give it one: "title: …" in the front matter, or a first heading "# …"`}
}

// LinkNotes says how a PDF spells out the destinations of external
// links (what a print stylesheet does with a[href]:after).
type LinkNotes int

const (
	// LinksFootnote follows each external link whose text is not its
	// destination with a number ("text [1]", the same destination the same
	// number) and lists the destinations under "Links" at the end, as the
	// plain-text output does. It is the default.
	LinksFootnote LinkNotes = iota
	// LinksInline follows such a link with its destination: "text <URL>".
	LinksInline
	// LinksNone shows link text only.
	LinksNone
)

// DefaultMaxPages is the page limit when Options.MaxPages is zero: more
// than three times a megabyte of plain prose (about 300 pages), and far
// more than any real legal document (the seed has 4 pages). Dense pages
// (a table of short rows) take about a millisecond each to lay out and
// draw, so the limit also bounds the time of a render to about a second.
const DefaultMaxPages = 1000

// Margins are page margins in millimetres.
type Margins struct {
	Top, Right, Bottom, Left float64
}

// DefaultMargins returns the page margins of a PDF whose Options.Margins
// is nil: 25 mm left and right, 20 mm at the top and 25 mm at the bottom
// (the footer sits in the middle of the bottom margin).
func DefaultMargins() Margins { return Margins{Top: 20, Right: 25, Bottom: 25, Left: 25} }

// Attachment is a file embedded in the PDF: its Name as PDF readers
// show it, its Description and its Content. The writer stage defines it.
type Attachment = fpdfout.Attachment

// GlyphError reports a character that no font can draw, or U+FFFD, which
// the PDF refuses. The backend sets Pos to where the text that holds the
// character starts (the zero Pos when unknown: a fixed label); a caller
// that has the template's source can move it to the character itself
// (template.RunePos does) and say whether U+FFFD was a NUL byte there.
type GlyphError struct {
	srcerr.At
	// Rune is the character.
	Rune rune
	// NUL says that the character is U+FFFD and was a NUL byte in the
	// template, which Markdown replaces with U+FFFD (CommonMark 2.3).
	NUL bool
}

// Error formats the error as "12:5: character U+1F6E1 (🛡) is in no font;
// add a font that has it to Options.Fonts". For U+FFFD it says
// what the character stands for and suggests no font: a font that draws
// it would only put the mark of lost text into the archive.
func (e *GlyphError) Error() string {
	switch {
	case e.Rune == utf8.RuneError && e.NUL:
		return e.Prefix() + "a NUL byte (replaced by U+FFFD, as Markdown requires) cannot go into the PDF: remove it (a template with NUL bytes all through it is probably UTF-16; save it as UTF-8)"
	case e.Rune == utf8.RuneError:
		return e.Prefix() + "character U+FFFD (�) stands for lost text (Markdown puts it in place of a NUL byte or an invalid character reference such as &#0;, and converters in place of bytes that were not text) and the PDF refuses it: remove it, or write the character that was meant"
	}
	return fmt.Sprintf("%scharacter %U (%s) is in no font; add a font that has it to Options.Fonts",
		e.Prefix(), e.Rune, printable(e.Rune))
}

// FontError is a font of Options.Fonts that New cannot use.
type FontError struct {
	// Index is the font's index in Options.Fonts.
	Index int
	// Err says why.
	Err error
}

// Error formats the error as "pdf: Options.Fonts[1]: …".
func (e *FontError) Error() string { return fmt.Sprintf("pdf: Options.Fonts[%d]: %v", e.Index, e.Err) }

// Unwrap returns the cause.
func (e *FontError) Unwrap() error { return e.Err }

// PageLimitError reports a document that needs more pages than
// Options.MaxPages. Its Pos is the block being laid out when the limit
// was reached; the zero Pos when the limit was only found by pagination.
type PageLimitError struct {
	srcerr.At
	// Limit is the page limit.
	Limit int
	// Items, when not zero, says that the limit reached was the number of
	// things drawn that the page limit allows (runs of text, rules,
	// boxes, links: an average of 500 a page), not the pages themselves.
	Items int
}

// Error formats the error as "12:1: the PDF would have more than 1000
// pages (the limit; raise it with Options.MaxPages)".
func (e *PageLimitError) Error() string {
	if e.Items > 0 {
		return fmt.Sprintf("%sthe PDF would draw more than %d runs of text, rules and boxes (the most that the page limit of %d allows; raise it with Options.MaxPages)", e.Prefix(), e.Items, e.Limit)
	}
	return fmt.Sprintf("%sthe PDF would have more than %d pages (the limit; raise it with Options.MaxPages)", e.Prefix(), e.Limit)
}

// TableError reports a table with more columns than fit across the text
// width: a column narrower than its padding has no room for any text.
// Its Pos is where the table is in the template.
type TableError struct {
	srcerr.At
	// Columns is the table's number of columns.
	Columns int
	// Max is the most columns that fit where the table is.
	Max int
}

// Error formats the error as "12:1: the table has 60 columns; at most 50
// fit across the page".
func (e *TableError) Error() string {
	return fmt.Sprintf("%sthe table has %d columns; at most %d fit across the page", e.Prefix(), e.Columns, e.Max)
}

// ImageError reports an image that cannot be embedded: missing, not a
// local file, or in a format the PDF cannot draw (SVG, or not an image).
// It is the error type the HTML backend uses too.
type ImageError = imagefile.Error

func printable(r rune) string {
	if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
		return fmt.Sprintf("%q", r)
	}
	return string(r)
}

// Face indexes, in the order the Renderer gives the faces to its
// fpdfout.Writer.
const (
	faceRegular = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceMono
	firstFallback
)

// Renderer renders documents to PDF. It holds options, the writer stage
// (fpdfout.Writer: the faces, their metrics and fonts as fpdf gets them,
// each prepared when a document first draws from the face, a cache of
// cut fonts, compressors) and the image files it has checked (see
// image.go), so one Renderer may be used by many goroutines at once.
type Renderer struct {
	out *fpdfout.Writer
	// shapers are, per face of out, the face parsed for shaping when a
	// run first needs it (shaping.go).
	shapers []*shaper
	// styles are, per face of out, its weight and slant: the body
	// faces', a built-in script face's (fonts.Font.Bold), an extra
	// font's as its tables say (ttf.Metrics.Bold, Italic). A character
	// the text's own face lacks takes a fallback of its style first
	// (faceFor).
	styles []faceStyle
	opts   Options
	// dated is set by WithDocument: opts.Date is the document's date
	// even when it is the zero time.Time (0001-01-01).
	dated  bool
	paper  string
	pageW  float64
	pageH  float64
	margin Margins

	// checked are the PNG and JPEG files that decoded whole (image.go),
	// shared with the Renderers WithDocument makes.
	checked *imageChecks

	// untagged writes no structure tree: only benchmarks set it
	// (export_test.go), to measure what tagging costs.
	untagged bool
}

// New prepares a Renderer. It reads nothing of the built-in fonts: each
// is parsed, and its 8-bit font taken from definitions made when the code
// was generated, when a document first draws from it, so a Latin
// document never pays for the Arabic or Hebrew fallbacks, and New reads
// and writes no file (see fpdfout.NewWriter). Extra fonts are the user's
// input: they are parsed and checked (fpdf loads each) here, so that a
// bad one is an error from New (TestBuiltinFontsLoad checks the built-in
// ones the same way).
func New(opts Options) (*Renderer, error) {
	return newRenderer(opts, fpdfout.Config{})
}

// newRenderer is New with the writer stage configured (tests draw
// through the UTF-8 fonts only, or without a font cache).
func newRenderer(opts Options, cfg fpdfout.Config) (*Renderer, error) {
	r := &Renderer{opts: opts, checked: &imageChecks{}}
	switch opts.Paper {
	case "", "a4", "A4":
		r.paper, r.pageW, r.pageH = "A4", 210, 297
	case "letter", "Letter":
		r.paper, r.pageW, r.pageH = "Letter", 215.9, 279.4
	default:
		return nil, fmt.Errorf("pdf: unknown paper size %q (want a4 or letter)", opts.Paper)
	}
	r.margin = DefaultMargins()
	if m := opts.Margins; m != nil {
		for _, v := range []float64{m.Top, m.Right, m.Bottom, m.Left} {
			if !(v >= 0) { // NaN too
				return nil, fmt.Errorf("pdf: margin %g: want 0 or more", v)
			}
		}
		r.margin = *m
	}
	if len(opts.Attachments) > 0 && !opts.Standard.AllowsAttachments() {
		return nil, &StandardError{Standard: opts.Standard.String(), Msg: opts.Standard.AttachmentError().Error()}
	}
	if opts.Links < LinksFootnote || opts.Links > LinksNone {
		return nil, fmt.Errorf("pdf: unknown link notes style %d", opts.Links)
	}
	if opts.MaxPages < 0 {
		return nil, fmt.Errorf("pdf: negative page limit %d", opts.MaxPages)
	}
	if r.pageW-r.margin.Left-r.margin.Right < 50 || r.pageH-r.margin.Top-r.margin.Bottom < 80 {
		return nil, errors.New("pdf: margins leave too little room for text")
	}
	// The built-in fonts are shared read-only views of the binary's
	// bytes; their metrics are parsed when first needed.
	var faces []fpdfout.Face
	for _, f := range append(fonts.Body(), fonts.Fallbacks()...) {
		faces = append(faces, fpdfout.Face{Data: f.Data})
	}
	// The body faces in the order of faceRegular … faceMono; the
	// built-in fallbacks are regular.
	r.styles = make([]faceStyle, len(faces))
	r.styles[faceBold] = faceStyle{bold: true}
	r.styles[faceItalic] = faceStyle{italic: true}
	r.styles[faceBoldItalic] = faceStyle{bold: true, italic: true}
	for i, data := range opts.Fonts {
		f, err := extraFace(data)
		if err != nil {
			return nil, &FontError{Index: i, Err: err}
		}
		faces = append(faces, f)
		r.styles = append(r.styles, faceStyle{bold: f.Metrics.Bold, italic: f.Metrics.Italic})
	}
	// The faces of the shaped scripts come after the user's fonts, so
	// that a font given for one of those scripts is the one used.
	// Like the other built-in faces they are prepared on first use, and
	// checked by tests (TestBuiltinFontsLoad, TestScriptFontsLoad).
	for _, f := range fonts.Scripts() {
		faces = append(faces, fpdfout.Face{Data: f.Data})
		r.styles = append(r.styles, faceStyle{bold: f.Bold})
	}
	// Each face is parsed for shaping when a run first needs it
	// (shaping.go).
	r.shapers = make([]*shaper, len(faces))
	for i, f := range faces {
		r.shapers[i] = &shaper{data: f.Data}
	}
	// Only the body and code faces get 8-bit fonts: the fallbacks and
	// extra fonts only draw characters those faces lack, and the body
	// faces have all of cp1252.
	r.out = fpdfout.NewWriter(faces, firstFallback, cfg)
	return r, nil
}

// WithDocument returns a Renderer like r that writes date as the PDF's
// dates and resolves relative image paths against imageDir (see
// Options.Date and Options.ImageDir). It shares r's prepared fonts and
// caches, so it is cheap to make per document.
func (r *Renderer) WithDocument(date time.Time, imageDir string) *Renderer {
	c := *r
	c.opts.Date, c.opts.ImageDir, c.dated = date, imageDir, true
	return &c
}

// WithAttachments returns a Renderer like r that embeds atts (see
// Options.Attachments); it shares r's prepared fonts and caches.
func (r *Renderer) WithAttachments(atts []Attachment) *Renderer {
	c := *r
	c.opts.Attachments = atts
	return &c
}

// WithRedline returns a Renderer like r for a redline (Options.Redline);
// it shares r's prepared fonts and caches.
func (r *Renderer) WithRedline() *Renderer {
	c := *r
	c.opts.Redline = true
	return &c
}

// WithInterrupt returns a Renderer like r that calls interrupt as
// Options.Interrupt says; it shares r's prepared fonts and caches.
func (r *Renderer) WithInterrupt(interrupt func() error) *Renderer {
	c := *r
	c.opts.Interrupt = interrupt
	return &c
}

// interrupted returns the error of Options.Interrupt, if any.
func (r *Renderer) interrupted() error {
	if r.opts.Interrupt == nil {
		return nil
	}
	return r.opts.Interrupt()
}

// extraFace parses an extra font and checks that fpdf accepts it, so
// that rendering never meets a bad font; it returns the face as the
// writer gets it, with a copy of data that the caller may change.
func extraFace(data []byte) (fpdfout.Face, error) {
	m, err := ttf.Parse(data)
	if err != nil {
		return fpdfout.Face{}, err
	}
	if err := fpdfout.CheckFont(data); err != nil {
		return fpdfout.Face{}, err
	}
	return fpdfout.Face{Data: bytes.Clone(data), Metrics: m}, nil
}

// Render lays out doc and writes it to w as one PDF file. The same
// document and options always give the same bytes. It drops the
// warnings; RenderWarnings returns them.
func (r *Renderer) Render(w io.Writer, doc *ast.Document) error {
	_, err := r.RenderWarnings(w, doc)
	return err
}

// RenderWarnings is Render returning also the warnings: what the PDF
// draws, but not as the document means it, in document order. They come
// with an error too, as far as they were found.
func (r *Renderer) RenderWarnings(w io.Writer, doc *ast.Document) ([]Warning, error) {
	file, warnings, err := r.File(doc)
	if err != nil {
		return warnings, err
	}
	if _, err := w.Write(file.Data); err != nil {
		return warnings, fmt.Errorf("pdf: write: %w", err)
	}
	return warnings, nil
}

// File is a PDF file made in memory.
type File struct {
	// Data is the file: the one copy the writer made.
	Data []byte
	// SHA256 is the SHA-256 of Data, which the writer computes with the
	// file's /ID for little more than the /ID's cost.
	SHA256 [sha256.Size]byte
}

// File is RenderWarnings returning the PDF file instead of writing it.
func (r *Renderer) File(doc *ast.Document) (file File, warnings []Warning, err error) {
	defer func() {
		if p := recover(); p != nil {
			file, err = File{}, fmt.Errorf("pdf: internal error: %v", p)
		}
	}()
	if doc == nil {
		return File{}, nil, errors.New("pdf: nil document")
	}
	lay := newLayout(r, doc)
	err = lay.document()
	warnings = inDocumentOrder(lay.emphasis.warnings)
	if err != nil {
		return File{}, warnings, err
	}
	// After the layout's errors, which name a place: a first heading
	// "# …" that one of them asks for gives the title too.
	if std := r.opts.Standard; std.UA && strings.TrimSpace(doc.Meta.Title) == "" {
		return File{}, warnings, untitledError(std)
	}
	pages := lay.paginate()
	if len(pages) > lay.maxPages {
		return File{}, warnings, &PageLimitError{Limit: lay.maxPages}
	}
	if file, err = r.emit(lay, pages); err != nil {
		return File{}, warnings, err
	}
	return file, warnings, nil
}
