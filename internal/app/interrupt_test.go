package app

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/testutil/ctxtest"
)

// TestRenderStopsWhileLaidOut: SIGINT or SIGTERM while a long document
// is rendered stopped nothing until every format was made (seconds for a
// 5 MB template), and only then refused to write; render now stops
// between blocks, says so, and writes nothing.
func TestRenderStopsWhileLaidOut(t *testing.T) {
	dir := t.TempDir()
	var src strings.Builder
	src.WriteString("# Long\n\n")
	for range 3000 {
		src.WriteString("A paragraph of words to lay out.\n\n")
	}
	tmpl := filepath.Join(dir, "long.md")
	if err := os.WriteFile(tmpl, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "long.pdf")
	ctx := ctxtest.New(100)
	var stderr bytes.Buffer
	code := Main(ctx, Env{Args: []string{"policyexport", "render", "-f", "pdf", "-o", out, tmpl}, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr})
	if code == 0 || !strings.Contains(stderr.String(), "interrupted before writing") {
		t.Errorf("exit %d, %s", code, stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written (%v)", out, err)
	}
	if n := ctx.Checks(); n > 120 {
		t.Errorf("the context was checked %d times, %d after it ended: the rendering went on", n, n-100)
	}
}
