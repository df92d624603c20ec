//go:build unix

package policyexport_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/policyexport/policyexport"
)

// TestBatchFIFOEndsWithContext: a template or values file that a
// manifest names and that is a named pipe nobody writes to kept
// Renderer.Batch waiting in open after its ctx was cancelled, for ever
// (the command stopped at SIGTERM already). Batch now reads them through
// the command's wait (batch.WaitingReader): it returns when ctx ends,
// whether before the wait or during it, with an error that names the
// file and wraps ctx.Err(), and writes nothing. The open that waits
// ends when the pipe's other end is opened; then no goroutine is left.
func TestBatchFIFOEndsWithContext(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipe: %v", err)
	}
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write("doc.md", "# Doc\n")
	r := newRenderer(t, policyexport.Options{})
	goroutines := runtime.NumGoroutine()
	for _, c := range []struct{ manifest, want string }{
		{"documents:\n  - {name: a, template: fifo}\n", `:2:5: document "a": template ` + fifo + ": interrupted while waiting for its content"},
		{"documents:\n  - {name: a, template: doc.md, valuesFile: fifo}\n", `:2:5: document "a": values file ` + fifo + ": interrupted while waiting for its content"},
		{"defaults:\n  valuesFile: fifo\ndocuments:\n  - {name: a, template: doc.md}\n", ":2:3: defaults: values file " + fifo + ": interrupted while waiting for its content"},
	} {
		m := write("m.yaml", c.manifest)
		for _, when := range []string{"before", "during"} {
			ctx, cancel := context.WithCancel(context.Background())
			if when == "before" {
				cancel()
			} else {
				// Ends while Batch runs: before its wait begins or
				// during it, whichever comes first, the same result.
				go cancel()
			}
			out := filepath.Join(dir, "out")
			res, err := r.Batch(ctx, m, policyexport.BatchOptions{Out: out})
			cancel()
			if !errors.Is(err, context.Canceled) || res != nil || !strings.Contains(err.Error(), m+c.want) {
				t.Errorf("%q, cancelled %s: %v, %v; want context.Canceled naming %s", c.manifest, when, res, err, m+c.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%q: out was made (%v)", c.manifest, err)
			}
			// Open the pipe's other end, without waiting: an open that
			// waits then ends (and reads nothing); while none waits,
			// there is no reader and the open fails with ENXIO. The
			// goroutine that opens may not have reached its open yet.
			released := false
			for range 1000 {
				if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					w.Close()
				}
				if released = settled(goroutines); released {
					break
				}
			}
			if !released {
				t.Errorf("%q: %d goroutines after, %d before", c.manifest, runtime.NumGoroutine(), goroutines)
			}
		}
	}
}
