// Package render is the table from an output format to its backend: it
// turns one filled ast.Document into the bytes of each requested format.
//
// It owns the list of formats, their file extensions, and the resources
// that are prepared once per process and shared by every document (the PDF
// fonts). It never parses templates and never touches the file system.
package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/srcerr"
	"github.com/policyexport/policyexport/internal/txt"
)

// Format names an output format. Its string is also the file extension.
type Format string

// The output formats, in the order they are written.
const (
	PDF  Format = "pdf"
	HTML Format = "html"
	TXT  Format = "txt"
	JSON Format = "json"
)

// All returns every format in output order.
func All() []Format { return []Format{PDF, HTML, TXT, JSON} }

// Ext returns the file extension of f, without the dot.
func (f Format) Ext() string { return string(f) }

// ErrUnknownFormat is what the error for a name that is not a Format
// wraps.
var ErrUnknownFormat = errors.New("unknown format")

// ParseFormats parses a comma-separated list such as "html,txt". Duplicates
// are dropped; the result keeps the order of All. An empty list or an
// unknown name is an error that lists the known names.
func ParseFormats(list string) ([]Format, error) {
	want := map[Format]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		f := Format(name)
		if !f.valid() {
			return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownFormat, name, knownNames())
		}
		want[f] = true
	}
	var out []Format
	for _, f := range All() {
		if want[f] {
			out = append(out, f)
		}
	}
	if err := CheckFormats(out); err != nil {
		return nil, err
	}
	return out, nil
}

// CheckFormats returns an error unless formats names at least one format
// and each is one of All (exactly: "PDF" is not a Format; ParseFormats
// reads names as a user writes them).
func CheckFormats(formats []Format) error {
	if len(formats) == 0 {
		return fmt.Errorf("no format given (known: %s)", knownNames())
	}
	for _, f := range formats {
		if !f.valid() {
			return fmt.Errorf("%w %q (known: %s)", ErrUnknownFormat, f, knownNames())
		}
	}
	return nil
}

func (f Format) valid() bool {
	for _, g := range All() {
		if f == g {
			return true
		}
	}
	return false
}

