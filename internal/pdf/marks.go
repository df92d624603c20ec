package pdf

import (
	"unicode"

	"github.com/policyexport/policyexport/internal/ast"
)

// unplacedMarks returns an UnplacedMarks warning for each text of doc that
// the PDF draws but cannot place exactly: Arabic-script combining marks
// (harakat, tanwin, Quranic annotation signs), which are drawn by their
// advance, beside their letter, because the PDF does not shape text yet
// (see script.go for why they are drawn rather than refused). One warning
// a text node (at the node's start), in document order.
func unplacedMarks(doc *ast.Document) []Warning {
	var ws []Warning
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		var s string
		switch n := n.(type) {
		case *ast.Text:
			s = n.Text
		case *ast.Code:
			s = n.Text
		case *ast.CodeBlock:
			s = n.Text
		default:
			return true
		}
		// Nothing below U+0600, whose first byte is 0xD8, is an Arabic
		// mark, and no byte of a character below it is 0xD8 or above:
		// most text is looked at a byte at a time.
		i := 0
		for i < len(s) && s[i] < 0xD8 {
			i++
		}
		for _, r := range s[i:] {
			if arabicMark(r) {
				ws = append(ws, Warning{Kind: UnplacedMarks, Pos: n.Pos(),
					Message: "the PDF draws these Arabic vowel marks beside their letters, not above or below them (it does not shape text yet); the HTML and plain text are exact"})
				break
			}
		}
		return true
	})
	return ws
}

// arabicMark reports whether r is a combining mark of the Arabic blocks.
// The harakat are of Unicode's Inherited script (their Script_Extensions
// name Arabic), so the Arabic script table does not hold them: the
// blocks decide.
func arabicMark(r rune) bool {
	// The blocks first: every character of a document comes here, and
	// looking each up in the Mn table was 2 % of a seed document's time.
	inArabic := r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0x08A0 && r <= 0x08FF
	return inArabic && unicode.Is(unicode.Mn, r)
}
