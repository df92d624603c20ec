package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// txtManifest is a manifest of the named documents, plain text only.
func txtManifest(names ...string) string {
	var b strings.Builder
	b.WriteString("defaults:\n  formats: [txt]\n  values: {lastUpdated: \"2026-11-28\", email: e@x.example}\ndocuments:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  - name: %s\n    values: {siteName: %q}\n", n, n)
	}
	return b.String()
}

func runManifest(t *testing.T, out, manifest string, opts Options, shard Shard) *Result {
	t.Helper()
	p := mustPlan(t, manifest, PlanOptions{Shard: shard})
	opts.Out = out
	res, err := Run(t.Context(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failures) > 0 {
		t.Fatalf("failures: %v", res.Failures)
	}
	return res
}

func exists(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Lstat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

// TestPruneStale removes a document from the manifest: the next run
// removes its file (which the previous index lists) and nothing else, and
// --check is clean; with KeepStale the file stays and --check reports it.
func TestPruneStale(t *testing.T) {
	for _, keep := range []bool{false, true} {
		out := t.TempDir()
		runManifest(t, out, txtManifest("a", "b", "c"), Options{}, Shard{})
		os.WriteFile(filepath.Join(out, "b", "notes.txt"), []byte("mine"), 0o644)
		res := runManifest(t, out, txtManifest("a", "c"), Options{KeepStale: keep}, Shard{})
		gone := filepath.Join(out, "b", "privacy-policy.txt")
		if keep {
			if len(res.Pruned) != 0 || !exists(t, gone) {
				t.Errorf("KeepStale: pruned %v", res.Pruned)
			}
		} else if len(res.Pruned) != 1 || res.Pruned[0] != "b/privacy-policy.txt" || exists(t, gone) {
			t.Errorf("pruned %v, want [b/privacy-policy.txt]; file still there: %v", res.Pruned, exists(t, gone))
		}
		for _, f := range []string{"a/privacy-policy.txt", "c/privacy-policy.txt", "b/notes.txt", "index.json"} {
			if !exists(t, filepath.Join(out, f)) {
				t.Errorf("keep=%v: %s was removed", keep, f)
			}
		}
		check := runManifest(t, out, txtManifest("a", "c"), Options{Check: true}, Shard{})
		var unexpected []string
		for _, d := range check.Drift {
			if d.Kind != Unexpected {
				t.Errorf("keep=%v: drift %v", keep, d)
			}
			unexpected = append(unexpected, d.Path)
		}
		want := "b/notes.txt"
		if keep {
			want = "b/notes.txt b/privacy-policy.txt"
		}
		if got := strings.Join(unexpected, " "); got != want {
			t.Errorf("keep=%v: unexpected files %q, want %q", keep, got, want)
		}
	}
}

// TestPruneShard: a shard removes only the stale files its own previous
// index lists, never another shard's.
func TestPruneShard(t *testing.T) {
	names := []string{"a", "b", "c", "d", "e", "f"}
	s1, s2 := Shard{Index: 1, Total: 2}, Shard{Index: 2, Total: 2}
	var in1, in2 string
	for _, n := range names {
		if s1.Contains(n) && in1 == "" {
			in1 = n
		}
		if s2.Contains(n) && in2 == "" {
			in2 = n
		}
	}
	if in1 == "" || in2 == "" {
		t.Fatal("the names do not fill both shards")
	}
	out := t.TempDir()
	all := txtManifest(names...)
	runManifest(t, out, all, Options{}, s1)
	runManifest(t, out, all, Options{}, s2)
	var rest []string
	for _, n := range names {
		if n != in1 && n != in2 {
			rest = append(rest, n)
		}
	}
	fewer := txtManifest(rest...)
	res := runManifest(t, out, fewer, Options{}, s1)
	if got := strings.Join(res.Pruned, " "); got != in1+"/privacy-policy.txt" {
		t.Errorf("shard 1 pruned %q, want only %s's file", got, in1)
	}
	if !exists(t, filepath.Join(out, in2, "privacy-policy.txt")) {
		t.Errorf("shard 1 removed shard 2's %s", in2)
	}
	res = runManifest(t, out, fewer, Options{}, s2)
	if got := strings.Join(res.Pruned, " "); got != in2+"/privacy-policy.txt" {
		t.Errorf("shard 2 pruned %q, want only %s's file", got, in2)
	}
}

// TestPruneRefusesHostileIndex: a previous index listing a path outside
// --out, a hidden file, or a file behind a symbolic link makes the run
// fail before anything is written or removed.
func TestPruneRefusesHostileIndex(t *testing.T) {
	for _, tc := range []struct{ listed, want string }{
		{"../outside.txt", "inside --out"},
		{"sub/.hidden", "hidden"},
		{"index.1-of-2.json", "index"},
		{"linked/victim.txt", "symbolic link"},
	} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		os.MkdirAll(filepath.Join(out, "sub"), 0o755)
		victims := []string{filepath.Join(dir, "outside.txt"), filepath.Join(out, "sub", ".hidden"), filepath.Join(out, "index.1-of-2.json"), filepath.Join(dir, "victim.txt")}
		for _, v := range victims {
			os.WriteFile(v, []byte("keep"), 0o644)
		}
		os.Symlink(dir, filepath.Join(out, "linked"))
		idx := fmt.Sprintf(`{"policyexport": "test", "files": [{"path": %q, "format": "txt", "bytes": 4, "sha256": "", "document": "x", "template": "t", "templateSha256": "", "valuesSha256": ""}]}`, tc.listed)
		os.WriteFile(filepath.Join(out, "index.json"), []byte(idx), 0o644)
		p := mustPlan(t, txtManifest("a"), PlanOptions{})
		_, err := Run(t.Context(), p, Options{Out: out})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "--keep-stale") {
			t.Errorf("index listing %s: err = %v, want one naming %q and --keep-stale", tc.listed, err, tc.want)
		}
		for _, v := range victims {
			if !exists(t, v) {
				t.Errorf("index listing %s: %s was removed", tc.listed, v)
			}
		}
		if exists(t, filepath.Join(out, "a", "privacy-policy.txt")) {
			t.Errorf("index listing %s: a file was written before the error", tc.listed)
		}
	}
}
