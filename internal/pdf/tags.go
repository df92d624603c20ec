package pdf

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
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
	return " (the front matter's title would be the first heading, but the title block is left out: Options.NoTitleBlock)"
}

// headingFix is the Markdown of heading h at its outline level.
func headingFix(h ast.HeadingLevel) string { return strings.Repeat("#", h.Outline) + " …" }

// Struck-out text (~~old clause~~) and a redline's changes are drawn
// struck through or underlined, which a screen reader does not say: as
// text of their paragraph, a deleted clause was read as live text, as
// if it still held. So each is a Span whose /Alt says what it is, in
// the document's language, as the plain text writes struck-out text:
// "[deleted: old clause]", "[inserted: new clause]", "[formatting
// changed: clause]" (l10n.Deleted, Inserted, Reformatted; the HTML's
// hidden labels, html.SpokenLabelCSS, say the same).
//
// Why /Alt. A structure element's /Alt is "a word or phrase
// substitution" for its content (ISO 32000-1 §14.9.3): screen readers
// say it instead of the text (WCAG technique PDF13 relies on this for a
// Link's /Alt), and nothing else reads it: text extraction, copy and
// paste and search take the glyphs drawn, so the words stay what they
// are (pdftotext gives "We keep old clause data." as before), and
// nothing drawn changes. /ActualText (§14.9.4) is a character
// replacement for the glyphs: a viewer copies and searches it, so the
// label would be pasted with the words, and it is meant for content
// whose glyphs are not its text (ligatures, hyphenation), which this is
// not. /E (§14.9.5) is the expansion of an abbreviation, which this is
// not either. PDF 1.7 has no structure type for inserted or deleted
// text; /Alt is an entry of any structure element (Table 323), which
// PDF/UA-1 requires of a Figure and allows elsewhere, and PDFBox
// Preflight and our PDF/A and PDF/UA-1 rules take it on a Span
// (TestSpokenChanges). The Span's content is marked with its parent's
// tag (/P), not /Span (fpdfout's contentTag): poppler would take a
// /Span sequence's /ActualText, which a right-to-left word has, and
// reverse struck Hebrew.
//
// An /Alt stands for the element's whole content, its descendants'
// too: a screen reader does not read the Link, Code or Figure inside
// such a Span, so its /Alt holds their text (an image's alt text), and
// struck or changed text inside it is labelled inside its /Alt
// (spokenText) rather than given a Span of its own, whose /Alt would
// never be read. A link inside keeps its annotation, whose /Contents
// is labelled too (spokenContents).

// spokenKind is an ast.ChangeKind in a byte (style.spoken).
type spokenKind uint8

// spokenSpan returns the style of the text ins, struck out (kind
// ast.Deleted) or a redline's change of kind, inside st: a Span for it
// whose /Alt says its label and the text, unless st is inside such a
// Span already (whose /Alt says this one's label) or ins says nothing
// (a deleted space).
func (l *layout) spokenSpan(st style, kind ast.ChangeKind, ins []ast.Inline) style {
	outer := st.spoken == 0
	st.spoken = spokenKind(kind)
	if !outer {
		return st
	}
	text := strings.TrimSpace(l.spokenText(ins))
	if text == "" {
		return st
	}
	st.elem = l.tags.add("Span", l.inlineParent(st))
	l.tags.elems[st.elem].Alt = l.spokenLabel(changeLabel(kind), text)
	return st
}

// spokenContents is the /Contents of a link's annotation whose text,
// in style st, says contents: "[deleted: the terms]" in struck-out or
// changed text, which a screen reader reaching the link with Tab says
// rather than the Span's /Alt.
func (l *layout) spokenContents(st style, contents string) string {
	if st.spoken == 0 {
		return contents
	}
	return l.spokenLabel(changeLabel(ast.ChangeKind(st.spoken)), contents)
}

// spokenLabel is what a screen reader says for text with the label key
// (struck out, or a redline's change): "[deleted: old clause]", or
// "[deleted]" for no text, as the plain text writes struck-out text.
func (l *layout) spokenLabel(key l10n.Key, text string) string {
	if text == "" {
		return "[" + l.lang.Label(key) + "]"
	}
	return "[" + l.lang.Label(key) + ": " + text + "]"
}

// spokenText is the text of ins as a screen reader should say it: its
// words (an image's alt text), with struck-out and changed text
// inside labelled (spokenLabel), and space equivalents as spaces.
// Footnote references and raw HTML say nothing, as in ast.PlainText.
func (l *layout) spokenText(ins []ast.Inline) string {
	return ast.ReplaceSpaceEquivalents(string(l.appendSpoken(nil, ins)))
}

// appendSpoken appends the spoken text of ins (spokenText) to b: one
// buffer for the whole text, so that nested labels cost no copies.
func (l *layout) appendSpoken(b []byte, ins []ast.Inline) []byte {
	for _, in := range ins {
		switch n := in.(type) {
		case *ast.Text:
			b = append(b, n.Text...)
		case *ast.Code:
			b = append(b, n.Text...)
		case *ast.Image:
			b = append(b, n.Alt...)
		case *ast.SoftBreak, *ast.HardBreak:
			b = append(b, ' ')
		case *ast.Strikethrough:
			b = l.appendLabelled(b, l10n.Deleted, n.Inlines)
		case *ast.Change:
			b = l.appendLabelled(b, changeLabel(n.Kind), n.Inlines)
		default:
			b = l.appendSpoken(b, ast.InlineChildren(in))
		}
	}
	return b
}

// appendLabelled appends the spoken text of ins with the label key
// around it (spokenLabel) to b.
func (l *layout) appendLabelled(b []byte, key l10n.Key, ins []ast.Inline) []byte {
	start := len(b)
	b = append(b, "["+l.lang.Label(key)+": "...)
	words := len(b)
	b = l.appendSpoken(b, ins)
	if len(bytes.TrimSpace(b[words:])) == 0 {
		return append(b[:start], l.spokenLabel(key, "")...)
	}
	return append(b, ']')
}

// changeLabel is the label a screen reader says before a redline's
// change of kind k.
func changeLabel(k ast.ChangeKind) l10n.Key {
	switch k {
	case ast.Deleted:
		return l10n.Deleted
	case ast.Reformatted:
		return l10n.Reformatted
	}
	return l10n.Inserted
}
