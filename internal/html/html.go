// Package html renders an ast.Document as HTML: a standalone HTML5 page
// with an embedded stylesheet (the default), a body fragment, or, in
// CommonMark mode, markup shaped exactly like the CommonMark spec's
// reference output.
//
// It owns the HTML markup of every node kind, text and URL escaping, the
// heading anchors, the table of contents and the footnote section. It
// never parses Markdown, never imports goldmark or another backend, never
// loads an external resource (it reads local image files only to embed
// them, with Options.EmbedImages), and never writes a link or image whose
// destination safeurl refuses: such a link becomes a <span
// class="link-blocked"> holding the link text, and such an image a <span
// class="image-blocked"> holding the alt text, in every mode. On paper
// a link keeps its destination readable, as the PDF's link notes do: a
// link whose text is not its destination carries data-print-url, which
// the default stylesheet's print rules write after it (inlines.go).
package html

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

//go:embed style.css
var defaultCSS string

// Options control Render. The zero value renders a standalone HTML5 page
// in English (unless the document says otherwise) with the embedded
// stylesheet, heading anchors, no table of contents and raw HTML dropped.
type Options struct {
	// Fragment renders only the body content, without doctype, head or
	// stylesheet, and without the title block (the page it goes into
	// shows the title). Default false: a standalone page.
	Fragment bool
	// TOC inserts a table of contents of the top-level headings that have
	// an id, as a <nav> of nested lists, right after the title heading
	// (ast.Title: the first top-level level-1 heading), or at the start of
	// the body when there is none. The title heading itself is not
	// listed. Ignored in CommonMark mode.
	TOC bool
	// CSS replaces the embedded stylesheet when non-empty. It must not
	// contain "</style".
	CSS string
	// UnsafeHTML passes raw HTML (ast.HTMLBlock, ast.RawHTML) through
	// verbatim. Default false: each piece of raw HTML is replaced by the
	// comment "<!-- raw HTML omitted -->".
	UnsafeHTML bool
	// Lang is the page language used when doc.Meta.Lang is empty; empty
	// means "en". The language must be a valid BCP 47 tag; when its
	// script is written right to left the page gets dir="rtl". It also
	// chooses the language of the fixed labels (package l10n).
	Lang string
	// Redline says the document is a redline, the comparison of two
	// versions: its <title> says so in the page's language
	// (l10n.RedlineTitle, "Comparison of versions: Terms"), so that a
	// tab or a screen reader tells it from the document itself (WCAG
	// 2.4.2). The body is unchanged.
	Redline bool
	// Interrupt, when not nil, is called before each block, nested ones
	// included; an error from it stops the rendering, and Render returns
	// it (context.Context's Err fits). What the buffered writer
	// passed on to w before stays written: write to a buffer to have all
	// or nothing.
	Interrupt func() error
	// CommonMark selects conformance mode: output byte-shaped like the
	// CommonMark spec's reference HTML (XHTML-style void elements, no
	// heading ids or anchors, no table of contents). It implies Fragment
	// and UnsafeHTML.
	CommonMark bool
	// Generator, when non-empty, is written as <meta name="generator">,
	// for example "policyexport v0.1.0".
	Generator string
	// ImageDir is the directory relative image paths are relative to
	// (the template's); empty means the working directory.
	ImageDir string
	// OutDir is the directory the HTML file is written to. When it and
	// ImageDir are both set, a relative image path is rewritten to be
	// relative to OutDir, so that the page finds the image; empty leaves
	// image paths as written. Remote and absolute paths never change.
	OutDir string
	// EmbedImages writes each local image into the page as a data: URL
	// of its media type (PNG, JPEG, GIF, WebP or SVG, told by the file's
	// content), so that the page stands alone. Remote images stay links.
	// These are the only data: URLs the backend ever writes.
	EmbedImages bool
	// MissingImagesAlt, with EmbedImages, leaves an image that cannot be
	// embedded (missing, or not an image) as a path, whose alt text a
	// browser shows, instead of failing with an *imagefile.Error.
	MissingImagesAlt bool
	// MaxEmbedBytes, with EmbedImages, is the most bytes of image files
	// one page embeds, every occurrence counted; 0 means
	// DefaultMaxEmbedBytes. An image past it fails the render with an
	// *EmbedLimitError, whatever MissingImagesAlt says.
	MaxEmbedBytes int
	// FootnoteIDs names the footnotes' ids, when its prefix is not empty
	// (an ast.NewFootnoteIDs of the document and of the other documents
	// of the same page); else ast.NewFootnoteIDs(doc.Blocks): "fn-1",
	// "fnref-1". Two fragments of one page each with footnotes, the
	// columns of a side-by-side redline, need two.
	FootnoteIDs ast.FootnoteIDs
}

