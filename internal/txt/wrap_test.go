package txt

import (
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/linebreak"
)

// referenceWrap is wrapHanging as it was before words took substrings of
// the text into a buffer kept from text to text and the lines shared one
// string: each word and each line built in a strings.Builder of its own,
// and the separators found with strings.IndexAny. FuzzWrap holds the two
// to the same lines.
func referenceWrap(s string, first, width int) []string {
	first, width = max(first, 1), max(width, 1)
	var (
		ws      []word
		cur     strings.Builder
		next    word
		sep     sepKind
		breaks  int
		started bool
		sc      linebreak.Scanner
	)
	flush := func() {
		if started {
			next.s = cur.String()
			ws = append(ws, next)
			cur.Reset()
			started = false
		}
	}
	for rest := s; ; {
		piece := rest
		i := strings.IndexAny(rest, string([]byte{hardBreak, glue}))
		if i >= 0 {
			piece = rest[:i]
		}
		sc.Continue(piece)
		for {
			cluster, w, breakBefore, ok := sc.Next()
			if !ok {
				break
			}
			if cluster == string(breakSpace) {
				flush()
				sep = sepSpace
				continue
			}
			if started && breakBefore {
				flush()
			}
			if !started {
				next = word{sep: sep, breaks: breaks}
				sep, breaks = sepNone, 0
				started = true
			}
			cur.WriteString(cluster)
			next.width += w
		}
		if i < 0 {
			break
		}
		flush()
		if rest[i] == glue {
			sep = max(sep, sepGlue)
		} else {
			breaks++
		}
		rest = rest[i+1:]
	}
	flush()
	if len(ws) > 0 {
		ws[0].sep, ws[0].breaks = sepNone, 0
	}
	ws = joinGlued(ws, min(first, width))
	var (
		lines []string
		line  strings.Builder
		lineW int
	)
	started = false
	limit := first
	end := func() {
		limit = width
		lines = append(lines, line.String())
		line.Reset()
		lineW, started = 0, false
	}
	for _, w := range ws {
		if w.breaks > 0 {
			end()
			for range w.breaks - 1 {
				lines = append(lines, "")
			}
		}
		gap := 0
		if w.sep != sepNone {
			gap = 1
		}
		switch {
		case !started:
		case lineW+gap+w.width <= limit:
			if gap > 0 {
				line.WriteByte(' ')
				lineW++
			}
		default:
			end()
		}
		line.WriteString(w.s)
		lineW += w.width
		started = true
	}
	if started {
		end()
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
