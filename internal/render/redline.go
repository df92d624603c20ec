package render

import (
	"bytes"
	"errors"
	stdhtml "html"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/imagefile"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/redline"
	"github.com/policyexport/policyexport/internal/txt"
)

// ForRedline returns a Renderer like r for redlines: its HTML
// stylesheet (the built-in one when r has none) gets the styles of
// deleted, inserted and reformatted text. It shares r's prepared
// resources.
func (r *Renderer) ForRedline() *Renderer {
	c := *r
	if c.opts.HTML.CSS == "" {
		c.opts.HTML.CSS = html.DefaultCSS()
	}
	c.opts.HTML.CSS += redlineCSS
	return &c
}

// WriteRedline writes the redline of a comparison, res of old and new,
// in format f, through r (ForRedline): the JSON
// change list (redline.Schema), or the redline document with its
// summary of changes, first in HTML and PDF and last in plain text. With
// sideBySide the HTML shows the old version beside the new one.
func (r *Renderer) WriteRedline(w io.Writer, f Format, res *redline.Result, old, new redline.Side, sideBySide bool) error {
	meta := res.Redline.Meta.Lang
	switch f {
	case JSON:
		return redline.WriteJSON(w, old, new, res, r.opts.JSON.Compact)
	case TXT:
		lang := l10n.Match(meta, r.opts.TXT.Lang)
		c := *r
		c.opts.TXT.Redline = true
		doc := redline.MoveMarks(res.Redline, res, lang, false)
		return c.Write(w, redline.WithSummary(doc, redline.Summary(res, nil, lang), false), f)
	case HTML:
		lang := l10n.Match(meta, r.opts.HTML.Lang)
		c := *r
		c.opts.HTML.CSS += redlineLabelsCSS(lang)
		c.opts.HTML.Redline = true
		if sideBySide {
			return writeSideBySide(w, c.opts.HTML, res, lang)
		}
		doc := redline.MoveMarks(res.Redline, res, lang, true)
		return c.Write(w, redline.WithSummary(doc, redline.Summary(res, redline.Anchors(res.Redline), lang), true), f)
	}
	// The PDF's summary links each change, as HTML's does: the PDF has
	// an anchor for each (a table's at its row).
	lang := l10n.Match(meta, r.opts.PDF.Lang)
	doc := redline.MoveMarks(res.Redline, res, lang, true)
	c := *r
	c.opts.PDF.Redline = true
	if r.pdf != nil {
		c.pdf = r.pdf.WithRedline()
	}
	return c.Write(w, redline.WithSummary(doc, redline.Summary(res, redline.Anchors(doc), lang), true), f)
}

// redlineLabelsCSS returns the words screen readers say before deleted,
// inserted and reformatted text in lang (html.SpokenLabelCSS).
func redlineLabelsCSS(lang l10n.Lang) string {
	return html.SpokenLabelCSS(html.SpokenLabel{Selector: "del", Label: lang.Label(l10n.Deleted)},
		html.SpokenLabel{Selector: "ins", Label: lang.Label(l10n.Inserted)},
		html.SpokenLabel{Selector: ".reformatted", Label: lang.Label(l10n.Reformatted)})
}

// Redlines renders the redline of res in each of formats (WriteRedline),
// every one or an error and none.
func (r *Renderer) Redlines(formats []Format, res *redline.Result, old, new redline.Side, sideBySide bool) ([]Output, error) {
	outs := make([]Output, 0, len(formats))
	for _, f := range formats {
		var buf bytes.Buffer
		if err := r.WriteRedline(&buf, f, res, old, new, sideBySide); err != nil {
			return nil, err
		}
		outs = append(outs, Output{Format: f, Data: buf.Bytes()})
	}
	return outs, nil
}

