package bidi

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	gtbidi "github.com/go-text/typesetting/bidi"
	xbidi "golang.org/x/text/unicode/bidi"
)

// The conformance files of UAX #9 for the Unicode version of tables.go,
// copied by gen.go.
const (
	bidiTestFile          = "testdata/BidiTest.txt.gz"
	bidiCharacterTestFile = "testdata/BidiCharacterTest.txt.gz"
)

// readLines calls fn with each non-comment, non-empty line of a gzipped
// test file and its line number.
func readLines(t *testing.T, path string, fn func(n int, line string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		fn(n, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

var classNames = map[string]xbidi.Class{
	"L": xbidi.L, "R": xbidi.R, "EN": xbidi.EN, "ES": xbidi.ES, "ET": xbidi.ET,
	"AN": xbidi.AN, "CS": xbidi.CS, "B": xbidi.B, "S": xbidi.S, "WS": xbidi.WS,
	"ON": xbidi.ON, "BN": xbidi.BN, "NSM": xbidi.NSM, "AL": xbidi.AL,
	"LRO": xbidi.LRO, "RLO": xbidi.RLO, "LRE": xbidi.LRE, "RLE": xbidi.RLE,
	"PDF": xbidi.PDF, "LRI": xbidi.LRI, "RLI": xbidi.RLI, "FSI": xbidi.FSI,
	"PDI": xbidi.PDI,
}

// uax9Impl is one implementation of UAX #9 level resolution, as the
// conformance harness runs it.
type uax9Impl struct {
	name string
	// resolve returns the level of each character of a line and the level
	// of its paragraph, or -1 where the implementation does not tell it.
	// The line is given both as text and as the bidi classes and bracket
	// data of the test file (br is nil for BidiTest.txt, whose cases have
	// no paired brackets); para is 0, 1 or autoLevel.
	resolve func(text []rune, cls []xbidi.Class, br []bracketInfo, para int) (levels []level, paragraph int)
}

// ours is this package's resolveLevels.
var ours = uax9Impl{
	name: "internal/bidi",
	resolve: func(_ []rune, cls []xbidi.Class, br []bracketInfo, para int) ([]level, int) {
		levels := make([]level, len(cls))
		p := resolveLevelsInto(levels, cls, br, para)
		return levels, int(p)
	},
}

// goText returns github.com/go-text/typesetting/bidi, through its public
// API, as the harness runs it. That API gives no level per character: it
// gives runs of one direction, each with the level of its first character,
// so each character gets the level of its run. It stops at the first
// paragraph separator, so characters after one get no level. It does not
// tell the paragraph level, and it has no rule L2, so the harness reorders
// its levels with this package's reorderL2.
func goText() uax9Impl {
	var p gtbidi.Paragraph
	return uax9Impl{
		name: "go-text/typesetting/bidi " + goTextVersion,
		resolve: func(text []rune, _ []xbidi.Class, _ []bracketInfo, para int) ([]level, int) {
			dir := map[int]gtbidi.Direction{autoLevel: gtbidi.Neutral, 0: gtbidi.LeftToRight, 1: gtbidi.RightToLeft}[para]
			runs := p.Segment(text, dir)
			var levels []level
			for i := range runs.NumRuns() {
				r := runs.Run(i)
				for range r.End - r.Start {
					levels = append(levels, level(r.Level))
				}
			}
			return levels, -1
		},
	}
}

// goTextVersion is the version of github.com/go-text/typesetting in
// go.mod, which the counts in doc.go were measured with.
const goTextVersion = "v0.3.5"

// classRunes gives, for each bidi class, a character of that class and no
// paired bracket, to turn a case of BidiTest.txt (classes) into text for an
// implementation that takes text.
var classRunes = map[xbidi.Class]rune{
	xbidi.L: 'a', xbidi.R: '\u05D0', xbidi.EN: '0', xbidi.ES: '+', xbidi.ET: '#',
	xbidi.AN: '\u0661', xbidi.CS: '.', xbidi.B: '\u2029', xbidi.S: '\t', xbidi.WS: ' ',
	xbidi.ON: '!', xbidi.BN: '\u00AD', xbidi.NSM: '\u0300', xbidi.AL: '\u0608',
	xbidi.LRO: '\u202D', xbidi.RLO: '\u202E', xbidi.LRE: '\u202A', xbidi.RLE: '\u202B',
	xbidi.PDF: '\u202C', xbidi.LRI: '\u2066', xbidi.RLI: '\u2067', xbidi.FSI: '\u2068',
	xbidi.PDI: '\u2069',
}

// TestClassRunes checks that each character of classRunes has its class.
func TestClassRunes(t *testing.T) {
	for c, r := range classRunes {
		p, _ := xbidi.LookupRune(r)
		if p.Class() != c || p.IsBracket() {
			t.Errorf("%U: class %d (bracket %v), want class %d and no bracket", r, p.Class(), p.IsBracket(), c)
		}
	}
	if len(classRunes) != len(classNames) {
		t.Errorf("classRunes has %d classes, classNames %d", len(classRunes), len(classNames))
	}
}

// tally counts the cases an implementation passes and fails, and reports
// the first few failures.
type tally struct {
	impl uax9Impl
	// cases and failures count the cases run and failed; wrongOrder
	// counts the failed cases whose visual order is wrong too (the others
	// failed on a level or the paragraph level alone), and wrongDirection
	// those with a level of the wrong parity (left to right for right to
	// left, or the reverse; a character given no level is not counted).
	cases, failures, wrongOrder, wrongDirection int
}

// check runs one case through the implementation and counts it.
func (c *tally) check(t *testing.T, where string, text []rune, cls []xbidi.Class, br []bracketInfo, para int, wantPara string, wantLevels, wantOrder []string, report bool) {
	t.Helper()
	c.cases++
	r := checkCase(c.impl, text, cls, br, para, wantPara, wantLevels, wantOrder)
	if r.msg == "" {
		return
	}
	c.failures++
	if !r.orderRight {
		c.wrongOrder++
	}
	if !r.directionRight {
		c.wrongDirection++
	}
	if report && c.failures <= 10 {
		t.Errorf("%s: %s: %s", where, c.impl.name, r.msg)
	}
}

// caseResult is the outcome of one case: msg is "" or a description of
// the first difference, orderRight and directionRight tell whether the
// visual order and the parity of each level given are right.
type caseResult struct {
	msg                        string
	orderRight, directionRight bool
}

// checkCase compares the resolved levels, the L2 visual order and the
// paragraph level (unless wantPara is "" or the implementation does not
// tell it) with the expected ones ("x" for characters removed by X9).
func checkCase(impl uax9Impl, text []rune, cls []xbidi.Class, br []bracketInfo, para int, wantPara string, wantLevels, wantOrder []string) caseResult {
	got, gotPara := impl.resolve(text, cls, br, para)
	r := caseResult{directionRight: true}
	if len(wantLevels) != len(cls) {
		r.msg = fmt.Sprintf("test has %d levels for %d characters", len(wantLevels), len(cls))
		return r
	}
	var kept []int
	for i, w := range wantLevels {
		if w == "x" {
			if !removedByX9(cls[i]) {
				r.msg = fmt.Sprintf("character %d: test removes class %d, which X9 keeps", i, cls[i])
				return r
			}
			continue
		}
		kept = append(kept, i)
		if i >= len(got) {
			continue
		}
		if want, _ := strconv.Atoi(w); int(got[i])%2 != want%2 {
			r.directionRight = false
		}
		if r.msg == "" && strconv.Itoa(int(got[i])) != w {
			r.msg = fmt.Sprintf("levels %v, want %v", got, wantLevels)
		}
	}
	if len(got) != len(cls) {
		r.msg = fmt.Sprintf("%d levels for %d characters", len(got), len(cls))
		return r
	}
	reorderL2(kept, func(i int) level { return got[i] })
	order := make([]string, len(kept))
	for k, i := range kept {
		order[k] = strconv.Itoa(i)
	}
	r.orderRight = strings.Join(order, " ") == strings.Join(wantOrder, " ")
	if r.msg == "" && !r.orderRight {
		r.msg = fmt.Sprintf("order %v, want %v (levels %v)", order, wantOrder, got)
	}
	if r.msg == "" && wantPara != "" && gotPara >= 0 && strconv.Itoa(gotPara) != wantPara {
		r.msg = fmt.Sprintf("paragraph level %d, want %s", gotPara, wantPara)
	}
	return r
}

// summarise logs the counts of both implementations, fails the test if
// ours (the one Reorder uses) failed a case, and fails it too if the other
// passed every case: then the reason doc.go gives for keeping ours no
// longer holds, and the choice must be made again.
func summarise(t *testing.T, file string, minCases int, ours, other *tally) {
	t.Helper()
	for _, c := range []*tally{ours, other} {
		t.Logf("%s: %s: %d cases, %d passed, %d failed (%d with a wrong visual order, %d with a level of the wrong direction)",
			file, c.impl.name, c.cases, c.cases-c.failures, c.failures, c.wrongOrder, c.wrongDirection)
	}
	if ours.cases < minCases {
		t.Errorf("%s: ran only %d cases", file, ours.cases)
	}
	if ours.failures > 0 {
		t.Errorf("%s: %s failed %d of %d cases", file, ours.impl.name, ours.failures, ours.cases)
	}
	if other.failures == 0 {
		t.Errorf("%s: %s passed all %d cases: doc.go's reason for keeping our own UAX #9 code no longer holds; compare them again", file, other.impl.name, other.cases)
	}
}

// TestBidiConformance runs every case of BidiTest.txt (bidi classes, all
// paragraph directions) through the level resolution and rule L2 of this
// package and of go-text/typesetting.
func TestBidiConformance(t *testing.T) {
	var levels, order []string
	mine, theirs := &tally{impl: ours}, &tally{impl: goText()}
	readLines(t, bidiTestFile, func(n int, line string) {
		switch {
		case strings.HasPrefix(line, "@Levels:"):
			levels = strings.Fields(strings.TrimPrefix(line, "@Levels:"))
			return
		case strings.HasPrefix(line, "@Reorder:"):
			order = strings.Fields(strings.TrimPrefix(line, "@Reorder:"))
			return
		case strings.HasPrefix(line, "@"):
			return
		}
		input, bits, ok := strings.Cut(line, ";")
		if !ok {
			t.Fatalf("line %d: no bitset: %q", n, line)
		}
		var cls []xbidi.Class
		var text []rune
		for _, f := range strings.Fields(input) {
			c, ok := classNames[f]
			if !ok {
				t.Fatalf("line %d: unknown class %q", n, f)
			}
			cls = append(cls, c)
			text = append(text, classRunes[c])
		}
		set, err := strconv.ParseUint(strings.TrimSpace(bits), 16, 8)
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		for _, bp := range []struct {
			bit  uint64
			para int
		}{{1, autoLevel}, {2, 0}, {4, 1}} {
			if set&bp.bit == 0 {
				continue
			}
			where := fmt.Sprintf("BidiTest.txt:%d %s (paragraph %d)", n, strings.TrimSpace(input), bp.para)
			mine.check(t, where, text, cls, nil, bp.para, "", levels, order, true)
			theirs.check(t, where, text, cls, nil, bp.para, "", levels, order, false)
		}
	})
	summarise(t, "BidiTest.txt", 400000, mine, theirs)
}

// TestBidiCharacterConformance runs every case of BidiCharacterTest.txt
// (code points, with paired brackets) through the level resolution and
// rule L2 of this package and of go-text/typesetting.
func TestBidiCharacterConformance(t *testing.T) {
	mine, theirs := &tally{impl: ours}, &tally{impl: goText()}
	readLines(t, bidiCharacterTestFile, func(n int, line string) {
		f := strings.Split(line, ";")
		if len(f) != 5 {
			t.Fatalf("line %d: %d fields", n, len(f))
		}
		var cls []xbidi.Class
		var br []bracketInfo
		var text []rune
		for _, h := range strings.Fields(f[0]) {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			p, _ := xbidi.LookupRune(rune(v))
			cls = append(cls, p.Class())
			br = append(br, bracketInfoOf(rune(v)))
			text = append(text, rune(v))
		}
		para := map[string]int{"0": 0, "1": 1, "2": autoLevel}[f[1]]
		where := fmt.Sprintf("BidiCharacterTest.txt:%d %s (paragraph %s)", n, f[0], f[1])
		mine.check(t, where, text, cls, br, para, f[2], strings.Fields(f[3]), strings.Fields(f[4]), true)
		theirs.check(t, where, text, cls, br, para, f[2], strings.Fields(f[3]), strings.Fields(f[4]), false)
	})
	summarise(t, "BidiCharacterTest.txt", 90000, mine, theirs)
}
