package template

import (
	"bytes"
	"fmt"
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/values"
)

// span is one placeholder occurrence found by scanPlaceholders: the byte
// range of "{name}" or "{name|filter}" in the scanned text.
type span struct {
	Start, End int // src[Start] == '{', src[End-1] == '}'
	Name       string
	// Filter is the filter's name ("date" in "{lastUpdated|date}"), ""
	// for none.
	Filter string
}

// Key is what names the span's sentinel: "name", or "name|filter" with
// a filter, the text between the braces.
func (s span) Key() string { return placeholderKey(s.Name, s.Filter) }

// placeholderKey is the text between the braces of a placeholder.
func placeholderKey(name, filter string) string {
	if filter == "" {
		return name
	}
	return name + "|" + filter
}

// splitKey splits a placeholder key into its name and filter.
func splitKey(key string) (name, filter string) {
	name, filter, _ = strings.Cut(key, "|")
	return name, filter
}

// scanPlaceholders returns every "{name}" and "{name|filter}" in src, in
// order, by the lexical rules alone (it knows nothing of Markdown code
// spans, nor which filters exist): a '{' preceded by an odd number of
// backslashes is escaped and starts no placeholder, and the name and the
// filter must satisfy values.IsName. Anything else, such as "{ }",
// "{1,2}", "{a|}", "{{< x >}}" or "{% x %}", is not a placeholder.
//
// Each distinct name and filter is allocated once: a template with a
// hundred thousand "{a}" holds one string "a".
func scanPlaceholders(src []byte) []span {
	var out []span
	var names map[string]string
	for i := range openBraces(src) {
		j := i + 1
		for j < len(src) && values.IsNameByte(src[j], j == i+1) {
			j++
		}
		if j == i+1 || j >= len(src) {
			continue
		}
		nameEnd, filterStart := j, j
		if src[j] == '|' {
			filterStart = j + 1
			j++
			for j < len(src) && values.IsNameByte(src[j], j == filterStart) {
				j++
			}
			if j == filterStart || j >= len(src) {
				continue
			}
		}
		if src[j] != '}' {
			continue
		}
		if names == nil {
			names = map[string]string{}
			// At most one placeholder per '{': no growth on the way.
			out = make([]span, 0, bytes.Count(src[i:], []byte("{")))
		}
		sp := span{Start: i, End: j + 1, Name: intern(names, src[i+1:nameEnd])}
		if filterStart < j {
			sp.Filter = intern(names, src[filterStart:j])
		}
		out = append(out, sp)
	}
	return out
}

// openBraces yields, in order, the offset of each '{' in src that no
// backslash escapes: one preceded by an even number of backslashes
// (none, or escaped backslashes).
func openBraces(src []byte) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < len(src); i++ {
			k := bytes.IndexByte(src[i:], '{')
			if k < 0 {
				return
			}
			i += k
			backslashes := 0
			for b := i - 1; b >= 0 && src[b] == '\\'; b-- {
				backslashes++
			}
			if backslashes%2 == 0 && !yield(i) {
				return
			}
		}
	}
}

// intern returns b as a string, the same string for the same bytes.
func intern(strs map[string]string, b []byte) string {
	if s, ok := strs[string(b)]; ok {
		return s
	}
	s := string(b)
	strs[s] = s
	return s
}

// The encoded form.
//
// Before goldmark sees a template, every placeholder "{name}" is replaced
// by a sentinel: '{', the name's number written in base 31 with the
// Unicode noncharacters U+FDD0..U+FDEE as digits, and '}'. A noncharacter
// is neither space nor punctuation, just like a name's letters, and the
// braces stay, so emphasis flanking, typographer quotes and every other
// parse decision around the placeholder are unchanged. A noncharacter in
// U+FDD0..U+FDEF already present in the template is escaped as U+FDEF
// followed by itself, so any template text is accepted and decodes back
// exactly.
const (
	digitBase  = 31
	escapeRune = 0xFDEF
	firstDigit = 0xFDD0
)

