// Package golden compares test output with golden files kept under a
// package's testdata/, and rewrites them when the tests run with -update.
//
// It registers the -update flag for every test binary that imports it, so
// that "go test ./... -update" rewrites every golden of the repository in
// one run (review the diff before committing). It is test support only: no
// product code imports it.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// update is the -update flag. A flag is process state by nature; it is set
// once, by the test binary's flag parsing.
var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Check compares got with the golden file at path. With -update it writes
// got to path instead (creating directories). A difference fails t with
// the first line and column that differ and both versions of that line.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if msg := Diff(got, want); msg != "" {
		t.Errorf("%s differs from the output at %s\n(run go test -update if the change is intended, and review the diff)", path, msg)
	}
}

// Diff names the first line and column where got and want differ, with
// both lines, or returns "" when they are equal.
func Diff(got, want []byte) string {
	if bytes.Equal(got, want) {
		return ""
	}
	line, col := 1, 1
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i] != want[i] {
			return fmt.Sprintf("line %d, column %d:\n got: %q\nwant: %q", line, col, lineAt(got, i), lineAt(want, i))
		}
		if got[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d, column %d: one is a prefix of the other (got %d bytes, want %d)", line, col, len(got), len(want))
}

// lineAt returns the line of b that holds byte i, cut to 200 bytes.
func lineAt(b []byte, i int) []byte {
	start := bytes.LastIndexByte(b[:i], '\n') + 1
	end := bytes.IndexByte(b[i:], '\n')
	if end < 0 {
		end = len(b) - i
	}
	line := b[start : i+end]
	if len(line) > 200 {
		line = line[:200]
	}
	return line
}
