package redline_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/redline"
)

// TestHugeHunk checks that a hunk of thousands of deleted and inserted
// blocks, none like another, compares in linear time: 8,000 paragraphs
// replaced by 8,000 others took 44–75 s when every deleted block was
// tried against every inserted one, and take under a second now. The
// limit leaves room for a slow, shared machine.
func TestHugeHunk(t *testing.T) {
	if testing.Short() {
		t.Skip("compares 8,000 paragraphs")
	}
	var o, n strings.Builder
	for i := range 8000 {
		fmt.Fprintf(&o, "o%d\n\n", i)
		fmt.Fprintf(&n, "n%d\n\n", i)
	}
	od := fillSource(t, "o.md", []byte(o.String()), nil)
	nd := fillSource(t, "n.md", []byte(n.String()), nil)
	start := time.Now()
	res, err := redline.Compare(od, nd)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("comparing 8,000 paragraphs with 8,000 others took %v, want well under 20s", d)
	}
	if len(res.Changes) != 16000 {
		t.Errorf("got %d changes, want 16000 (each paragraph deleted or inserted)", len(res.Changes))
	}
}
