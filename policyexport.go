package policyexport

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/text/language"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/srcerr"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/txt"
	"github.com/policyexport/policyexport/internal/values"
	"github.com/policyexport/policyexport/internal/version"
	"github.com/policyexport/policyexport/model"
)

// APIVersion is the version of this package's API, the promise the
// README makes: until 1.0 a minor version may change it, and the
// release notes say how.
const APIVersion = "0.1"

// Format is an output format; its string is the file extension.
type Format = render.Format

// The output formats, in the order Formats lists them.
const (
	PDF  = render.PDF  // an archive PDF with embedded, subset fonts
	HTML = render.HTML // a standalone HTML5 page (or a fragment)
	Text = render.TXT  // wrapped plain text
	JSON = render.JSON // the document model as JSON (Schema("document"))
)

// Formats returns every output format: PDF, HTML, Text, JSON.
func Formats() []Format { return render.All() }

// ParseFormats reads a comma-separated list of format names ("pdf,html",
// case-insensitive); an unknown name is an error that lists the known ones.
func ParseFormats(list string) ([]Format, error) { return render.ParseFormats(list) }

// Options configure a Renderer. The zero Options renders like the
// command line with no flags: every limit at its default, A4, a footer,
// text wrapped at 72 columns.
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

	// Lang is the HTML language, a BCP 47 tag, when the front matter
	// names none; "" means "en".
	Lang string
	// TOC adds a table of contents to HTML and PDF, after the title
	// heading.
	TOC bool
	// Fragment writes the HTML body only.
	Fragment bool
	// CSS replaces the HTML stylesheet when not empty.
	CSS string
	// UnsafeHTML passes the template's raw HTML through into HTML.
	UnsafeHTML bool
	// EmbedImages writes local images into HTML as data: URLs. Without
	// it image paths are written as the template has them.
	EmbedImages bool

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

	// Paper is "a4" (when empty) or "letter".
	Paper string
	// Margin is the PDF margin on every side in millimetres, 0 to 80;
	// 0 means the default (25 left and right, 20 top, 25 bottom).
	Margin float64
	// Justify justifies PDF paragraphs.
	Justify bool
	// Footer is the PDF footer, with {title}, {page} and {pages}; empty
	// means "{title} — Page {page} of {pages}".
	Footer string
	// NoFooter leaves the PDF footer out.
	NoFooter bool
	// Fonts are extra TrueType fonts (the bytes of .ttf files, or a face
	// of a .ttc that FontFace took out), tried in order for characters
	// the built-in fonts lack.
	Fonts [][]byte
	// MissingImagesAlt writes a missing image's alt text instead of
	// failing.
	MissingImagesAlt bool
	// Date is the PDF's creation and modification date. The zero Date
	// means each document's own: its front matter "date:", else its
	// lastUpdated value when that is a date, else 2000-01-01. The clock
	// is never read.
	Date time.Time
	// MaxPages is the most pages a PDF may have; 0 means 1000.
	MaxPages int

	// Producer is written into outputs that name their producer (the
	// PDF Creator, the HTML generator); "" means "policyexport VERSION".
	Producer string
}

// Renderer renders templates with the Options it was made with. New
// prepares the fonts once; a Renderer is then safe for concurrent use by
// any number of goroutines, and the same template, values and options
// always give the same bytes.
type Renderer struct {
	opts  Options
	parse template.Options
	fill  template.FillOptions
	base  *render.Renderer
	def   *Template
}

// New checks opts and prepares a Renderer: fonts are parsed and prepared
// here, once. It reads no file.
func New(opts Options) (*Renderer, error) {
	r := &Renderer{opts: opts}
	r.parse = template.Options{MaxBytes: opts.MaxBytes, MaxDepth: opts.MaxDepth, MaxCost: opts.MaxCost}
	if opts.CommonMark {
		r.parse.Profile = template.ProfileCommonMark
	}
	if opts.KeepMissing {
		r.fill.Missing = template.MissingKeep
	}
	ropts, err := opts.backendOptions()
	r.fill.DefaultLang = ropts.HTML.Lang
	if err != nil {
		return nil, err
	}
	if r.base, err = render.New(ropts, render.All()); err != nil {
		return nil, err
	}
	// The embedded template is parsed with r's options, but a MaxBytes
	// below its own size does not refuse it: only the caller's templates.
	src := defaulttemplate.Source()
	dp := r.parse
	if dp.MaxBytes > 0 && dp.MaxBytes < len(src) {
		dp.MaxBytes = len(src)
	}
	t, err := template.Parse(defaulttemplate.Name, src, dp)
	if err != nil {
		return nil, fmt.Errorf("the embedded template: %w", err)
	}
	r.def = &Template{parsed: t, src: src}
	return r, nil
}