// quoteDigit, after escapeRune, starts the typographer's quotation
// marks in encoded text ("\uFDEF0" is l10n.OpenQuote … "\uFDEF3"
// l10n.CloseInnerQuote; appendQuote), which template text, whose
// escapeRune is always followed by a noncharacter, never holds.
const quoteDigit = '0'

// appendQuote appends the typographer's quotation mark m in encoded
// form.
func appendQuote(b []byte, m l10n.QuoteMark) []byte {
	b = utf8.AppendRune(b, escapeRune)
	return append(b, quoteDigit+byte(m))
}

// isNonchar reports whether r is in the reserved range U+FDD0..U+FDEF.
func isNonchar(r rune) bool { return r >= firstDigit && r <= escapeRune }

// appendSentinel appends the sentinel for placeholder number id.
func appendSentinel(b []byte, id int) []byte {
	var digits [16]rune
	n := 0
	for {
		digits[n] = rune(firstDigit + id%digitBase)
		n++
		id /= digitBase
		if id == 0 {
			break
		}
	}
	b = append(b, '{')
	for n > 0 {
		n--
		b = utf8.AppendRune(b, digits[n])
	}
	return append(b, '}')
}

// appendLiteral appends s in encoded form: reserved noncharacters escaped.
func appendLiteral(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isNonchar(r) {
			b = utf8.AppendRune(b, escapeRune)
		}
		b = append(b, s[i:i+size]...)
		i += size
	}
	return b
}

// piece is one part of an encoded string: literal text (ID < 0) or a
// placeholder (ID >= 0). Off is the piece's byte offset in the encoded
// string. A piece with Quote is one of the typographer's quotation
// marks (an image's alt text has them): Lit is Mark as English writes
// it, which Fill writes in the document's language.
type piece struct {
	Lit   string
	ID    int
	Off   int
	Quote bool
	Mark  l10n.QuoteMark
}

// splitEncoded splits an encoded string into literal runs and
// placeholders. Literal runs have escaped noncharacters decoded; reserved
// noncharacters that are neither escaped nor part of a whole sentinel are
// dropped, so no sentinel fragment can ever reach a document.
func splitEncoded(s string) []piece {
	if isPlainEncoded(s) {
		if s == "" {
			return nil
		}
		return []piece{{Lit: s, ID: -1}}
	}
	// Each sentinel starts with '{' and adds at most two pieces.
	out := make([]piece, 0, 2*strings.Count(s, "{")+1)
	var lit []byte
	litOff := 0
	flush := func() {
		if len(lit) > 0 {
			out = append(out, piece{Lit: string(lit), ID: -1, Off: litOff})
			lit = lit[:0]
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if len(lit) == 0 {
			litOff = i
		}
		if r == escapeRune && i+size < len(s) {
			if m := s[i+size]; m >= quoteDigit && m < quoteDigit+4 {
				flush()
				mark := l10n.QuoteMark(m - quoteDigit)
				out = append(out, piece{Lit: english.Quote(mark), ID: -1, Off: i, Quote: true, Mark: mark})
				i += size + 1
				continue
			}
			r2, size2 := utf8.DecodeRuneInString(s[i+size:])
			if isNonchar(r2) {
				lit = utf8.AppendRune(lit, r2)
				i += size + size2
				continue
			}
		}
		if r == '{' {
			if id, n, ok := readSentinel(s[i:]); ok {
				flush()
				out = append(out, piece{ID: id, Off: i})
				i += n
				continue
			}
		}
		if isNonchar(r) {
			// A fragment of a sentinel that the parse split, never
			// template text (which is always escaped): drop it.
			i += size
			continue
		}
		lit = append(lit, s[i:i+size]...)
		i += size
	}
	flush()
	return out
}

// readSentinel reads a sentinel at the start of s and returns its id and
// length.
func readSentinel(s string) (id, n int, ok bool) {
	i := 1
	digits := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < firstDigit || r >= escapeRune {
			break
		}
		id = id*digitBase + int(r-firstDigit)
		digits++
		i += size
		if digits > 6 {
			return 0, 0, false
		}
	}
	if digits == 0 || i >= len(s) || s[i] != '}' {
		return 0, 0, false
	}
	return id, i + 1, true
}

