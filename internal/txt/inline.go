package txt

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/linebreak"
	"github.com/policyexport/policyexport/internal/safeurl"
)

// Separators in a flat text. Every control character of the document has
// been replaced before it reaches a flat text, so these bytes mean only
// what they say here.
const (
	// breakSpace is a space at which a line may break.
	breakSpace = ' '
	// hardBreak is a forced line break.
	hardBreak = '\n'
	// glue is a space at which a line breaks only when the words on either
	// side do not fit on one line together; it keeps a link number with
	// its text.
	glue = '\x00'
)

// flat is the text of a run of inlines with the markup gone, ready to be
// cut into words and wrapped. The text in it is clean: only the
// separators above are control characters.
type flat struct {
	b []byte
	// upper upper-cases the document's words (not code, not URLs).
	upper bool
	// redline: a change's marks are written as one byte each, for
	// escapeMarks (Options.Redline).
	redline bool
}

func (f *flat) String() string { return string(f.b) }

// word appends s, which must already be clean.
func (f *flat) word(s string) { f.b = append(f.b, s...) }

// sep appends a separator.
func (f *flat) sep(c byte) { f.b = append(f.b, c) }

// mark appends a redline's mark, one byte (see marks).
func (f *flat) mark(c byte) { f.b = append(f.b, c) }

// flatten returns the flat text of ins, upper-cased (see upper) when
// upper is set. The flat text is built in the buffer of the one before.
func (r *renderer) flatten(ins []ast.Inline, upper bool) string {
	f := flat{b: r.flatBuf[:0], upper: upper, redline: r.opts.Redline}
	r.inlines(&f, ins)
	r.flatBuf = f.b
	if f.redline {
		return escapeMarks(f.String())
	}
	return f.String()
}

// inlines flattens ins into f.
func (r *renderer) inlines(f *flat, ins []ast.Inline) {
	for _, in := range ins {
		r.inline(f, in)
	}
}

// inline flattens one inline into f. An inline of no known kind adds
// nothing and stops the rendering with an *ast.UnknownNodeError.
func (r *renderer) inline(f *flat, in ast.Inline) {
	switch n := in.(type) {
	case *ast.Text:
		text(f, n)
		return
	case *ast.Emphasis:
		r.inlines(f, n.Inlines)
		return
	case *ast.Strong:
		r.inlines(f, n.Inlines)
		return
	case *ast.Strikethrough:
		r.strikethrough(f, n)
		return
	case *ast.Code:
		code(f, n)
		return
	case *ast.Link:
		r.link(f, n)
		return
	case *ast.Image:
		r.image(f, n)
		return
	case *ast.SoftBreak:
		f.sep(breakSpace)
		return
	case *ast.HardBreak:
		f.sep(hardBreak)
		return
	case *ast.RawHTML:
		rawHTML(f, n)
		return
	case *ast.FootnoteRef:
		footnoteRef(f, n)
		return
	case *ast.Change:
		r.change(f, n)
		return
	}
	r.unknown(in)
}

// text appends literal text, upper-cased in a level-1 heading. A value
// whose direction is not the document's (ast.Text.Isolate) is put
// between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, invisible
// characters that a bidi-aware viewer reads as the HTML's <bdi>: an
// English "⁨שלום⁩: 5 employees" keeps ": 5" after the name, where it
// showed "5 :שלום employees". Other text gets none.
func text(f *flat, n *ast.Text) {
	s := clean(n.Text)
	if f.upper {
		s = upper(s)
	}
	if n.Isolate {
		f.word(fsi)
		f.word(s)
		f.word(pdi)
		return
	}
	f.word(s)
}

// code appends a code span's text as it is: no backticks, no case change.
func code(f *flat, n *ast.Code) { f.word(clean(n.Text)) }

// link appends the link text and the link's number (or its URL in
// LinksInline style). A link whose text is its URL is written once; a link
// without text is written as "<URL>", the brackets keeping it apart from
// the words around it. A link inside the document (#id) is its text
// alone, as in the PDF and the printed HTML (ast.SpellsDestination): its
// "#id" names nothing to a reader of plain text. A link whose address
// no output makes live (safeurl.Allowed: javascript:, file:, …) is its
// text alone too, as in the HTML and the PDF: no number, nothing listed.
func (r *renderer) link(f *flat, n *ast.Link) {
	dest := strings.TrimSpace(clean(n.Destination))
	if dest == "" || !safeurl.Allowed(n.Destination) {
		r.inlines(f, n.Inlines)
		return
	}
	dest = safeurl.Resolve(r.base, dest)
	if ast.ShowsDestination(n) {
		f.word(clean(ast.PlainText(n.Inlines)))
		return
	}
	if !ast.SpellsDestination(n) {
		r.inlines(f, n.Inlines)
		return
	}
	start := len(f.b)
	r.inlines(f, n.Inlines)
	if blank(f.b[start:]) {
		f.word("<" + dest + ">")
		return
	}
	r.reference(f, dest)
}

// strikethrough appends "[deleted: text]" (the word in the document's
// language, l10n.Deleted): a struck clause must never read as live text.
// Struck text with no words gives "[deleted]".
func (r *renderer) strikethrough(f *flat, n *ast.Strikethrough) {
	label := r.lang.Label(l10n.Deleted)
	open := "[" + label + ": "
	start := len(f.b)
	f.word(open)
	r.inlines(f, n.Inlines)
	if blank(f.b[start+len(open):]) {
		f.b = f.b[:start]
		f.word("[" + label + "]")
		return
	}
	f.word("]")
}

