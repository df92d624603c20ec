// Package template parses Markdown document templates with goldmark and
// fills their {placeholder}s into the document model (internal/ast).
//
// It owns the template syntax: which profile of Markdown is accepted, what
// a placeholder is, YAML front matter, heading ids and the document title.
// It is the only package that imports goldmark; nothing goldmark-specific
// leaves it.
//
// Placeholders are filled inside the parsed tree, never by substituting
// strings before parsing, so a value is always literal text: a value can
// never create markup, a link, a block, a table cell or another
// placeholder. Before parsing, each "{name}" is replaced by a sentinel
// that parses exactly like it (see scan.go); the converter from goldmark's
// tree to the model remembers where each sentinel ended up, and Fill
// builds a new document with the values in those places.
//
// A placeholder is "{name}" where name is an ASCII letter or '_' followed
// by ASCII letters, digits or '_' (non-ASCII letters do not count: see
// values.IsName). "\{" writes a literal brace; in "\\{name}" the brace is
// not escaped. Inside code spans, code blocks and fenced code info strings
// a placeholder is literal text.
//
// Where a value goes: in text (headings, emphasis, link text, table
// cells, footnotes) it becomes one ast.Text at the placeholder's
// position; in link and image destinations, titles and alt text it is part
// of the string; in raw HTML (inline or block) it is HTML-escaped; in
// front matter metadata it is plain text. Values under "values:" in front
// matter are defaults, themselves literal. A placeholder without a value
// is an error (MissingError) or stays "{name}" as literal text
// (MissingKeep).
//
// A sentinel parses like its name everywhere but in three places, where
// the placeholder wins: a name that starts or ends with '_' cannot pair
// with another '_' into emphasis; "<{user}@example.com>" is not an e-mail
// autolink; and link labels with placeholders match only when the names
// match exactly (labels are otherwise case-insensitive).
//
// The typographer's quotation marks ("…" and '…' made curly) are those
// of the document's language, which Fill knows and Parse does not: Fill
// writes them as l10n.Lang.Quote gives them (see quotes.go). Quotes
// typed curly, apostrophes, code and values stay as written.
//
// Parse refuses, with the limit in the message, templates over
// Options.MaxBytes, nesting over Options.MaxDepth, paragraphs so long
// and so full of brackets and delimiters that goldmark would take minutes
// and tables with so many cells, padded ones included, that it would
// fill memory (over Options.MaxCost; guard.go), and link references that
// repeat their definitions into more than Options.MaxBytes plus the
// template's size. Fill refuses to fill in more than Options.MaxBytes of
// value bytes in all. So the document, and every output, stays
// proportional to the template and the values.
//
// This package must never write output formats, never import a backend,
// and never let a value be parsed as Markdown or HTML.
package template

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// Profile selects the Markdown dialect of a template.
type Profile int

const (
	// ProfileDefault is GitHub Flavored Markdown (tables, strikethrough,
	// linkify, task lists) with footnotes, typographic punctuation
	// (Unicode quotes, in the document's language, dashes and ellipsis), heading ids, YAML front
	// matter and placeholders.
	ProfileDefault Profile = iota
	// ProfileCommonMark is plain CommonMark 0.31.2: no extensions, no
	// typographer, no heading ids, no front matter and no placeholders
	// (braces are literal text).
	ProfileCommonMark
)

// String returns "default" or "commonmark".
func (p Profile) String() string {
	switch p {
	case ProfileDefault:
		return "default"
	case ProfileCommonMark:
		return "commonmark"
	}
	return fmt.Sprintf("Profile(%d)", int(p))
}

// Default limits of Options.
const (
	// DefaultMaxBytes is the input size limit when Options.MaxBytes is 0.
	DefaultMaxBytes = 4 << 20
	// DefaultMaxDepth is the nesting limit when Options.MaxDepth is 0.
	DefaultMaxDepth = 32
	// DefaultMaxCost is the parse cost limit when Options.MaxCost is 0:
	// about a second of goldmark's time (see guard.go).
	DefaultMaxCost = 200_000_000
)

// Options controls Parse. The zero Options is the default profile with the
// default limits.
type Options struct {
	// Profile is the Markdown dialect; default ProfileDefault.
	Profile Profile
	// MaxBytes is the largest accepted input in bytes; 0 means
	// DefaultMaxBytes (4 MiB). It also bounds what the template can
	// multiply: the bytes that link references copy from their
	// definitions (beyond the template's own size) and the bytes of
	// values that Fill fills in, every occurrence counted.
	MaxBytes int
	// MaxDepth is the deepest accepted nesting of lists and block quotes;
	// 0 means DefaultMaxDepth (32). It bounds inline nesting (emphasis,
	// links, strikethrough) too.
	MaxDepth int
	// MaxCost is the largest accepted parse cost, an estimate of
	// goldmark's work on paragraphs full of brackets and inline
	// delimiters, where it grows faster than the input (see guard.go);
	// 0 means DefaultMaxCost.
	MaxCost int
}

