package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	if d := Diff([]byte("a\nb\n"), []byte("a\nb\n")); d != "" {
		t.Errorf("equal inputs: Diff = %q", d)
	}
	d := Diff([]byte("a\nbXc\n"), []byte("a\nbYc\n"))
	if !strings.HasPrefix(d, "line 2, column 2:") || !strings.Contains(d, `"bXc"`) || !strings.Contains(d, `"bYc"`) {
		t.Errorf("Diff = %q", d)
	}
	if d := Diff([]byte("ab"), []byte("abc")); !strings.Contains(d, "prefix") {
		t.Errorf("prefix: Diff = %q", d)
	}
}

func TestCheckFindsDifference(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.txt")
	if err := os.WriteFile(path, []byte("want\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{TB: t}
	Check(rec, path, []byte("got\n"))
	if !rec.failed {
		t.Error("Check passed output that differs from the golden file")
	}
	rec = &recorder{TB: t}
	Check(rec, path, []byte("want\n"))
	if rec.failed {
		t.Error("Check failed output equal to the golden file")
	}
}

// recorder notes a failure instead of failing the real test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}
