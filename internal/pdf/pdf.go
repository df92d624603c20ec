// Package pdf is policyexport's PDF backend: it lays out an *ast.Document
// on A4 or US Letter pages and writes it with codeberg.org/go-pdf/fpdf, the
// maintained home of github.com/go-pdf/fpdf.
//
// It owns the whole typography: fonts and per-character fallback, line
// breaking of mixed-style text, pagination (keep-with-next, widows and
// orphans, tables that repeat their header), navigation (outline, table of
// contents, internal links), the footer, metadata and byte-identical
// output. Layout happens in two steps: blocks become a vertical list of
// unbreakable units (lines, table rows, images), the units are paginated,
// and only then is anything drawn. Because page numbers are known before
// drawing, the footer's "Page N of M" and the table of contents' page
// numbers are written directly: no placeholder pages and no second pass.
//
// It never reads the clock or the environment, never fetches anything from
// the network, never uses PDF core fonts, and never imports goldmark or
// another backend. A character that no font can draw is an error
// (*GlyphError), never a box or a question mark.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/policyexport/policyexport/fonts"
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/imagefile"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
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
	// Margins are the page margins in millimetres; a zero field takes its
	// default (25 left and right, 20 top, 25 bottom).
	Margins Margins
	// Justify aligns paragraph lines on both sides.
	Justify bool
	// TOC adds a table of contents, with page numbers and links, after the
	// title heading (ast.Title: the first top-level level-1 heading), or
	// first when there is none.
	TOC bool
	// NoFooter leaves the page footer out.
	NoFooter bool
	// FooterText is the footer template, with {title}, {page} and {pages}
	// replaced. Empty means the title at the left and "Page {page} of
	// {pages}" at the right.
	FooterText string
	// Fonts are extra TrueType fonts (the bytes of .ttf files), tried in
	// order for any character the built-in fonts lack.
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
	// means the Unix epoch: the renderer never reads the clock.
	Date time.Time
	// Creator is the Creator entry, for example "policyexport v0.1.0".
	Creator string
	// Attachments are embedded as PDF file attachments.
	Attachments []Attachment
	// MaxPages is the most pages a document may have. A document that
	// needs more is refused with a *PageLimitError before anything is
	// drawn, and as soon as its laid-out lines and rows fill that many
	// pages, so hostile input that makes a page of every few bytes (a
	// table of half a million one-letter rows) costs bounded time and
	// memory. Zero means DefaultMaxPages; negative is an error.
	MaxPages int
}

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

// Attachment is a file embedded in the PDF.
type Attachment struct {
	// Name is the file name shown by PDF readers.
	Name string
	// Description says what the file is.
	Description string
	// Content is the file's bytes.
	Content []byte
}

// GlyphError reports a character that no font can draw.
type GlyphError struct {
	// Rune is the character.
	Rune rune
	// Pos is where it is in the template; the zero Pos when unknown.
	Pos ast.Pos
}

// Error formats the error as "12:5: character U+1F6E1 (🛡) is in no font;
// add a font that has it with --font FILE.ttf".
func (e *GlyphError) Error() string {
	return fmt.Sprintf("%scharacter %U (%s) is in no font; add a font that has it with --font FILE.ttf",
		posPrefix(e.Pos), e.Rune, printable(e.Rune))
}

// Position returns where the character is in the template, so that the
// caller can name the file: "FILE:12:5: ...".
func (e *GlyphError) Position() ast.Pos { return e.Pos }

// PageLimitError reports a document that needs more pages than
// Options.MaxPages.
type PageLimitError struct {
	// Limit is the page limit.
	Limit int
	// Pos is the block being laid out when the limit was reached; the
	// zero Pos when the limit was only found by pagination.
	Pos ast.Pos
	// Items, when not zero, says that the limit reached was the number of
	// things drawn that the page limit allows (runs of text, rules,
	// boxes, links: an average of 500 a page), not the pages themselves.
	Items int
}

// Error formats the error as "12:1: the PDF would have more than 1000
// pages (the limit; raise it with --max-pages)".
func (e *PageLimitError) Error() string {
	if e.Items > 0 {
		return fmt.Sprintf("%sthe PDF would draw more than %d runs of text, rules and boxes (the most that the page limit of %d allows; raise it with --max-pages)", posPrefix(e.Pos), e.Items, e.Limit)
	}
	return fmt.Sprintf("%sthe PDF would have more than %d pages (the limit; raise it with --max-pages)", posPrefix(e.Pos), e.Limit)
}

// Position returns where in the template the limit was reached.
func (e *PageLimitError) Position() ast.Pos { return e.Pos }

// TableError reports a table with more columns than fit across the text
// width: a column narrower than its padding has no room for any text.
type TableError struct {
	// Columns is the table's number of columns.
	Columns int
	// Max is the most columns that fit where the table is.
	Max int
	// Pos is where the table is in the template.
	Pos ast.Pos
}

// Error formats the error as "12:1: the table has 60 columns; at most 50
// fit across the page".
func (e *TableError) Error() string {
	return fmt.Sprintf("%sthe table has %d columns; at most %d fit across the page", posPrefix(e.Pos), e.Columns, e.Max)
}

// Position returns where the table is in the template.
func (e *TableError) Position() ast.Pos { return e.Pos }