// Placeholder is one occurrence of a placeholder in a template.
type Placeholder struct {
	// Name is the placeholder's name, without braces.
	Name string
	// Filter is the filter the placeholder names ("date" in
	// "{lastUpdated|date}"), "" for none.
	Filter string
	// Pos is the position of its opening brace in the template.
	Pos ast.Pos
}

// FrontMatter is what a template's YAML front matter says: metadata and
// default values. Metadata strings are as written, placeholders unfilled.
type FrontMatter struct {
	// Meta is the metadata: title, lang, description, author, subject,
	// keywords and date.
	Meta ast.Meta
	// Values are the default values from the "values:" map; nil when
	// there is none.
	Values map[string]string
	// DatePos is where the "date:" value is written, for an error about
	// it; the zero Pos when there is none.
	DatePos ast.Pos
	// LangPos is where the "lang:" value is written, for an error about
	// it; the zero Pos when there is none.
	LangPos ast.Pos
	// TitlePos is where the "title:" value is written: the position of
	// the title block (see Fill) and of every error and warning about
	// it; the zero Pos when there is none.
	TitlePos ast.Pos
}

// Template is a parsed template. It is immutable: every method, Fill
// included, is safe for concurrent use.
type Template struct {
	name    string
	profile Profile
	// blocks is the body with placeholders unfilled: placeholder text
	// nodes are listed in textIDs, and the strings of links, images and
	// raw HTML are in encoded form (see scan.go).
	blocks  []ast.Block
	textIDs map[*ast.Text]int
	// quotes are the typographer's quotation marks in literal Texts of
	// blocks, written as English writes them, for Fill to write in the
	// document's language (see quotes.go).
	quotes map[*ast.Text][]quoteAt
	// names maps placeholder numbers to names.
	names []string
	// meta is the front matter metadata in encoded form.
	meta        encodedMeta
	frontMatter FrontMatter
	notices     []Notice
	// live are the placeholders that Fill fills, in document order.
	live []Placeholder
	// spaced are the lookalikes with spaces ("{ siteUrl }", "{site
	// url}") outside code and comments, which fill nothing: a value
	// meant for one is unused, and UnusedMessage says why.
	spaced []placedLookalike
	// maxBytes is the size limit the template was parsed with; Fill
	// refuses to fill in more bytes of values than that.
	maxBytes int
}

// Name returns the name the template was parsed with.
func (t *Template) Name() string { return t.name }

// Profile returns the profile the template was parsed with.
func (t *Template) Profile() Profile { return t.profile }

// Placeholders returns every placeholder occurrence outside code, in
// document order, front matter included. The ProfileCommonMark has none.
func (t *Template) Placeholders() []Placeholder {
	return append([]Placeholder(nil), t.live...)
}

// RawHTML returns where each piece of raw HTML in the template's body is,
// in document order (see ast.RawHTMLPositions). Values never add raw
// HTML, so every document filled from t has exactly these.
func (t *Template) RawHTML() []ast.Pos {
	return ast.RawHTMLPositions(t.blocks)
}

// Blocks returns the template's body as parsed, before filling: a
// placeholder is text it marks (see Fill), the typographer's quotation
// marks are English's (Fill writes the document's language's), and there
// is no title block.
// It is for what values do not change, such as the headings' levels and
// places; the caller must not change it.
func (t *Template) Blocks() []ast.Block { return t.blocks }

// SkippedHeadings returns the headings of the template's body whose
// outline level is not their own, in document order (see
// ast.SkippedHeadings): the PDF tags them at another level. The title
// block that Fill with opts adds goes first, as a level-1 heading, so
// "##" after it skips nothing. Values add no other heading, so every
// document filled from t has exactly these, except one whose title
// only placeholders write and whose values fill it with nothing: that
// document has no title block, which this takes it to have.
func (t *Template) SkippedHeadings(opts FillOptions) []ast.HeadingLevel {
	blocks := t.blocks
	if t.addsTitleBlock(strings.TrimSpace(t.frontMatter.Meta.Title), opts) {
		blocks = append([]ast.Block{&ast.Heading{Level: 1, TitleBlock: true, At: t.frontMatter.TitlePos}}, blocks...)
	}
	return ast.SkippedHeadings(blocks)
}

