package template

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

// Typographic quotation marks.
//
// goldmark's typographer turns straight quotes into curly ones, but it
// takes one set of marks for a parser, and a template is parsed before
// the language of its document is known (--lang, a batch manifest's
// locale). So the typographer writes a token for each of its quotation
// marks; the converter writes English's mark in its place and records
// where it is in its Text (Template.quotes); and Fill writes the mark of
// the document's language there (l10n.Lang.Quote), „…“ in German,
// «\u202f…\u202f» in French. English documents, and those of languages
// with English's marks, are filled as they were parsed.
//
// Only the typographer's quotation marks change: curly quotes typed in
// the template, values, code, and apostrophes (don't, l'utilisateur,
// which the typographer writes as ’ in every language) are never
// recorded. A closing single quote that closes no opening one of its
// block (Hans' Buch, doin') is an apostrophe too.

// typoQuote is one of the typographer's quotation marks.
type typoQuote uint8

const (
	leftDouble typoQuote = iota
	rightDouble
	leftSingle
	rightSingle
)

// quoteToken are the values the typographer is given for its quotation
// marks: the byte 0xFF, which no UTF-8 text holds, and the mark's
// number. Only the typographer makes goldmark String nodes, and the
// converter reads each one (typoQuoteOf), so no token reaches a
// document.
var quoteToken = [...]string{
	leftDouble:  "\xff\x00",
	rightDouble: "\xff\x01",
	leftSingle:  "\xff\x02",
	rightSingle: "\xff\x03",
}

// typoQuoteOf returns the quotation mark whose token v is.
func typoQuoteOf(v []byte) (typoQuote, bool) {
	if len(v) == 2 && v[0] == 0xFF && int(v[1]) < len(quoteToken) {
		return typoQuote(v[1]), true
	}
	return 0, false
}

// apostrophe is the typographer's apostrophe, in every language.
const apostrophe = "’"

// quoteAt is one of the typographer's quotation marks in a literal
// Text: mark, written as English writes it at byte off; or, when
// straight is set, a straight double quote '"' typed there that the
// typographer left as it is (its mark is then what Fill makes of it, see
// settleStraight).
//
// A straight quote also holds what its block's literal text types
// before it, for Fill to tell whether a quotation opened with a curly
// mark typed as such is open there (settleStraight): typed, the
// quotation marks typed as such (typedMarks) since the block's straight
// quote before it, or since the block's start when first is set.
type quoteAt struct {
	off      int
	mark     l10n.QuoteMark
	straight bool
	first    bool
	typed    string
}

// written returns the text q is written as in the template's Text.
func (q quoteAt) written() string {
	if q.straight {
		return `"`
	}
	return english.Quote(q.mark)
}

// english is the language whose marks the converter writes.
var english l10n.Lang

// quote appends the typographer's mark q at base (an offset in the
// encoded body, or -1), as English writes it, and records it in
// c.quotes. A closing single quote that closes none is an apostrophe,
// written and not recorded.
func (c *converter) quote(out []ast.Inline, q typoQuote, base int) []ast.Inline {
	pos := ast.Pos{}
	if base >= 0 {
		pos = c.src.posEnc(base)
	}
	var mark l10n.QuoteMark
	switch q {
	case leftDouble:
		mark = l10n.OpenQuote
	case rightDouble:
		mark = l10n.CloseQuote
	case leftSingle:
		mark = l10n.OpenInnerQuote
		c.openSingles++
	default:
		if c.openSingles == 0 {
			return c.appendText(out, apostrophe, pos)
		}
		c.openSingles--
		mark = l10n.CloseInnerQuote
	}
	return c.appendMark(out, quoteAt{mark: mark}, pos)
}

// appendMark appends q as it is written (quoteAt.written) and records
// it at its place in the run's Text.
func (c *converter) appendMark(out []ast.Inline, q quoteAt, pos ast.Pos) []ast.Inline {
	s := q.written()
	out = c.appendText(out, s, pos)
	end := len(c.runText.Text)
	if c.runLong {
		end = len(c.run)
	}
	q.off = end - len(s)
	c.quotes[c.runText] = append(c.quotes[c.runText], q)
	return out
}

// appendResolved appends lit, literal template text before escapes and
// references are resolved, and records each straight double quote in it
// that the typographer left as typed: not one escaped (\"), nor one
// written as a reference (&quot;), which stay straight in every language.
func (c *converter) appendResolved(out []ast.Inline, lit string, pos ast.Pos) []ast.Inline {
	if !strings.Contains(lit, `"`) {
		return c.appendText(out, resolveText(lit), pos)
	}
	last := 0
	for i := 0; i < len(lit); i++ {
		if lit[i] != '"' {
			continue
		}
		slashes := 0
		for j := i - 1; j >= last && lit[j] == '\\'; j-- {
			slashes++
		}
		if slashes%2 == 1 {
			continue
		}
		out = c.appendText(out, resolveText(lit[last:i]), pos)
		out = c.appendMark(out, quoteAt{straight: true}, pos)
		c.straightInBlock = true
		last = i + 1
	}
	return c.appendText(out, resolveText(lit[last:]), pos)
}

