// Package txt is policyexport's plain-text backend: it lays an
// *ast.Document out as wrapped, monospace text for email bodies and plain
// archives.
//
// It owns the plain-text layout: wrapping by display width (East Asian wide
// characters count two columns, combining marks and zero-width characters
// none, and no grapheme cluster is ever split), the look of each block, and
// the numbered link and footnote lists at the end. It must never import
// goldmark, a parser or another backend, and it never loses text: every
// word of the document and every link destination outside it (not #id)
// appears in its output, but for the destinations no output makes live
// (safeurl.Allowed: javascript:, file:, …), whose link is its text alone
// as in the HTML and the PDF.
//
// # Layout
//
// Blocks are separated by one blank line. A block is laid out into lines
// for the width left to it; containers (list items, block quotes, notes)
// put their prefix in front of each line of their children, so nesting has
// no depth limit. No line is wider than Options.Width, except a line whose
// text after its container prefix is a single word that cannot be broken
// (a long URL, say), which then stands alone, and the lines of code
// blocks, which are never wrapped. (Containers nested so deep that their
// prefixes leave no room get one word per line.) Lines may break at spaces, and between
// two characters when at least one of them is wide (CJK text has no spaces)
// and Unicode line breaking (UAX #14, as github.com/rivo/uniseg implements
// it) allows a break there. No line ends in a space or tab and the output
// ends in exactly one line ending; an empty document gives empty output.
//
//   - Heading level 1: upper case, underlined with "=" to its display
//     width. Only letters whose upper case lower-cases back to the same
//     letter are changed (so "ı", "ſ" and "ς" stay as they are and a
//     case-insensitive search still finds every word); code spans and URLs
//     keep their case.
//   - Heading level 2: underlined with "-".
//   - Heading levels 3 to 6: the title alone on its lines, set off by blank
//     lines. The policy templates number their sections ("1.2 Cookies"),
//     so the numbers carry the hierarchy.
//   - Paragraphs: wrapped; a soft break is a space, a hard break a new line.
//   - Lists: "- " and "* " bullets alternating by nesting level, ordered
//     items numbered from List.Start with the list's own delimiter ("1." or
//     "1)"), numbers right-aligned when they have different lengths; task
//     items add "[ ] " or "[x] ". Continuation lines hang under the item's
//     text. Loose lists have a blank line between items, tight ones none.
//   - Block quotes: "> " in front of every line, nested as "> > ".
//   - Code blocks: indented four spaces, never wrapped, tabs kept; the
//     language is dropped, and so are leading and trailing blank lines
//     and the blanks at the end of each line.
//   - Thematic breaks: "* * *" centred in the width.
//   - Tables: a grid drawn with "|", "+" and "-", the header row closed by
//     "+===+". Columns are as wide as their content; a table too wide for
//     the line shrinks its widest columns and wraps text inside the cells,
//     and rows are separated by rules as soon as a cell takes two lines.
//     When even the longest word of each column cannot fit side by side,
//     the table is written as records instead: one "Header: value" line
//     per cell, a blank line between rows.
//   - Emphasis and strong emphasis: the plain words. Strikethrough:
//     "[deleted: old clause]", so that struck text never reads as live
//     text. Code spans: their text, without backticks.
//   - Links: "text [1]", with "[1] URL" listed under "Links" at the end;
//     the same URL always gets the same number. With LinksInline:
//     "text <URL>". A link whose text is its URL (an autolink, or
//     "mailto:x" with text "x") is written once, without a number; a link
//     without text is written as "<URL>". A link inside the document
//     (#id) is its words alone (ast.SpellsDestination). Link titles are
//     dropped.
//   - Images: "[Image: alt]" (or "[Image]"; the word in the document's language), followed by the URL as a link.
//   - Footnote references: "[^1]", which cannot be mistaken for a link
//     number; the footnotes are listed under "Notes" at the end, before
//     "Links", each hanging under its "[^1] " marker.
//   - Raw HTML, inline or block: dropped; it is markup, not text.
//   - A value whose direction is not the document's (ast.Text.Isolate):
//     between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (U+2068,
//     U+2069), of no width, as the HTML's <bdi>; a line break inside it
//     closes it on its line and opens it again on the next.
//   - Control characters in the text become U+FFFD; tabs and line feeds
//     outside code blocks, and the space equivalents everywhere (vertical
//     tab, form feed, NEL, U+2028, U+2029: ast.IsSpaceEquivalent), become
//     spaces.
//
// Document metadata (title, author, …) is not written: the body is the
// text.
package txt

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

// LinkStyle says where link destinations are written.
type LinkStyle int

