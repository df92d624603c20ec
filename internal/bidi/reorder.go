package bidi

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	xbidi "golang.org/x/text/unicode/bidi"
)

// Run is a piece of a line drawn in one style.
type Run struct {
	// Text is the run's text: in logical order when given to Reorder, in
	// visual (left-to-right drawing) order when returned by it.
	Text string
	// Style is the caller's index for font, colour or link. Reorder and
	// ShapeRuns copy it and never look at it.
	Style int
}

// Reorder takes one line in logical order, as runs, and returns the same
// characters in visual order: drawing the returned runs one after the
// other, left to right, each with its text drawn left to right, shows the
// line correctly. base is the direction of the paragraph the line belongs
// to (see BaseDirection).
//
// Levels are resolved by UAX #9 over the concatenated text of the line
// (rules X1–I2, then L1, which puts trailing white space at the paragraph
// level). Runs are split where the level changes, the pieces are reordered
// by rule L2, and the text of each right-to-left piece is reversed by
// grapheme cluster (so combining marks stay after their base) with mirrored
// characters such as brackets replaced by their mirror image (rule L4).
// Adjacent pieces of one input run that end up side by side are joined;
// empty runs are dropped.
//
// Arabic text should be shaped (Shape or ShapeRuns) before it is broken
// into lines and reordered, since joining depends on logical order.
//
// Bytes that are not valid UTF-8 come back as U+FFFD. No character is
// dropped: invisible controls (LRM, RLM, ALM, the embedding and isolate
// controls, ZWJ, ZWNJ) are kept, and the caller should not draw them.
//
// When base is LeftToRight and no run HasRTL (and all are valid UTF-8),
// Reorder returns runs itself, without allocating.
func Reorder(runs []Run, base Direction) []Run {
	if base == LeftToRight && plainLTR(runs) {
		return runs
	}
	size := 0
	for _, r := range runs {
		size += len(r.Text)
	}
	text := make([]rune, 0, size)
	owner := make([]int, 0, size) // index into runs of each rune
	for i, r := range runs {
		for _, c := range r.Text {
			text = append(text, c)
			owner = append(owner, i)
		}
	}
	if len(text) == 0 {
		return nil
	}
	cls := make([]xbidi.Class, len(text))
	var br []bracketInfo
	for i, c := range text {
		p, _ := xbidi.LookupRune(c)
		cls[i] = p.Class()
		if p.IsBracket() {
			if br == nil {
				br = make([]bracketInfo, len(text))
			}
			br[i] = bracketInfoOf(c)
		}
	}
	levels := resolveLevels(cls, br, int(base.level()))

	// Pieces: maximal spans of one run at one level.
	type piece struct {
		start, end int
		level      level
	}
	var pieces []piece
	for i := range text {
		if n := len(pieces); n > 0 && pieces[n-1].level == levels[i] && owner[pieces[n-1].start] == owner[i] {
			pieces[n-1].end = i + 1
			continue
		}
		pieces = append(pieces, piece{start: i, end: i + 1, level: levels[i]})
	}
	reorderL2(pieces, func(p piece) level { return p.level })

	out := make([]Run, 0, len(pieces))
	var b strings.Builder
	b.Grow(size)
	var clusters []string // scratch for writeReversed
	flush := func(run int) {
		if b.Len() > 0 {
			out = append(out, Run{Text: b.String(), Style: runs[run].Style})
		}
		b.Reset()
	}
	for k, p := range pieces {
		if k > 0 && owner[pieces[k-1].start] != owner[p.start] {
			flush(owner[pieces[k-1].start])
		}
		s := string(text[p.start:p.end])
		if p.level&1 == 0 {
			b.WriteString(s)
		} else {
			clusters = writeReversed(&b, s, clusters[:0])
		}
	}
	flush(owner[pieces[len(pieces)-1].start])
	return out
}

// plainLTR reports whether all runs are valid UTF-8 and none HasRTL.
func plainLTR(runs []Run) bool {
	for _, r := range runs {
		if HasRTL(r.Text) || !utf8.ValidString(r.Text) {
			return false
		}
	}
	return true
}

// Unreverse returns the logical text of a right-to-left piece of a line
// as Reorder returns it: its grapheme clusters in reverse order and
// mirrored characters replaced back (mirroring is its own inverse), so
// that a shaping engine can shape it right to left itself.
func Unreverse(visual string) string {
	var b strings.Builder
	b.Grow(len(visual))
	writeReversed(&b, visual, nil)
	return b.String()
}

// writeReversed writes s to b with its grapheme clusters in reverse order
// and each rune replaced by its mirror glyph, if it has one. It returns
// clusters, a scratch slice it appends to, for reuse.
func writeReversed(b *strings.Builder, s string, clusters []string) []string {
	state := -1
	for rest := s; rest != ""; {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		clusters = append(clusters, c)
	}
	for i := len(clusters) - 1; i >= 0; i-- {
		for _, r := range clusters[i] {
			b.WriteRune(mirrorOf(r))
		}
	}
	return clusters
}
