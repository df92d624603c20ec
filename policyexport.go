package policyexport

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/options"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/redline"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/srcerr"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/values"
	"github.com/policyexport/policyexport/model"
)

// APIVersion is the version of this package's API, the promise the
// README makes: until 1.0 a minor version may change it, and the
// release notes say how.
const APIVersion = "0.1"

// Format is an output format; its string, which Ext returns too, is the
// file extension ("pdf", "html", "txt", "json").
type Format = render.Format

// The output formats, in the order Formats lists them.
const (
	PDF  = render.PDF  // an archive PDF with embedded, subset fonts
	HTML = render.HTML // a standalone HTML5 page (or a fragment)
	Text = render.TXT  // wrapped plain text
	JSON = render.JSON // the document model as JSON (Schema("document"))
)

// ErrUnknownFormat is what the error for a name that is not a Format
// wraps, so that errors.Is(err, ErrUnknownFormat) tells it: from
// ParseFormats ("docx"), and for Options.Formats, BatchOptions.Formats
// and the formats given to Render, RenderResult, RenderTo and Diff
// ("PDF" is not a Format; ParseFormats reads names case-insensitively).
var ErrUnknownFormat = render.ErrUnknownFormat

// Formats returns every output format: PDF, HTML, Text, JSON.
func Formats() []Format { return render.All() }

// ParseFormats reads a comma-separated list of format names ("pdf,html",
// case-insensitive); an unknown name is an error that lists the known ones.
func ParseFormats(list string) ([]Format, error) { return render.ParseFormats(list) }

// Options configure a Renderer. The zero Options renders like the
// command line with no flags and no SOURCE_DATE_EPOCH: every limit at
// its default, A4, a footer, text wrapped at 72 columns, each document's
// own date. The package reads no environment variable (not
// SOURCE_DATE_EPOCH, which the command reads into Date) and no clock.
// The command line builds its Options from its flags and renders through
// this package, so each field means what its flag means.
type Options struct {
	// CommonMark parses templates as plain CommonMark 0.31.2 (no
	// extensions, no front matter, no placeholders) instead of GitHub
	// Flavored Markdown with footnotes, typographic punctuation and
	// placeholders.
	CommonMark bool
	// MaxBytes bounds a template, and the bytes of values filled into
	// it; 0 means 4 MiB.
	MaxBytes int
	// MaxDepth bounds the nesting of lists, quotes, emphasis and links;
	// 0 means 32.
	MaxDepth int
	// MaxCost bounds the parse cost of paragraphs full of brackets and
	// delimiters; 0 means 200,000,000 (about a second).
	MaxCost int
	// KeepMissing writes a placeholder without a value as it is written,
	// "{name}", instead of failing with a *MissingValuesError.
	KeepMissing bool
	// Strict makes a value that no placeholder uses an
	// *UnusedValuesError.
	Strict bool
	// NoTitleBlock leaves out the title block: by default a template
	// whose front matter gives a title and whose body has no level-1
	// heading begins with its title as a level-1 heading in every format
	// (the HTML h1, the PDF's H1, a heading in plain text, a JSON heading
	// with "titleBlock": true), as pandoc -s and a static site's layout
	// show it.
	NoTitleBlock bool

	// Lang is the document's language, a BCP 47 tag, when the front
	// matter names none. It is written in its canonical form ("de-ch" is
	// "de-CH") as the HTML lang, the PDF /Lang and the JSON meta.lang,
	// and is the language of fixed text (the PDF footer and contents,
	// "Links") and of {name|date} in every format. "" names no language:
	// the outputs are English, and the JSON has no meta.lang.
	Lang string
	// TOC adds a table of contents to HTML and PDF, after the title
	// heading (the title block too), which it does not list.
	TOC bool
	// Fragment writes the HTML body only, without the title block (see
	// NoTitleBlock): the page it goes into shows the title.
	Fragment bool
	// CSS replaces the HTML stylesheet when not empty.
	CSS string
	// UnsafeHTML passes the template's raw HTML through into HTML, as
	// written: use it only for templates you trust. Values filled into
	// it stay literal text (HTML-escaped), and a value never makes a URL
	// attribute (href, src, srcset, …) a javascript:, vbscript: or data:
	// URL: the attribute holds about:invalid instead. An event handler
	// attribute (on…) holding a value is emptied, and a value inside a
	// script or style element is left out.
	UnsafeHTML bool
	// EmbedImages writes local images into HTML as data: URLs. Without
	// it image paths are written as the template has them, or relative
	// to HTMLOutDir.
	EmbedImages bool
	// HTMLOutDir is the directory the HTML file will be written to. When
	// it is set, a relative image path of a template with a directory
	// (ParseFile, ParseIn) is rewritten relative to it, so that the page
	// finds the image; "" leaves image paths as written.
	HTMLOutDir string

	// Width is the plain-text wrap width in columns; 0 means 72, else it
	// must be at least 20.
	Width int
	// CRLF ends plain-text lines with CR LF.
	CRLF bool
	// InlineLinks writes plain-text links as "text <url>" instead of
	// numbered references.
	InlineLinks bool

	// Compact writes JSON on one line.
	Compact bool

	// Paper is "a4" (when empty) or "letter", in any case ("A4", "Letter"),
	// as the --paper flag takes them.
	Paper string
	// Margin is the PDF margin on every side in millimetres, 0 to 80
	// (new(0.0) is no margin at all); nil means the default (25 left
	// and right, 20 top, 25 bottom).
	Margin *float64
	// Justify justifies PDF paragraphs.
	Justify bool
	// Footer is the PDF footer, centred, with {title}, {page}, {pages}
	// and {NAME} for any value ("{siteName} · {page}/{pages}"); another
	// field is a *FooterFieldError. Empty means the title at the start
	// of the line and "Page {page} of {pages}" in the document's
	// language ("Seite {page} von {pages}") at its end.
	Footer string
	// NoFooter leaves the PDF footer out.
	NoFooter bool
	// Fonts are extra TrueType fonts (the bytes of .ttf files, or a face
	// of a .ttc that FontFace took out), tried in order for characters
	// the built-in fonts lack. Each is matched by its style (its OS/2
	// and head tables): bold or italic text takes a font of its style
	// first, so a bold font draws the bold text it has characters for.
	Fonts [][]byte
	// MissingImagesAlt writes a missing image's alt text instead of
	// failing.
	MissingImagesAlt bool
	// NoLocalImages refuses an image whose destination is a file path
	// (![logo](logo.png), ![x](/etc/x.png), ![x]({logo}) with a value
	// that is one): Render, RenderTo, Fill, Diff and Batch fail with a
	// *SourceError at the first such image. Set it when the templates or
	// values come from people the program's host does not trust (a
	// database a tenant edits): otherwise a template reads any image file
	// the process can read into the PDF (and the HTML, with EmbedImages),
	// an absolute path or ../ included, and the error for a file that is
	// no image tells it whether a path exists. An image at an http or
	// https address is not refused by it: the HTML links it, and the PDF,
	// which draws local images only and fetches nothing, fails on it as
	// ever unless MissingImagesAlt writes its alt text. There is no flag:
	// the command reads the files its user names.
	NoLocalImages bool
	// Date is the PDF's creation and modification date. Nil means each
	// document's own: its front matter "date:", else its lastUpdated
	// value when that is a date, else 2000-01-01. The clock is never
	// read. (The command line sets it from --date, else
	// SOURCE_DATE_EPOCH.) A front matter date that is not a date is an
	// error even when Date is set. A Date outside the years 1 to 9999,
	// which a PDF date cannot write, is refused by New; 0001-01-01, Go's
	// zero time.Time, is a date like any other (new(time.Time{}) writes
	// D:00010101000000), which is why "not given" is nil. (Date was a
	// time.Time whose zero value meant "not given": a program that
	// passed time.Time{} so leaves Date nil now.)
	Date *time.Time
	// MaxPages is the most pages a PDF may have; 0 means 1000.
	MaxPages int
	// PDFStandard writes the PDF to the archival and accessibility
	// standards it lists, comma-separated as the command's
	// --pdf-standard: one PDF/A level of "a-1b", "a-2b", "a-2u", "a-3b",
	// "a-3u", and/or "ua-1"; "" writes a plain PDF.
	PDFStandard string
	// AttachSource embeds the template and the values it was filled
	// with (JSON) in the PDF as file attachments (associated files under
	// a-3b and a-3u; the other PDF/A levels refuse it). Batch refuses
	// it.
	AttachSource bool
	// PDFLinks is how the PDF keeps external link destinations readable
	// on paper, as --pdf-links: "footnote" (or ""), a numbered note and
	// the URLs listed at the end; "inline", "text <url>"; "none".
	PDFLinks string
	// BaseURL is the address of the page that the template's relative
	// links are relative to, as --base-url: an absolute http or https
	// address ("https://acme.example/legal/"). The PDF and the plain
	// text, read away from the site, write such a link resolved against
	// it as a browser would ("/privacy" is https://acme.example/privacy),
	// and no RelativeLink warning is given; the HTML, read on the site,
	// and the JSON keep every link as written. It may name values, as
	// Footer does ("{siteUrl}/legal/"), filled for each document; a
	// field that names no value of a document, or an address that is no
	// absolute one once filled, fails that document. "" resolves
	// nothing.
	BaseURL string

	// Formats are the formats the Renderer prepares for (the PDF's fonts
	// are prepared only when it is among them); nil means every format,
	// and an empty list none (a Renderer for Fill, or for Diff's list of
	// changes without redlines: Render then renders no format and
	// returns an empty map). Rendering another format with Render,
	// RenderResult, RenderTo or Diff is an error. Batch renders the
	// formats of BatchOptions.Formats and the manifest, whatever Formats
	// says.
	Formats []Format

	// Producer is written into outputs that name their producer (the
	// PDF Creator, the HTML generator); "" means "policyexport VERSION".
	Producer string
}

