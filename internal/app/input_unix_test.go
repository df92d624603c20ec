//go:build unix

package app

import (
	"bytes"
	"context"
	"io"
	"os"
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

// TestManifestFileWaitEndsOnCancel: a template or values file that a
// batch manifest names and that is a named pipe nobody writes to waited
// in open through the first SIGTERM ("timeout 10 policyexport batch
// m.yaml" went on until killed), where the same pipe on the command line
// stopped. The plan now reads through the same wait as the command
// line: the batch stops at the cancellation, names the entry and the
// file, and writes nothing.
func TestManifestFileWaitEndsOnCancel(t *testing.T) {
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
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the signal came while the command waits
	for _, c := range []struct{ manifest, want string }{
		{"documents:\n  - {name: a, template: fifo}\n", `:2:5: document "a": template ` + fifo + ": interrupted while waiting for its content"},
		{"documents:\n  - {name: a, template: doc.md, valuesFile: fifo}\n", `:2:5: document "a": values file ` + fifo + ": interrupted while waiting for its content"},
		{"defaults:\n  valuesFile: fifo\ndocuments:\n  - {name: a, template: doc.md}\n", ":2:3: defaults: values file " + fifo + ": interrupted while waiting for its content"},
	} {
		m := write("m.yaml", c.manifest)
		out := filepath.Join(dir, "out")
		var stderr bytes.Buffer
		code := Main(ctx, Env{Args: []string{"policyexport", "batch", "-q", "--out", out, m}, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr})
		if code == 0 || !strings.Contains(stderr.String(), m+c.want) {
			t.Errorf("%q: exit %d, %s", c.manifest, code, stderr.String())
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%q: out was made (%v)", c.manifest, err)
		}
	}
	// diff --manifest plans its manifests the same way.
	old := write("old.yaml", "documents:\n  - {name: a, template: doc.md}\n")
	m := write("m.yaml", "documents:\n  - {name: a, template: fifo}\n")
	var stderr bytes.Buffer
	code := Main(ctx, Env{Args: []string{"policyexport", "diff", "--manifest", "--out", filepath.Join(dir, "red"), old, m}, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr})
	if code == 0 || !strings.Contains(stderr.String(), m+`:2:5: document "a": template `+fifo+": interrupted while waiting") {
		t.Errorf("diff --manifest: exit %d, %s", code, stderr.String())
	}
}
