package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEnsureDirForgets: the directories an outDir remembers stay at most
// maxCheckedDirs however many a run makes, and one it has forgotten is
// checked again (a symbolic link put in its place is refused) and not
// reported as made a second time.
func TestEnsureDirForgets(t *testing.T) {
	root := t.TempDir()
	o, err := prepareOut(root, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := range maxCheckedDirs + 10 {
		created, err := o.ensureDir(fmt.Sprintf("d%04d/sub", i))
		if err != nil || len(created) != 2 {
			t.Fatalf("d%04d/sub: made %v, %v", i, created, err)
		}
		if len(o.ok) > maxCheckedDirs+2 {
			t.Fatalf("%d directories remembered", len(o.ok))
		}
	}
	if created, err := o.ensureDir("d0000/sub"); err != nil || len(created) != 0 {
		t.Errorf("d0000/sub again: made %v, %v", created, err)
	}
	os.RemoveAll(filepath.Join(o.root, "d0001"))
	os.Symlink(t.TempDir(), filepath.Join(o.root, "d0001"))
	if _, err := o.ensureDir("d0001/sub"); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("d0001 made a link: err = %v", err)
	}
}