// typedMarks are the quotation marks that a language of l10n's table
// opens or closes a quotation with, as an author may type them.
const typedMarks = "„“”«»‹›‚‘’「」『』"

// chainTyped records in each straight quote of a block's text ins (its
// inlines, nested ones too) the quotation marks typed as such before it
// (quoteAt.typed, quoteAt.first), skipping the typographer's marks and
// values.
func (c *converter) chainTyped(ins []ast.Inline) {
	var typed strings.Builder
	first := true
	keep := func(s string) {
		if !strings.ContainsAny(s, typedMarks) {
			return
		}
		for _, r := range s {
			if strings.ContainsRune(typedMarks, r) {
				typed.WriteRune(r)
			}
		}
	}
	for _, in := range ins {
		ast.Walk(in, func(n ast.Node) bool {
			t, ok := n.(*ast.Text)
			if !ok {
				return true
			}
			if _, isPH := placeholderID(c.textIDs, t); isPH {
				return false
			}
			qs := c.quotes[t]
			last := 0
			for i, q := range qs {
				if q.off < last || q.off > len(t.Text) {
					continue
				}
				keep(t.Text[last:q.off])
				last = q.off + len(q.written())
				if q.straight {
					qs[i].typed, qs[i].first = typed.String(), first
					typed.Reset()
					first = false
				}
			}
			keep(t.Text[last:])
			return false
		})
	}
}

// moveQuotes moves the quotation marks recorded for from to to, whose
// text holds from's at byte shift (mergeTexts), or, with a negative
// shift, has lost that many bytes at its start (a task item's spaces).
func (c *converter) moveQuotes(from, to *ast.Text, shift int) {
	qs, ok := c.quotes[from]
	if !ok {
		return
	}
	delete(c.quotes, from)
	moved := c.quotes[to]
	for _, q := range qs {
		if q.off+shift >= 0 {
			q.off += shift
			moved = append(moved, q)
		}
	}
	c.quotes[to] = moved
}

// splitQuotes calls lit with each piece of s, the text of a Text whose
// typographer's quotation marks are qs, and mark with each mark between
// them. A mark not found at its place (never expected) stays in the
// text.
func splitQuotes(s string, qs []quoteAt, lit func(string), mark func(l10n.QuoteMark)) {
	last := 0
	for _, q := range qs {
		en := q.written()
		if q.straight || q.off < last || q.off > len(s) || !strings.HasPrefix(s[q.off:], en) {
			// A straight quote that Fill has not settled stays as typed.
			continue
		}
		lit(s[last:q.off])
		mark(q.mark)
		last = q.off + len(en)
	}
	lit(s[last:])
}

// requote returns s, the text of a Text whose typographer's quotation
// marks are qs, with lang's marks in their place, and its straight
// double quotes settled (settleStraight, with typedOpen).
func requote(s string, qs []quoteAt, lang l10n.Lang, typedOpen *bool) string {
	var b strings.Builder
	b.Grow(len(s) + 2*len(qs))
	last := 0
	for _, q := range settleStraight(s, qs, lang, typedOpen) {
		w := q.written()
		if q.off < last || q.off > len(s) || !strings.HasPrefix(s[q.off:], w) {
			continue
		}
		b.WriteString(s[last:q.off])
		b.WriteString(lang.Quote(q.mark))
		last = q.off + len(w)
	}
	b.WriteString(s[last:])
	return b.String()
}

// hasStraight reports whether qs holds a straight double quote.
func hasStraight(qs []quoteAt) bool {
	for _, q := range qs {
		if q.straight {
			return true
		}
	}
	return false
}

