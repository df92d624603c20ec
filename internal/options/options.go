// Package options is the one mapping from the library's settings
// (policyexport.Options, which the command line fills from its flags) to
// the parse, fill and backend options of packages template and render.
// policyexport.Options converts to Options (the fields are the same, in
// the same order; the compiler checks it), so that the library, the
// render command and the batch command build their backends in one
// place. It never reads a file or the environment: the caller has read
// stylesheets and fonts, and decided the date.
package options

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/safeurl"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/txt"
	"github.com/policyexport/policyexport/internal/version"
)

// Options are policyexport.Options field for field; see there for what
// each means.
type Options struct {
	CommonMark   bool
	MaxBytes     int
	MaxDepth     int
	MaxCost      int
	KeepMissing  bool
	Strict       bool
	NoTitleBlock bool

	Lang        string
	TOC         bool
	Fragment    bool
	CSS         string
	UnsafeHTML  bool
	EmbedImages bool
	HTMLOutDir  string

	Width       int
	CRLF        bool
	InlineLinks bool

	Compact bool

	Paper            string
	Margin           *float64
	Justify          bool
	Footer           string
	NoFooter         bool
	Fonts            [][]byte
	MissingImagesAlt bool
	NoLocalImages    bool
	Date             *time.Time
	MaxPages         int
	PDFStandard      string
	AttachSource     bool
	PDFLinks         string
	BaseURL          string

	Formats  []render.Format
	Producer string
}

// OptionError is a field of Options that Backend refuses; the root
// package gives it to programs as a *policyexport.OptionError.
type OptionError struct {
	// Option is the field's name ("Paper").
	Option string
	// Value is the refused value as text ("a5"); "" for CSS.
	Value string
	// Shown is what the message writes after the field's name (`"a5"`,
	// "with PDFStandard a-1b"), or "".
	Shown string
	// Reason says what is wrong ("want a4 or letter").
	Reason string
	// Err is the cause, or nil.
	Err error
}

// Error formats the error as `policyexport: Options.Paper "a5": want a4
// or letter`.
func (e *OptionError) Error() string {
	s := "policyexport: Options." + e.Option
	if e.Shown != "" {
		s += " " + e.Shown
	}
	return s + ": " + e.Reason
}

// Unwrap returns the cause.
func (e *OptionError) Unwrap() error { return e.Err }

// Template returns the parse options.
func (o Options) Template() template.Options {
	t := template.Options{MaxBytes: o.MaxBytes, MaxDepth: o.MaxDepth, MaxCost: o.MaxCost}
	if o.CommonMark {
		t.Profile = template.ProfileCommonMark
	}
	return t
}

// Fill returns the fill options; lang is Backend's language.
func (o Options) Fill(lang string) template.FillOptions {
	f := template.FillOptions{Missing: template.MissingError, DefaultLang: lang, NoTitleBlock: o.NoTitleBlock, BaseURL: strings.TrimSpace(o.BaseURL), NoLocalImages: o.NoLocalImages}
	if o.KeepMissing {
		f.Missing = template.MissingKeep
	}
	return f
}

