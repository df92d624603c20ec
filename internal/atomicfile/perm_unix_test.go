//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestPermissionUnderUmask writes a new file and replaces an old one with
// permission 0o664 under umask 0o027: both get 0o640, as os.WriteFile
// would make them.
func TestPermissionUnderUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	replaced := filepath.Join(dir, "old.txt")
	os.WriteFile(replaced, []byte("old"), 0o600)
	for _, path := range []string{filepath.Join(dir, "new.txt"), replaced} {
		if err := Write(path, []byte("x"), 0o664); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != 0o640 {
			t.Errorf("%s: permission %o, want 640", filepath.Base(path), got)
		}
	}
}