// WriteNotice writes the plain-text notice for the email that tells
// users of new (the new document of res) which sections changed and
// when it takes effect: its front matter date, else its lastUpdated
// value, as the document's language writes a long date ({name|date}'s
// "28. November 2026") when it is a date, else as written. The value as
// written made a German notice say "gilt ab November 28, 2026".
func (r *Renderer) WriteNotice(w io.Writer, res *redline.Result, new *ast.Document) error {
	lang := l10n.Match(new.Meta.Lang, r.opts.TXT.Lang)
	effective := new.Meta.Date
	if effective == "" {
		effective = new.Values["lastUpdated"]
	}
	if d, err := l10n.ParseDate(effective); err == nil {
		effective = lang.FormatDate(d)
	}
	return txt.Render(w, redline.Notice(res, new, effective, lang), r.opts.TXT)
}

// writeSideBySide writes the HTML redline as two columns: a page holding the
// title (its changes marked) and the summary, then the rest of the old
// version (deletions marked) beside the rest of the new one (insertions
// marked), each rendered by the HTML backend as a fragment
// and put in before the page's closing </main>, the last in the page.
func writeSideBySide(w io.Writer, opts html.Options, res *redline.Result, lang l10n.Lang) error {
	// The title heading, its changes marked as in a page of one column,
	// is the page's, and the summary follows it, as there: the page began
	// with the summary's <h2>, before the columns' <h1>s, and had no <h1>
	// at all when the title came from the front matter (a title block,
	// which a fragment leaves out).
	title := ast.Title(res.Redline)
	body := *res
	rest := *res.Redline
	rest.Blocks = slices.DeleteFunc(slices.Clone(rest.Blocks), func(b ast.Block) bool { return b == ast.Block(title) })
	body.Redline = &rest
	oldView, err := redline.View(&body, ast.Deleted)
	if err != nil {
		return err
	}
	newView, err := redline.View(&body, ast.Inserted)
	if err != nil {
		return err
	}
	head := *res.Redline
	head.Blocks = nil
	if title != nil {
		head.Blocks = []ast.Block{title}
	}
	// The anchors are on both sides, deletions and replacements on the
	// old one, and in the title.
	both := *newView
	both.Blocks = append(append(slices.Clone(head.Blocks), newView.Blocks...), oldView.Blocks...)
	head = *redline.WithSummary(&head, redline.Summary(res, redline.Anchors(&both), lang), true)
	// Each column marks the ends of moves it shows, linked to the other
	// column: where a block went from in the old one, where it went to
	// in the new one.
	oldView, newView = redline.MoveMarks(oldView, res, lang, true), redline.MoveMarks(newView, res, lang, true)
	var page, oldHTML, newHTML bytes.Buffer
	opts.CSS += sideBySideCSS
	// One table of contents, the new column's, at its top (the title is
	// the page's): the page's own listed the summary alone, a second
	// <nav> of the same name above the columns.
	frag := opts
	frag.Fragment = true
	opts.TOC = false
	if err := html.Render(&page, &head, opts); err != nil {
		return err
	}
	// The old column's footnotes have ids of their own ("fn2-1",
	// "fn2ref-1"), unlike the new column's ("fn-1"): the old column
	// showed no footnote, so that no id was twice in the page.
	newFrag := frag
	newFrag.FootnoteIDs = ast.NewFootnoteIDs(newView.Blocks)
	frag.FootnoteIDs = ast.NewFootnoteIDs(newView.Blocks, newFrag.FootnoteIDs)
	if err := html.Render(&oldHTML, oldView, frag); err != nil {
		return err
	}
	if err := html.Render(&newHTML, newView, newFrag); err != nil {
		return err
	}
	p := page.String()
	end := strings.LastIndex(p, "</main>")
	if end < 0 {
		return errors.New("html: the page has no </main>")
	}
	_, err = io.WriteString(w, p[:end]+"<div class=\"side-by-side\">\n<section class=\"old\" aria-label=\""+stdhtml.EscapeString(lang.Label(l10n.OldVersion))+"\">\n"+
		oldHTML.String()+"</section>\n<section class=\"new\" aria-label=\""+stdhtml.EscapeString(lang.Label(l10n.NewVersion))+"\">\n"+newHTML.String()+"</section>\n</div>\n"+p[end:])
	return err
}

// sideBySideCSS lays out --side-by-side's two columns (one column on a
// narrow screen).
const sideBySideCSS = `
main:has(.side-by-side) { max-width: none; }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 2.5em; }
.side-by-side > section { min-width: 0; }
@media (max-width: 60em) { .side-by-side { grid-template-columns: 1fr; } }
`