// isPlainEncoded reports whether the encoded string s is all literal text
// that decodes to itself: it holds no '{' (so no sentinel) and no byte
// 0xEF (which starts every reserved noncharacter, U+FDD0..U+FDEF being
// EF B7 90..EF B7 AF in UTF-8). Most text is plain, and it is copied once
// instead of rune by rune.
func isPlainEncoded[S ~string | ~[]byte](s S) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '{' || c == 0xEF {
			return false
		}
	}
	return true
}

// lookalikeSpan is a place found by scanLookalikes: src[Start:End] is
// Text, which holds the placeholder key Key ("name" or "name|filter")
// as it was meant.
type lookalikeSpan struct {
	Start, End int
	Text, Key  string
	// Braced is true for "{{key}}": the placeholder {key} in one more
	// pair of braces, which stay in the text around its value. Else the
	// text has spaces inside its braces ("{ key }", "{{ key }}",
	// "{key | filter}") and is no placeholder at all.
	Braced bool
	// Words is true when the spaces are inside the name ("{site url}"),
	// Key then being the words joined as one name ("siteUrl").
	Words bool
	// Slip is another slip of the hand than spaces or a second pair of
	// braces (slipDollar, …); 0 for those.
	Slip slip
}

// slip is a near-miss of a placeholder found by scanLookalikes besides
// the spaced and the double-braced ones.
type slip int

const (
	_ slip = iota
	// slipDollar is "${siteUrl}": the placeholder after a "$", as a
	// shell or JavaScript writes one; the "$" stays before its value.
	slipDollar
	// slipOpen is "{{siteUrl}": the placeholder after one more "{",
	// which stays before its value.
	slipOpen
	// slipClose is "{siteUrl}}": the placeholder before one more "}",
	// which stays after its value.
	slipClose
	// slipHyphen is "{site-url}", no placeholder: a name has no
	// hyphens. Key is the words joined as one name ("siteUrl").
	slipHyphen
	// slipDollarInside is "{$siteUrl}", no placeholder.
	slipDollarInside
	// slipEmptyFilter is "{siteUrl|}", no placeholder: its "|" names
	// no filter.
	slipEmptyFilter
	// slipFilters is "{siteUrl|date|x}", no placeholder: a placeholder
	// takes one filter. Key is the name and the first filter.
	slipFilters
	// slipUnclosed is "{siteUrl" with no "}" after it on its line.
	slipUnclosed
)

// placeholder reports whether the lookalike is a placeholder all the
// same, filled with its value (with text around it that stays): "{{key}}",
// "${key}", "{{key}", "{key}}". The others are text, and leave the value
// they were meant to use unused.
func (l lookalikeSpan) placeholder() bool {
	return l.Braced || l.Slip == slipDollar || l.Slip == slipOpen || l.Slip == slipClose
}

// maxLookalikeWords bounds the words of a name written with spaces
// ("{site url}") that is taken for a placeholder: braces around more
// words are text.
const maxLookalikeWords = 3

