package ast

import "strings"

// Space equivalents. The model's text (Text, Code, a CodeBlock's lines,
// an Image's Alt, Meta) holds the characters the author wrote. Five of
// them are white space that Markdown neither draws nor treats as a line
// ending: vertical tab (U+000B) and form feed (U+000C), which CommonMark
// counts as white space (form feed to this day, vertical tab up to
// version 0.29), and NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
// SEPARATOR (U+2029), which end no line in Markdown (only a line feed or
// a carriage return does), so that they stand inside a paragraph's text.
//
// Every backend writes each of them, wherever it writes the model's
// text (prose, headings, cells, code spans and code blocks, alt text,
// metadata), as one plain space: they separate the words beside them, as
// the line ending of a soft break does. None is ever dropped (the words
// beside it would run together), replaced by U+FFFD (HTML forbids
// vertical tab and NEL, XML both controls), or made into a line or
// paragraph break the Markdown does not make. The JSON output keeps them:
// it is the model itself. So does the HTML backend's CommonMark mode,
// which writes what the specification's reference renderer writes.
const spaceEquivalents = "\v\f\u0085\u2028\u2029"

// spaceReplacer replaces each space equivalent with a space, byte for
// byte, so that invalid UTF-8 around them stays as it is.
var spaceReplacer = func() *strings.Replacer {
	var pairs []string
	for _, r := range spaceEquivalents {
		pairs = append(pairs, string(r), " ")
	}
	return strings.NewReplacer(pairs...)
}()

// IsSpaceEquivalent reports whether r is one of the characters every
// backend writes as a plain space: vertical tab, form feed, NEL, LINE
// SEPARATOR or PARAGRAPH SEPARATOR (see above).
func IsSpaceEquivalent(r rune) bool {
	return strings.ContainsRune(spaceEquivalents, r)
}

// ReplaceSpaceEquivalents returns s with each space equivalent (see
// IsSpaceEquivalent) replaced by a plain space; s itself when it has
// none.
func ReplaceSpaceEquivalents(s string) string {
	if !strings.ContainsAny(s, spaceEquivalents) {
		return s
	}
	return spaceReplacer.Replace(s)
}
