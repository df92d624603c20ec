package bidi

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	xbidi "golang.org/x/text/unicode/bidi"
)

// Hebrew letters used below; in comments they are written A, B, C, …
const (
	alef   = "\u05D0" // A
	bet    = "\u05D1" // B
	gimel  = "\u05D2" // C
	dalet  = "\u05D3" // D
	he     = "\u05D4" // E
	vav    = "\u05D5" // F
	hebABC = alef + bet + gimel
	hebCBA = gimel + bet + alef
	hebDEF = dalet + he + vav
	hebFED = vav + he + dalet
)

// visual reorders s as a single run and returns the drawn text.
func visual(s string, base Direction) string {
	var b strings.Builder
	for _, r := range Reorder([]Run{{Text: s}}, base) {
		b.WriteString(r.Text)
	}
	return b.String()
}

func TestReorderLine(t *testing.T) {
	tests := []struct {
		name string
		in   string
		base Direction
		want string
	}{
		{"latin only", "hello, world", LeftToRight, "hello, world"},
		{"latin in rtl paragraph", "abc def", RightToLeft, "abc def"},
		// "abc ABC": the Hebrew word is level 1, everything else level 0.
		{"hebrew after latin", "abc " + hebABC, LeftToRight, "abc " + hebCBA},
		// In an RTL paragraph "abc" is level 2 and the space level 1, so
		// the Latin word ends up on the right.
		{"hebrew after latin, rtl", "abc " + hebABC, RightToLeft, hebCBA + " abc"},
		{"hebrew only", hebABC + " " + hebDEF, RightToLeft, hebFED + " " + hebCBA},
		{"hebrew only, ltr paragraph", hebABC + " " + hebDEF, LeftToRight, hebFED + " " + hebCBA},
		// European numbers inside RTL text keep their order (level 2).
		{"number in hebrew", hebABC + " 123 " + hebDEF, RightToLeft, hebFED + " 123 " + hebCBA},
		{"decimal number in hebrew", hebABC + " 1,234.5%", RightToLeft, "1,234.5% " + hebCBA},
		// Arabic-Indic digits (class AN) keep their order too.
		{"arabic-indic digits", "\u0639\u0627\u0645 \u0661\u0669\u0668\u0664", RightToLeft, "\u0661\u0669\u0668\u0664 \u0645\u0627\u0639"},
		// European digits after Arabic letters are AN (W2): still LTR.
		{"european digits after arabic", "\u0639\u0627\u0645 2024", RightToLeft, "2024 \u0645\u0627\u0639"},
		// Brackets in RTL text are mirrored: "(DEF)" drawn as "(FED)".
		{"brackets mirrored", hebABC + " (" + hebDEF + ")", RightToLeft, "(" + hebFED + ") " + hebCBA},
		{"square brackets and guillemets mirrored", "[" + hebABC + "] «" + hebDEF + "»", RightToLeft, "«" + hebFED + "» [" + hebCBA + "]"},
		{"less-than mirrored", hebABC + " < " + hebDEF, RightToLeft, hebFED + " > " + hebCBA},
		// N0: brackets around RTL text in an LTR paragraph with LTR
		// context before them stay LTR and are not mirrored.
		{"rtl inside brackets in ltr", "a (" + hebABC + ") c", LeftToRight, "a (" + hebCBA + ") c"},
		// L1: trailing white space goes to the paragraph level.
		{"trailing space ltr", hebABC + "  ", LeftToRight, hebCBA + "  "},
		{"trailing space rtl", "abc  ", RightToLeft, "  abc"},
		{"trailing punctuation rtl", "abc!", RightToLeft, "!abc"},
		// Combining marks stay after their base: "shalom" with niqqud.
		{"hebrew with niqqud", "\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD", RightToLeft, "\u05DD\u05D5\u05B9\u05DC\u05E9\u05C1\u05B8"},
		// Shaped Arabic, with a haraka kept after its letter.
		{"shaped arabic with haraka", "\uFE91\u064E\uFE90", RightToLeft, "\uFE90\uFE91\u064E"},
		// Explicit controls: RLO forces right to left. The controls
		// themselves are kept, at the paragraph level.
		{"right-to-left override", "\u202Eabc\u202C", LeftToRight, "\u202Ecba\u202C"},
		{"empty", "", RightToLeft, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := visual(tc.in, tc.base); got != tc.want {
				t.Errorf("Reorder(%+q, %v) = %+q, want %+q", tc.in, tc.base, got, tc.want)
			}
		})
	}
}