// scanLookalikes returns the places in src written as other template
// languages write a placeholder (Mustache, Handlebars, Jinja, Liquid) or
// as a placeholder with spaces typed into it: "{{key}}", "{ key }",
// "{{ key }}", "{key | filter}" and "{site url}", where key is a
// placeholder name, or a name, "|" and a filter name, as
// scanPlaceholders reads them, and spaces are blanks or tabs. A '{' that
// a backslash escapes starts none: "\{ name }" is text meant as written.
// "{{ page.title }}" and "{% if x %}" hold no placeholder key and are
// not found. So are the other slips of the hand (slip): "${key}" (not
// after a backslash: "\${key}" means the "$"), "{{key}", "{key}}",
// "{site-url}", "{$key}", "{key|}", "{key|filter|x}" and "{key" with no
// "}" after it on its line.
func scanLookalikes(src []byte) []lookalikeSpan {
	var out []lookalikeSpan
	end := 0 // of the last one found: a '{' before it is inside it
	for i := range openBraces(src) {
		if i < end {
			continue
		}
		if sp, ok := dollarAt(src, i); ok && i-1 >= end {
			out = append(out, sp)
			end = sp.End
			continue
		}
		if sp, ok := lookalikeAt(src, i); ok {
			out = append(out, sp)
			end = sp.End
		}
	}
	return out
}

// dollarAt reads "${key}", the placeholder at the '{' at src[i] after a
// "$" that no backslash escapes.
func dollarAt(src []byte, i int) (lookalikeSpan, bool) {
	if i == 0 || src[i-1] != '$' {
		return lookalikeSpan{}, false
	}
	backslashes := 0
	for b := i - 2; b >= 0 && src[b] == '\\'; b-- {
		backslashes++
	}
	key, end, ok := placeholderAt(src, i)
	if backslashes%2 == 1 || !ok {
		return lookalikeSpan{}, false
	}
	return lookalikeSpan{Start: i - 1, End: end, Text: string(src[i-1 : end]), Key: key, Slip: slipDollar}, true
}

// placeholderAt reads the placeholder "{key}" at the '{' at src[i], as
// scanPlaceholders does: its key and where it ends.
func placeholderAt(src []byte, i int) (key string, end int, ok bool) {
	j := i + 1
	name := func() bool {
		start := j
		for j < len(src) && values.IsNameByte(src[j], j == start) {
			j++
		}
		return j > start
	}
	if !name() {
		return "", 0, false
	}
	if j < len(src) && src[j] == '|' {
		j++
		if !name() {
			return "", 0, false
		}
	}
	if j >= len(src) || src[j] != '}' {
		return "", 0, false
	}
	return string(src[i+1 : j]), j + 1, true
}

// lookalikeAt reads a lookalike that starts with the '{' at src[i].
func lookalikeAt(src []byte, i int) (lookalikeSpan, bool) {
	if sp, ok := spacedAt(src, i); ok {
		return sp, true
	}
	return slipAt(src, i)
}

