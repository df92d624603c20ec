package template

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/ast"
)

func TestInlineDepthLimit(t *testing.T) {
	nest := func(n int) string {
		return strings.Repeat("*a **a ", n) + "b" + strings.Repeat(" a** a*", n) + "\n"
	}
	// 8 levels of alternating emphasis and strong (4 repetitions) pass a
	// limit of 8; 10 levels do not.
	if _, err := Parse("e.md", []byte(nest(4)), Options{MaxDepth: 8}); err != nil {
		t.Errorf("depth 8 with limit 8: %v", err)
	}
	_, err := Parse("e.md", []byte("text\n\n"+nest(5)), Options{MaxDepth: 8})
	want := "e.md:3:"
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "nested more than 8 deep (the limit; Options.MaxDepth raises it)") {
		t.Errorf("inline depth limit: %v, want %s… nested more than 8 deep", err, want)
	}
	if _, err := Parse("e.md", []byte(nest(1000)), Options{}); err == nil || !strings.Contains(err.Error(), "more than 32 deep") {
		t.Errorf("default inline depth limit: %v", err)
	}
}

func TestHeadingIDsLinear(t *testing.T) {
	src := strings.Repeat("# a\n", 5) + "# a-1\n"
	doc := mustFill(t, mustParse(t, src, Options{}), nil)
	var ids []string
	for _, b := range doc.Blocks {
		ids = append(ids, b.(*ast.Heading).ID)
	}
	if got, want := strings.Join(ids, " "), "a a-1 a-2 a-3 a-4 a-1-1"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
}

// TestCostGuardKeepsRealDocuments parses the test templates, the spec
// examples and the shared corpus with a parse cost limit 200 times lower
// than the default: none comes near it.
func TestCostGuardKeepsRealDocuments(t *testing.T) {
	inputs := nestingInputs(t)
	dir := os.Getenv("POLICYEXPORT_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "corpus", "*", "*.md"))
	deeper, _ := filepath.Glob(filepath.Join(dir, "corpus", "*", "*", "*.md"))
	for _, p := range append(paths, deeper...) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs[p] = data
	}
	for name, src := range inputs {
		_, err := Parse(name, src, Options{MaxCost: DefaultMaxCost / 200})
		if err != nil && strings.Contains(err.Error(), "too costly") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestCostGuardRefusesDelimiterFloods(t *testing.T) {
	for _, unit := range []string{"*a_ ", "_a*", "[a](b", "[a](<b", "[*a*](", "a***b***"} {
		src := []byte(strings.Repeat(unit, (1<<20)/len(unit)))
		start := time.Now()
		_, err := Parse("d.md", src, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "d.md:1:1: paragraph too costly to parse") || !strings.Contains(err.Error(), "Options.MaxCost") {
			t.Errorf("%q: %v", unit, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%q: refused after %v", unit, d)
		}
	}
	// The same delimiters spread over list items, headings or table rows
	// are separate paragraphs and pass.
	for _, unit := range []string{"- *a_ *a_ *a_\n", "# *a_ [a](b\n"} {
		src := []byte(strings.Repeat(unit, 20000))
		if _, err := Parse("d.md", src, Options{}); err != nil && strings.Contains(err.Error(), "too costly") {
			t.Errorf("%q: %v", unit, err)
		}
	}
	table := "| a | b |\n|---|---|\n" + strings.Repeat("| [x](y) *a* | `b` _c_ |\n", 20000)
	if _, err := Parse("d.md", []byte(table), Options{}); err != nil && strings.Contains(err.Error(), "too costly") {
		t.Errorf("table: %v", err)
	}
}