// clone returns o with its own copy of what o points to (Date, Margin,
// Fonts and their bytes, Formats): a Renderer renders with the Options
// it was made with, whatever the caller does with its Date, its Margin
// or its font buffers afterwards (a nightly job that set the next run's
// date into the variable the Renderer's Date pointed to changed the
// date of the documents it was rendering, racing with them).
func (o Options) clone() Options {
	if o.Date != nil {
		d := *o.Date
		o.Date = &d
	}
	if o.Margin != nil {
		m := *o.Margin
		o.Margin = &m
	}
	if o.Fonts != nil {
		fonts := make([][]byte, len(o.Fonts))
		for i, f := range o.Fonts {
			fonts[i] = bytes.Clone(f)
		}
		o.Fonts = fonts
	}
	o.Formats = slices.Clone(o.Formats)
	return o
}

// Renderer renders templates with the Options it was made with. Each
// font is prepared once, when a document first draws from it; a Renderer
// is safe for concurrent use by any number of goroutines, and the same
// template, values and options always give the same bytes. Make one with
// New: the methods of a nil or zero Renderer return an error (Default
// returns nil), none panics.
type Renderer struct {
	opts  Options
	parse template.Options
	fill  template.FillOptions
	base  *render.Renderer
	// def parses the embedded template the first time Default is called.
	def func() *Template
	ua  bool // the PDF is PDF/UA-1, which refuses what others warn about
}