// DefaultMaxEmbedBytes is the limit on the image bytes one page embeds
// when Options.MaxEmbedBytes is 0: 4 MiB, the default --max-size, which
// the command line passes.
const DefaultMaxEmbedBytes = 4 << 20

// CheckCSS reports whether css can be a page's stylesheet (Options.CSS):
// it must not contain "</style", in any letter case, which would end the
// <style> element and let the rest be markup.
func CheckCSS(css string) error {
	if containsFold(css, "</style") {
		return errors.New(`stylesheet must not contain "</style"`)
	}
	return nil
}

// DefaultCSS returns the stylesheet embedded in standalone pages when
// Options.CSS is empty.
func DefaultCSS() string { return defaultCSS }

// Render writes doc to w as HTML according to opts. It returns an error
// when the language tag or the stylesheet is unusable, when the document
// holds a node of no known kind (an *ast.UnknownNodeError), or when
// writing to w fails. The page is built in memory and written to w only
// when it is whole, so that w holds nothing after any error but a failed
// write; callers that must not leave half a file when w fails write to a
// buffer or a temporary file.
func Render(w io.Writer, doc *ast.Document, opts Options) error {
	if doc == nil {
		return errors.New("html: nil document")
	}
	if opts.CommonMark {
		opts.Fragment = true
		opts.UnsafeHTML = true
		opts.TOC = false
	}
	if opts.Fragment {
		doc = withoutTitleBlock(doc)
	}
	// The page is written into out and copied to w only when it is whole:
	// a bufio.Writer on w passed its first 4096 bytes on to w before a
	// node of no known kind further on failed the render, half a page
	// under an error.
	var out bytes.Buffer
	r := newRenderer(&out, doc, opts)
	if opts.Fragment {
		r.body(doc.Blocks)
	} else if err := r.page(doc); err != nil {
		return err
	}
	if r.err != nil {
		return r.err
	}
	if err := r.w.Flush(); err != nil {
		return fmt.Errorf("html: write: %w", err)
	}
	if _, err := out.WriteTo(w); err != nil {
		return fmt.Errorf("html: write: %w", err)
	}
	return nil
}

// withoutTitleBlock returns doc without its title block (ast.Heading's
// TitleBlock), which a fragment leaves out: the page it goes into shows
// the title, as pandoc writes a title block only with -s.
func withoutTitleBlock(doc *ast.Document) *ast.Document {
	if len(doc.Blocks) == 0 {
		return doc
	}
	if h, ok := doc.Blocks[0].(*ast.Heading); !ok || !h.TitleBlock {
		return doc
	}
	rest := *doc
	rest.Blocks = doc.Blocks[1:]
	return &rest
}

// renderer is the state of one Render call: the read-only options and
// what changes while writing.
type renderer struct {
	w    *bufio.Writer
	opts Options
	// xhtml writes void elements as "<br />" (CommonMark mode).
	xhtml bool
	// strict replaces code points HTML forbids (standalone and fragment
	// modes).
	strict bool
	// anchors adds heading ids and anchor links.
	anchors bool
	// lang is the document's language, for fixed text (package l10n).
	lang l10n.Lang

	// toc lists the headings of the table of contents; tocAfter is the
	// heading after which it is written (nil: at the start of the body).
	toc      []*ast.Heading
	tocAfter *ast.Heading

	// fnDefined holds the footnote numbers that have a definition.
	fnDefined map[int]bool
	// fnRefTotal counts references per footnote number in the whole
	// document; fnRefSeen counts those written so far.
	fnRefTotal map[int]int
	fnRefSeen  map[int]int
	// fnWritten holds the definitions already written, so that a repeated
	// number never repeats an id.
	fnWritten map[int]bool
	// fnIDs name the footnotes ("fn-1" and "fnref-1", or with another
	// prefix when a heading id would collide).
	fnIDs ast.FootnoteIDs

	// outline gives the headings their levels (outlineLevel).
	outline ast.Outline

	// linkDepth is how many links enclose the current inline; links and
	// footnote links inside a link lose their <a> so anchors never nest.
	linkDepth int

	// pos is the position of the innermost block being written that has
	// one, for the unknown-node error.
	pos ast.Pos
	// err is the first error met while writing (an image that cannot be
	// embedded); Render returns it and writes nothing.
	err error
	// embedded counts the image bytes embedded so far, against
	// Options.MaxEmbedBytes.
	embedded int64
}

