package txt

import "strings"

// A redline's marks (Options.Redline), as git diff --word-diff writes
// them, with "{~" and "~}" around reformatted words. In a flat text each
// is one control byte until the text is escaped (escapeMarks): the text
// is clean, so that these bytes mean only marks.
var marks = [...]string{markDelOpen: "[-", markDelEnd: "-]", markInsOpen: "{+", markInsEnd: "+}", markFmtOpen: "{~", markFmtEnd: "~}"}

const (
	markDelOpen byte = iota + 1
	markDelEnd
	markInsOpen
	markInsEnd
	markFmtOpen
	markFmtEnd
	markLast = markFmtEnd
)

// escapable are the characters that a backslash escapes in a redline's
// text: the marks' characters and the backslash itself.
const escapable = `\[]{}+-~`

// isMarkByte reports whether c stands for a mark in a flat text.
func isMarkByte(c byte) bool { return c >= 1 && c <= markLast }

// isMark reports whether the characters a and b, side by side, read as a
// mark.
func isMark(a, b byte) bool {
	for _, m := range marks[1:] {
		if m[0] == a && m[1] == b {
			return true
		}
	}
	return false
}

// escapeMarks writes a redline's flat text with its marks and with a
// backslash before each character of the text that would read otherwise:
// read from left to right, a backslash before one of escapable is that
// character, any other backslash is itself, and an unescaped "[-", "-]",
// "{+", "+}", "{~" or "~}" is a mark. So the text "{+" is written "\{+",
// a backslash before a mark or before one of escapable "\\", the "]" of
// "[-]" (deleted) "\]" (no "-]" can be read one character early), and
// "C:\Users" stays as it is. Without it a value holding "{+x+}" read as an
// insertion.
func escapeMarks(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	var after byte // the last character of the mark just written, else 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isMarkByte(c) {
			b.WriteString(marks[c])
			after = marks[c][1]
			continue
		}
		// next is the character written after c: a mark's first.
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
			if isMarkByte(next) {
				next = marks[next][0]
			}
		}
		esc := c == '\\' && next != 0 && strings.IndexByte(escapable, next) >= 0 ||
			isMark(c, next) || after != 0 && isMark(after, c)
		if esc {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
		after = 0
	}
	return b.String()
}

// needsEscape reports whether s holds a mark or a character escapeMarks
// may escape.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; isMarkByte(c) || c == '\\' || strings.IndexByte(escapable, c) >= 0 && i+1 < len(s) {
			return true
		}
	}
	return false
}