// New checks opts and prepares a Renderer; it parses no template and
// reads no file. The Renderer keeps its own copy of opts and of what
// it points to (Date, Margin, the bytes of Fonts, Formats): changing
// them afterwards changes nothing it renders. The fonts of Options.Fonts are checked here (a font
// that is not one is an error naming its index); every font is prepared
// for drawing when a document first draws from it.
func New(opts Options) (*Renderer, error) {
	opts = opts.clone()
	for i, f := range opts.Fonts {
		// The PDF's own message names the command's --font FILE.ttc#N.
		if bytes.HasPrefix(f, []byte("ttcf")) {
			faces := ""
			if len(f) >= 12 {
				faces = fmt.Sprintf(" of %d faces", binary.BigEndian.Uint32(f[8:12]))
			}
			reason := "a font collection (.ttc)" + faces + ": take one face out with FontFace(data, N), N from 0"
			return nil, &OptionError{Option: "Fonts", Index: i, Reason: reason,
				msg: fmt.Sprintf("policyexport: Options.Fonts[%d] is %s", i, reason)}
		}
	}
	r := &Renderer{opts: opts}
	// internal/options.Options has Options' fields in the same order (the
	// conversion does not compile otherwise): a field added here is
	// added there, and mapped to the backends there, once.
	o := options.Options(opts)
	ropts, lang, err := o.Backend()
	if err != nil {
		var oe *options.OptionError
		if errors.As(err, &oe) {
			return nil, &OptionError{Option: oe.Option, Value: oe.Value, Reason: oe.Reason, msg: oe.Error(), err: oe.Err}
		}
		return nil, err
	}
	r.parse, r.fill = o.Template(), o.Fill(lang)
	formats := opts.Formats
	if formats == nil {
		formats = Formats()
	}
	// Each name as it is: ParseFormats would read "PDF" as pdf, and
	// Render would then refuse the Renderer's own formats.
	for _, f := range formats {
		if err := render.CheckFormats([]Format{f}); err != nil {
			return nil, &OptionError{Option: "Formats", Value: string(f), Reason: err.Error(),
				msg: fmt.Sprintf("policyexport: Options.Formats: %v", err), err: err}
		}
	}
	if r.base, err = render.New(ropts, formats); err != nil {
		var fe *pdf.FontError
		if errors.As(err, &fe) {
			return nil, &OptionError{Option: "Fonts", Index: fe.Index, Reason: fe.Err.Error(),
				msg: fmt.Sprintf("policyexport: %v", err), err: fe.Err}
		}
		return nil, fmt.Errorf("policyexport: %w", err)
	}
	r.ua = ropts.PDF.Standard.UA
	// The embedded template is parsed with r's options when Default is
	// first called, but the limits are for the caller's templates: a
	// MaxBytes below its own size does not refuse it, and it is parsed
	// with the default MaxDepth and MaxCost, with which it parses
	// (TestDefaultParsesWithAnyLimits), so parsing it cannot fail.
	src := defaulttemplate.Source()
	dp := r.parse
	if dp.MaxBytes > 0 && dp.MaxBytes < len(src) {
		dp.MaxBytes = len(src)
	}
	dp.MaxDepth, dp.MaxCost = 0, 0
	r.def = sync.OnceValue(func() *Template {
		t, err := template.Parse(defaulttemplate.Name, src, dp)
		if err != nil {
			panic(fmt.Sprintf("policyexport: the embedded template: %v", err))
		}
		return &Template{parsed: t, src: src}
	})
	return r, nil
}

// Template is a parsed template. It is immutable and safe for
// concurrent use; parse it once and fill it with any number of values.
// Parse, ParseIn, ParseFile and Default make one: a nil or zero
// Template is an error to the methods that take one, and its own
// methods return "" or nil.
type Template struct {
	parsed *template.Template
	src    []byte
	// dir is the directory relative image paths resolve against.
	dir string
}

// Placeholder is one occurrence of a {placeholder} in a template.
type Placeholder struct {
	// Name is the placeholder's name, without braces.
	Name string
	// Pos is the line and column of its opening brace.
	Pos model.Pos
}

// placeholders converts the parser's placeholders.
func placeholders(ps []template.Placeholder) []Placeholder {
	out := make([]Placeholder, len(ps))
	for i, p := range ps {
		out[i] = Placeholder{Name: p.Name, Pos: p.Pos}
	}
	return out
}

// Parse parses a template's Markdown. name is what error messages call
// it ("terms.md"; an empty name is UnnamedTemplate); relative image paths
// resolve against the working directory. An error is a problem in the
// template at file:line:col.
func (r *Renderer) Parse(name string, src []byte) (*Template, error) {
	return r.parseIn(name, src, "")
}

// ParseIn is Parse for a template whose relative image paths resolve
// against dir (the directory it was read from: "." for the working
// directory); HTML image paths are then rewritten relative to
// Options.HTMLOutDir when that is set.
func (r *Renderer) ParseIn(name string, src []byte, dir string) (*Template, error) {
	return r.parseIn(name, src, dir)
}

// ParseFile reads and parses the template at path; relative image paths
// resolve against its directory. A file larger than Options.MaxBytes is
// an error.
func (r *Renderer) ParseFile(path string) (*Template, error) {
	if err := r.made(); err != nil {
		return nil, err
	}
	data, err := readLimited(path, r.maxBytes(), "Options.MaxBytes")
	if err != nil {
		return nil, err
	}
	return r.parseIn(path, data, filepath.Dir(path))
}

// maxBytes is the template size limit, Options.MaxBytes or its default.
func (r *Renderer) maxBytes() int {
	if r.parse.MaxBytes <= 0 {
		return template.DefaultMaxBytes
	}
	return r.parse.MaxBytes
}

func (r *Renderer) parseIn(name string, src []byte, dir string) (*Template, error) {
	if err := r.made(); err != nil {
		return nil, err
	}
	if name == "" {
		// Messages began ":3:1: missing value for {x}".
		name = UnnamedTemplate
	}
	// Refused here, not by the parser, whose message cannot name the
	// option that raises the limit, as ParseFile's does.
	if limit := r.maxBytes(); len(src) > limit {
		return nil, located("", &srcerr.Error{File: name,
			Msg: fmt.Sprintf("template is %d bytes, more than the limit of %d bytes (Options.MaxBytes)", len(src), limit)})
	}
	t, err := template.Parse(name, src, r.parse)
	if err != nil {
		return nil, located("", err)
	}
	return &Template{parsed: t, src: bytes.Clone(src), dir: dir}, nil
}