// settleStraight returns qs, the marks of a Text s, with the straight
// double quotes that lang's typography makes quotation marks given
// their mark, and those that stay straight left out. The typographer
// decides from the characters around a quote alone, before the
// document's language is known, and leaves a '"' it cannot place as
// typed; two cases are a quotation mark all the same:
//
//   - A '"' that closes a quotation opened with lang's own opening mark
//     typed as such („Alle akzeptieren" in German, «Tous" in French):
//     the closing mark of lang. Only a '"' that can close (after a
//     character that is no space, before none that is a letter or
//     digit), and only when the typed opening mark is still open there
//     in its block's literal text (*typedOpen, which carries this from
//     one Text of the block to the next; quoteAt.typed).
//   - In Hebrew, a quotation that starts right after a one-letter prefix
//     (ב ה ו כ ל מ ש, up to three of them, attached to the next word:
//     ב"הכרחיות בלבד"): the '"' after the prefix letters at the start of
//     a word, followed by a word of three letters or more, opens, and
//     the next '"' that can close closes it. Both stay straight when none
//     closes it. A '"' between letters with one or two letters after it
//     (צה"ל, ארה"ב, דו"ח, עו"ד, ב"ה) is gershayim in an acronym and stays
//     '"' as typed, not U+05F4 GERSHAYIM: readers type '"' to search
//     for an acronym, and a '"' between letters may be either.
//
// Every other straight quote stays as typed.
func settleStraight(s string, qs []quoteAt, lang l10n.Lang, typedOpen *bool) []quoteAt {
	if !hasStraight(qs) {
		return qs
	}
	open := strings.Trim(lang.Quote(l10n.OpenQuote), "\u202f")
	closing := strings.Trim(lang.Quote(l10n.CloseQuote), "\u202f")
	hebrew := lang.HebrewPrefixes()
	out := make([]quoteAt, 0, len(qs))
	prefixOpen := -1
	last := 0
	for _, q := range qs {
		if q.off < last || q.off > len(s) {
			continue
		}
		last = q.off + len(q.written())
		if !q.straight {
			out = append(out, q)
			continue
		}
		if q.first {
			*typedOpen = false
		}
		*typedOpen = scanTyped(q.typed, open, closing, *typedOpen)
		switch {
		case *typedOpen && canClose(s, q.off):
			q.mark = l10n.CloseQuote
			out = append(out, q)
			*typedOpen = false
		case hebrew && prefixOpen >= 0 && canClose(s, q.off):
			q.mark = l10n.CloseQuote
			out = append(out, q)
			prefixOpen = -1
		case hebrew && prefixOpen < 0 && afterPrefix(s, q.off):
			q.mark = l10n.OpenQuote
			out = append(out, q)
			prefixOpen = len(out) - 1
		}
	}
	if prefixOpen >= 0 {
		out = append(out[:prefixOpen], out[prefixOpen+1:]...)
	}
	return out
}

// scanTyped returns whether a quotation opened with the typed mark open
// is still open after typed, the marks typed in a block's text, given
// whether it was before: open opens it, closing closes it (a mark that
// is both, as Swedish ” is, does either in turn).
func scanTyped(typed, open, closing string, isOpen bool) bool {
	for i := 0; i < len(typed); {
		switch {
		case isOpen && strings.HasPrefix(typed[i:], closing):
			isOpen = false
			i += len(closing)
		case !isOpen && strings.HasPrefix(typed[i:], open):
			isOpen = true
			i += len(open)
		default:
			_, size := utf8.DecodeRuneInString(typed[i:])
			i += size
		}
	}
	return isOpen
}

// canClose reports whether the '"' at off in s can close a quotation:
// it follows a character that is no space and comes before the end, a
// space or punctuation.
func canClose(s string, off int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:off])
	if off == 0 || unicode.IsSpace(before) {
		return false
	}
	after, _ := utf8.DecodeRuneInString(s[off+1:])
	return off+1 == len(s) || !unicode.IsLetter(after) && !unicode.IsDigit(after)
}

// hebrewPrefixes are the Hebrew letters written attached to the next
// word: ב ה ו כ ל מ ש.
const hebrewPrefixes = "בהוכלמש"

// afterPrefix reports whether the '"' at off in s opens a Hebrew
// quotation after prefix letters: one to three of hebrewPrefixes start
// a word right before it, and a Hebrew word of three letters or more
// follows it (one or two make an acronym: ב"ה).
func afterPrefix(s string, off int) bool {
	n := 0
	i := off
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) {
			break
		}
		if !strings.ContainsRune(hebrewPrefixes, r) || n == 3 {
			return false
		}
		n++
		i -= size
	}
	if n == 0 {
		return false
	}
	letters := 0
	for _, r := range s[off+1:] {
		if !unicode.IsLetter(r) {
			break
		}
		if !unicode.Is(unicode.Hebrew, r) {
			return false
		}
		letters++
		if letters == 3 {
			return true
		}
	}
	return false
}

// appendQuoted appends the literal text of t in encoded form, with the
// typographer's quotation marks as appendQuote writes them, so that an
// image's alt text gets them in the document's language too (Fill's
// subst); t, which leaves the tree, is taken out of c.quotes.
func (c *converter) appendQuoted(b []byte, t *ast.Text) []byte {
	qs := c.quotes[t]
	delete(c.quotes, t)
	splitQuotes(t.Text, qs, func(s string) { b = appendLiteral(b, s) }, func(m l10n.QuoteMark) { b = appendQuote(b, m) })
	return b
}
