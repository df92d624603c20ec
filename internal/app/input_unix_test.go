//go:build unix

package app

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/policyexport/policyexport/internal/render"
)

// TestInputWaitEndsOnCancel: a template that is a named pipe nobody
// writes to waits in open, a system call no signal ends, so the first
// SIGTERM (all that "timeout 60 policyexport render fifo.md" sends)
// cancelled the command and it went on waiting. The cancellation ends
// the wait now, with a message that says what was waited for.
func TestInputWaitEndsOnCancel(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipe: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the signal came while the command waits
	for _, args := range [][]string{
		{"render", "-f", "txt", "-o", "-", fifo},
		{"render", "-f", "txt", "-o", "-", "--values", fifo, "-"},
	} {
		var stderr bytes.Buffer
		code := Main(ctx, Env{Args: append([]string{"policyexport"}, args...), Stdin: strings.NewReader("# T\n"), Stdout: io.Discard, Stderr: &stderr})
		if code != ExitInput || !strings.Contains(stderr.String(), fifo+": interrupted while waiting for its content") {
			t.Errorf("%q: exit %d, %s", args, code, stderr.String())
		}
	}
}

// TestOutputWaitEndsOnCancel: "-o FIFO" is written through, and opening
// a named pipe nobody reads waits; a cancellation while it waits ends
// the wait, and nothing is written.
func TestOutputWaitEndsOnCancel(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "out.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipe: %v", err)
	}
	done := make(chan struct{})
	close(done)
	c := &renderConfig{output: fifo}
	err := c.write(Env{done: done}, source{name: "t.md"}, []render.Output{{Format: render.TXT, Data: []byte("x\n")}})
	if want := "-o " + fifo + ": interrupted while waiting for a program to read it; no output was written"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