// redlineCSS styles a redline's changes on top of the page's stylesheet:
// colours that print, struck and underlined text that reads without
// colour, and words for screen readers, which announce neither <del> nor
// <ins> by default.
const redlineCSS = `
del { color: #b00; text-decoration: line-through; background: #fdecec; }
ins { color: #0645ad; text-decoration: underline; background: #e8f0fe; }
.reformatted { text-decoration: underline dotted; background: #f3e8fd; }
@media print {
  del, ins, .reformatted { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`

// OldImages are the images of a redline that come from the old version
// (deleted ones), as OldImagesFrom found them: each with its place in
// the old template, its destination as written there and as the redline
// has it (rewritten to resolve from the new template's directory, or the
// same).
type OldImages []OldImage

// OldImage is one image of OldImages.
type OldImage struct {
	At               ast.Pos
	Written, Rebased string
}

// Error returns err, an error of rendering the redline, as an error about
// the old template when it is about one of o's images (at its place,
// naming its rebased destination), with the destination as written
// there; ok is false for any other error. The caller names the old
// template in it: such an error named the new one, with the old one's
// line and the rewritten path.
func (o OldImages) Error(err error) (_ error, ok bool) {
	var p interface {
		error
		Position() ast.Pos
	}
	if !errors.As(err, &p) {
		return err, false
	}
	for _, im := range o {
		quoted := strconv.Quote(im.Rebased)
		if msg := p.Error(); p.Position() == im.At && strings.Contains(msg, quoted) {
			return &oldImageError{err: err, at: im.At, msg: strings.Replace(msg, quoted, strconv.Quote(im.Written), 1)}, true
		}
	}
	return err, false
}

// oldImageError is an error about an old image (OldImages.Error): err,
// whose message is msg.
type oldImageError struct {
	err error
	at  ast.Pos
	msg string
}

func (e *oldImageError) Error() string     { return e.msg }
func (e *oldImageError) Unwrap() error     { return e.err }
func (e *oldImageError) Position() ast.Pos { return e.at }

// OldImagesFrom returns redline with the relative destinations of the
// images that come from oldDoc (deleted ones) rewritten to resolve from
// newDir, the directory the redline's images are read from, since they
// are relative to oldDir: an image only the old version had was looked
// for beside the new template, and reported missing there. It also
// returns every image that comes from oldDoc, rewritten or not, for
// OldImages.Error: one missing beside two templates in the same
// directory was reported as the new template's, at the old one's line.
func OldImagesFrom(redline, oldDoc *ast.Document, oldDir, newDir string) (*ast.Document, OldImages, error) {
	olds := map[*ast.Image]bool{}
	ast.WalkBlocks(oldDoc.Blocks, func(n ast.Node) bool {
		if im, ok := n.(*ast.Image); ok {
			olds[im] = true
		}
		return true
	})
	if len(olds) == 0 {
		return redline, nil, nil
	}
	if oldDir == newDir {
		var images OldImages
		ast.WalkBlocks(redline.Blocks, func(n ast.Node) bool {
			if im, ok := n.(*ast.Image); ok && olds[im] {
				images = append(images, OldImage{At: im.At, Written: im.Destination, Rebased: im.Destination})
			}
			return true
		})
		return redline, images, nil
	}
	var images OldImages
	var rerr error
	blocks, err := ast.CopyBlocks(redline.Blocks, func(orig, cp ast.Node) bool {
		if im, ok := orig.(*ast.Image); ok && olds[im] && rerr == nil {
			dest, err := imagefile.Rebase(im.Destination, oldDir, newDir)
			if err != nil {
				rerr = err
			}
			cp.(*ast.Image).Destination = dest
			images = append(images, OldImage{At: im.At, Written: im.Destination, Rebased: dest})
		}
		return true
	})
	if err == nil {
		err = rerr
	}
	if err != nil {
		return nil, nil, err
	}
	d := *redline
	d.Blocks = blocks
	return &d, images, nil
}
