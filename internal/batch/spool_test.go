package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
)

// TestSpoolWithoutTempDir runs a batch whose $TMPDIR cannot hold the
// index's spool: the slots are kept in memory and the index is the same,
// byte for byte, as the one made with a spool file; --check of it is
// clean either way.
func TestSpoolWithoutTempDir(t *testing.T) {
	p := mustPlan(t, string(manifestYAML(6)), PlanOptions{})
	index := func(tmp string) []byte {
		t.Helper()
		t.Setenv("TMPDIR", tmp)
		out := t.TempDir()
		for _, check := range []bool{false, true} {
			res, err := Run(context.Background(), p, Options{Out: out, Jobs: 2, Check: check})
			if err != nil || len(res.Failures) > 0 || len(res.Drift) > 0 {
				t.Fatalf("TMPDIR=%s, check %v: %v, failures %v, drift %v", tmp, check, err, res.Failures, res.Drift)
			}
			if res.Index.Len() != 24 {
				t.Fatalf("TMPDIR=%s: %d files listed, want 24", tmp, res.Index.Len())
			}
		}
		data, err := os.ReadFile(filepath.Join(out, "index.json"))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	spooled := index(t.TempDir())
	inMemory := index(filepath.Join(t.TempDir(), "missing"))
	if !bytes.Equal(spooled, inMemory) {
		t.Errorf("index with the spool in memory differs:\n%s\nwant\n%s", inMemory, spooled)
	}
}

// TestSpoolSlots fills slots out of order, leaves holes, and reads back
// the filled ones in order, from a file and from memory.
func TestSpoolSlots(t *testing.T) {
	for _, tc := range []struct {
		tmp  string
		file bool
	}{{t.TempDir(), true}, {filepath.Join(t.TempDir(), "missing"), false}} {
		tmp := tc.tmp
		t.Setenv("TMPDIR", tmp)
		s := newSpool(10)
		if (s.file != nil) != tc.file {
			t.Fatalf("TMPDIR=%s: spool file %v, want one: %v", tmp, s.file, tc.file)
		}
		want := map[int]int64{7: 0, 2: 1 << 40, 5: 12345}
		for i, n := range want {
			if err := s.put(i, slot{sum: sha256.Sum256([]byte{byte(i)}), values: sha256.Sum256([]byte{byte(i), 1}), bytes: n}); err != nil {
				t.Fatal(err)
			}
		}
		var got []int
		err := s.each(10, func(i int, e slot) error {
			if e.sum != sha256.Sum256([]byte{byte(i)}) || e.values != sha256.Sum256([]byte{byte(i), 1}) || e.bytes != want[i] {
				t.Errorf("slot %d: %+v", i, e)
			}
			got = append(got, i)
			return nil
		})
		if err != nil || len(got) != 3 || got[0] != 2 || got[1] != 5 || got[2] != 7 {
			t.Errorf("TMPDIR=%s: slots %v, %v; want [2 5 7]", tmp, got, err)
		}
		if err := s.close(); err != nil {
			t.Error(err)
		}
		if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
			t.Errorf("TMPDIR=%s: left %v", tmp, entries)
		}
	}
}

// TestSpoolRuns puts slots in runs longer than windowSlots, backwards, and
// twice (the last put wins), and reads back each slot's last value.
func TestSpoolRuns(t *testing.T) {
	n := 3*windowSlots + 5
	s := newSpool(n)
	defer s.close()
	want := make([]int64, n)
	put := func(i int, v int64) {
		t.Helper()
		if err := s.put(i, slot{sum: sha256.Sum256([]byte{byte(i), byte(i >> 8)}), values: sha256.Sum256([]byte{byte(v)}), bytes: v}); err != nil {
			t.Fatal(err)
		}
		want[i] = v
	}
	for i := range n - 10 {
		put(i, int64(i))
	}
	for i := n - 1; i >= n-10; i-- {
		put(i, int64(2*i))
	}
	put(windowSlots+1, 7)
	put(windowSlots+2, 8)
	put(windowSlots+1, 9)
	seen := 0
	err := s.each(n, func(i int, e slot) error {
		if e.sum != sha256.Sum256([]byte{byte(i), byte(i >> 8)}) || e.values != sha256.Sum256([]byte{byte(want[i])}) || e.bytes != want[i] {
			t.Errorf("slot %d: %d, want %d", i, e.bytes, want[i])
		}
		seen++
		return nil
	})
	if err != nil || seen != n {
		t.Fatalf("each: %d slots, %v; want %d", seen, err, n)
	}
}