// ImageError reports an image that cannot be embedded: missing, not a
// local file, or in a format the PDF cannot draw (SVG, or not an image).
// It is the error type the HTML backend uses too.
type ImageError = imagefile.Error

// posPrefix is "LINE:COL: " for a known position, else "".
func posPrefix(p ast.Pos) string {
	if !p.IsValid() {
		return ""
	}
	return p.String() + ": "
}

func printable(r rune) string {
	if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
		return fmt.Sprintf("%q", r)
	}
	return string(r)
}

// face is one prepared font: its bytes as given to fpdf and its metrics.
type face struct {
	family string // fpdf family name: "f0", "f1", ...
	data   []byte
	m      *ttf.Metrics
}

// Face indexes in Renderer.faces.
const (
	faceRegular = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceMono
	firstFallback
)

// Renderer renders documents to PDF. It holds read-only prepared fonts
// and options, a cache of cut fonts behind a mutex (see cut.go), a pool
// of compressors (see compress.go) and the image files it has checked
// (see image.go), so one Renderer may be used by many goroutines at once.
type Renderer struct {
	cuts   cutCache
	zlib   zlibPool // page stream compressors (compress.go)
	opts   Options
	faces  []face
	base8  []*base8 // per face: its 8-bit font (cp1252.go); nil for none
	paper  string
	pageW  float64
	pageH  float64
	margin Margins

	// checked are the PNG and JPEG files that decoded whole (image.go).
	checked imageChecks
}

// New prepares a Renderer: it parses every font once, checks that fpdf
// can load it, and makes the 8-bit fonts of the body and code faces (in a
// temporary directory that it removes, so it fails when $TMPDIR, or the
// system's temporary directory, is not writable).
func New(opts Options) (*Renderer, error) {
	r := &Renderer{opts: opts}
	switch opts.Paper {
	case "", "a4", "A4":
		r.paper, r.pageW, r.pageH = "A4", 210, 297
	case "letter", "Letter":
		r.paper, r.pageW, r.pageH = "Letter", 215.9, 279.4
	default:
		return nil, fmt.Errorf("pdf: unknown paper size %q (want a4 or letter)", opts.Paper)
	}
	r.margin = Margins{Top: 20, Right: 25, Bottom: 25, Left: 25}
	for _, p := range []struct {
		dst *float64
		v   float64
	}{{&r.margin.Top, opts.Margins.Top}, {&r.margin.Right, opts.Margins.Right}, {&r.margin.Bottom, opts.Margins.Bottom}, {&r.margin.Left, opts.Margins.Left}} {
		if p.v < 0 {
			return nil, fmt.Errorf("pdf: negative margin %g", p.v)
		}
		if p.v > 0 {
			*p.dst = p.v
		}
	}
	if opts.MaxPages < 0 {
		return nil, fmt.Errorf("pdf: negative page limit %d", opts.MaxPages)
	}
	if r.pageW-r.margin.Left-r.margin.Right < 50 || r.pageH-r.margin.Top-r.margin.Bottom < 80 {
		return nil, errors.New("pdf: margins leave too little room for text")
	}
	builtin := []fonts.Font{fonts.SerifRegular(), fonts.SerifBold(), fonts.SerifItalic(), fonts.SerifBoldItalic(), fonts.Mono()}
	builtin = append(builtin, fonts.Fallbacks()...)
	for _, f := range builtin {
		if err := r.addFace(f.Data); err != nil {
			return nil, fmt.Errorf("pdf: built-in font %s: %w", f.Name, err)
		}
	}
	for i, data := range opts.Fonts {
		if err := r.addFace(data); err != nil {
			return nil, fmt.Errorf("pdf: extra font %d: %w", i+1, err)
		}
	}
	// Only the body and code faces get 8-bit fonts: the fallbacks and
	// extra fonts only draw characters those faces lack, and the body
	// faces have all of cp1252.
	b8, err := makeBase8(r.faces[:firstFallback])
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	r.base8 = b8
	return r, nil
}

func (r *Renderer) addFace(data []byte) (err error) {
	m, err := ttf.Parse(data)
	if err != nil {
		return err
	}
	fam := fmt.Sprintf("f%d", len(r.faces))
	// Check once that fpdf accepts the font (fpdf may panic on fonts it
	// cannot read), so that rendering never meets a bad font.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("fpdf cannot read the font: %v", p)
		}
	}()
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(fam, "", data)
	p.SetFont(fam, "", 10)
	if err := p.Error(); err != nil {
		return fmt.Errorf("fpdf cannot read the font: %w", err)
	}
	r.faces = append(r.faces, face{family: fam, data: bytes.Clone(data), m: m})
	return nil
}

// Render lays out doc and writes it to w as one PDF file. The same
// document and options always give the same bytes.
func (r *Renderer) Render(w io.Writer, doc *ast.Document) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: internal error: %v", p)
		}
	}()
	if doc == nil {
		return errors.New("pdf: nil document")
	}
	lay := newLayout(r, doc)
	if err := lay.document(); err != nil {
		return err
	}
	pages := lay.paginate()
	if len(pages) > lay.maxPages {
		return &PageLimitError{Limit: lay.maxPages}
	}
	out, err := r.emit(lay, pages)
	if err != nil {
		return err
	}
	_, err = w.Write(addTrailerID(out))
	if err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	return nil
}