const (
	// LinksReference writes "text [1]" and lists the numbered URLs under
	// "Links" at the end of the text. It is the default.
	LinksReference LinkStyle = iota
	// LinksInline writes "text <URL>" where the link is.
	LinksInline
)

// String returns "reference", "inline", or the number of an unknown style.
func (s LinkStyle) String() string {
	switch s {
	case LinksReference:
		return "reference"
	case LinksInline:
		return "inline"
	}
	return "LinkStyle(" + strconv.Itoa(int(s)) + ")"
}

// DefaultWidth is the wrap width used when Options.Width is zero or less.
const DefaultWidth = 72

// Options configures Render. The zero value is ready to use: 72 columns,
// "\n" line endings, numbered link references.
type Options struct {
	// Width is the wrap width in display columns; 0 (or less) means
	// DefaultWidth.
	Width int
	// CRLF ends lines with "\r\n" (for email bodies) instead of "\n".
	CRLF bool
	// Links is where link destinations are written; the default is
	// LinksReference.
	Links LinkStyle
	// Lang is the document's language when its metadata names none (a
	// BCP 47 tag; empty means English): the language of the "Notes" and
	// "Links" headings and of "[deleted: …]" (package l10n).
	Lang string
	// Redline escapes the text of a redline, so that it never reads as
	// a mark of a change ("[-", "{+", …): see escapeMarks. Every line
	// is escaped, the code blocks' and the link list's too.
	Redline bool
	// Interrupt, when not nil, is called before each block, nested ones
	// included; an error from it stops the rendering, and Render returns
	// it wrapped, having written nothing (context.Context's Err fits).
	Interrupt func() error
}

// renderer holds what changes while one document is written: the link
// numbers and the footnotes met so far, and the list nesting depth. The
// options are read-only.
type renderer struct {
	opts    Options
	urls    []string       // link destinations by number - 1
	urlNums map[string]int // destination to number
	notes   []*ast.FootnoteDefinition
	depth   int       // nesting depth of lists, 1 inside a top-level list
	lang    l10n.Lang // the document's language, for fixed text
	base    string    // the address relative links resolve against (ast.Document.BaseURL)
	// pos is the position of the innermost block being laid out that
	// has one, for the unknown-node error.
	pos ast.Pos
	// err is the first *ast.UnknownNodeError met; Render returns it and
	// writes nothing.
	err error
	// wrapper wraps the flat texts, one after the other.
	wrapper
	// flatBuf is the buffer of the last flat text, which the next one
	// reuses (see flatten).
	flatBuf []byte
}

// unknown records the error for a node of no known kind.
func (r *renderer) unknown(n ast.Node) {
	if r.err == nil {
		r.err = ast.Unknown(n, r.pos)
	}
}

// interrupted reports whether Options.Interrupt stopped the rendering,
// recording its error.
func (r *renderer) interrupted() bool {
	if r.opts.Interrupt == nil {
		return false
	}
	if err := r.opts.Interrupt(); err != nil {
		if r.err == nil {
			r.err = err
		}
		return true
	}
	return false
}

// Render writes doc to w as plain text laid out as opts say. It returns an
// error for a nil document, an unknown link style, a node of no known kind
// (an *ast.UnknownNodeError, and then it writes nothing), or a failed
// write.
func Render(w io.Writer, doc *ast.Document, opts Options) error {
	if doc == nil {
		return errors.New("txt: nil document")
	}
	if opts.Links != LinksReference && opts.Links != LinksInline {
		return fmt.Errorf("txt: unknown link style %v", opts.Links)
	}
	if opts.Width <= 0 {
		opts.Width = DefaultWidth
	}
	r := &renderer{opts: opts, urlNums: map[string]int{}, lang: l10n.Match(doc.Meta.Lang, opts.Lang), base: doc.BaseURL}
	lines := r.document(doc)
	if r.err != nil {
		return fmt.Errorf("txt: %w", r.err)
	}

	eol := "\n"
	if opts.CRLF {
		eol = "\r\n"
	}
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		bw.WriteString(strings.TrimRight(l, " \t"))
		bw.WriteString(eol)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("txt: write: %w", err)
	}
	return nil
}

// document lays out the body, then the notes, then the link list, one
// blank line between them.
func (r *renderer) document(doc *ast.Document) []string {
	width := r.opts.Width
	out := r.blocks(doc.Blocks, width, false)
	out = appendSection(out, r.notesSection(width))
	out = appendSection(out, r.linksSection(width))
	return out
}

// appendSection appends section to out after a blank line, unless either
// is empty.
func appendSection(out, section []string) []string {
	if len(section) == 0 {
		return out
	}
	if len(out) > 0 {
		out = append(out, "")
	}
	return append(out, section...)
}
