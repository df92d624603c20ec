package txt

import (
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/linebreak"
)

// referenceWrap is wrapHanging written plainly, as it was before words
// took substrings of the text into a buffer kept from text to text and
// the lines shared one string: a word grows cluster by cluster, a line is
// joined from its words, and the separators are found byte by byte.
// FuzzWrap holds the two to the same lines.
func referenceWrap(s string, first, width int) []string {
	first, width = max(first, 1), max(width, 1)
	var (
		ws     []word
		sep    sepKind
		breaks int
		grow   bool // whether the next cluster may join the last word
		sc     linebreak.Scanner
		start  int
	)
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != hardBreak && s[i] != glue {
			continue
		}
		sc.Continue(s[start:i])
		for c, w, brk, ok := sc.Next(); ok; c, w, brk, ok = sc.Next() {
			switch {
			case c == " ":
				sep, grow = sepSpace, false
			case grow && !brk:
				ws[len(ws)-1].s += c
				ws[len(ws)-1].width += w
			default:
				ws = append(ws, word{s: c, width: w, sep: sep, breaks: breaks})
				sep, breaks, grow = sepNone, 0, true
			}
		}
		if i < len(s) {
			grow = false
			if s[i] == glue {
				sep = max(sep, sepGlue)
			} else {
				breaks++
			}
		}
		start = i + 1
	}
	if len(ws) > 0 {
		ws[0].sep, ws[0].breaks = sepNone, 0
	}
	var (
		lines []string
		line  []string // the words of the line and the spaces between them
		lineW int
		open  bool // whether a line is under way
	)
	limit := first
	for _, w := range joinGlued(ws, min(first, width)) {
		gap := 0
		if w.sep != sepNone {
			gap = 1
		}
		switch {
		case w.breaks > 0 || open && lineW+gap+w.width > limit:
			lines = append(lines, strings.Join(line, ""))
			lines = append(lines, make([]string, max(w.breaks-1, 0))...)
			line, lineW, limit = nil, 0, width
		case open && gap > 0:
			line = append(line, " ")
			lineW++
		}
		line = append(line, w.s)
		lineW += w.width
		open = true
	}
	if open {
		lines = append(lines, strings.Join(line, ""))
	}
	if strings.Contains(s, fsi) {
		closeIsolates(lines)
	}
	return lines
}

// FuzzWrap checks wrapHanging against referenceWrap on flat texts with
// every kind of separator.
func FuzzWrap(f *testing.F) {
	for _, s := range []string{
		"We collect data\x00[1] about you.\nSee  the\x00\x00[2] list “here”.",
		"当社は、お客様の個人情報を「適切に」管理します。\x00[3]",
		"https://example.com/a-very-long-url-that-does-not-fit\x00[12] and more words",
		"\n\n a \x00 b\n", "e\u0301\u0301 👨\u200d👩\u200d👧 🇪🇺", "",
		"החברה \u2068ACME GmbH Holding International\u2069, 12 עובדים.",
	} {
		f.Add(s, 20, 10)
	}
	f.Fuzz(func(t *testing.T, s string, first, width int) {
		first, width = first%100, width%100
		// One wrapper for the text, its second half and the text again:
		// each reuses the words of the one before.
		var wr wrapper
		for _, s := range []string{s, s[len(s)/2:], s} {
			got, want := wr.wrapHanging(s, first, width), referenceWrap(s, first, width)
			if !slices.Equal(got, want) {
				t.Errorf("wrapHanging(%q, %d, %d)\n got %q\nwant %q", s, first, width, got, want)
			}
		}
	})
}

// TestWrapClosesIsolates: a value's isolate (FSI … PDI, see text) that a
// line break cuts is ended at the end of the line and begun again at
// the start of the next, for a bidi-aware viewer ends every isolate at
// the end of a line (UAX #9 X8): "GmbH" on the second line read as the
// Hebrew text around it, ", 12" joining it.
func TestWrapClosesIsolates(t *testing.T) {
	var wr wrapper
	got := wr.wrap("החברה \u2068ACME GmbH Holding\u2069, 12 עובדים \u2068A\u2069 \u2068B\u2069.", 20)
	want := []string{"החברה \u2068ACME GmbH\u2069", "\u2068Holding\u2069, 12 עובדים \u2068A\u2069", "\u2068B\u2069."}
	if !slices.Equal(got, want) {
		t.Errorf("wrap gives\n%q\nwant\n%q", got, want)
	}
}
