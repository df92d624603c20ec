package pdf

import (
	"slices"

	"github.com/policyexport/policyexport/internal/ast"
)

// emphasisLog collects the RegularEmphasis warnings of a document while
// it is laid out: the word builder tells it the face each character of
// styled text gets (wordBuilder.faceFor), and it warns once a text node
// when that face lacks the text's weight or slant. Code is left out: its
// one monospaced face has neither, for any script.
type emphasisLog struct {
	seen     map[ast.Pos]bool
	warnings []Warning
}

// check records that text of style st at pos is drawn in a face of
// style got.
func (e *emphasisLog) check(got faceStyle, st style, pos ast.Pos) {
	bold, italic := st.bold && !got.bold, st.italic && !got.italic
	if !bold && !italic || st.mono || !pos.IsValid() || e.seen[pos] {
		return
	}
	if e.seen == nil {
		e.seen = map[ast.Pos]bool{}
	}
	e.seen[pos] = true
	var msg string
	switch {
	case bold && italic:
		msg = "the PDF draws this bold italic text in a regular upright face: no bold or italic face has its characters (a bold italic font in Options.Fonts that has them would draw it)"
	case bold:
		msg = "the PDF draws this bold text in a regular face: no bold face has its characters (a bold font in Options.Fonts that has them would draw it)"
	default:
		msg = "the PDF draws this italic text upright: no italic face has its characters (an italic font in Options.Fonts that has them would draw it)"
	}
	e.warnings = append(e.warnings, Warning{Kind: RegularEmphasis, Pos: pos, Message: msg})
}

// inDocumentOrder sorts warnings by their place in the template, a
// warning without one first; warnings of one place keep their order.
func inDocumentOrder(ws []Warning) []Warning {
	slices.SortStableFunc(ws, func(a, b Warning) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Col - b.Pos.Col
	})
	return ws
}
