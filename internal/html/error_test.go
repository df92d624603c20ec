package html_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// TestUnknownNodeWritesNothing: a node of no known kind after the first
// 4096 bytes of the page (the default stylesheet alone is almost that)
// fails the render with nothing written, not the page's first 4 KiB.
func TestUnknownNodeWritesNothing(t *testing.T) {
	long := asttest.P(asttest.T(strings.Repeat("word ", 2000)))
	doc := asttest.Doc(long, asttest.UnknownBlock{Paragraph: &ast.Paragraph{At: ast.Pos{Line: 7, Col: 1}}})
	for _, opts := range []html.Options{{}, {Fragment: true}} {
		var b strings.Builder
		err := html.Render(&b, doc, opts)
		var u *ast.UnknownNodeError
		if !errors.As(err, &u) {
			t.Fatalf("fragment %v: err = %v, want an *ast.UnknownNodeError", opts.Fragment, err)
		}
		if b.Len() > 0 {
			t.Errorf("fragment %v: wrote %d bytes despite the error", opts.Fragment, b.Len())
		}
	}
}
