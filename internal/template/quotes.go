package template

import (
	"strings"

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
// Text: mark, written as English writes it at byte off.
type quoteAt struct {
	off  int
	mark l10n.QuoteMark
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
	s := english.Quote(mark)
	out = c.appendText(out, s, pos)
	end := len(c.runText.Text)
	if c.runLong {
		end = len(c.run)
	}
	c.quotes[c.runText] = append(c.quotes[c.runText], quoteAt{off: end - len(s), mark: mark})
	return out
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
			moved = append(moved, quoteAt{off: q.off + shift, mark: q.mark})
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
		en := english.Quote(q.mark)
		if q.off < last || q.off > len(s) || !strings.HasPrefix(s[q.off:], en) {
			continue
		}
		lit(s[last:q.off])
		mark(q.mark)
		last = q.off + len(en)
	}
	lit(s[last:])
}

// requote returns s, the text of a Text whose typographer's quotation
// marks are qs, with lang's marks in their place.
func requote(s string, qs []quoteAt, lang l10n.Lang) string {
	var b strings.Builder
	b.Grow(len(s) + 2*len(qs))
	splitQuotes(s, qs, func(t string) { b.WriteString(t) }, func(m l10n.QuoteMark) { b.WriteString(lang.Quote(m)) })
	return b.String()
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