// backendOptions checks o and returns the backends' options.
func (o Options) backendOptions() (render.Options, error) {
	var ro render.Options
	for _, n := range []struct {
		name  string
		value int
	}{{"MaxBytes", o.MaxBytes}, {"MaxDepth", o.MaxDepth}, {"MaxCost", o.MaxCost}, {"MaxPages", o.MaxPages}} {
		if n.value < 0 {
			return ro, fmt.Errorf("policyexport: Options.%s %d: want 0 (the default) or more", n.name, n.value)
		}
	}
	lang := "en"
	if o.Lang != "" {
		tag, err := language.Parse(o.Lang)
		if err != nil {
			return ro, fmt.Errorf("policyexport: Options.Lang %q: not a BCP 47 language tag", o.Lang)
		}
		lang = tag.String()
	}
	if err := html.CheckCSS(o.CSS); err != nil {
		return ro, fmt.Errorf("policyexport: Options.CSS: %w", err)
	}
	if o.Width != 0 && o.Width < 20 {
		return ro, fmt.Errorf("policyexport: Options.Width %d: want at least 20 columns", o.Width)
	}
	if !(o.Margin >= 0 && o.Margin <= 80) {
		return ro, fmt.Errorf("policyexport: Options.Margin %g: want 0 to 80 mm", o.Margin)
	}
	producer := o.Producer
	if producer == "" {
		producer = version.String()
	}
	ro.HTML = html.Options{
		Fragment: o.Fragment, TOC: o.TOC, CSS: o.CSS, UnsafeHTML: o.UnsafeHTML, Lang: lang,
		CommonMark: o.CommonMark, Generator: producer, EmbedImages: o.EmbedImages,
		MissingImagesAlt: o.MissingImagesAlt, MaxEmbedBytes: o.MaxBytes,
	}
	ro.TXT = txt.Options{Width: o.Width, CRLF: o.CRLF, Links: txt.LinksReference, Lang: lang}
	if o.InlineLinks {
		ro.TXT.Links = txt.LinksInline
	}
	ro.JSON = jsondoc.Options{Compact: o.Compact}
	ro.PDF = pdf.Options{
		Paper: o.Paper, Justify: o.Justify, TOC: o.TOC, NoFooter: o.NoFooter, FooterText: o.Footer,
		Fonts: o.Fonts, MissingImagesAlt: o.MissingImagesAlt, Creator: producer, MaxPages: o.MaxPages, Lang: lang,
	}
	if o.Margin > 0 {
		ro.PDF.Margins = pdf.Margins{Left: o.Margin, Right: o.Margin, Top: o.Margin, Bottom: o.Margin}
	}
	return ro, nil
}

// Template is a parsed template. It is immutable and safe for
// concurrent use; parse it once and fill it with any number of values.
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
// it ("terms.md"); relative image paths resolve against the working
// directory. An error is a problem in the template at file:line:col.
func (r *Renderer) Parse(name string, src []byte) (*Template, error) {
	return r.parseIn(name, src, "")
}

// ParseFile reads and parses the template at path; relative image paths
// resolve against its directory. A file larger than Options.MaxBytes is
// an error.
func (r *Renderer) ParseFile(path string) (*Template, error) {
	limit := r.parse.MaxBytes
	if limit <= 0 {
		limit = template.DefaultMaxBytes
	}
	data, err := readLimited(path, limit)
	if err != nil {
		return nil, err
	}
	return r.parseIn(path, data, filepath.Dir(path))
}

func (r *Renderer) parseIn(name string, src []byte, dir string) (*Template, error) {
	t, err := template.Parse(name, src, r.parse)
	if err != nil {
		return nil, err
	}
	return &Template{parsed: t, src: bytes.Clone(src), dir: dir}, nil
}

// Default returns the embedded privacy policy, the template the command
// line renders when it is given none (DefaultTemplateName).
func (r *Renderer) Default() *Template { return r.def }

// DefaultTemplateName is the file name of the embedded template.
const DefaultTemplateName = defaulttemplate.Name

// Name returns the name the template was parsed with.
func (t *Template) Name() string { return t.parsed.Name() }

// Source returns a copy of the template's Markdown.
func (t *Template) Source() []byte { return bytes.Clone(t.src) }

// Placeholders returns every placeholder occurrence outside code, in
// document order, front matter included.
func (t *Template) Placeholders() []Placeholder { return placeholders(t.parsed.Placeholders()) }

// Defaults returns the default values of the template's front matter
// ("values:"), by name; nil when there are none.
func (t *Template) Defaults() map[string]string { return t.parsed.FrontMatter().Values }

// Missing returns the names of the placeholders that vals and the front
// matter's defaults leave without a value, in document order, each once.
func (t *Template) Missing(vals map[string]string) []string { return t.parsed.Missing(vals) }