// Default returns the embedded privacy policy, the template the command
// line renders when it is given none (DefaultTemplateName); nil for a
// Renderer not made by New.
func (r *Renderer) Default() *Template {
	if r.made() != nil {
		return nil
	}
	return r.def()
}

// errNotMade is the error of a method of a Renderer that New did not
// make: the zero Renderer (var r policyexport.Renderer, or
// &policyexport.Renderer{}) or a nil *Renderer.
var errNotMade = errors.New("policyexport: a Renderer not made by New (a nil or zero Renderer): make one with New(Options{})")

// made returns errNotMade unless New made r.
func (r *Renderer) made() error {
	if r == nil || r.base == nil {
		return errNotMade
	}
	return nil
}

// parsedOrNil returns t's parsed template, nil for a nil or zero Template.
func (t *Template) parsedOrNil() *template.Template {
	if t == nil {
		return nil
	}
	return t.parsed
}

// UnnamedTemplate is the name of a template parsed with an empty name,
// which its error messages and Template.Name give.
const UnnamedTemplate = "template"

// DefaultTemplateName is the file name of the embedded template.
const DefaultTemplateName = defaulttemplate.Name

// Name returns the name the template was parsed with.
func (t *Template) Name() string {
	if t.parsedOrNil() == nil {
		return ""
	}
	return t.parsed.Name()
}

// Source returns a copy of the template's Markdown.
func (t *Template) Source() []byte {
	if t == nil {
		return nil
	}
	return bytes.Clone(t.src)
}

// Placeholders returns every placeholder occurrence outside code, in
// document order, front matter included.
func (t *Template) Placeholders() []Placeholder {
	if t.parsedOrNil() == nil {
		return nil
	}
	return placeholders(t.parsed.Placeholders())
}

// Defaults returns the default values of the template's front matter
// ("values:"), by name; nil when there are none.
func (t *Template) Defaults() map[string]string {
	if t.parsedOrNil() == nil {
		return nil
	}
	return t.parsed.FrontMatter().Values
}

// Missing returns the names of the placeholders that vals and the front
// matter's defaults leave without a value, in document order, each once.
func (t *Template) Missing(vals map[string]string) []string {
	if t.parsedOrNil() == nil {
		return nil
	}
	return t.parsed.Missing(vals)
}

// Fill fills t's placeholders with vals (which win over the front
// matter's defaults) and returns the document model. A value is always
// literal text: it never becomes markup, a link or HTML. Placeholders
// without a value are a *MissingValuesError (unless
// Options.KeepMissing), and with Options.Strict a value no placeholder
// uses is an *UnusedValuesError.
func (r *Renderer) Fill(t *Template, vals map[string]string) (*model.Document, error) {
	doc, _, err := r.fillDoc(t, vals, true)
	return doc, err
}

// errNilTemplate is the error of a method given a nil *Template.
var errNilTemplate = errors.New("policyexport: no template (a nil *Template, or a zero one): Parse, ParseIn, ParseFile or Default makes one")

// fillDoc fills t and returns the document and, when it is rendered,
// the warning about unused values, if any. Values that Options.Footer
// names are used by the PDF footer: they join a rendered document's
// values and are not unused. A document that is not rendered (the old
// side of a Diff) is only filled.
func (r *Renderer) fillDoc(t *Template, vals map[string]string, rendered bool) (doc *ast.Document, warnings []Warning, err error) {
	if err := r.made(); err != nil {
		return nil, nil, err
	}
	if t.parsedOrNil() == nil {
		return nil, nil, errNilTemplate
	}
	doc, report, err := t.parsed.Fill(vals, r.fill)
	if err != nil {
		return nil, nil, r.fillError(t, vals, err)
	}
	if !rendered {
		return doc, nil, nil
	}
	if err := r.footerValues(t, vals, doc, report); err != nil {
		return nil, nil, err
	}
	if report == nil || len(report.Unused) == 0 {
		return doc, nil, nil
	}
	msg := t.parsed.UnusedMessage(report.Unused)
	if r.opts.Strict {
		return nil, nil, &UnusedValuesError{Template: t.Name(), Names: report.Unused, msg: msg}
	}
	return doc, []Warning{{Kind: UnusedValues, Template: t.Name(), Names: report.Unused, Message: msg}}, nil
}

// footerValues puts the values Options.Footer names into doc.Values
// (template.UseFooterValues); a field that names no value (given, or a
// front matter default) is a *FooterFieldError.
func (r *Renderer) footerValues(t *Template, vals map[string]string, doc *ast.Document, report *template.Report) error {
	name := t.parsed.UseFooterValues(r.opts.Footer, vals, doc, report)
	if name == "" {
		return nil
	}
	known := append([]string{"title", "page", "pages"}, slices.Collect(maps.Keys(vals))...)
	known = append(known, slices.Collect(maps.Keys(t.parsed.FrontMatter().Values))...)
	return &FooterFieldError{Footer: r.opts.Footer, Field: name, Suggestion: template.Suggest(name, known)}
}

// Result is a rendering: every output, and what the caller may want to
// tell its user. The library never prints.
type Result struct {
	// Outputs are the rendered formats.
	Outputs map[Format][]byte
	// Warnings are what rendered but may not be what was meant, in
	// order: the values no placeholder used, the template's notices
	// (FrontMatter, PlaceholderSyntax, BidiControl), each place of raw
	// HTML the outputs drop, each heading the PDF tags at another level
	// than written, each link to an id the document lacks, the links and
	// images whose address is never live (one warning), the links with a
	// relative address (one warning), the links whose host mixes
	// scripts (one warning), the links whose text is another address
	// (one warning), then what the backends warn of as
	// they render (the PDF: each bold or italic text it draws regular,
	// RegularEmphasis). The command prints them sorted by their places
	// in the template (Pos), as a compiler lists its messages.
	Warnings []Warning
}

