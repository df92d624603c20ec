package batch

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestCompare checks the streaming comparison --check makes of each file
// and of the index, with the size known and not, for data written in one
// piece and in many small ones, across the read buffer's size.
func TestCompare(t *testing.T) {
	root := t.TempDir()
	r := &runner{out: &outDir{root: root}}
	data := bytes.Repeat([]byte("0123456789abcdef"), 3*matchBuffer/16+5)
	changed := bytes.Clone(data)
	changed[2*matchBuffer+7] ^= 1
	os.Mkdir(filepath.Join(root, "dir"), 0o755)
	cases := []struct {
		name string
		disk []byte // nil: no file
		want DriftKind
	}{
		{"same", data, ""},
		{"empty", []byte{}, Stale},
		{"shorter", data[:len(data)-1], Stale},
		{"longer", append(bytes.Clone(data), '\n'), Stale},
		{"changed", changed, Stale},
		{"absent", nil, Missing},
		{"dir", nil, Stale},
	}
	writers := map[string]func(io.Writer) error{
		"whole": writeBytes(data),
		"pieces": func(w io.Writer) error {
			for rest := data; len(rest) > 0; {
				n := min(len(rest), 1000)
				if _, err := w.Write(rest[:n]); err != nil {
					return err
				}
				rest = rest[n:]
			}
			return nil
		},
	}
	for _, tc := range cases {
		if tc.disk != nil {
			if err := os.WriteFile(filepath.Join(root, tc.name), tc.disk, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for wname, write := range writers {
			for _, size := range []int{len(data), -1} {
				d, ok, err := r.compare(tc.name, size, write)
				if err != nil {
					t.Fatalf("%s, %s, size %d: %v", tc.name, wname, size, err)
				}
				if ok != (tc.want == "") || d.Kind != tc.want || !ok && d.Path != tc.name {
					t.Errorf("%s, %s, size %d: drift %+v (same %v), want %q", tc.name, wname, size, d, ok, tc.want)
				}
			}
		}
	}
}
