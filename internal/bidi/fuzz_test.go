package bidi

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"hello, world",
	"abc " + hebABC + " 123 (" + hebDEF + ") def.",
	"سلام عليكم، كيف حالك؟ 2024",
	"لَا إِلَٰهَ",
	"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
	"\u202Eabc\u202C \u2067" + hebABC + "\u2069 \u2066x\u2069",
	"a\xffb\xd8",
	"((((([[[[" + hebABC + "]]]])))))",
	"\u0661\u0662,\u0663 %5 $-1.5e3",
}

// seedRuns adds each seed, cut in two ways, in both base directions.
func seedRuns(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint(len(s)/3), uint(len(s)/2), false)
		f.Add(s, uint(1), uint(len(s)), true)
	}
}

// fuzzRuns cuts s at cut1 and cut2 (modulo its length) into three runs
// of styles first, first+1 and first+2 (none when s is empty), and
// returns them with the base direction rtl asks for.
func fuzzRuns(s string, cut1, cut2 uint, first int, rtl bool) ([]Run, Direction) {
	var runs []Run
	if len(s) > 0 {
		a, b := int(cut1%uint(len(s)+1)), int(cut2%uint(len(s)+1))
		a, b = min(a, b), max(a, b)
		runs = []Run{{s[:a], first}, {s[a:b], first + 1}, {s[b:], first + 2}}
	}
	if rtl {
		return runs, RightToLeft
	}
	return runs, LeftToRight
}

// FuzzReorder splits the input into up to three runs and checks that
// Reorder does not panic, returns valid UTF-8 and no empty run, and that
// each run's characters (up to mirroring) come back in runs of its style.
func FuzzReorder(f *testing.F) {
	seedRuns(f)
	f.Fuzz(func(t *testing.T, s string, cut1, cut2 uint, rtl bool) {
		runs, base := fuzzRuns(s, cut1, cut2, 0, rtl)
		out := Reorder(runs, base)
		for style := range 3 {
			var in, got strings.Builder
			for _, r := range runs {
				if r.Style == style {
					// Each run is read on its own, as Reorder reads it.
					for _, c := range r.Text {
						in.WriteRune(c)
					}
				}
			}
			for _, r := range out {
				if !utf8.ValidString(r.Text) {
					t.Fatalf("invalid UTF-8 in output %+q", r.Text)
				}
				if r.Style < 0 || r.Style > 2 {
					t.Fatalf("unknown style %d", r.Style)
				}
				if r.Style == style {
					got.WriteString(r.Text)
				}
			}
			if !slices.Equal(mirrorRunes(in.String()), mirrorRunes(got.String())) {
				t.Fatalf("style %d: characters differ: in %+q, out %+q", style, in.String(), got.String())
			}
		}
		if base == RightToLeft || plainLTR(runs) == false {
			for _, r := range out {
				if r.Text == "" {
					t.Fatalf("empty run in output %+v", out)
				}
			}
		}
	})
}

// FuzzPieces checks that the pieces of each run, sorted by Start, cover
// its bytes once each, in order, and that a piece's Text is its bytes
// (invalid ones as U+FFFD), reversed and mirrored when it is RTL: what
// a caller that gives the logical text of what it draws relies on.
func FuzzPieces(f *testing.F) {
	seedRuns(f)
	f.Fuzz(func(t *testing.T, s string, cut1, cut2 uint, rtl bool) {
		runs, base := fuzzRuns(s, cut1, cut2, 10, rtl)
		pieces := Pieces(runs, base)
		for i, r := range runs {
			var own []Piece
			for _, p := range pieces {
				if p.Run == i {
					own = append(own, p)
				}
			}
			slices.SortFunc(own, func(a, b Piece) int { return a.Start - b.Start })
			at := 0
			for _, p := range own {
				if p.Start != at || p.End <= p.Start || p.End > len(r.Text) || p.Style != r.Style {
					t.Fatalf("run %d %+q: piece %+v after byte %d", i, r.Text, p, at)
				}
				// One U+FFFD a byte that is not UTF-8, as range gives.
				logical := string([]rune(r.Text[p.Start:p.End]))
				if !p.RTL && p.Text != logical {
					t.Fatalf("run %d: left-to-right piece %+v is not its bytes %+q", i, p, r.Text[p.Start:p.End])
				}
				// Reversed by grapheme cluster: the same characters, up
				// to mirroring.
				if p.RTL && !slices.Equal(mirrorRunes(p.Text), mirrorRunes(logical)) {
					t.Fatalf("run %d: right-to-left piece %+v is not its bytes %+q", i, p, r.Text[p.Start:p.End])
				}
				at = p.End
			}
			if at != len(r.Text) {
				t.Fatalf("run %d %+q: pieces end at byte %d", i, r.Text, at)
			}
		}
	})
}

// mirrorRunes returns the sorted runes of s, each counted as the lower of
// it and its mirror.
func mirrorRunes(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = min(r, mirrorOf(r))
	}
	slices.Sort(rs)
	return rs
}

// FuzzShape checks that Shape does not panic, returns valid UTF-8, keeps
// every letter (after undoing presentation forms), and is idempotent.
func FuzzShape(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Shape(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Shape(%+q) = %+q: invalid UTF-8", s, got)
		}
		if !slices.Equal(letters(got), letters(s)) {
			t.Fatalf("Shape(%+q) = %+q: letters differ", s, got)
		}
		if again := Shape(got); again != got {
			t.Fatalf("Shape not idempotent: %+q then %+q", got, again)
		}
	})
}