// Notice is something in a template that is read, but most likely not
// as its author meant (its Kind says which).
type Notice struct {
	// Kind says what sort of thing it is.
	Kind NoticeKind
	// Pos is where it is.
	Pos ast.Pos
	// Msg says what it is and what to do, without the file's name.
	Msg string
}

// NoticeKind is the kind of a Notice; its values are also the names of
// the warnings they become (policyexport.WarningKind).
type NoticeKind string

// The kinds of Notice.
const (
	// FrontMatterNotice is a front matter that is never closed, one in
	// TOML ("+++", which policyexport does not read), or a
	// front matter key that policyexport does not read and that is close
	// to one it does ("titel:"). Keys far from every known one are not
	// noticed: front matter is often shared with a static site
	// generator.
	FrontMatterNotice NoticeKind = "front-matter"
	// PlaceholderNotice is text in the body (outside code), or in a
	// string the front matter gives (title: and the other metadata, not
	// values:), written as another template language writes a placeholder: "{{name}}", whose
	// outer braces stay around the value, or "{ name }" and
	// "{{ name }}", which are no placeholder because of their spaces
	// and stay as written.
	PlaceholderNotice NoticeKind = "placeholder-syntax"
	// DirectionNotice is a character of the template that sets the
	// direction of the text after it (an embedding, override or isolate
	// of Unicode's bidirectional algorithm, U+202A–U+202E and
	// U+2066–U+2069): the HTML and the plain text keep it, and show the
	// text reordered, where the PDF leaves it out. One notice, at the
	// first, counting the others.
	DirectionNotice NoticeKind = "bidi-control"
	// LinkNotice is a link inside a filled document to an id that no
	// element of it has (LinkNotices).
	LinkNotice NoticeKind = "broken-link"
	// BlockedLinkNotice is a filled document's links and images whose
	// address no output makes live (a javascript:, vbscript:, data: or
	// file: address; BlockedLinks).
	BlockedLinkNotice NoticeKind = "blocked-link"
	// RelativeLinkNotice is a filled document's links whose address is
	// relative ("/privacy", "terms.html"), which a PDF or plain text,
	// read on no page of the site, cannot open (RelativeLinks).
	RelativeLinkNotice NoticeKind = "relative-link"
	// MixedScriptNotice is a filled document's links whose host has a
	// label that mixes Latin, Cyrillic and Greek letters ("аcme.example"
	// with a Cyrillic "а"), which reads as another host
	// (MixedScriptHosts).
	MixedScriptNotice NoticeKind = "mixed-script-host"
	// UserNameNotice is a filled document's links whose address has a
	// user name before its host ("https://acme.example@evil.example/"),
	// which reads as the one host and opens the other (UserNameHosts).
	UserNameNotice NoticeKind = "link-user-name"
	// TextMismatchNotice is a filled document's links whose text is an
	// address other than the one they open
	// ("[https://acme.example/](https://evil.example/)";
	// TextMismatches).
	TextMismatchNotice NoticeKind = "link-text-mismatch"
	// BaseFileNotice is a filled document's links with a relative
	// address ("terms.html") resolved against a base address whose last
	// name has no "/" after it ("https://acme.example/legal"), and so
	// against the folder above it, where "…/legal/" was almost surely
	// meant (FolderlessBase).
	BaseFileNotice NoticeKind = "base-url-not-folder"
	// TableCellsNotice is a table's body rows with fewer cells than its
	// columns (empty cells end them, and the cells after one left out
	// show one column to the left) or more (the cells past the last
	// column are dropped). One notice a table, at its first such row.
	TableCellsNotice NoticeKind = "table-cells"
)

// placedLookalike is a lookalike with spaces and where it is.
type placedLookalike struct {
	lookalikeSpan
	Pos ast.Pos
}

// In is the notice as a message about the template file: "file:line:col:
// msg".
func (n Notice) In(file string) string {
	return fmt.Sprintf("%s:%s: %s", file, n.Pos, n.Msg)
}

// Notices returns the template's notices, in document order.
func (t *Template) Notices() []Notice {
	return slices.Clone(t.notices)
}

// FrontMatter returns the metadata and default values of the template's
// front matter; the zero FrontMatter when it has none.
func (t *Template) FrontMatter() FrontMatter {
	fm := t.frontMatter
	fm.Meta.Keywords = append([]string(nil), fm.Meta.Keywords...)
	if fm.Values != nil {
		vals := make(map[string]string, len(fm.Values))
		for k, v := range fm.Values {
			vals[k] = v
		}
		fm.Values = vals
	}
	return fm
}

// Error is a problem in a template (or with a value), at a position when
// one is known; it formats as "file:line:col: msg".
type Error = srcerr.Error

// ErrorList is a list of errors, in document order.
type ErrorList = srcerr.List
