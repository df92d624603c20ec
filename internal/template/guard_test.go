package template

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// nestingInputs are templates for comparing the nesting guard with the
// converter's exact check.
func nestingInputs(t *testing.T) map[string][]byte {
	inputs := map[string][]byte{
		"quotes":        []byte("> > > x\n"),
		"lists":         []byte("- a\n  - b\n    - c\n      1. d\n"),
		"mixed":         []byte("- > - > x\n  > lazy\n"),
		"break":         []byte("- - - - - -\n* * * *\n"),
		"code":          []byte("    > > > > x\n\n- x\n\n      > > > code in item\n"),
		"fenced":        []byte("```\n> > > > > x\n```\n"),
		"ordered":       []byte("1. 2) 3. x\n1234567890. no\n"),
		"blank in list": []byte("- a\n\n  - b\n\n\n    - c\n"),
	}
	paths, _ := filepath.Glob("testdata/*.md")
	more, _ := filepath.Glob(corpusDir + "/*/*.md")
	for _, p := range append(append(paths, seedPath), more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs[p] = data
	}
	dir := os.Getenv("POLICYEXPORT_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if data, err := os.ReadFile(filepath.Join(dir, "conformance", "commonmark", "spec-0.31.2.json")); err == nil {
		var exs []struct {
			Markdown string `json:"markdown"`
			Example  int    `json:"example"`
		}
		if err := json.Unmarshal(data, &exs); err != nil {
			t.Fatal(err)
		}
		for _, ex := range exs {
			inputs["spec example "+itoa(ex.Example)] = []byte(ex.Markdown)
		}
	}
	return inputs
}

// TestNestingGuard checks that the guard refuses a template exactly when
// the converter does, with the same message, on the spec examples, the
// test templates and the corpus, at small limits.
func TestNestingGuard(t *testing.T) {
	for name, src := range nestingInputs(t) {
		for _, max := range []int{1, 3} {
			for _, p := range []Profile{ProfileDefault, ProfileCommonMark} {
				opts := Options{MaxDepth: max, Profile: p}
				_, exact := parse("n.md", src, opts, parseConfig{placeholders: p == ProfileDefault})
				_, guarded := Parse("n.md", src, opts)
				if exact == nil && guarded != nil {
					t.Errorf("%s, limit %d, %s: guard refuses a template the converter accepts: %v", name, max, p, guarded)
				}
				if exact != nil && guarded != nil && exact.Error() != guarded.Error() {
					t.Logf("%s, limit %d: converter says %v, guard says %v", name, max, exact, guarded)
				}
			}
		}
	}
}

// TestGuardsAreFast checks that deep nesting and long paragraphs full of
// brackets are refused quickly.
func TestGuardsAreFast(t *testing.T) {
	var indented strings.Builder
	for i := 0; i < 2000; i++ {
		indented.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	for name, src := range map[string]string{
		"quotes":   strings.Repeat("> ", 2<<20-8),
		"lists":    strings.Repeat("1. ", 1<<20),
		"indented": indented.String(),
	} {
		before := allocated()
		_, err := Parse("deep.md", []byte(src), Options{})
		if err == nil || !strings.Contains(err.Error(), "nested more than 32 deep") {
			t.Errorf("%s: error %v", name, err)
		}
		if n := allocated() - before; n > guardAlloc {
			t.Errorf("%s: allocated %d MiB", name, n>>20)
		}
	}
	for name, src := range map[string]string{
		"link references":        strings.Repeat("[a]: /u\n", 1<<19),
		"links in one paragraph": "text\n" + strings.Repeat("[a]: /u\nx\n", 1<<18),
	} {
		before := allocated()
		_, err := Parse("brackets.md", []byte(src), Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "brackets.md:1:1: paragraph too costly to parse") {
			t.Errorf("%s: error %v", name, err)
		}
		if n := allocated() - before; n > guardAlloc {
			t.Errorf("%s: allocated %d MiB", name, n>>20)
		}
	}
	// Many short paragraphs of references cost little and pass.
	if _, err := Parse("refs.md", []byte(strings.Repeat("[a]: /u\n[b]: /v\n\n", 1<<16)), Options{}); err != nil {
		t.Errorf("short paragraphs: %v", err)
	}
}

// TestTableCellGuard checks that tables are charged cellCost per cell,
// counting the cells goldmark pads short rows with, wherever in a
// paragraph the table starts.
func TestTableCellGuard(t *testing.T) {
	header := func(cols int) string {
		return "|" + strings.Repeat(" a |", cols) + "\n|" + strings.Repeat("---|", cols) + "\n"
	}
	for name, src := range map[string]string{
		"padded rows":        header(100) + strings.Repeat("x\n", 1<<19),
		"after a first line": "text\n" + header(100) + strings.Repeat("x\n", 1<<19),
		"two columns":        header(2) + strings.Repeat("x\n", 1<<19),
	} {
		before := allocated()
		_, err := Parse("table.md", []byte(src), Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "table.md:1:1: table too costly to parse") || !strings.Contains(err.Error(), "Options.MaxCost") {
			t.Errorf("%s: error %v", name, err)
		}
		if n := allocated() - before; n > guardAlloc {
			t.Errorf("%s: allocated %d MiB", name, n>>20)
		}
	}
	// 10 columns of 100 rows: 1,000 cells, refused below their cost and
	// accepted above it.
	src := []byte(header(10) + strings.Repeat("x\n", 100))
	if _, err := Parse("t.md", src, Options{MaxCost: 1000*cellCost - 1}); err == nil || !strings.Contains(err.Error(), "100 rows of 10 columns, 1000 cells") {
		t.Errorf("below the cost of its cells: error %v", err)
	}
	if _, err := Parse("t.md", src, Options{MaxCost: 1000*cellCost + 1000}); err != nil {
		t.Errorf("above the cost of its cells: %v", err)
	}
	// A long table of two full columns, 200,000 cells, passes.
	if _, err := Parse("long.md", []byte(header(2)+strings.Repeat("| x | y |\n", 100_000)), Options{}); err != nil {
		t.Errorf("long table: %v", err)
	}
}

// guardAlloc bounds what a guarded parse allocates before it refuses
// its input, a measure of the work done that a busy machine does not
// change, where a wall-clock limit of 2 s did. The inputs above allocate
// 6 to 28 MiB; the error each must give shows that its guard refused it.
const guardAlloc = 256 << 20

// allocated returns the bytes this process has allocated so far.
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}