// Backend checks o and returns the backends' options, and the document
// language for Fill: o.Lang in its canonical form, "" when it is empty
// (the backends then write English, and the metadata names no language).
func (o Options) Backend() (render.Options, string, error) {
	var ro render.Options
	for _, n := range []struct {
		name  string
		value int
	}{{"MaxBytes", o.MaxBytes}, {"MaxDepth", o.MaxDepth}, {"MaxCost", o.MaxCost}, {"MaxPages", o.MaxPages}} {
		if n.value < 0 {
			v := strconv.Itoa(n.value)
			return ro, "", &OptionError{Option: n.name, Value: v, Shown: v, Reason: "want 0 (the default) or more"}
		}
	}
	lang := ""
	if o.Lang != "" {
		tag, err := l10n.Tag(o.Lang)
		if err != nil {
			return ro, "", &OptionError{Option: "Lang", Value: o.Lang, Shown: strconv.Quote(o.Lang), Reason: "not a BCP 47 language tag"}
		}
		lang = tag
	}
	if err := html.CheckCSS(o.CSS); err != nil {
		return ro, "", &OptionError{Option: "CSS", Reason: err.Error(), Err: err}
	}
	if o.Width != 0 && o.Width < 20 {
		v := strconv.Itoa(o.Width)
		return ro, "", &OptionError{Option: "Width", Value: v, Shown: v, Reason: "want at least 20 columns"}
	}
	if m := o.Margin; m != nil && !(*m >= 0 && *m <= 80) { // NaN too
		v := fmt.Sprintf("%g", *m)
		return ro, "", &OptionError{Option: "Margin", Value: v, Shown: v, Reason: "want 0 to 80 mm"}
	}
	if o.Date != nil {
		if _, _, err := render.DocumentDate(render.DateInputs{Fixed: o.Date}); err != nil {
			return ro, "", &OptionError{Option: "Date", Value: o.Date.Format(time.RFC3339), Reason: err.Error(), Err: err}
		}
	}
	paper := strings.ToLower(o.Paper)
	switch paper {
	case "", "a4", "letter":
	default:
		return ro, "", &OptionError{Option: "Paper", Value: o.Paper, Shown: strconv.Quote(o.Paper), Reason: "want a4 or letter"}
	}
	std, err := pdf.ParseStandard(o.PDFStandard)
	if err != nil {
		return ro, "", &OptionError{Option: "PDFStandard", Value: o.PDFStandard, Shown: strconv.Quote(o.PDFStandard), Reason: err.Error(), Err: err}
	}
	if o.AttachSource && !std.AllowsAttachments() {
		err := std.AttachmentError()
		return ro, "", &OptionError{Option: "AttachSource", Value: "true", Shown: "with PDFStandard " + std.String(), Reason: err.Error(), Err: err}
	}
	producer := o.Producer
	if producer == "" {
		producer = version.String()
	}
	ro.HTML = html.Options{
		Fragment: o.Fragment, TOC: o.TOC, CSS: o.CSS, UnsafeHTML: o.UnsafeHTML, Lang: lang,
		CommonMark: o.CommonMark, Generator: producer, EmbedImages: o.EmbedImages,
		MissingImagesAlt: o.MissingImagesAlt, MaxEmbedBytes: o.MaxBytes, OutDir: o.HTMLOutDir,
	}
	ro.TXT = txt.Options{Width: o.Width, CRLF: o.CRLF, Links: txt.LinksReference, Lang: lang}
	if o.InlineLinks {
		ro.TXT.Links = txt.LinksInline
	}
	ro.JSON = jsondoc.Options{Compact: o.Compact}
	ro.PDF = pdf.Options{
		Paper: paper, Justify: o.Justify, TOC: o.TOC, NoFooter: o.NoFooter, FooterText: o.Footer,
		Fonts: o.Fonts, MissingImagesAlt: o.MissingImagesAlt, Creator: producer, MaxPages: o.MaxPages, Lang: lang,
		Standard: std,
	}
	switch strings.ToLower(o.PDFLinks) {
	case "", "footnote":
		ro.PDF.Links = pdf.LinksFootnote
	case "inline":
		ro.PDF.Links = pdf.LinksInline
	case "none":
		ro.PDF.Links = pdf.LinksNone
	default:
		return ro, "", &OptionError{Option: "PDFLinks", Value: o.PDFLinks, Shown: strconv.Quote(o.PDFLinks), Reason: "want footnote, inline or none"}
	}
	if err := CheckBaseURL(o.BaseURL); err != nil {
		return ro, "", &OptionError{Option: "BaseURL", Value: o.BaseURL, Shown: strconv.Quote(o.BaseURL), Reason: err.Error(), Err: err}
	}
	if m := o.Margin; m != nil {
		ro.PDF.Margins = &pdf.Margins{Left: *m, Right: *m, Top: *m, Bottom: *m}
	}
	return ro, lang, nil
}

// CheckBaseURL checks a base address (Options.BaseURL, --base-url): one
// that names no value must be an absolute http or https address
// (safeurl.CheckBase); one that names values ("{siteUrl}/legal/") is
// checked for each document, filled (template.FillOptions.BaseURL). A
// placeholder typed with spaces or in two pairs of braces ("{ siteUrl
// }") is an error that says what to write.
func CheckBaseURL(base string) error {
	base = strings.TrimSpace(base)
	if base == "" {
		return nil
	}
	for i := 0; i < len(base); i++ {
		// "{ siteUrl }/legal/" is no address and no placeholder: say
		// what to write.
		if n, msg := template.Lookalike(base[i:], "placeholder"); base[i] == '{' && n > 0 {
			return errors.New(msg)
		}
	}
	for _, p := range l10n.Fields(base) {
		if p.Field != "" {
			return nil
		}
	}
	return safeurl.CheckBase(base)
}

