package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