// WarningKind is the kind of a Warning.
type WarningKind string

// The kinds of Warning.
const (
	// UnusedValues are values that no placeholder uses (an
	// *UnusedValuesError with Options.Strict).
	UnusedValues WarningKind = "unused-values"
	// DroppedHTML is raw HTML of the template that some requested
	// format leaves out (Warning.Formats): the PDF and the plain text
	// always drop it, the HTML unless Options.UnsafeHTML keeps it
	// (Options.CommonMark always does); JSON keeps it. Raw HTML that is
	// only HTML comments is not warned of, and a placeholder in a
	// comment is literal text that needs no value.
	DroppedHTML WarningKind = "dropped-html"
	// UnplacedMarks was text with Arabic vowel marks (harakat,
	// tanwin), which the PDF drew beside their letters.
	//
	// Deprecated: the PDF shapes Arabic vowel marks, placed over and
	// under their letters by the font, and no longer gives this
	// warning.
	UnplacedMarks WarningKind = "unplaced-marks"
	// RegularEmphasis is bold or italic text that the PDF draws in a
	// face without that style: no built-in face has bold or italic
	// Hebrew, Arabic or CJK, so such text is drawn regular unless
	// Options.Fonts has a bold (italic) font with its characters.
	RegularEmphasis = WarningKind(pdf.RegularEmphasis)
	// HeadingLevel is a heading that the PDF tags at another level than
	// written: the first heading when it is not of level 1, and a
	// heading more than one level below the one before it ("###" after
	// "#" is tagged H2), as PDF/UA asks. With PDFStandard ua-1 such a
	// heading is an error instead.
	HeadingLevel WarningKind = "heading-level"
	// FrontMatter is front matter that is read, but most likely not as
	// meant: one never closed by a line "---" (read as Markdown), one
	// in TOML between lines "+++" (Hugo's, which is not read and stays
	// text at the start of the document), or a
	// key policyexport does not read that is close to one it does
	// ("titel:"; keys far from every known one are left alone, as front
	// matter is often shared with a static site generator), or a lang
	// that is a country's code ("lang: se" is Northern Sami, and Sweden's
	// code; Swedish is sv).
	FrontMatter = WarningKind(template.FrontMatterNotice)
	// TableCells is a table whose body rows have fewer cells than its
	// columns (the cells after one left out show a column to the left,
	// "2 Jahre" under Purpose) or more (the cells past the last column
	// are dropped), which every output writes as Markdown reads it: one
	// warning a table, at its first such row, counting the others.
	TableCells = WarningKind(template.TableCellsNotice)
	// PlaceholderSyntax is text in a template's body (outside code), or
	// in its front matter's title and other metadata (not its values),
	// written as another template language writes a placeholder:
	// "{{name}}", the placeholder {name} whose outer braces stay around
	// the value ("{Acme}"), or "{ name }" and "{{ name }}", which are no
	// placeholder because of their spaces and stay as written. A
	// backslash before the first brace says the text is meant.
	PlaceholderSyntax = WarningKind(template.PlaceholderNotice)
	// RedlineBySentence is a paragraph (a heading, a table cell) that a
	// redline (Renderer.Diff) compared sentence by sentence first, not
	// word by word: its two versions have more than 4,000 words and
	// spaces together. The redline is correct, if coarser.
	RedlineBySentence = WarningKind(redline.BySentence)
	// RedlineByAnchor is a run of blocks (or table rows) that a redline
	// compared in pieces, split at the blocks that occur once in each
	// version: its two versions have more than 4,000 blocks together
	// beyond what they start and end with alike. The redline is correct,
	// if coarser: a stretch between two such blocks that is still too
	// long is shown deleted and inserted whole.
	RedlineByAnchor = WarningKind(redline.ByAnchor)
	// BidiControl is a character of the template that sets the
	// direction of the text after it (an embedding, override or isolate
	// of Unicode's bidirectional algorithm, U+202A–U+202E and
	// U+2066–U+2069; the marks U+200E and U+200F are not): a browser, a
	// mail program or a terminal applies it to the HTML and the plain
	// text, where the PDF draws the text as written, so the outputs
	// differ and a reader does not see what the file holds ("Trojan
	// Source"). One warning, at the first, counting the others. A value
	// holding one is an error.
	BidiControl = WarningKind(template.DirectionNotice)
	// BrokenLink is a link to "#id" whose id no element of the filled
	// document has (heading ids are made from the filled heading text,
	// footnotes are "fn-N", their references "fnref-N"), so that it is
	// dead in the HTML and the PDF; given when the formats have either.
	// Its message says how to fix it when it can: the heading whose
	// GitHub anchor the id is ("#terms--conditions" for "Terms &
	// Conditions", whose id is "terms-conditions"), the closest id, or
	// the raw HTML that has it, which the outputs drop (its ids count
	// when every such format keeps raw HTML: the HTML alone, with
	// UnsafeHTML). Links written in raw HTML are not checked, nor are the
	// links of a redline (Diff). Options.Strict leaves it a warning.
	BrokenLink = WarningKind(template.LinkNotice)
	// BlockedLink is the links and images whose address no output makes
	// live, one warning at the first, which counts the others: a
	// javascript:, vbscript: or data: address, which can run code or
	// carry a page of its own, or a file: address, which names a file
	// of whoever opens the document (most often the author's own path,
	// pasted by mistake), so that the HTML, the PDF and the plain text
	// write the link's text alone (no link, no note, no number); given
	// when the formats have any of them, which it names. Such an address
	// most often comes from a value; the JSON keeps it as written.
	BlockedLink = WarningKind(template.BlockedLinkNotice)
	// RelativeLink is the links whose address is relative ("/privacy",
	// "terms.html"), one warning at the first, which counts the others:
	// a PDF or plain text is read on no page of the site, so they open
	// nothing there; given when the formats have either and
	// Options.BaseURL is "". The fix is Options.BaseURL, the full
	// address, or a value for the site's in it ({siteUrl}/privacy).
	RelativeLink = WarningKind(template.RelativeLinkNotice)
	// MixedScriptHost is the links whose host has a label that mixes
	// Latin, Cyrillic and Greek letters ("аcme.example" with a Cyrillic
	// "а", xn--cme-8cd.example), which every output shows as a host it
	// is not: one warning at the first, which names its host in ASCII
	// and counts the others; given whatever the formats. A host wholly
	// in one script ("пример.рф") is not warned of. Such an address
	// most often comes from a value.
	MixedScriptHost = WarningKind(template.MixedScriptNotice)
	// LinkUserName is the links whose address has a user name (and
	// maybe a password) before its host
	// ("https://acme.example@evil.example/"), which a reader takes for
	// the host and which opens the host after the "@": one warning at
	// the first, which names the host opened, masks a password and
	// counts the others; given whatever the formats. A mailto: address
	// is not warned of.
	LinkUserName = WarningKind(template.UserNameNotice)
	// LinkTextMismatch is the links whose text is an address other than
	// the one they open ("[https://acme.example/login]
	// (https://evil.example/)", or an e-mail address other than the
	// mailto: link's), which a reader of the HTML sees and trusts: one
	// warning at the first, which names both and counts the others;
	// given whatever the formats. A "www." on one host alone is no
	// difference.
	LinkTextMismatch = WarningKind(template.TextMismatchNotice)
	// BaseURLNotFolder is Options.BaseURL ending in a name with no "/"
	// after it ("https://acme.example/legal") while the document has
	// links relative to its folder ("terms.html"): RFC 3986 resolves
	// them against the folder above the name (https://acme.example/),
	// where "https://acme.example/legal/" was almost surely meant. One
	// warning at the first such link, which counts the others; given
	// when the formats have the PDF or the plain text.
	BaseURLNotFolder = WarningKind(template.BaseFileNotice)
	// LangIgnored is Options.Lang (--lang) naming another language than
	// the template's front matter, whose lang is the document's (its
	// text's): the outputs are in the front matter's language, and
	// Options.Lang is for templates that name none. At the front
	// matter's lang.
	LangIgnored WarningKind = "lang-ignored"
)

