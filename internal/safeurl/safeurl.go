// Package safeurl decides whether a link or image destination from a
// document may be written into an output as a live link.
//
// It owns one policy, shared by every backend: script-capable schemes
// (javascript:, vbscript:, data:) are never live, however they are
// disguised with case, whitespace, control characters or entities already
// decoded by the parser. It never rewrites or fetches a URL.
package safeurl

import "strings"

// blocked lists the schemes that can run code or smuggle content.
var blocked = [...]string{"javascript", "vbscript", "data"}

// Allowed reports whether dest may be written as a live link. Relative
// URLs, fragments and every scheme other than the blocked ones are
// allowed.
func Allowed(dest string) bool {
	scheme, ok := Scheme(dest)
	if !ok {
		return true
	}
	for _, b := range blocked {
		if scheme == b {
			return false
		}
	}
	return true
}

// Scheme returns the lower-cased scheme of dest as a browser would see it:
// ASCII tab, newline and carriage return are removed anywhere, leading
// spaces and control characters are ignored. ok is false when dest has no
// scheme (a relative URL or a fragment).
func Scheme(dest string) (scheme string, ok bool) {
	var b strings.Builder
	started := false
	for _, r := range dest {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			continue
		case !started && (r <= ' ' || r == 0x7f):
			continue
		case r == ':':
			if b.Len() == 0 {
				return "", false
			}
			return strings.ToLower(b.String()), true
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
			started && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')):
			started = true
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return "", false
}
