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
// It is Pieces with the pieces of one input run that end up side by side
// joined: a run's text at two levels ("17." in a right-to-left paragraph:
// the digits at level 2, the period at level 1) comes back as one run
// (".17"), which says no more which characters are in logical order. A
// caller that must give the logical text of what it draws (a PDF's
// /ActualText) uses Pieces.
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
	pieces := Pieces(runs, base)
	out := make([]Run, 0, len(pieces))
	var b strings.Builder
	for k, p := range pieces {
		b.WriteString(p.Text)
		if k+1 == len(pieces) || pieces[k+1].Run != p.Run {
			out = append(out, Run{Text: b.String(), Style: p.Style})
			b.Reset()
		}
	}
	return out
}

// Piece is a maximal part of one run of a line at one embedding level,
// as Pieces returns it: what a caller draws as one string, and whose
// logical text it can name.
type Piece struct {
	// Text is the piece's characters in visual order: its logical text
	// when it is left to right; reversed by grapheme cluster, with
	// mirrored characters (brackets) replaced by their mirror image, when
	// it is right to left (RTL).
	Text string
	// Style is the Style of the run it comes from.
	Style int
	// Run is the index of that run in the runs given to Pieces, and
	// runs[Run].Text[Start:End] is the piece's text in logical order, as
	// written.
	Run, Start, End int
	// RTL says that the piece is at an odd embedding level: its Text is
	// its logical text reversed (and mirrored). Digits in a
	// right-to-left paragraph, European (class EN) and Arabic-Indic
	// (class AN) alike, are at an even level: not RTL, their Text in
	// logical order.
	RTL bool
}

// Pieces takes one line in logical order, as runs, and returns it in
// visual order as pieces: drawing them one after the other, left to
// right, each with its Text drawn left to right, shows the line
// correctly. base is the direction of the paragraph the line belongs to
// (see BaseDirection).
//
// Levels are resolved by UAX #9 over the concatenated text of the line
// (rules X1–I2, then L1, which puts trailing white space at the paragraph
// level). Runs are split where the level changes, the pieces are reordered
// by rule L2, and the text of each right-to-left piece is reversed by
// grapheme cluster (so combining marks stay after their base) with mirrored
// characters such as brackets replaced by their mirror image (rule L4).
// Empty runs make no piece. Pieces of one run are in logical order when
// sorted by Start.
//
// Bytes that are not valid UTF-8 come back as U+FFFD in Text (Start and
// End still count the bytes of the run's text). No character is dropped.
func Pieces(runs []Run, base Direction) []Piece {
	size := 0
	for _, r := range runs {
		size += len(r.Text)
	}
	text := make([]rune, 0, size)
	owner := make([]int, 0, size) // index into runs of each rune
	at := make([]int, 0, size)    // byte offset of each rune in its run's text
	for i, r := range runs {
		for bi, c := range r.Text {
			text = append(text, c)
			owner = append(owner, i)
			at = append(at, bi)
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

	// Spans of text: maximal spans of one run at one level.
	type span struct {
		start, end int
		level      level
	}
	var spans []span
	for i := range text {
		if n := len(spans); n > 0 && spans[n-1].level == levels[i] && owner[spans[n-1].start] == owner[i] {
			spans[n-1].end = i + 1
			continue
		}
		spans = append(spans, span{start: i, end: i + 1, level: levels[i]})
	}
	reorderL2(spans, func(s span) level { return s.level })

	out := make([]Piece, 0, len(spans))
	var b strings.Builder
	var clusters []string // scratch for writeReversed
	for _, s := range spans {
		run := owner[s.start]
		end := len(runs[run].Text)
		if s.end < len(text) && owner[s.end] == run {
			end = at[s.end]
		}
		p := Piece{Style: runs[run].Style, Run: run, Start: at[s.start], End: end, RTL: s.level&1 != 0}
		if p.RTL {
			b.Reset()
			clusters = writeReversed(&b, string(text[s.start:s.end]), clusters[:0])
			p.Text = b.String()
		} else {
			p.Text = string(text[s.start:s.end])
		}
		out = append(out, p)
	}
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