// Warning is something a rendering did that the caller may want to tell
// its user about.
type Warning struct {
	// Kind says what it is about.
	Kind WarningKind
	// Template is the template's name.
	Template string
	// Pos is where the raw HTML is (DroppedHTML), where the heading is
	// (HeadingLevel), where a backend's warning is (the styled text,
	// for RegularEmphasis), where the part of a redline compared
	// coarsely starts in the new version (RedlineBySentence,
	// RedlineByAnchor), where the link starts (BrokenLink; the first
	// relative link for RelativeLink, the first blocked link or image
	// for BlockedLink, the first such link for MixedScriptHost,
	// LinkUserName and LinkTextMismatch), where the front matter key or the
	// text is (FrontMatter, PlaceholderSyntax; an unclosed front matter's
	// "---" at 1:1), where the first such character is (BidiControl), or
	// the zero Pos.
	Pos model.Pos
	// Names are the unused values' names, sorted (UnusedValues).
	Names []string
	// Formats are the requested formats that drop the raw HTML
	// (DroppedHTML), in the order of Formats().
	Formats []Format
	// Message says it in a sentence that starts with the template's
	// name, with a did-you-mean hint for an unused value whose name is
	// close to a placeholder's.
	Message string
}

// String returns w.Message.
func (w Warning) String() string { return w.Message }

// Render fills t with vals and renders the document in formats (when
// none is given, Options.Formats, else every format). It returns every
// output or an error and none. It is RenderContext with
// context.Background(): once begun, it runs to the end.
func (r *Renderer) Render(t *Template, vals map[string]string, formats ...Format) (map[Format][]byte, error) {
	return r.RenderContext(context.Background(), t, vals, formats...)
}

// RenderContext is Render stopping soon after ctx ends: then it returns
// no output and an error that wraps ctx.Err() (errors.Is(err,
// context.Canceled) or context.DeadlineExceeded). ctx is checked before
// filling, before each format, and inside each backend before each
// block of the document (nested ones included: a list item, a table's
// cell blocks, a quote's paragraphs), before each page the PDF draws
// and before the PDF is finished, so what runs after ctx ends is at
// most one block's layout or one page's drawing, never the rest of the
// document. Filling is not interrupted (Options.MaxBytes and MaxDepth
// bound it). It starts no goroutine. A ctx that never ends
// (context.Background()) costs no check at all.
func (r *Renderer) RenderContext(ctx context.Context, t *Template, vals map[string]string, formats ...Format) (map[Format][]byte, error) {
	res, err := r.RenderResultContext(ctx, t, vals, formats...)
	if err != nil {
		return nil, err
	}
	return res.Outputs, nil
}

// RenderResult is Render returning a *Result: the outputs and the
// warnings. When rendering fails after filling, the error comes with a
// Result that holds the warnings and no outputs; when filling fails,
// the Result is nil.
func (r *Renderer) RenderResult(t *Template, vals map[string]string, formats ...Format) (*Result, error) {
	return r.RenderResultContext(context.Background(), t, vals, formats...)
}

