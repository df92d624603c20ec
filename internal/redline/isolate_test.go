package redline_test

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/redline"
)

// TestIsolatedValueKept: a value whose direction is not the document's
// (ast.Text.Isolate) stays isolated in a paragraph that a change
// rebuilds: in a Hebrew sentence "ACME GmbH, 12 עובדים" → "…, 13 …" the
// redline's text lost the mark, and its HTML showed "12, ACME GmbH" on the
// Latin side again. A value that a change cuts ("ACME GmbH" → "ACME AG")
// is not isolated in the redline, whose parts, isolated one by one,
// would be shown in the paragraph's order.
func TestIsolatedValueKept(t *testing.T) {
	src := []byte("---\nlang: he\n---\n# צוות\n\nהחברה {firm}, {n} עובדים.\n")
	for _, c := range []struct {
		oldFirm, newFirm, oldN, newN string
		want                         []string // the isolated texts of the redline
	}{
		{"ACME GmbH", "ACME GmbH", "12", "13", []string{"ACME GmbH"}},
		{"ACME GmbH", "ACME AG", "12", "12", nil},
	} {
		old := fillSource(t, "old.md", src, map[string]string{"firm": c.oldFirm, "n": c.oldN})
		new := fillSource(t, "new.md", src, map[string]string{"firm": c.newFirm, "n": c.newN})
		res, err := redline.Compare(old, new)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Changes) == 0 {
			t.Fatalf("%s → %s: no change", c.oldFirm, c.newFirm)
		}
		var got []string
		ast.WalkBlocks(res.Redline.Blocks, func(n ast.Node) bool {
			if tx, ok := n.(*ast.Text); ok && tx.Isolate {
				got = append(got, tx.Text)
			}
			return true
		})
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s → %s, %s → %s: isolated %q, want %q", c.oldFirm, c.newFirm, c.oldN, c.newN, got, c.want)
		}
	}
}
