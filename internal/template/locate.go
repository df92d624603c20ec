package template

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
)

// RunePos finds the character r of a filled document in the template's
// source, for an error about that one character (a character no PDF font
// has): from is where the text that holds it starts (ast.Text.At), and
// src is what the template was parsed from. The result is the line and
// byte column of the first r at or after from, where r is written as
// itself, as a character reference ("&#x1D400;", "&copy;"), or, for
// U+FFFD, as the NUL byte that Markdown replaces with it (nul reports
// that). A backend cannot say this itself: the text it draws has
// escapes, references and typographic quotes resolved, and no longer
// lines up with the source.
//
// Text that came from a value starts at its placeholder, and from is
// returned as it is: the value is not in the template. So it is when
// from is not a valid position or r is not found.
func (t *Template) RunePos(src []byte, from ast.Pos, r rune) (pos ast.Pos, nul bool) {
	if !from.IsValid() || slices.ContainsFunc(t.live, func(p Placeholder) bool { return p.Pos == from }) {
		return from, false
	}
	norm, err := normalize(t.name, src)
	if err != nil {
		return from, false
	}
	s := newSource(t.name, norm)
	if from.Line > len(s.lineStarts) {
		return from, false
	}
	enc := utf8.AppendRune(nil, r)
	for i := s.lineStarts[from.Line-1] + from.Col - 1; i >= 0 && i < len(norm); {
		switch {
		case bytes.HasPrefix(norm[i:], enc):
			return s.posNorm(i), false
		case norm[i] == 0 && r == utf8.RuneError:
			return s.posNorm(i), true
		case norm[i] == '&':
			if text, n := readReference(string(norm[i:min(len(norm), i+maxReference)])); n > 0 {
				if first, _ := utf8.DecodeRuneInString(text); first == r {
					return s.posNorm(i), false
				}
				i += n
				continue
			}
		}
		_, size := utf8.DecodeRune(norm[i:])
		i += size
	}
	return from, false
}

// maxReference is the length of the longest character reference
// readReference reads: "&" and ";" around a name of at most 64 letters
// and digits, longer than any numeric one.
const maxReference = 66
