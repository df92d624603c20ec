package html

import (
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/safeurl"
)

// inlines writes a run of inlines.
func (r *renderer) inlines(ins []ast.Inline) {
	for _, in := range ins {
		r.inline(in)
	}
}

// inline writes one inline. An inline of no known kind stops the
// rendering with an *ast.UnknownNodeError.
func (r *renderer) inline(in ast.Inline) {
	switch in := in.(type) {
	case *ast.Text:
		r.textNode(in)
		return
	case *ast.Emphasis:
		r.emphasis(in)
		return
	case *ast.Strong:
		r.strong(in)
		return
	case *ast.Strikethrough:
		r.strikethrough(in)
		return
	case *ast.Code:
		r.code(in)
		return
	case *ast.Link:
		r.link(in)
		return
	case *ast.Image:
		r.image(in)
		return
	case *ast.SoftBreak:
		r.softBreak(in)
		return
	case *ast.HardBreak:
		r.hardBreak(in)
		return
	case *ast.RawHTML:
		r.rawHTML(in)
		return
	case *ast.FootnoteRef:
		r.footnoteRef(in)
		return
	case *ast.Change:
		r.change(in)
		return
	}
	r.unknown(in)
}

// textNode writes escaped text; a value whose direction is not the
// page's (ast.Text.Isolate) inside <bdi>, which reads it in its own
// direction, apart from the text around it: in an English page
// "<bdi>שלום</bdi>: 5 employees" keeps ": 5" after the name, where the
// browser showed "5 :שלום employees". Other text gets no element, so a
// page whose values read as it does is unchanged.
func (r *renderer) textNode(t *ast.Text) {
	if !t.Isolate {
		r.text(t.Text)
		return
	}
	r.raw("<bdi>")
	r.text(t.Text)
	r.raw("</bdi>")
}

// emphasis writes <em>.
func (r *renderer) emphasis(e *ast.Emphasis) { r.element("em", e.Inlines) }

// strong writes <strong>.
func (r *renderer) strong(s *ast.Strong) { r.element("strong", s.Inlines) }

// strikethrough writes <del>.
func (r *renderer) strikethrough(s *ast.Strikethrough) { r.element("del", s.Inlines) }

// change writes a redline's change: <ins> for inserted text, <del> for
// deleted text and <span class="reformatted"> for text whose formatting
// changed, with the change's id as the element's.
func (r *renderer) change(c *ast.Change) {
	tag, class := "ins", ""
	switch c.Kind {
	case ast.Deleted:
		tag = "del"
	case ast.Reformatted:
		tag, class = "span", "reformatted"
	}
	r.raw("<" + tag)
	if c.ID != "" {
		r.raw(` id="`)
		r.attr(c.ID)
		r.raw(`"`)
	}
	if class != "" {
		r.raw(` class="` + class + `"`)
	}
	r.raw(">")
	r.inlines(c.Inlines)
	r.raw("</" + tag + ">")
}

// element writes ins inside an element without attributes.
func (r *renderer) element(tag string, ins []ast.Inline) {
	r.raw("<" + tag + ">")
	r.inlines(ins)
	r.raw("</" + tag + ">")
}

// code writes an inline <code>; in a document written right to left
// <code dir="ltr">, as a code block's <pre> (codeBlock): the attribute
// isolates the span and reads it left to right, where "`f();` و" took
// the paragraph's direction and showed ";()f", the punctuation moved to
// the far side of the name.
func (r *renderer) code(c *ast.Code) {
	if !r.xhtml && r.lang.RTL() {
		r.raw(`<code dir="ltr">`)
	} else {
		r.raw("<code>")
	}
	r.text(c.Text)
	r.raw("</code>")
}

// link writes <a href title>. A destination safeurl refuses gives a
// <span class="link-blocked"> around the link text instead, and a link
// inside a link gives its text only, so that anchors never nest. Outside
// CommonMark mode a link whose destination is spelled out on paper
// (ast.SpellsDestination) gets data-print-url, what
// the print stylesheet writes after it, as the PDF's link notes do: the
// destination, or the address of a mailto: link. A link without words
// (no text, or only an image without alt text) outside CommonMark mode
// shows that same destination as its text, as the plain text and the
// PDF write "<URL>" for it: an empty <a> was invisible on screen and had
// no name for a screen reader, which read it as "link" alone.
func (r *renderer) link(l *ast.Link) {
	if r.linkDepth > 0 {
		r.inlines(l.Inlines)
		return
	}
	if !safeurl.Allowed(l.Destination) {
		r.raw(`<span class="link-blocked">`)
		r.inlines(l.Inlines)
		r.raw("</span>")
		return
	}
	r.raw(`<a href="`)
	r.url(l.Destination)
	r.raw(`"`)
	r.title(l.Title)
	spelled := ""
	if !r.xhtml && ast.SpellsDestination(l) {
		spelled = strings.TrimPrefix(strings.TrimSpace(l.Destination), "mailto:")
	}
	wordless := spelled != "" && strings.TrimSpace(ast.PlainText(l.Inlines)) == ""
	if spelled != "" && !wordless {
		r.raw(` data-print-url="`)
		r.attr(spelled)
		r.raw(`"`)
	}
	if !r.xhtml && r.lang.RTL() && (wordless || ast.ShowsDestination(l)) {
		// An address reads left to right, isolated, as code does: in a
		// right-to-left paragraph "https://example.com/" showed as
		// "/https://example.com".
		r.raw(` dir="ltr"`)
	}
	r.raw(">")
	r.linkDepth++
	r.inlines(l.Inlines)
	r.linkDepth--
	if wordless {
		r.text(spelled)
	}
	r.raw("</a>")
}

// image writes <img src alt title>. A destination safeurl refuses, or an
// empty one outside CommonMark mode (an empty src is invalid HTML), gives
// a <span class="image-blocked"> holding the alt text instead. The src is
// the destination rebased for the output's directory, or the image itself
// as a data: URL (see imageSrc).
func (r *renderer) image(img *ast.Image) {
	if !safeurl.Allowed(img.Destination) || img.Destination == "" && !r.xhtml {
		r.raw(`<span class="image-blocked">`)
		r.text(img.Alt)
		r.raw("</span>")
		return
	}
	src, err := r.imageSrc(img)
	if err != nil {
		r.fail(err)
		return
	}
	r.raw(`<img src="`)
	r.url(src)
	r.raw(`" alt="`)
	r.attr(img.Alt)
	r.raw(`"`)
	r.title(img.Title)
	r.void()
}

// title writes a title attribute when t is not empty.
func (r *renderer) title(t string) {
	if t == "" {
		return
	}
	r.raw(` title="`)
	r.attr(t)
	r.raw(`"`)
}

// softBreak writes a newline.
func (r *renderer) softBreak(*ast.SoftBreak) { r.raw("\n") }

// hardBreak writes <br> and a newline.
func (r *renderer) hardBreak(*ast.HardBreak) {
	r.raw("<br")
	r.void()
	r.raw("\n")
}

// rawHTML writes inline raw HTML (see templateHTML).
func (r *renderer) rawHTML(h *ast.RawHTML) { r.templateHTML(h.Text, "") }

// templateHTML writes raw HTML from the template verbatim when it is
// allowed, else a comment saying it was left out, followed by end.
func (r *renderer) templateHTML(text, end string) {
	if !r.opts.UnsafeHTML {
		r.raw("<!-- raw HTML omitted -->" + end)
		return
	}
	r.raw(text)
}