// Fill fills t's placeholders with vals (which win over the front
// matter's defaults) and returns the document model. A value is always
// literal text: it never becomes markup, a link or HTML. Placeholders
// without a value are a *MissingValuesError (unless
// Options.KeepMissing), and with Options.Strict a value no placeholder
// uses is an *UnusedValuesError.
func (r *Renderer) Fill(t *Template, vals map[string]string) (*model.Document, error) {
	doc, err := r.fillDoc(t, vals)
	return doc, err
}

func (r *Renderer) fillDoc(t *Template, vals map[string]string) (doc *ast.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%s: internal error while filling the template (please report it with this input): %v", t.Name(), p)
		}
	}()
	doc, report, err := t.parsed.Fill(vals, r.fill)
	if err != nil {
		if missing := t.parsed.Missing(vals); len(missing) > 0 && r.fill.Missing == template.MissingError {
			return nil, newMissingValuesError(t, vals, err)
		}
		return nil, err
	}
	if r.opts.Strict && report != nil && len(report.Unused) > 0 {
		return nil, &UnusedValuesError{Template: t.Name(), Names: report.Unused, msg: t.parsed.UnusedMessage(report.Unused)}
	}
	return doc, nil
}

// Render fills t with vals and renders the document in formats (every
// format when none is given). It returns every output or an error and
// none.
func (r *Renderer) Render(t *Template, vals map[string]string, formats ...Format) (map[Format][]byte, error) {
	if len(formats) == 0 {
		formats = Formats()
	}
	doc, err := r.fillDoc(t, vals)
	if err != nil {
		return nil, err
	}
	return r.renderDoc(t, doc, formats)
}

// RenderTo is Render writing each format to its writer in outs. Every
// format is rendered in memory first, so when rendering fails nothing is
// written; an error from a writer stops the writing there.
func (r *Renderer) RenderTo(t *Template, vals map[string]string, outs map[Format]io.Writer) error {
	var formats []Format
	for _, f := range Formats() {
		if outs[f] != nil {
			formats = append(formats, f)
		}
	}
	for f := range outs {
		if _, err := ParseFormats(string(f)); err != nil {
			return fmt.Errorf("policyexport: RenderTo: %w", err)
		}
	}
	data, err := r.Render(t, vals, formats...)
	if err != nil {
		return err
	}
	for _, f := range formats {
		if _, err := outs[f].Write(data[f]); err != nil {
			return fmt.Errorf("write %s: %w", f, err)
		}
	}
	return nil
}

// renderDoc renders doc, filled from t, in formats.
func (r *Renderer) renderDoc(t *Template, doc *ast.Document, formats []Format) (out map[Format][]byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("%s: internal error while rendering (please report it with this input): %v", t.Name(), p)
		}
	}()
	// The front matter's date is checked even when Options.Date wins, so
	// a template fails or passes the same way whatever the options, as
	// on the command line.
	in := render.DateInputs{FrontMatter: doc.Meta.Date, FrontMatterPos: t.parsed.FrontMatter().DatePos, LastUpdated: doc.Values["lastUpdated"]}
	if !r.opts.Date.IsZero() {
		in.Flag = r.opts.Date.UTC().Format(time.RFC3339)
	}
	date, _, err := render.DocumentDate(in)
	if err != nil {
		return nil, srcerr.InFile(t.Name(), err)
	}
	rr := r.base.WithDocument(date, t.dir)
	out = make(map[Format][]byte, len(formats))
	for _, f := range formats {
		var b bytes.Buffer
		if err := rr.Write(&b, doc, f); err != nil {
			return nil, renderError(t.Name(), err)
		}
		out[f] = b.Bytes()
	}
	return out, nil
}

// ParseValues reads a values file's bytes: YAML or JSON, one flat map
// from placeholder names to scalars, kept as written. name is what error
// messages call it; a name ending in ".json" must be strict JSON.
func ParseValues(name string, data []byte) (map[string]string, error) {
	return values.Parse(name, data)
}

// readLimited reads the file at path, refusing one of more than limit
// bytes.
func readLimited(path string, limit int) ([]byte, error) {
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
		return nil, fmt.Errorf("%s: larger than the limit of %d bytes (Options.MaxBytes)", path, limit)
	}
	return data, nil
}

// FontFace returns face index of a font file as the bytes of one
// TrueType font, for RenderOptions.Fonts: a .ttf as it is (index 0), or
// one face of a TrueType collection (.ttc) copied into a font file of
// its own, as --font FILE.ttc#N does. An index out of range, and an
// OpenType font with CFF outlines (which the PDF cannot embed), are
// errors that say so.
func FontFace(data []byte, index int) ([]byte, error) { return pdf.FontFace(data, index) }
