package template

import (
	"strings"
	"testing"

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
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "nested more than 8 deep (the limit; --max-depth raises it)") {
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