// interrupted reports whether Options.Interrupt stopped the rendering,
// recording its error.
func (r *renderer) interrupted() bool {
	if r.opts.Interrupt == nil {
		return false
	}
	if err := r.opts.Interrupt(); err != nil {
		r.fail(err)
		return true
	}
	return false
}

// fail records the first error of the render.
func (r *renderer) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func newRenderer(w io.Writer, doc *ast.Document, opts Options) *renderer {
	r := &renderer{
		w:          bufio.NewWriter(w),
		opts:       opts,
		xhtml:      opts.CommonMark,
		strict:     !opts.CommonMark,
		anchors:    !opts.CommonMark,
		fnDefined:  map[int]bool{},
		fnRefTotal: map[int]int{},
		fnRefSeen:  map[int]int{},
		fnWritten:  map[int]bool{},
		fnIDs:      opts.FootnoteIDs,
		lang:       l10n.Match(doc.Meta.Lang, opts.Lang),
		outline:    ast.Outline{KeepTop: true},
	}
	if r.fnIDs.Prefix() == "" {
		r.fnIDs = ast.NewFootnoteIDs(doc.Blocks)
	}
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FootnoteDefinition:
			r.fnDefined[n.Index] = true
		case *ast.FootnoteRef:
			r.fnRefTotal[n.Index]++
		}
		return true
	})
	if opts.TOC {
		r.collectTOC(doc)
	}
	return r
}

// unknown records the error for a node of no known kind.
func (r *renderer) unknown(n ast.Node) {
	if r.err == nil {
		r.err = ast.Unknown(n, r.pos)
	}
}

// page writes a standalone HTML5 page around the body.
func (r *renderer) page(doc *ast.Document) error {
	lang, rtl, err := pageLang(doc.Meta.Lang, r.opts.Lang)
	if err != nil {
		return err
	}
	css := defaultCSS
	if r.opts.CSS != "" {
		css = r.opts.CSS
	}
	if err := CheckCSS(css); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	r.raw("<!DOCTYPE html>\n<html lang=\"")
	r.attr(lang)
	if rtl {
		r.raw(`" dir="rtl`)
	}
	r.raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
	r.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	r.raw("<title>")
	title := pageTitle(doc, r.lang)
	if r.opts.Redline {
		title = r.lang.RedlineTitle(title)
	}
	r.text(title)
	r.raw("</title>\n")
	r.meta("description", doc.Meta.Description)
	r.meta("author", doc.Meta.Author)
	r.meta("keywords", strings.Join(doc.Meta.Keywords, ", "))
	r.meta("generator", r.opts.Generator)
	r.raw("<style>\n")
	r.raw(css)
	if !strings.HasSuffix(css, "\n") {
		r.raw("\n")
	}
	if r.opts.CSS == "" && hasStrikethrough(doc) {
		r.raw(SpokenLabelCSS(SpokenLabel{"del", r.lang.Label(l10n.Deleted)}))
	}
	r.raw("</style>\n</head>\n<body>\n<main>\n")
	r.body(doc.Blocks)
	r.raw("</main>\n</body>\n</html>\n")
	return nil
}

// hasStrikethrough reports whether doc has struck-out text.
func hasStrikethrough(doc *ast.Document) bool {
	found := false
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		if _, ok := n.(*ast.Strikethrough); ok {
			found = true
		}
		return !found
	})
	return found
}

// SpokenLabel is a word a screen reader says before the elements a CSS
// selector matches (SpokenLabelCSS).
type SpokenLabel struct {
	Selector, Label string
}

