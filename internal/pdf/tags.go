package pdf

import (
	"fmt"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf/fpdfout"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// The structure tree of the tagged PDF is built while laying out: each
// block opens its element (a container such as L or Table becomes
// l.parent for the blocks inside it; a text block such as P or H1 becomes
// l.tag for the items its lines make), and every drawn item names its
// element in item.tag. Items with tag 0 (rules, borders, backgrounds, the
// code wrap mark, TOC leaders) are artifacts, and so is everything in the
// footer and a table header repeated on a new page (emit.go). The writer
// stage writes the tree in reading order (fpdfout/structtree.go).
//
// Headings are tagged H1–H6 by their outline level (ast.Outline), which
// never skips (the first heading is H1, and a heading at most one level
// below the heading it comes under): "# A" then "### B" tags B as H2, as
// the outline shows it, and a "### C" after B as H2 too, B's sibling as
// in the HTML. PDF/UA-1 asks for exactly that (ISO 14289-1 §7.4.2),
// so a render says when it changes a level (HeadingWarning), and under
// ua-1 such a heading is refused (headingError): the author fixes the
// Markdown, so that every format has the same levels.

// tagTree is the structure tree being built: element 0 is the Document.
type tagTree struct {
	elems    []fpdfout.Elem
	contents map[int]string // per Link element: its annotation's /Contents
}

func newTagTree() tagTree {
	return tagTree{elems: []fpdfout.Elem{{Role: "Document"}}, contents: map[int]string{}}
}

// add appends an element of role under parent and returns it.
func (t *tagTree) add(role string, parent int) int {
	t.elems = append(t.elems, fpdfout.Elem{Role: role, Parent: parent})
	return len(t.elems) - 1
}

// link appends a Link element whose annotations are described by
// contents.
func (t *tagTree) link(parent int, contents string) int {
	e := t.add("Link", parent)
	t.contents[e] = contents
	return e
}

// tagText opens an element of role for the text laid out next and
// returns the function that closes it.
func (l *layout) tagText(role string) func() {
	save := l.tag
	l.tag = l.tags.add(role, l.parent)
	return func() { l.tag = save }
}

// tagBlocks opens a container element of role for the blocks laid out
// next and returns the function that closes it.
func (l *layout) tagBlocks(role string) (int, func()) {
	save := l.parent
	l.parent = l.tags.add(role, l.parent)
	return l.parent, func() { l.parent = save }
}

// inlineParent is the element an inline element of text in style st
// goes into: the inline element st is part of, else the text block's.
func (l *layout) inlineParent(st style) int {
	switch {
	case st.elem != 0:
		return st.elem
	case l.tag != 0:
		return l.tag
	}
	return l.parent
}

// linkContents is what a link's annotation says about it (/Contents):
// its text (space equivalents as spaces, as on the page), or its target
// when it has none.
func linkContents(n *ast.Link, target string) string {
	if s := ast.PlainText(n.Inlines); s != "" {
		return ast.ReplaceSpaceEquivalents(s)
	}
	return target
}

// HeadingWarning is what a render without ua-1 says about heading h of
// the template named file, whose level the PDF's tags change
// (h.Skipped()): "terms.md:7:1: heading level 3 after H1 is tagged H2 in
// the PDF (PDF/UA wants no skipped level); write "## …"". blocks and
// title are the template's body and front matter title, which say why
// a first heading is not the title (titleNote).
func HeadingWarning(file string, h ast.HeadingLevel, blocks []ast.Block, title string) string {
	switch {
	case h.First:
		return fmt.Sprintf("%s:%s: the first heading is level %d and is tagged H%d in the PDF (PDF/UA wants the first heading at level 1); write %q%s",
			file, h.At, h.Level, h.Outline, headingFix(h), titleNote(blocks, title))
	case h.Before == 0:
		return fmt.Sprintf("%s:%s: heading level %d is tagged H%d in the PDF, as the first heading is (PDF/UA wants the first heading at level 1); write %q",
			file, h.At, h.Level, h.Outline, headingFix(h))
	}
	return fmt.Sprintf("%s:%s: heading level %d after H%d is tagged H%d in the PDF (PDF/UA wants no skipped level); write %q",
		file, h.At, h.Level, h.Before, h.Outline, headingFix(h))
}

// headingError is the *StandardError for heading h of blocks, whose
// front matter title is title, under std (with ua-1), whose outline
// level is not its own. Only the first such heading is refused, so one
// under no heading is the first heading.
func headingError(std Standard, h ast.HeadingLevel, blocks []ast.Block, title string) error {
	msg := fmt.Sprintf("heading level %d after H%d skips a level (PDF/UA-1, ISO 14289-1 §7.4.2: heading levels never skip one); write %q",
		h.Level, h.Before, headingFix(h))
	if h.Before == 0 {
		msg = fmt.Sprintf("the first heading is level %d (PDF/UA-1, ISO 14289-1 §7.4.2: the first heading is H1); write %q%s",
			h.Level, headingFix(h), titleNote(blocks, title))
	}
	return &StandardError{At: srcerr.At{Pos: h.At}, Standard: std.String(), Msg: msg}
}

// titleNote says why the front matter's title, which would be the
// first heading, is not (ast.TitleLeftOut): a level-1 heading further
// on, or the title block left out; "" when there is no title.
func titleNote(blocks []ast.Block, title string) string {
	at, ok := ast.TitleLeftOut(blocks, title)
	switch {
	case !ok:
		return ""
	case at.IsValid():
		return fmt.Sprintf(`, or make line %d's heading "## …" so that the front matter's title heads the document (it does only when no heading is level 1)`, at.Line)
	}
	return " (the front matter's title would be the first heading, but the title block is left out: --no-title-block)"
}

// headingFix is the Markdown of heading h at its outline level.
func headingFix(h ast.HeadingLevel) string { return strings.Repeat("#", h.Outline) + " …" }