func knownNames() string {
	var names []string
	for _, f := range All() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// Options holds each backend's options.
type Options struct {
	HTML html.Options
	TXT  txt.Options
	JSON jsondoc.Options
	PDF  pdf.Options
}

// Renderer renders documents to the formats it was made for. It is safe for
// concurrent use: everything it holds is read-only after New.
type Renderer struct {
	opts    Options
	formats []Format
	pdf     *pdf.Renderer
	// interrupt is ctx.Err of WithContext's ctx; nil for one that never
	// ends.
	interrupt func() error
}

// New prepares a Renderer for formats. Resources a format needs (the PDF
// fonts) are loaded here, once.
func New(opts Options, formats []Format) (*Renderer, error) {
	r := &Renderer{opts: opts, formats: append([]Format(nil), formats...)}
	for _, f := range formats {
		if f == PDF {
			p, err := pdf.New(opts.PDF)
			if err != nil {
				return nil, fmt.Errorf("prepare PDF: %w", err)
			}
			r.pdf = p
		}
	}
	return r, nil
}

// WithHTMLOutDir returns a Renderer like r whose HTML is written for a
// file in dir: relative image paths are rewritten relative to dir (see
// html.Options.OutDir). It shares r's prepared resources, so it is cheap
// to make per document.
func (r *Renderer) WithHTMLOutDir(dir string) *Renderer {
	c := *r
	c.opts.HTML.OutDir = dir
	return &c
}

// WithDocument returns a Renderer like r for one document: date is the
// PDF's date, and relative image paths resolve against imageDir in the
// PDF and HTML (see pdf.Renderer.WithDocument). It shares r's prepared
// resources, so it is cheap to make per document.
func (r *Renderer) WithDocument(date time.Time, imageDir string) *Renderer {
	c := *r
	c.opts.PDF.Date, c.opts.PDF.ImageDir, c.opts.HTML.ImageDir = date, imageDir, imageDir
	if r.pdf != nil {
		c.pdf = r.pdf.WithDocument(date, imageDir)
	}
	return &c
}

// WithAttachments returns a Renderer like r whose PDF embeds atts (see
// pdf.Options.Attachments). It shares r's prepared resources.
func (r *Renderer) WithAttachments(atts []pdf.Attachment) *Renderer {
	c := *r
	c.opts.PDF.Attachments = atts
	if r.pdf != nil {
		c.pdf = r.pdf.WithAttachments(atts)
	}
	return &c
}

// WithContext returns a Renderer like r whose renderings stop soon
// after ctx ends, returning an error that wraps ctx.Err(): ctx is
// checked before each format, and each backend checks it as its
// Options.Interrupt says (before each block; the PDF also before each
// page it draws and before it finishes the file), never per character.
// The PDF, the JSON and the plain text then write nothing; the HTML,
// which WriteWarnings streams, may have written a part to w (Output
// writes to a buffer). It shares r's prepared resources, and starts no
// goroutine.
func (r *Renderer) WithContext(ctx context.Context) *Renderer {
	c := *r
	c.interrupt = nil
	if ctx.Done() != nil { // else it never ends: no check at all
		c.interrupt = ctx.Err
	}
	c.opts.HTML.Interrupt, c.opts.TXT.Interrupt, c.opts.JSON.Interrupt = c.interrupt, c.interrupt, c.interrupt
	if r.pdf != nil {
		c.pdf = r.pdf.WithInterrupt(c.interrupt)
	}
	return &c
}

// interrupted returns an error for format f when WithContext's ctx has
// ended.
func (r *Renderer) interrupted(f Format) error {
	if r.interrupt == nil {
		return nil
	}
	if err := r.interrupt(); err != nil {
		return fmt.Errorf("render %s: %w", f, err)
	}
	return nil
}

// Formats returns the formats r renders, in output order.
func (r *Renderer) Formats() []Format { return append([]Format(nil), r.formats...) }

// Warning is something a backend wrote, but not as the document means
// it (only the PDF backend warns: pdf.Warning), or a notice about the
// document a batch gives with them (template.LinkNotice).
type Warning = srcerr.Warning[WarningKind]

// WarningKind is the kind of a Warning: a pdf.WarningKind, or a
// template.NoticeKind.
type WarningKind string

// InternalLinks reports whether some format of formats makes a link to
// "#id" live (the HTML and the PDF do), and whether every such format
// keeps the ids of the raw HTML: only the HTML does, with
// html.Options.UnsafeHTML or CommonMark. A link to an id the document
// lacks is dead in them (template.LinkNotices).
func (r *Renderer) InternalLinks(formats []Format) (live, rawHTMLIDs bool) {
	rawHTMLIDs = true
	for _, f := range formats {
		switch f {
		case HTML:
			live = true
			rawHTMLIDs = rawHTMLIDs && (r.opts.HTML.UnsafeHTML || r.opts.HTML.CommonMark)
		case PDF:
			live, rawHTMLIDs = true, false
		}
	}
	return live, live && rawHTMLIDs
}

// OffSite reports whether some format of formats is read away from the
// site that the HTML is published on (the PDF, the plain text), where a
// link with a relative address opens nothing (template.RelativeLinks)
// unless the document's base address (ast.Document.BaseURL) resolves it.
func OffSite(formats []Format) bool {
	return slices.ContainsFunc(formats, func(f Format) bool { return f == PDF || f == TXT })
}

// LinkOutputs names the formats of formats that write links for a
// reader ("HTML", "PDF", "plain text", in that order; not the JSON,
// which keeps the document as written), as a warning about links names
// them (template.BlockedLinks).
func LinkOutputs(formats []Format) []string {
	var names []string
	for _, f := range []struct {
		f    Format
		name string
	}{{HTML, "HTML"}, {PDF, "PDF"}, {TXT, "plain text"}} {
		if slices.Contains(formats, f.f) {
			names = append(names, f.name)
		}
	}
	return names
}

// Write renders doc in format f to w. It drops the warnings;
// WriteWarnings returns them.
func (r *Renderer) Write(w io.Writer, doc *ast.Document, f Format) error {
	_, err := r.WriteWarnings(w, doc, f)
	return err
}

// WriteWarnings renders doc in format f to w and returns every warning
// the backend gives, also with an error.
func (r *Renderer) WriteWarnings(w io.Writer, doc *ast.Document, f Format) ([]Warning, error) {
	if err := r.interrupted(f); err != nil {
		return nil, err
	}
	var err error
	var ws []Warning
	switch f {
	case PDF, JSON:
		// Made in memory whole either way: written from there.
		var out Output
		if out, ws, err = r.Output(doc, f); err != nil {
			return ws, err
		}
		if _, err := w.Write(out.Data); err != nil {
			return ws, fmt.Errorf("render %s: write: %w", f, err)
		}
		return ws, nil
	case HTML:
		err = html.Render(w, doc, r.opts.HTML)
	case TXT:
		err = txt.Render(w, doc, r.opts.TXT)
	default:
		return nil, fmt.Errorf("unknown format %q", f)
	}
	if err != nil {
		return ws, fmt.Errorf("render %s: %w", f, err)
	}
	return ws, nil
}

// Output is one rendered format held in memory.
type Output struct {
	Format Format
	Data   []byte
	// SHA256 is the SHA-256 of Data (what a batch's index lists).
	SHA256 [sha256.Size]byte
}

// Output renders doc in format f and returns the file, its SHA-256 and
// every warning the backend gives, also with an error. The PDF and the
// JSON are the buffers their backends made them in, not copies (a PDF is
// about 70 KB), and the PDF's SHA-256 is computed by the PDF writer with
// the file's /ID.
func (r *Renderer) Output(doc *ast.Document, f Format) (Output, []Warning, error) {
	if err := r.interrupted(f); err != nil {
		return Output{}, nil, err
	}
	var ws []Warning
	var err error
	out := Output{Format: f}
	switch f {
	case PDF:
		if r.pdf == nil {
			return Output{}, nil, fmt.Errorf("renderer was not prepared for %s", f)
		}
		file, pws, err := r.pdf.File(doc)
		for _, w := range pws {
			ws = append(ws, Warning{Kind: WarningKind(w.Kind), Pos: w.Pos, Message: w.Message})
		}
		if err != nil {
			return Output{}, ws, fmt.Errorf("render %s: %w", f, err)
		}
		out.Data, out.SHA256 = file.Data, file.SHA256
		return out, ws, nil
	case JSON:
		if out.Data, err = jsondoc.Marshal(doc, r.opts.JSON); err != nil {
			return Output{}, nil, fmt.Errorf("render %s: %w", f, err)
		}
	default:
		var buf bytes.Buffer
		if ws, err = r.WriteWarnings(&buf, doc, f); err != nil {
			return Output{}, ws, err
		}
		out.Data = buf.Bytes()
	}
	out.SHA256 = sha256.Sum256(out.Data)
	return out, ws, nil
}

// All renders doc in every format of r. It returns either every output or
// an error and none, so a caller never writes half a set.
func (r *Renderer) All(doc *ast.Document) ([]Output, error) {
	outs := make([]Output, 0, len(r.formats))
	for _, f := range r.formats {
		out, _, err := r.Output(doc, f)
		if err != nil {
			return nil, err
		}
		outs = append(outs, out)
	}
	return outs, nil
}
