package template

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// resolveText returns Markdown inline text with backslash escapes and
// entity and numeric character references resolved to the characters
// they stand for, in one left-to-right pass (so "\&amp;" gives "&amp;").
// A NUL byte, a numeric reference to 0, to a surrogate or beyond U+10FFFF
// gives U+FFFD.
func resolveText(s string) string {
	if !strings.ContainsAny(s, "\\&\x00") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i++
		case c == '&':
			if r, n := readReference(s[i:]); n > 0 {
				b.WriteString(r)
				i += n - 1
			} else {
				b.WriteByte('&')
			}
		case c == 0:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// readReference reads an entity ("&amp;") or numeric character reference
// ("&#35;", "&#x22;") at the start of s and returns the text it stands for
// and its length; n is 0 when s does not start with one.
func readReference(s string) (text string, n int) {
	if len(s) < 3 || s[0] != '&' {
		return "", 0
	}
	if s[1] == '#' {
		i, base, maxDigits := 2, 10, 7
		if s[2] == 'x' || s[2] == 'X' {
			i, base, maxDigits = 3, 16, 6
		}
		start := i
		for i < len(s) && i-start <= maxDigits && isDigit(s[i], base) {
			i++
		}
		if i == start || i-start > maxDigits || i >= len(s) || s[i] != ';' {
			return "", 0
		}
		v, err := strconv.ParseUint(s[start:i], base, 32)
		r := rune(v)
		if err != nil || v == 0 || v > utf8.MaxRune || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), i + 1
	}
	i := 1
	for i < len(s) && i <= 64 && isAlnum(s[i]) {
		i++
	}
	if i == 1 || i >= len(s) || s[i] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(s[1:i])
	if !ok {
		return "", 0
	}
	return string(e.Characters), i + 1
}

func isDigit(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// replaceNUL replaces NUL bytes by U+FFFD, as CommonMark requires.
func replaceNUL(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

// escapeHTML escapes the five characters that are special in HTML text
// and attribute values.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "&<>\"'") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