// slipAt reads a slip (slip) other than "${key}" that starts with the
// '{' at src[i].
func slipAt(src []byte, i int) (lookalikeSpan, bool) {
	at := func(end int, key string, k slip) (lookalikeSpan, bool) {
		return lookalikeSpan{Start: i, End: end, Text: string(src[i:end]), Key: key, Slip: k}, true
	}
	if key, end, ok := placeholderAt(src, i); ok {
		if end < len(src) && src[end] == '}' {
			return at(end+1, key, slipClose)
		}
		return lookalikeSpan{}, false
	}
	if i+1 < len(src) && src[i+1] == '{' {
		if key, end, ok := placeholderAt(src, i+1); ok && (end >= len(src) || src[end] != '}') {
			return at(end, key, slipOpen)
		}
		return lookalikeSpan{}, false
	}
	j := i + 1
	name := func() string {
		start := j
		for j < len(src) && values.IsNameByte(src[j], j == start) {
			j++
		}
		return string(src[start:j])
	}
	closed := func() bool { return j < len(src) && src[j] == '}' }
	dollar := j < len(src) && src[j] == '$'
	if dollar {
		j++
	}
	words := []string{name()}
	if words[0] == "" {
		return lookalikeSpan{}, false
	}
	if dollar {
		key := words[0]
		if j < len(src) && src[j] == '|' {
			j++
			f := name()
			if f == "" {
				return lookalikeSpan{}, false
			}
			key += "|" + f
		}
		if !closed() {
			return lookalikeSpan{}, false
		}
		return at(j+1, key, slipDollarInside)
	}
	for len(words) < maxLookalikeWords && j+1 < len(src) && src[j] == '-' {
		before := j
		j++
		w := name()
		if w == "" {
			j = before
			break
		}
		words = append(words, w)
	}
	if len(words) > 1 {
		if !closed() {
			return lookalikeSpan{}, false
		}
		key := words[0]
		for _, w := range words[1:] {
			key += strings.ToUpper(w[:1]) + w[1:]
		}
		return at(j+1, key, slipHyphen)
	}
	key := words[0]
	if j < len(src) && src[j] == '|' {
		j++
		if closed() {
			return at(j+1, key, slipEmptyFilter)
		}
		f := name()
		if f == "" || j >= len(src) || src[j] != '|' {
			return lookalikeSpan{}, false
		}
		for j < len(src) && src[j] != '}' && src[j] != '\n' && src[j] != '{' {
			j++
		}
		if !closed() {
			return lookalikeSpan{}, false
		}
		return at(j+1, key+"|"+f, slipFilters)
	}
	// "{key" and no "}" on the rest of its line: not "{a, b}", nor a
	// "{" that a later "}" closes.
	rest := src[j:]
	if k := bytes.IndexByte(rest, '\n'); k >= 0 {
		rest = rest[:k]
	}
	if bytes.IndexByte(rest, '}') >= 0 || j < len(src) && src[j] == '{' {
		return lookalikeSpan{}, false
	}
	return at(j, key, slipUnclosed)
}

// spacedAt reads a lookalike with spaces or in two pairs of braces that
// starts with the '{' at src[i].
func spacedAt(src []byte, i int) (lookalikeSpan, bool) {
	j := i + 1
	double := j < len(src) && src[j] == '{'
	if double {
		j++
	}
	blanks := func() int {
		n := 0
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
			n++
		}
		return n
	}
	name := func() string {
		start := j
		for j < len(src) && values.IsNameByte(src[j], j == start) {
			j++
		}
		return string(src[start:j])
	}
	spaced := blanks() > 0
	words := []string{name()}
	if words[0] == "" {
		return lookalikeSpan{}, false
	}
	filter := ""
	for {
		before := j
		n := blanks()
		if j < len(src) && src[j] == '|' && filter == "" {
			j++
			spaced = blanks() > 0 || n > 0 || spaced
			if filter = name(); filter == "" {
				return lookalikeSpan{}, false
			}
			continue
		}
		if n > 0 && filter == "" && len(words) < maxLookalikeWords {
			if w := name(); w != "" {
				words = append(words, w)
				continue
			}
		}
		j = before
		break
	}
	spaced = blanks() > 0 || spaced
	closing := "}"
	if double {
		closing = "}}"
	}
	if !bytes.HasPrefix(src[j:], []byte(closing)) || !spaced && !double && len(words) == 1 {
		return lookalikeSpan{}, false
	}
	j += len(closing)
	key := words[0]
	for _, w := range words[1:] {
		key += strings.ToUpper(w[:1]) + w[1:]
	}
	if filter != "" {
		key += "|" + filter
	}
	multi := len(words) > 1
	return lookalikeSpan{Start: i, End: j, Text: string(src[i:j]), Key: key, Braced: !spaced && !multi, Words: multi}, true
}

// message says what the lookalike is and what to write instead, where
// a backslash before a brace keeps it as written (text, a link's
// destination or title, front matter).
func (l lookalikeSpan) message() string { return l.messageWith(`\{`, `\}`, "") }

