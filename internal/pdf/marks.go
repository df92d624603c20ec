package pdf

import (
	"unicode"

	"github.com/policyexport/policyexport/internal/ast"
)

// UnplacedMarks returns where the document has text that the PDF draws
// but cannot place exactly: Arabic-script combining marks (harakat,
// tanwin, Quranic annotation signs), which are drawn by their advance,
// beside their letter, because the PDF does not shape text yet (see
// script.go for why they are drawn rather than refused). One position a
// text node (the node's start), in document order; nil when there is
// none, so that a caller can say so for every render that has them.
func UnplacedMarks(doc *ast.Document) []ast.Pos {
	var at []ast.Pos
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
		for _, r := range s {
			if arabicMark(r) {
				at = append(at, n.Pos())
				break
			}
		}
		return true
	})
	return at
}

// arabicMark reports whether r is a combining mark of the Arabic blocks.
// The harakat are of Unicode's Inherited script (their Script_Extensions
// name Arabic), so the Arabic script table does not hold them: the
// blocks decide.
func arabicMark(r rune) bool {
	if !unicode.Is(unicode.Mn, r) {
		return false
	}
	return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0x08A0 && r <= 0x08FF
}