// RenderResultContext is RenderResult stopping soon after ctx ends, as
// RenderContext does: the error wraps ctx.Err(), and comes with a
// Result that holds the warnings found so far and no outputs (nil when
// ctx ended before filling).
func (r *Renderer) RenderResultContext(ctx context.Context, t *Template, vals map[string]string, formats ...Format) (*Result, error) {
	return r.renderResult(ctx, "Render", t, vals, formats)
}

// renderResult is RenderResultContext for the method named what, which
// its errors name.
func (r *Renderer) renderResult(ctx context.Context, what string, t *Template, vals map[string]string, formats []Format) (*Result, error) {
	if err := r.made(); err != nil {
		return nil, err
	}
	if len(formats) == 0 {
		formats = r.base.Formats()
	}
	if err := r.checkFormats(what, formats); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("policyexport: %s %s: %w", what, t.Name(), err)
	}
	doc, warnings, err := r.fillDoc(t, vals, true)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, templateWarnings(t.parsed)...)
	warnings = append(warnings, r.langIgnored(t, doc)...)
	warnings = append(warnings, r.droppedHTML(t, formats)...)
	warnings = append(warnings, r.headingLevels(t, formats)...)
	res := &Result{Warnings: append(warnings, r.linkWarnings(t, doc, formats)...)}
	out, ws, err := r.renderDoc(ctx, t, doc, formats)
	for _, w := range ws {
		res.Warnings = append(res.Warnings, Warning{Kind: WarningKind(w.Kind), Template: t.Name(), Pos: w.Pos, Message: w.In(t.Name())})
	}
	if err != nil {
		return res, err
	}
	res.Outputs = out
	return res, nil
}

// checkFormats returns an error, naming the method what, unless every
// format of formats is a Format (exactly: "PDF" is not) that r was
// prepared for (Options.Formats).
func (r *Renderer) checkFormats(what string, formats []Format) error {
	prepared := r.base.Formats()
	for _, f := range formats {
		if slices.Contains(prepared, f) {
			continue
		}
		if err := render.CheckFormats([]Format{f}); err != nil {
			return fmt.Errorf("policyexport: %s: %w", what, err)
		}
		names := make([]string, len(prepared))
		for i, p := range prepared {
			names[i] = string(p)
		}
		return fmt.Errorf("policyexport: %s: format %s is not among Options.Formats (%s)", what, f, strings.Join(names, ", "))
	}
	return nil
}

// templateWarnings returns a warning for each notice of the template t
// (FrontMatter, PlaceholderSyntax), of the notice's kind.
func templateWarnings(t *template.Template) []Warning {
	var ws []Warning
	for _, n := range t.Notices() {
		ws = append(ws, Warning{Kind: WarningKind(n.Kind), Template: t.Name(), Pos: n.Pos, Message: n.In(t.Name())})
	}
	return ws
}

// langIgnored returns a LangIgnored warning when Options.Lang names
// another language than doc's, filled from t, whose front matter names
// it: "--lang de" with "lang: en" wrote an English document without a
// word.
func (r *Renderer) langIgnored(t *Template, doc *ast.Document) []Warning {
	given, fm := r.fill.DefaultLang, t.parsed.FrontMatter()
	if given == "" || fm.Meta.Lang == "" || doc.Meta.Lang == "" || strings.EqualFold(given, doc.Meta.Lang) {
		return nil
	}
	pos := fm.LangPos
	return []Warning{{Kind: LangIgnored, Template: t.Name(), Pos: pos,
		Message: fmt.Sprintf("%s:%s: the document is in %s, as its front matter's lang says; Options.Lang %s is for templates that name no language (remove lang: from the front matter to choose the language with Options.Lang)", t.Name(), pos, doc.Meta.Lang, given)}}
}

// droppedHTML returns a DroppedHTML warning for each place of raw HTML
// in t that formats leave out.
func (r *Renderer) droppedHTML(t *Template, formats []Format) []Warning {
	o := options.Options(r.opts)
	dropping := o.HTMLDroppedBy(formats)
	if dropping == nil {
		return nil
	}
	var ws []Warning
	for _, p := range t.parsed.RawHTML() {
		ws = append(ws, Warning{Kind: DroppedHTML, Template: t.Name(), Pos: p, Formats: slices.Clone(dropping),
			Message: options.DroppedHTMLMessage(t.Name(), p, dropping, o.UnsafeHTMLHint(options.UnsafeHTMLName))})
	}
	return ws
}

// headingLevels returns a HeadingLevel warning for each heading of t
// that the PDF tags at another level than written, when formats has the
// PDF and it is not PDF/UA-1 (which refuses such a heading: a
// *pdf.StandardError).
func (r *Renderer) headingLevels(t *Template, formats []Format) []Warning {
	if !slices.Contains(formats, PDF) || r.ua {
		return nil
	}
	return r.skippedHeadings(t)
}

// skippedHeadings returns a HeadingLevel warning for each heading of t
// that a PDF without ua-1 tags at another level than written.
func (r *Renderer) skippedHeadings(t *Template) []Warning {
	var ws []Warning
	blocks, title := t.parsed.Blocks(), t.parsed.FrontMatter().Meta.Title
	for _, h := range t.parsed.SkippedHeadings(r.fill) {
		ws = append(ws, Warning{Kind: HeadingLevel, Template: t.Name(), Pos: h.At, Message: pdf.HeadingWarning(t.Name(), h, blocks, title)})
	}
	return ws
}

// linkWarnings returns a warning for each link of doc, filled from t,
// that does not work in formats (template.LinkProblems): a BrokenLink
// for a link to an id that no element of doc has, when formats has the
// HTML or the PDF, in which such a link is dead; one RelativeLink for
// the links with a relative address, when formats has the PDF or the
// plain text; one MixedScriptHost for the links whose host mixes
// scripts; one LinkTextMismatch for the links whose text is another
// address.
func (r *Renderer) linkWarnings(t *Template, doc *ast.Document, formats []Format) []Warning {
	live, rawHTMLIDs := r.base.InternalLinks(formats)
	var ws []Warning
	for _, n := range template.LinkProblems(doc, live, rawHTMLIDs, render.OffSite(formats), render.LinkOutputs(formats)) {
		ws = append(ws, Warning{Kind: WarningKind(n.Kind), Template: t.Name(), Pos: n.Pos, Message: n.In(t.Name())})
	}
	return ws
}