// messageWith is message where open and close write a brace that stays
// as written, and why follows them when it is not a backslash.
func (l lookalikeSpan) messageWith(open, close, why string) string {
	dollar := `\$`
	if open != `\{` {
		dollar = "&#36;"
	}
	switch l.Slip {
	case slipDollar:
		return fmt.Sprintf("%s is the placeholder {%s} after a $, which stays in the text before its value (${…} is a shell's or JavaScript's placeholder); write {%s} (or %s if the $ is meant%s)", l.Text, l.Key, l.Key, dollar+l.Text[1:], why)
	case slipOpen:
		return fmt.Sprintf("%s is the placeholder {%s} after a second {, which stays in the text before its value; write {%s} (or %s if the brace is meant%s)", l.Text, l.Key, l.Key, open+l.Text[1:], why)
	case slipClose:
		return fmt.Sprintf("%s is the placeholder {%s} before a second }, which stays in the text after its value; write {%s} (or %s if the brace is meant%s)", l.Text, l.Key, l.Key, l.Text[:len(l.Text)-1]+close, why)
	}
	if l.Braced {
		return fmt.Sprintf("%s is the placeholder {%s} in a second pair of braces, which stay in the text around its value; a placeholder takes one pair: write {%s} (or %s if the braces are meant%s)", l.Text, l.Key, l.Key, open+l.Text[1:len(l.Text)-1]+close, why)
	}
	return fmt.Sprintf("%s is not a placeholder, %s, and stays as written; write {%s} (or %s if the text is meant%s)", l.Text, l.why(), l.Key, strings.ReplaceAll(l.Text, "{", open), why)
}

// why says what keeps a lookalike with spaces from being a placeholder.
func (l lookalikeSpan) why() string {
	switch l.Slip {
	case slipHyphen:
		return "because a placeholder's name has no hyphens"
	case slipDollarInside:
		return "because of the $ inside its braces"
	case slipEmptyFilter:
		return "because its | names no filter"
	case slipFilters:
		return "because a placeholder takes one filter"
	case slipUnclosed:
		return "because no } closes it"
	}
	if l.Words {
		return "because a placeholder's name has no spaces"
	}
	return "because of the spaces inside its braces"
}

// Lookalike returns, when s starts with text written as other template
// languages or a typing slip write a placeholder ("{ siteUrl }",
// "{{siteUrl}}", "{site url}", "{siteUrl | date}"), its length and what
// is wrong with it and what to write, "{ siteUrl } is not a NOUN,
// because of the spaces inside its braces; write {siteUrl}", for the
// fields of a flag's value (a footer, a base address, an output
// pattern), which noun names ("field", "placeholder"); else 0 and "".
func Lookalike(s, noun string) (n int, msg string) {
	l, ok := lookalikeAt([]byte(s), 0)
	if !ok {
		return 0, ""
	}
	switch {
	case l.Braced:
		return l.End, fmt.Sprintf("%s is {%s} in a second pair of braces, which stay around its value; write {%s}", l.Text, l.Key, l.Key)
	case l.placeholder():
		return l.End, fmt.Sprintf("%s is {%s} with a brace too many, which stays beside its value; write {%s}", l.Text, l.Key, l.Key)
	}
	return l.End, fmt.Sprintf("%s is not a %s, %s; write {%s}", l.Text, noun, l.why(), l.Key)
}

// message says what the lookalike is and what to write instead, in the
// Markdown it is written in; "" where it needs no word: in code, which
// is meant as written, and in an HTML comment, which nobody reads in
// the output.
func (l lookalike) message() string {
	switch l.In {
	case inCode, inComment:
		return ""
	case inRawHTML:
		return l.messageWith("&#123;", "&#125;", ": in raw HTML a backslash stays as written")
	case inAutolink:
		if l.placeholder() && !l.Braced {
			// No escape works in an autolink: what to write alone.
			msg, _, _ := strings.Cut(l.lookalikeSpan.message(), " (or ")
			return msg
		}
		if l.Braced {
			return fmt.Sprintf("%s is the placeholder {%s} in a second pair of braces, which stay in the link around its value; a placeholder takes one pair: write {%s}", l.Text, l.Key, l.Key)
		}
	}
	return l.lookalikeSpan.message()
}