func TestReorderRuns(t *testing.T) {
	in := []Run{{"abc ", 0}, {hebABC, 1}, {" def", 2}}
	tests := []struct {
		base Direction
		want []Run
	}{
		{LeftToRight, []Run{{"abc ", 0}, {hebCBA, 1}, {" def", 2}}},
		// RTL: "abc" and "def" are level 2, the spaces and Hebrew level 1.
		{RightToLeft, []Run{{"def ", 2}, {hebCBA, 1}, {" abc", 0}}},
	}
	for _, tc := range tests {
		got := Reorder(in, tc.base)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Reorder(%v) = %+v, want %+v", tc.base, got, tc.want)
		}
	}
	// A Hebrew word split over two styles: its pieces swap places.
	got := Reorder([]Run{{alef + bet, 7}, {gimel + " x", 8}}, LeftToRight)
	want := []Run{{gimel, 8}, {bet + alef, 7}, {" x", 8}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("split word: got %+v, want %+v", got, want)
	}
	// Empty runs are dropped.
	got = Reorder([]Run{{"", 1}, {hebABC, 2}, {"", 3}}, RightToLeft)
	want = []Run{{hebCBA, 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("empty runs: got %+v, want %+v", got, want)
	}
}

func TestReorderLTRFastPath(t *testing.T) {
	runs := []Run{{"The controller ", 0}, {"processes", 1}, {" personal data (see § 3).", 0}}
	got := Reorder(runs, LeftToRight)
	if &got[0] != &runs[0] || len(got) != len(runs) {
		t.Fatalf("Reorder of LTR text returned a new slice")
	}
	allocs := testing.AllocsPerRun(100, func() { Reorder(runs, LeftToRight) })
	if allocs != 0 {
		t.Errorf("Reorder of LTR text: %v allocations, want 0", allocs)
	}
	// The same text in an RTL paragraph takes the full algorithm, but its
	// order is still unchanged except for the trailing period.
	rtl := Reorder(runs, RightToLeft)
	var b strings.Builder
	for _, r := range rtl {
		b.WriteString(r.Text)
	}
	if want := ".The controller processes personal data (see § 3)"; b.String() != want {
		t.Errorf("RTL paragraph: %q, want %q", b.String(), want)
	}
}

func TestReorderInvalidUTF8(t *testing.T) {
	got := visual("a\xffb", LeftToRight)
	if got != "a\uFFFDb" {
		t.Errorf("got %+q, want invalid byte replaced by U+FFFD", got)
	}
}

