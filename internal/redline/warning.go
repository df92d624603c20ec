package redline

import (
	"fmt"
	"strconv"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// WarningKind is the kind of a Warning.
type WarningKind string

// The kinds of Warning: each is a part of the redline compared more
// coarsely than word by word, so that the work stays linear in the
// words (see wordBudget and blockBudget). The redline is as correct,
// and may show more text changed than was.
const (
	// BySentence is a paragraph (a heading, a table cell) whose two
	// versions have more than wordBudget words, punctuation and spaces together: it
	// was compared sentence by sentence first, then word by word within
	// the sentences that changed (alignUnits).
	BySentence WarningKind = "redline-by-sentence"
	// ByAnchor is a run of blocks (or of table rows) whose two versions
	// have more than blockBudget together beyond what they start and end
	// with alike: it was aligned at the blocks that occur once in each
	// version (alignLong).
	ByAnchor WarningKind = "redline-by-anchor"
)

// Warning is a part of the redline compared more coarsely than word by
// word: the redline is written, and the caller should tell its user.
// Its Pos is where the part starts in the new version's template: the
// paragraph, or the first block of the run compared coarsely; the zero
// Pos when unknown.
type Warning = srcerr.Warning[WarningKind]

// bySentence is the warning for a paragraph whose versions have units
// words, punctuation and spaces together, of which whole sentence pairs were shown
// replaced whole for being beyond wordBudget themselves.
func bySentence(at ast.Pos, units, whole int) Warning {
	msg := fmt.Sprintf("compared sentence by sentence, not word by word: the paragraph and its old version have %s words, punctuation and spaces together, more than %s",
		thousands(units), thousands(wordBudget))
	if whole > 0 {
		msg += fmt.Sprintf("; %s of its sentences, each longer than that with its old version, %s shown replaced whole",
			thousands(whole), plural(whole, "is", "are"))
	}
	return Warning{Kind: BySentence, Pos: at, Message: msg}
}

// byAnchor is the warning for a run of elements (one and many name
// one and several: "block", "blocks") whose versions have n of them
// together beyond their common start and end, aligned at anchors of
// them, with whole stretches between two anchors shown deleted and
// inserted whole.
func byAnchor(at ast.Pos, one, many string, n, anchors, whole int) Warning {
	msg := fmt.Sprintf("compared in pieces, not %s by %s: from here on the two versions have %s %s together, more than %s, ",
		one, one, thousands(n), many, thousands(blockBudget))
	switch anchors {
	case 0:
		msg += fmt.Sprintf("and no %s that occurs once in each to align them at", one)
	case 1:
		msg += fmt.Sprintf("aligned at the one %s that occurs once in each", one)
	default:
		msg += fmt.Sprintf("aligned at the %s %s that occur once in each", thousands(anchors), many)
	}
	if whole > 0 {
		msg += fmt.Sprintf("; %s %s between two of those, each of more than %s %s, %s shown deleted and inserted whole",
			thousands(whole), plural(whole, "stretch", "stretches"), thousands(blockBudget), many, plural(whole, "is", "are"))
	}
	return Warning{Kind: ByAnchor, Pos: at, Message: msg}
}

// plural is one for n == 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// thousands writes n with commas between its thousands: "150,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
