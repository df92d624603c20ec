package html

import (
	"bufio"
	"strings"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
)

// writeEscaped writes s as HTML text or as the value of a double-quoted
// attribute: '&', '<', '>' and '"' become entities, and NUL becomes
// U+FFFD. With strict set, the space equivalents (ast.IsSpaceEquivalent:
// vertical tab, form feed, NEL, U+2028 and U+2029) become spaces, as
// every backend writes them, and every other code point that HTML
// forbids in a document (C0 and C1 controls other than tab, newline and
// carriage return, and Unicode noncharacters) and every invalid UTF-8
// byte becomes U+FFFD, so that the page passes the Nu HTML checker.
// Without strict (CommonMark mode) they stay as they are, as in the
// specification's reference HTML.
func writeEscaped(w *bufio.Writer, s string, strict bool) {
	plain := &plainBytes[0]
	if strict {
		plain = &plainBytes[1]
	}
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plain[c] {
			i++
			continue
		}
		var repl string
		size := 1
		switch {
		case c == '&':
			repl = "&amp;"
		case c == '<':
			repl = "&lt;"
		case c == '>':
			repl = "&gt;"
		case c == '"':
			repl = "&quot;"
		case c == 0:
			repl = "\uFFFD"
		case !strict:
		default:
			r := rune(c)
			if c >= 0x80 {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			switch {
			case ast.IsSpaceEquivalent(r):
				repl = " "
			case r == utf8.RuneError && size == 1 || forbiddenRune(r):
				repl = "\uFFFD"
			}
		}
		if repl != "" {
			w.WriteString(s[last:i])
			w.WriteString(repl)
			last = i + size
		}
		i += size
	}
	w.WriteString(s[last:])
}

// plainBytes marks the bytes that writeEscaped writes as they are without
// a second look, [0] when it is not strict, [1] when it is: every byte
// but '&', '<', '>', '"' and NUL, and when strict only the ASCII that
// HTML allows and that is no space equivalent (non-ASCII bytes are
// decoded to tell).
var plainBytes = func() (t [2][256]bool) {
	for c := range 256 {
		special := strings.IndexByte("&<>\"\x00", byte(c)) >= 0
		t[0][c] = !special
		t[1][c] = !special && c < 0x80 && !forbiddenRune(rune(c)) && !ast.IsSpaceEquivalent(rune(c))
	}
	return t
}()

// forbiddenRune reports whether r may not appear in an HTML document.
func forbiddenRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		return false
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0xfdd0 && r <= 0xfdef:
		return true
	case r&0xfffe == 0xfffe:
		return true
	}
	return false
}

// urlSafe marks the ASCII bytes that URL escaping leaves as they are: the
// unreserved and reserved characters of RFC 3986, as the CommonMark
// reference renderer keeps them.
var urlSafe = func() (t [128]bool) {
	for _, c := range "!#$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~" {
		t[c] = true
	}
	return t
}()

// escapeURL percent-encodes dest the way CommonMark's reference HTML
// does: reserved and unreserved ASCII characters and existing "%XX"
// escapes are kept, every other byte (spaces, quotes, brackets,
// backslashes, controls, the UTF-8 bytes of non-ASCII characters, and
// invalid UTF-8) becomes "%XX" with upper-case hex digits. The result
// still needs HTML escaping for '&'.
func escapeURL(dest string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(dest))
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case c < 0x80 && urlSafe[c]:
			b.WriteByte(c)
		case c == '%' && i+2 < len(dest) && isHex(dest[i+1]) && isHex(dest[i+2]):
			b.WriteString(dest[i : i+3])
			i += 2
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// authoritySlashes adds the "//" that an http, https, ftp, ws or wss URL
// written without it lacks ("http:example.org", "https:/example.org"),
// giving the URL a browser opening the page from a file resolves it to;
// the Nu HTML checker rejects the short forms. Other URLs are returned
// unchanged.
func authoritySlashes(dest string) string {
	i := strings.IndexByte(dest, ':')
	if i <= 0 {
		return dest
	}
	switch strings.ToLower(dest[:i]) {
	case "http", "https", "ftp", "ws", "wss":
	default:
		return dest
	}
	rest := dest[i+1:]
	if strings.HasPrefix(rest, "//") {
		return dest
	}
	return dest[:i] + "://" + strings.TrimLeft(rest, `/\`)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// containsFold reports whether s contains sub, a lower-case ASCII text
// that starts with a character other than a letter, in any letter case.
func containsFold(s, sub string) bool {
	for i := 0; len(s)-i >= len(sub); i++ {
		j := strings.IndexByte(s[i:len(s)-len(sub)+1], sub[0])
		if j < 0 {
			return false
		}
		i += j
		if asciiLowerEqual(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// asciiLowerEqual reports whether s, with its ASCII letters lower-cased,
// is lower.
func asciiLowerEqual(s, lower string) bool {
	for i := range len(s) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