func TestBaseDirection(t *testing.T) {
	tests := []struct {
		in   string
		want Direction
	}{
		{"", LeftToRight},
		{"123 !?", LeftToRight},
		{"Privacy Policy", LeftToRight},
		{hebABC + " abc", RightToLeft},
		{"123 " + hebABC, RightToLeft},
		{"« \u0633\u0644\u0627\u0645 »", RightToLeft},
		{"\u200Fabc", RightToLeft}, // RLM is a strong R character
		// Text inside an isolate is skipped (P2).
		{"\u2067" + hebABC + "\u2069 abc", LeftToRight},
		{"\u2066abc\u2069 " + hebABC, RightToLeft},
		// Only the first paragraph counts.
		{"123\n" + hebABC, LeftToRight},
	}
	for _, tc := range tests {
		if got := BaseDirection(tc.in); got != tc.want {
			t.Errorf("BaseDirection(%+q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestHasRTL(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"plain ASCII", false},
		{"Ünïcödé — “quotes” € ½ 中文 🙂", false},
		{"\u05BF", false}, // Hebrew point: NSM, not RTL by itself
		{"abc " + alef, true},
		{"\u0633", true},
		{"\u0661", true},   // ARABIC-INDIC DIGIT ONE: AN
		{"\u200F", true},   // RLM
		{"\u202B", true},   // RLE
		{"\u202E", true},   // RLO
		{"\u2067", true},   // RLI
		{"\xd7\x90", true}, // alef as bytes
		{"\xff\xfe", false},
		// Right-to-left after, across and at the end of eight-byte steps.
		{"12345678" + alef, true},
		{"1234567" + alef, true},
		{"123456789abcdef" + alef, true},
		{"123456789abcdefg", false},
		{"12345678\u00e912345678", false},
		{"12345678\u00e91234567\u0661", true},
	}
	for _, tc := range tests {
		if got := HasRTL(tc.in); got != tc.want {
			t.Errorf("HasRTL(%+q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if a := testing.AllocsPerRun(100, func() { HasRTL("abc " + hebABC) }); a != 0 {
		t.Errorf("HasRTL allocates %v times", a)
	}
}

// TestPieces: a run is cut where its level changes, each piece names
// the bytes of its run it holds, and only pieces at an odd level are
// right to left. Digits are left to right in right-to-left text,
// Arabic-Indic ones (class AN) as much as European ones: "١٢٣" is drawn
// and read in that order.
func TestPieces(t *testing.T) {
	arabic := "\u0627\u0644\u0645\u0627\u062F\u0629" // المادة
	indic := "\u0661\u0662\u0663"                    // ١٢٣
	tests := []struct {
		name string
		runs []Run
		base Direction
		want []Piece
	}{
		{"arabic-indic digits", []Run{{arabic, 0}, {" ", 1}, {indic, 2}}, RightToLeft, []Piece{
			{Text: indic, Style: 2, Run: 2, Start: 0, End: len(indic)},
			{Text: " ", Style: 1, Run: 1, Start: 0, End: 1, RTL: true},
			{Text: "\u0629\u062F\u0627\u0645\u0644\u0627", Style: 0, Run: 0, Start: 0, End: len(arabic), RTL: true},
		}},
		// "17." ends a right-to-left paragraph: the period is at level 1,
		// drawn left of the digits, which are at level 2.
		{"number and period", []Run{{hebABC + " ", 0}, {"17.", 1}}, RightToLeft, []Piece{
			{Text: ".", Style: 1, Run: 1, Start: 2, End: 3, RTL: true},
			{Text: "17", Style: 1, Run: 1, Start: 0, End: 2},
			{Text: " " + hebCBA, Style: 0, Run: 0, Start: 0, End: len(hebABC) + 1, RTL: true},
		}},
		// Brackets are mirrored in Text, never in the logical bytes.
		{"mirrored", []Run{{"(" + hebABC + ")", 4}}, RightToLeft, []Piece{
			{Text: "(" + hebCBA + ")", Style: 4, Run: 0, Start: 0, End: len(hebABC) + 2, RTL: true},
		}},
		{"empty", []Run{{"", 0}}, LeftToRight, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Pieces(tc.runs, tc.base)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Pieces(%+v, %v) =\n%+v, want\n%+v", tc.runs, tc.base, got, tc.want)
			}
			// Reorder is the pieces of a run that are side by side,
			// joined.
			var joined, vis strings.Builder
			for _, p := range got {
				joined.WriteString(p.Text)
			}
			for _, r := range Reorder(tc.runs, tc.base) {
				vis.WriteString(r.Text)
			}
			if joined.String() != vis.String() {
				t.Errorf("pieces %+q, Reorder %+q", joined.String(), vis.String())
			}
		})
	}
}

// TestMirror: a right-to-left piece draws each bracket as its mirror,
// and Mirror says which.
func TestMirror(t *testing.T) {
	for in, want := range map[rune]rune{'(': ')', ')': '(', '[': ']', '«': '»', '<': '>', 'a': 'a', '.': '.', 0x05D0: 0x05D0} {
		if got := Mirror(in); got != want {
			t.Errorf("Mirror(%q) = %q, want %q", in, got, want)
		}
	}
	p := Pieces([]Run{{Text: "(" + hebABC + ")"}}, RightToLeft)
	if len(p) != 1 || p[0].Text != strings.Map(Mirror, ")"+hebCBA+"(") {
		t.Errorf("Pieces: %+v", p)
	}
}

// TestIsControl: the bidi formatting characters are exactly the
// characters of bidi class LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI and
// PDI, and the three marks (ALM, LRM, RLM), whose classes are AL, L
// and R: the Arabic letter mark is one of them as the right-to-left
// mark is.
func TestIsControl(t *testing.T) {
	marks := map[rune]bool{0x061C: true, 0x200E: true, 0x200F: true}
	for c := rune(0); c <= unicode.MaxRune; c++ {
		p, _ := xbidi.LookupRune(c)
		want := marks[c]
		switch p.Class() {
		case xbidi.LRE, xbidi.RLE, xbidi.LRO, xbidi.RLO, xbidi.PDF, xbidi.LRI, xbidi.RLI, xbidi.FSI, xbidi.PDI:
			want = true
		}
		if got := IsControl(c); got != want {
			t.Errorf("IsControl(%U) = %v, want %v", c, got, want)
		}
	}
}
