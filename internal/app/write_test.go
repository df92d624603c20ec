package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// runMain runs the command line with args in dir's files and returns the
// exit code and standard error.
func runMain(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr strings.Builder
	code := Main(t.Context(), Env{
		Args: append([]string{"policyexport"}, args...), Stdin: strings.NewReader(""),
		Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" },
	})
	return code, stderr.String()
}

// TestWriteErrorsExitOne: a write that cannot be done is exit code 1
// (bad input or a failed write, not a usage error), the message names
// what stood in the way, and no output of the render is left behind.
func TestWriteErrorsExitOne(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "doc.md")
	os.WriteFile(tmpl, []byte("# Hello\n\nText.\n"), 0o644)

	code, stderr := runMain(t, "render", "--format", "txt", "-o", dir, tmpl)
	if code != ExitInput || !strings.Contains(stderr, "is a directory: give a file name, or use --out") {
		t.Errorf("-o DIR: exit %d, stderr %q; want 1 and a hint", code, stderr)
	}

	out := filepath.Join(dir, "out")
	os.MkdirAll(filepath.Join(out, "doc.txt", "x"), 0o755)
	code, stderr = runMain(t, "render", "--format", "html,txt,json", "--out", out, tmpl)
	if code != ExitInput || !strings.Contains(stderr, "doc.txt: it is a directory; no output was written") {
		t.Errorf("a directory in the way: exit %d, stderr %q", code, stderr)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.Name() != "doc.txt" {
			t.Errorf("left behind in --out: %s", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(out, "doc.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("doc.html was written: %v", err)
	}
}

// brokenPipe is standard output whose reader has gone, as os.Stdout
// reports it.
type brokenPipe struct{}

func (brokenPipe) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}
}

// TestStdoutClosed checks that every command that writes to standard
// output says that its reader went away, not "write /dev/stdout", and
// exits with 1 (the output is incomplete).
func TestStdoutClosed(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.md")
	if err := os.WriteFile(doc, []byte("# Doc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"vars", doc},
		{"vars", "--json", doc},
		{"render", doc, "-f", "txt", "-o", "-"},
		{"version"},
		{"completion", "bash"},
	} {
		var stderr strings.Builder
		code := Main(t.Context(), Env{Args: append([]string{"policyexport"}, args...), Stdin: strings.NewReader(""), Stdout: brokenPipe{}, Stderr: &stderr})
		if want := "policyexport: standard output was closed before everything was written: broken pipe\n"; code != ExitInput || stderr.String() != want {
			t.Errorf("%q: exit %d, stderr %q; want %d, %q", args, code, stderr.String(), ExitInput, want)
		}
	}
}
