package app

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// endsAfter is a context whose Err is context.Canceled from its limit's
// call on: a signal that comes while the document is laid out, without
// a timer.
type endsAfter struct {
	context.Context
	limit  int64
	checks atomic.Int64
	once   sync.Once
	done   chan struct{}
}

func (c *endsAfter) Done() <-chan struct{} { return c.done }

func (c *endsAfter) Err() error {
	if c.checks.Add(1) < c.limit {
		return nil
	}
	c.once.Do(func() { close(c.done) })
	return context.Canceled
}

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
	ctx := &endsAfter{Context: context.Background(), limit: 100, done: make(chan struct{})}
	var stderr bytes.Buffer
	code := Main(ctx, Env{Args: []string{"policyexport", "render", "-f", "pdf", "-o", out, tmpl}, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr})
	if code == 0 || !strings.Contains(stderr.String(), "interrupted before writing") {
		t.Errorf("exit %d, %s", code, stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written (%v)", out, err)
	}
	if n := ctx.checks.Load(); n > 120 {
		t.Errorf("the context was checked %d times, %d after it ended: the rendering went on", n, n-100)
	}
}