// change appends a redline's change as git diff --word-diff writes it:
// "[-deleted words-]", "{+inserted words+}", and "{~reformatted words~}"
// for words whose formatting alone changed. In a redline (Options.Redline)
// the marks are bytes of their own until escapeMarks writes them.
func (r *renderer) change(f *flat, n *ast.Change) {
	open, end := markInsOpen, markInsEnd
	switch n.Kind {
	case ast.Deleted:
		open, end = markDelOpen, markDelEnd
	case ast.Reformatted:
		open, end = markFmtOpen, markFmtEnd
	}
	if f.redline {
		f.mark(open)
		r.inlines(f, n.Inlines)
		f.mark(end)
		return
	}
	f.word(marks[open])
	r.inlines(f, n.Inlines)
	f.word(marks[end])
}

// image appends "[Image: alt]" (the word in the document's language,
// l10n.Image), or "[Image]" without alt text, and the image's URL as a
// link unless safeurl refuses it (the HTML writes the alt text alone).
func (r *renderer) image(f *flat, n *ast.Image) {
	alt := strings.TrimSpace(clean(n.Alt))
	label := r.lang.Label(l10n.Image)
	if f.upper {
		alt = upper(alt)
	}
	if alt == "" {
		f.word("[" + label + "]")
	} else {
		f.word("[" + label + ": " + alt + "]")
	}
	if dest := strings.TrimSpace(clean(n.Destination)); dest != "" && safeurl.Allowed(n.Destination) {
		r.reference(f, dest)
	}
}

// rawHTML appends nothing: raw HTML is markup, not text.
func rawHTML(*flat, *ast.RawHTML) {}

// footnoteRef appends the footnote's marker, "[^1]", attached to the text
// before it as in the template.
func footnoteRef(f *flat, n *ast.FootnoteRef) {
	f.word("[^" + strconv.Itoa(n.Index) + "]")
}

// reference appends where dest is found: " [n]" kept with the word before
// it, or " <dest>" in LinksInline style.
func (r *renderer) reference(f *flat, dest string) {
	if r.opts.Links == LinksInline {
		f.sep(breakSpace)
		f.word("<" + dest + ">")
		return
	}
	f.sep(glue)
	f.word("[" + strconv.Itoa(r.number(dest)) + "]")
}

// number returns dest's link number, giving it the next one the first time
// dest is seen.
func (r *renderer) number(dest string) int {
	if n, ok := r.urlNums[dest]; ok {
		return n
	}
	r.urls = append(r.urls, dest)
	r.urlNums[dest] = len(r.urls)
	return len(r.urls)
}

// blank reports whether b holds nothing but separators.
func blank(b []byte) bool {
	for _, c := range b {
		if c != breakSpace && c != hardBreak && c != glue {
			return false
		}
	}
	return true
}

// clean makes document text safe to lay out: tab, line feed, carriage
// return and the space equivalents (ast.IsSpaceEquivalent: vertical tab,
// form feed, NEL and the Unicode line and paragraph separators) become
// spaces, other control characters and invalid UTF-8 become U+FFFD.
// Printable ASCII, which cleanRune keeps, is returned without looking at
// its characters one by one.
func clean(s string) string {
	if linebreak.PrintableASCII(s) {
		return s
	}
	return strings.Map(cleanRune, s)
}

// cleanRune is clean for one character.
func cleanRune(c rune) rune {
	switch {
	case c == '\t' || c == '\n' || c == '\r' || ast.IsSpaceEquivalent(c):
		return ' '
	case c < 0x20 || c >= 0x7f && c < 0xa0:
		return utf8.RuneError
	}
	return c
}

// cleanCode is clean for code blocks: tabs and line feeds are kept, "\r\n"
// becomes "\n", the space equivalents (ast.IsSpaceEquivalent) become
// spaces, and other control characters become U+FFFD.
func cleanCode(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(c rune) rune {
		switch {
		case c == '\t' || c == '\n':
			return c
		case ast.IsSpaceEquivalent(c):
			return ' '
		case c < 0x20 || c >= 0x7f && c < 0xa0:
			return utf8.RuneError
		}
		return c
	}, s)
}

// upper upper-cases s letter by letter, without regard to locale. A letter
// whose upper case is another letter to Unicode case folding (dotless
// "ı", whose upper case "I" folds to "i") is left as it is, so that a
// case-insensitive search for any word of the document, which folds
// case, still finds it; final "ς" and long "ſ" fold as "σ" and "s" do,
// and become "Σ" and "S". Printable ASCII goes through strings.ToUpper's
// byte-by-byte path, which upper-cases it as upperRune does.
func upper(s string) string {
	if linebreak.PrintableASCII(s) {
		return strings.ToUpper(s)
	}
	return strings.Map(upperRune, s)
}

// upperRune is upper for one character: its upper case when that is in
// the character's simple case-folding orbit (unicode.SimpleFold), else
// the character itself.
func upperRune(c rune) rune {
	u := unicode.ToUpper(c)
	for r := unicode.SimpleFold(c); r != c; r = unicode.SimpleFold(r) {
		if r == u {
			return u
		}
	}
	return c
}

// displayWidth is the width of s in monospace columns as uniseg counts
// it: one a character for printable ASCII, counted without it.
func displayWidth(s string) int {
	if linebreak.PrintableASCII(s) {
		return len(s)
	}
	return uniseg.StringWidth(s)
}
