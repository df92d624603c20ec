package bidi

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

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

// checkCase compares resolved levels and the L2 visual order with the
// expected ones ("x" for characters removed by X9). It returns "" or a
// description of the first difference.
func checkCase(cls []xbidi.Class, br []bracketInfo, para int, wantLevels []string, wantOrder []string) string {
	got := resolveLevels(cls, br, para)
	if len(wantLevels) != len(cls) {
		return fmt.Sprintf("test has %d levels for %d characters", len(wantLevels), len(cls))
	}
	var kept []int
	for i, w := range wantLevels {
		if w == "x" {
			if !removedByX9(cls[i]) {
				return fmt.Sprintf("character %d: test removes class %d, which X9 keeps", i, cls[i])
			}
			continue
		}
		kept = append(kept, i)
		if strconv.Itoa(int(got[i])) != w {
			return fmt.Sprintf("levels %v, want %v", got, wantLevels)
		}
	}
	reorderL2(kept, func(i int) level { return got[i] })
	order := make([]string, len(kept))
	for k, i := range kept {
		order[k] = strconv.Itoa(i)
	}
	if strings.Join(order, " ") != strings.Join(wantOrder, " ") {
		return fmt.Sprintf("order %v, want %v (levels %v)", order, wantOrder, got)
	}
	return ""
}

// TestBidiConformance runs every case of BidiTest.txt (bidi classes, all
// paragraph directions) through the level resolution and rule L2.
func TestBidiConformance(t *testing.T) {
	var levels, order []string
	cases, failures := 0, 0
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
		for _, f := range strings.Fields(input) {
			c, ok := classNames[f]
			if !ok {
				t.Fatalf("line %d: unknown class %q", n, f)
			}
			cls = append(cls, c)
		}
		set, err := strconv.ParseUint(strings.TrimSpace(bits), 16, 8)
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		for bit, para := range map[uint64]int{1: autoLevel, 2: 0, 4: 1} {
			if set&bit == 0 {
				continue
			}
			cases++
			if msg := checkCase(cls, nil, para, levels, order); msg != "" {
				failures++
				if failures <= 10 {
					t.Errorf("BidiTest.txt:%d %s (paragraph %d): %s", n, strings.TrimSpace(input), para, msg)
				}
			}
		}
	})
	if cases < 400000 {
		t.Errorf("ran only %d cases", cases)
	}
	t.Logf("%d cases, %d failures", cases, failures)
	if failures > 0 {
		t.Errorf("%d of %d cases failed", failures, cases)
	}
}

// TestBidiCharacterConformance runs every case of BidiCharacterTest.txt
// (code points, with paired brackets) through the level resolution and
// rule L2.
func TestBidiCharacterConformance(t *testing.T) {
	cases, failures := 0, 0
	readLines(t, bidiCharacterTestFile, func(n int, line string) {
		f := strings.Split(line, ";")
		if len(f) != 5 {
			t.Fatalf("line %d: %d fields", n, len(f))
		}
		var cls []xbidi.Class
		var br []bracketInfo
		for _, h := range strings.Fields(f[0]) {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			p, _ := xbidi.LookupRune(rune(v))
			cls = append(cls, p.Class())
			br = append(br, bracketInfoOf(rune(v)))
		}
		para := map[string]int{"0": 0, "1": 1, "2": autoLevel}[f[1]]
		cases++
		got := resolveLevelsParagraph(cls, para)
		msg := ""
		if strconv.Itoa(int(got)) != f[2] {
			msg = fmt.Sprintf("paragraph level %d, want %s", got, f[2])
		} else {
			msg = checkCase(cls, br, para, strings.Fields(f[3]), strings.Fields(f[4]))
		}
		if msg != "" {
			failures++
			if failures <= 10 {
				t.Errorf("BidiCharacterTest.txt:%d %s (paragraph %s): %s", n, f[0], f[1], msg)
			}
		}
	})
	if cases < 90000 {
		t.Errorf("ran only %d cases", cases)
	}
	t.Logf("%d cases, %d failures", cases, failures)
	if failures > 0 {
		t.Errorf("%d of %d cases failed", failures, cases)
	}
}

// resolveLevelsParagraph returns the paragraph level resolveLevels uses.
func resolveLevelsParagraph(cls []xbidi.Class, para int) level {
	return resolveLevelsInto(make([]level, len(cls)), cls, nil, para)
}
