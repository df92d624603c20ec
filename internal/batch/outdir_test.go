package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckDirForgets: the directories an outDir remembers as checked
// stay at most maxCheckedDirs however many a run writes into, one that
// is missing is not remembered (the writer makes it later), and one it
// has forgotten is checked again: a symbolic link put in its place is
// refused.
func TestCheckDirForgets(t *testing.T) {
	root := t.TempDir()
	o, err := prepareOut(root, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := range maxCheckedDirs + 10 {
		dir := fmt.Sprintf("d%04d/sub", i)
		if err := os.MkdirAll(filepath.Join(o.root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := o.checkDir(dir); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		if len(o.ok) > maxCheckedDirs+2 {
			t.Fatalf("%d directories remembered", len(o.ok))
		}
	}
	if err := o.checkDir("new/sub"); err != nil || o.ok["new"] || o.ok["new/sub"] {
		t.Errorf("missing new/sub: %v; remembered: %v %v", err, o.ok["new"], o.ok["new/sub"])
	}
	os.RemoveAll(filepath.Join(o.root, "d0001"))
	os.Symlink(t.TempDir(), filepath.Join(o.root, "d0001"))
	if err := o.checkDir("d0001/sub"); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("d0001 is a link now: err = %v", err)
	}
}