// SpokenLabelCSS returns the stylesheet rules that make a screen reader
// say "[label: " before each element a label's selector matches and "]"
// after it, while the page shows nothing of them: a hidden ::before and
// ::after. Struck-out text (<del>) was read as live text, as if the
// clause it strikes still held; the default stylesheet gets the rule
// for del in the page's language when the document has struck-out text,
// and redlines get it for their deleted, inserted and reformatted text.
// Being generated content, a label is not copied with the text.
func SpokenLabelCSS(labels ...SpokenLabel) string {
	var b strings.Builder
	for i, l := range labels {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(l.Selector + "::before, " + l.Selector + "::after")
	}
	b.WriteString(" {\n  clip-path: inset(100%); clip: rect(1px, 1px, 1px, 1px); height: 1px; width: 1px;\n" +
		"  overflow: hidden; position: absolute; white-space: nowrap;\n}\n")
	for _, l := range labels {
		b.WriteString(l.Selector + "::before { content: " + CSSString(" ["+l.Label+": ") + "; }\n")
	}
	for i, l := range labels {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(l.Selector + "::after")
	}
	b.WriteString(" { content: \"] \"; }\n")
	return b.String()
}

// CSSString quotes s as a CSS string.
func CSSString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\a `).Replace(s) + `"`
}

// pageLang picks and checks the page language, and reports whether its
// script is written right to left (l10n.Lang.RTL, the rule the PDF's
// paragraph direction follows too).
func pageLang(docLang, optLang string) (lang string, rtl bool, err error) {
	lang = strings.TrimSpace(docLang)
	if lang == "" {
		lang = strings.TrimSpace(optLang)
	}
	if lang == "" {
		return "en", false, nil
	}
	canonical, err := l10n.Tag(lang)
	if err != nil {
		return "", false, fmt.Errorf("html: language %q: %w", lang, err)
	}
	return canonical, l10n.Match(canonical).RTL(), nil
}

// pageTitle is the metadata title, else the text of the title heading
// (ast.Title), else "Document" in the document's language. A value in it
// whose direction is not the page's is between FIRST STRONG ISOLATE and
// POP DIRECTIONAL ISOLATE (ast.TitleSegments, ast.IsolatedText), since
// <title> holds no element: "title: {company} 2026" with the Hebrew
// company "שלום" in an English page was shown "2026 שלום" in a browser's
// tab and window title, which lay out the title in the page's direction
// as the body. A browser draws neither character.
func pageTitle(doc *ast.Document, lang l10n.Lang) string {
	if t := collapseSpace(ast.IsolatedText(ast.TitleSegments(doc))); t != "" {
		return t
	}
	if h := ast.Title(doc); h != nil {
		if t := collapseSpace(ast.PlainText(h.Inlines)); t != "" {
			return t
		}
	}
	return lang.Label(l10n.Document)
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// meta writes <meta name content> when content is not blank.
func (r *renderer) meta(name, content string) {
	content = collapseSpace(content)
	if content == "" {
		return
	}
	r.raw(`<meta name="`)
	r.raw(name)
	r.raw(`" content="`)
	r.attr(content)
	r.raw("\">\n")
}

// body writes the table of contents when it goes first, and the blocks.
func (r *renderer) body(blocks []ast.Block) {
	if len(r.toc) > 0 && r.tocAfter == nil {
		r.writeTOC()
	}
	r.blocks(blocks)
}

// raw writes s unescaped.
func (r *renderer) raw(s string) { r.w.WriteString(s) }

// text writes s escaped as HTML text.
func (r *renderer) text(s string) { writeEscaped(r.w, s, r.strict) }

// attr writes s escaped for a double-quoted attribute value.
func (r *renderer) attr(s string) { writeEscaped(r.w, s, r.strict) }

// url writes dest percent-encoded and escaped for an attribute value.
// Outside CommonMark mode an http(s), ftp or ws(s) URL without "//" gets
// it (see authoritySlashes).
func (r *renderer) url(dest string) {
	if !r.xhtml {
		dest = authoritySlashes(dest)
	}
	r.attr(escapeURL(dest))
}

// void ends a void element: ">" or, in CommonMark mode, " />".
func (r *renderer) void() {
	if r.xhtml {
		r.raw(" />")
	} else {
		r.raw(">")
	}
}

func (r *renderer) int(n int) { r.raw(strconv.Itoa(n)) }
