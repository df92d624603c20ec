package redline_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/redline"
)

// compareSources fills and compares two sources.
func compareSources(t *testing.T, old, new string) *redline.Result {
	t.Helper()
	res, err := redline.Compare(fillSource(t, "old.md", []byte(old), nil), fillSource(t, "new.md", []byte(new), nil))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// checkWarnings checks that res has one warning for each of want, of
// its kind, at its line, with its message.
func checkWarnings(t *testing.T, res *redline.Result, want ...redline.Warning) {
	t.Helper()
	if len(res.Warnings) != len(want) {
		t.Fatalf("%d warnings, want %d: %q", len(res.Warnings), len(want), res.Warnings)
	}
	for i, w := range want {
		got := res.Warnings[i]
		if got.Kind != w.Kind || got.Pos.Line != w.Pos.Line || got.Message != w.Message {
			t.Errorf("warning %d is %s at line %d: %q\nwant %s at line %d: %q", i, got.Kind, got.Pos.Line, got.Message, w.Kind, w.Pos.Line, w.Message)
		}
	}
	for _, w := range res.Warnings {
		if s := w.In("new.md"); !strings.HasPrefix(s, fmt.Sprintf("new.md:%d:", w.Pos.Line)) {
			t.Errorf("In gives %q, without the place first", s)
		}
	}
}

// TestWarningsNone checks that a normal document, and a long run of
// paragraphs of which one changed, compared word by word, give no
// warning.
func TestWarningsNone(t *testing.T) {
	old, new := seedPair(t)
	res, err := redline.Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	checkWarnings(t, res)
	var o, n strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&o, "p%d\n\n", i)
		if i == 2500 {
			fmt.Fprintf(&n, "changed\n\n")
			continue
		}
		fmt.Fprintf(&n, "p%d\n\n", i)
	}
	checkWarnings(t, compareSources(t, o.String(), n.String()))
}

// TestWarningBySentence checks that a paragraph compared sentence by
// sentence, and not word by word, is a warning at the paragraph in the
// new version that says how long it is; the user was not told.
func TestWarningBySentence(t *testing.T) {
	long := strings.Repeat("a ", 1099) + "a."
	res := compareSources(t, "# T\n\nShort one.\n\n"+long+" one.\n", "# T\n\nShort two.\n\n"+long+" two.\n\nNew.\n")
	checkWarnings(t, res, redline.Warning{Kind: redline.BySentence, Pos: ast.Pos{Line: 5},
		Message: "compared sentence by sentence, not word by word: the paragraph and its old version have 4,406 words, punctuation and spaces together, more than 4,000"})

	// One sentence of 2,500 words, changed, is beyond the budget itself:
	// it is shown replaced whole, and the warning says so.
	old := strings.Repeat("b ", 2500) + "end"
	res = compareSources(t, "Intro.\n\n"+old+"\n", "Intro.\n\n"+strings.Replace(old, "b", "c", 1)+"\n")
	checkWarnings(t, res, redline.Warning{Kind: redline.BySentence, Pos: ast.Pos{Line: 3},
		Message: "compared sentence by sentence, not word by word: the paragraph and its old version have 10,002 words, punctuation and spaces together, more than 4,000; 1 of its sentences, each longer than that with its old version, is shown replaced whole"})
}

// TestWarningByAnchor checks that a run of blocks too long to align as
// a whole, aligned at the blocks that occur once in each version, is a
// warning at the first block of the run past what both versions start
// with, and that a table's rows are one at the table.
func TestWarningByAnchor(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var o, n strings.Builder
	o.WriteString("Same.\n\n")
	n.WriteString("Same.\n\n")
	for i := range 3000 {
		fmt.Fprintf(&o, "p%d\n\n", i)
		if rng.IntN(10) < 3 {
			fmt.Fprintf(&n, "q%d\n\n", i)
		} else {
			fmt.Fprintf(&n, "p%d\n\n", i)
		}
	}
	res := compareSources(t, o.String(), n.String())
	if len(res.Warnings) != 1 {
		t.Fatalf("%d warnings, want 1: %q", len(res.Warnings), res.Warnings)
	}
	w := res.Warnings[0]
	// The first paragraph the versions differ in is p0 or after it.
	if w.Kind != redline.ByAnchor || w.Pos.Line < 3 || !strings.HasPrefix(w.Message, "compared in pieces, not block by block: from here on the two versions have ") ||
		!strings.Contains(w.Message, " blocks together, more than 4,000, aligned at the ") {
		t.Errorf("warning %s at %v: %q", w.Kind, w.Pos, w.Message)
	}

	var rows, rowsNew strings.Builder
	rows.WriteString("Intro.\n\n| a |\n| - |\n")
	rowsNew.WriteString("Intro.\n\n| a |\n| - |\n")
	for i := range 2500 {
		fmt.Fprintf(&rows, "| r%d |\n", i)
		fmt.Fprintf(&rowsNew, "| r%d |\n", 2499-i)
	}
	res = compareSources(t, rows.String(), rowsNew.String())
	checkWarnings(t, res, redline.Warning{Kind: redline.ByAnchor, Pos: ast.Pos{Line: 3},
		Message: "compared in pieces, not row by row: from here on the two versions have 5,000 rows together, more than 4,000, aligned at the one row that occurs once in each"})
}