// RenderTo is Render writing each format to its writer in outs (a nil
// writer is no writer): the formats with a writer are rendered, and outs
// without any writer is an error, as is a name that is not a Format
// ("PDF" is not) or a format that is not among Options.Formats. Every
// format is rendered in memory first, so when rendering fails nothing is
// written; an error from a writer stops the writing there. It is
// RenderToContext with context.Background().
func (r *Renderer) RenderTo(t *Template, vals map[string]string, outs map[Format]io.Writer) error {
	return r.RenderToContext(context.Background(), t, vals, outs)
}

// RenderToContext is RenderTo stopping soon after ctx ends, as
// RenderContext does, with an error that wraps ctx.Err(). It writes
// all or nothing: ctx is checked a last time after every format is
// rendered and before the first write, and the writes, once begun, are
// not interrupted (only a writer's error stops them). So a cancelled
// RenderToContext has written nothing to any writer of outs.
func (r *Renderer) RenderToContext(ctx context.Context, t *Template, vals map[string]string, outs map[Format]io.Writer) error {
	// Any name that is not a Format first, sorted, for the error to name
	// it; then the formats in the order of Formats, which is the order
	// of the writes.
	var formats []Format
	for f, w := range outs {
		if w != nil && !slices.Contains(Formats(), f) {
			formats = append(formats, f)
		}
	}
	slices.Sort(formats)
	for _, f := range Formats() {
		if outs[f] != nil {
			formats = append(formats, f)
		}
	}
	if err := r.made(); err != nil {
		return err
	}
	if len(formats) == 0 {
		return errors.New("policyexport: RenderTo: no writer given")
	}
	res, err := r.renderResult(ctx, "RenderTo", t, vals, formats)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("policyexport: RenderTo %s: %w", t.Name(), err)
	}
	for _, f := range formats {
		if _, err := outs[f].Write(res.Outputs[f]); err != nil {
			return fmt.Errorf("policyexport: RenderTo: writing the %s of %s: %w", f, t.Name(), err)
		}
	}
	return nil
}

// documentRenderer returns r's backends for doc, filled from t: its
// date (Options.Date, else its own), its image directory, and with
// Options.AttachSource its template and values as attachments.
func (r *Renderer) documentRenderer(t *Template, doc *ast.Document) (*render.Renderer, error) {
	// The front matter's date is checked even when Options.Date wins, so
	// a template fails or passes the same way whatever the options, as
	// on the command line.
	in := render.DateInputs{Fixed: r.opts.Date, FrontMatter: doc.Meta.Date, FrontMatterPos: t.parsed.FrontMatter().DatePos, LastUpdated: doc.Values["lastUpdated"]}
	date, _, err := render.DocumentDate(in)
	if err != nil {
		return nil, located(t.Name(), srcerr.InFile(t.Name(), err))
	}
	rr := r.base.WithDocument(date, t.dir)
	if r.opts.AttachSource {
		atts, err := options.Attachments(t.Name(), t.src, doc.Values)
		if err != nil {
			return nil, err
		}
		rr = rr.WithAttachments(atts)
	}
	return rr, nil
}

// renderDoc renders doc, filled from t, in formats, and returns the
// outputs and the backends' warnings (with an error too); it stops when
// ctx ends (render.Renderer.WithContext).
func (r *Renderer) renderDoc(ctx context.Context, t *Template, doc *ast.Document, formats []Format) (out map[Format][]byte, warnings []render.Warning, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("%s: internal error while rendering (please report it with this input): %v", t.Name(), p)
		}
	}()
	rr, err := r.documentRenderer(t, doc)
	if err != nil {
		return nil, nil, err
	}
	rr = rr.WithContext(ctx)
	out = make(map[Format][]byte, len(formats))
	for _, f := range formats {
		var b bytes.Buffer
		ws, err := rr.WriteWarnings(&b, doc, f)
		warnings = append(warnings, ws...)
		if err != nil {
			return nil, warnings, renderError(t.Name(), t.locate(err))
		}
		out[f] = b.Bytes()
	}
	return out, warnings, nil
}

// ParseValues reads a values file's bytes: YAML or JSON, one flat map
// from placeholder names to scalars, kept as written. name is what error
// messages call it; a name ending in ".json" must be strict JSON. A value
// that Render would refuse for its content (a bidirectional override, a
// zero width space) is an error here already, at its line and column.
func ParseValues(name string, data []byte) (map[string]string, error) {
	vals, err := values.Parse(name, data)
	return vals, located("", err)
}

// readLimited reads the file at path, refusing one of more than limit
// bytes with a *SourceError that names raise, what raises the limit
// ("Options.MaxBytes"; "" for a limit nothing raises).
func readLimited(path string, limit int, raise string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		msg := fmt.Sprintf("larger than the limit of %d bytes", limit)
		if raise != "" {
			msg += " (" + raise + ")"
		}
		return nil, located("", &srcerr.Error{File: path, Msg: msg})
	}
	return data, nil
}

// FontFace returns face index of a font file as the bytes of one
// TrueType font, for Options.Fonts: a .ttf as it is (index 0), or
// one face of a TrueType collection (.ttc) copied into a font file of
// its own, as --font FILE.ttc#N does. An index out of range, an
// OpenType font with CFF outlines (which the PDF cannot embed) and a
// colour emoji font (CBDT, sbix or COLR glyphs, which it cannot draw) are
// errors that say so.
func FontFace(data []byte, index int) ([]byte, error) { return pdf.FontFace(data, index) }