// HTMLDroppedBy returns the formats among formats whose outputs leave the
// template's raw HTML out, in the order of render.All: the PDF and the
// plain text always, the HTML unless UnsafeHTML or CommonMark keeps it
// there; JSON keeps every node. It is nil when none of them drops it.
func (o Options) HTMLDroppedBy(formats []render.Format) []render.Format {
	var out []render.Format
	for _, f := range render.All() {
		if !slices.Contains(formats, f) || f == render.JSON || f == render.HTML && (o.UnsafeHTML || o.CommonMark) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// DroppedHTMLMessage is the one wording of the warning about the raw HTML
// at pos of the template called name that the formats dropping leave out
// (HTMLDroppedBy): it names those formats, and how to keep it. unsafeHTML
// is UnsafeHTMLName (which the command's CommandWording makes
// "--unsafe-html"), or "" when that setting (or CommonMark) is
// already on: the hint is then that only HTML can keep raw HTML.
func DroppedHTMLMessage(name string, pos ast.Pos, dropping []render.Format, unsafeHTML string) string {
	names := make([]string, len(dropping))
	for i, f := range dropping {
		names[i] = formatName(f)
	}
	list := strings.Join(names, ", ")
	if n := len(names); n > 1 {
		list = strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
	hint := "only HTML can keep it"
	if unsafeHTML != "" {
		hint = unsafeHTML + " keeps it in HTML"
	}
	return fmt.Sprintf("%s:%s: raw HTML dropped from %s (%s)", name, pos, list, hint)
}

// UnsafeHTMLName is what the library's messages call the setting that
// keeps raw HTML in HTML; the command line says --unsafe-html instead
// (CommandWording).
const UnsafeHTMLName = "Options.UnsafeHTML"

// UnsafeHTMLHint is the unsafeHTML of DroppedHTMLMessage for o: name,
// or "" when o already keeps raw HTML in HTML.
func (o Options) UnsafeHTMLHint(name string) string {
	if o.UnsafeHTML || o.CommonMark {
		return ""
	}
	return name
}

// formatName is what a warning calls format f.
func formatName(f render.Format) string {
	switch f {
	case render.PDF:
		return "PDF"
	case render.HTML:
		return "HTML"
	case render.TXT:
		return "plain text"
	case render.JSON:
		return "JSON"
	}
	return string(f)
}

// Attachments returns the PDF attachments of Options.AttachSource: the
// template called name (its source src) and the values it was filled
// with, as JSON with sorted keys.
func Attachments(name string, src []byte, vals map[string]string) ([]pdf.Attachment, error) {
	data, err := json.MarshalIndent(vals, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("attach the source: %w", err)
	}
	return []pdf.Attachment{
		{Name: filepath.Base(name), Description: "The template this document was rendered from", Content: src,
			Relationship: "Source", MIME: "text/markdown"},
		{Name: "values.json", Description: "The values the template was filled with", Content: append(data, '\n'),
			Relationship: "Data", MIME: "application/json"},
	}, nil
}

// commandWords rewrites what the library's messages call a setting
// (its field of policyexport.Options) into the command line's flag: the
// one table of these names, in argument order, the longer phrases that
// name a value before the bare field. Each message is written once, in
// the library's words, where it is made (the backends, package template,
// the root package); the command passes its errors and warnings through
// CommandWording.
var commandWords = strings.NewReplacer(
	"set Options.MissingImagesAlt", "use --missing-images=alt",
	`set Options.PDFStandard to "a-2b"`, "use --pdf-standard a-2b",
	`set Options.PDFStandard to "a-3b" (or "a-3u")`, "use --pdf-standard a-3b (or a-3u)",
	"add a font that has it to Options.Fonts", "add a font that has it with --font FILE.ttf",
	"font in Options.Fonts", "--font",
	UnsafeHTMLName, "--unsafe-html",
	"Options.PDFStandard", "--pdf-standard",
	"Options.MaxBytes", "--max-size",
	"Options.MaxPages", "--max-pages",
	"Options.MaxDepth", "--max-depth",
	"Options.MaxCost", "--max-cost",
	"Options.BaseURL", "--base-url",
	"Options.EmbedImages", "--embed-images",
	"set Options.PDFLinks to", "choose --pdf-links",
	"Options.TOC", "--toc",
	"Options.NoFooter", "--no-footer",
	"Options.Footer", "--footer",
	"Options.NoTitleBlock", "--no-title-block",
	"Options.Lang", "--lang",
)

// CommandWording returns msg, a message of the library's (an error's or
// a warning's), in the command line's words: each setting it names as a
// field of policyexport.Options ("raise it with Options.MaxPages") is
// named as its flag ("raise it with --max-pages").
func CommandWording(msg string) string {
	return commandWords.Replace(msg)
}
