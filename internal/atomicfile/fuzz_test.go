package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// script reads a fuzzer's bytes as a run of choices, zero once they are
// used up.
type script struct{ b []byte }

// next returns a choice in [0, n).
func (s *script) next(n int) int {
	if len(s.b) == 0 {
		return 0
	}
	c := int(s.b[0]) % n
	s.b = s.b[1:]
	return c
}

// path returns a relative path of one to three components from a small
// alphabet, so that files and directories often meet at the same names.
func (s *script) path() string {
	parts := make([]string, 1+s.next(3))
	for i := range parts {
		parts[i] = string(rune('a' + s.next(3)))
	}
	return filepath.Join(parts...)
}

// fuzzFile is one file a fuzzed group adds.
type fuzzFile struct {
	rel  string
	data []byte
}

// FuzzGroups builds a tree of files, directories and symbolic links from
// the input, then commits up to four groups into it, each with its own
// options (NoFollow, NewDirs, AddFunc), maybe a rename that fails, maybe
// as on a file system without RENAME_NOREPLACE, one
// at a time, with CommitAll, staged and then CommitStaged, or through a
// Committer in two batches. Whatever the input:
//
//   - no temporary file or directory is left;
//   - every regular file holds what it held before or the data of a file
//     of a group that succeeded: a failed group leaves none of its data,
//     and no file is half written;
//   - where the tree had no links, every file of a group that succeeded
//     holds its data, unless a later group that succeeded wrote the same
//     path.
func FuzzGroups(f *testing.F) {
	f.Add([]byte{0, 2, 1, 2, 0, 0})
	f.Add([]byte{1, 1, 0, 3, 0, 0, 1, 1, 0, 1, 2, 1, 3, 1, 0, 0, 1, 2})
	f.Add([]byte{2, 3, 2, 0, 0, 1, 2, 1, 1, 2, 0, 1, 0, 3, 1, 2, 1, 0, 4, 2, 1, 1, 0, 2})
	f.Add([]byte{3, 2, 4, 1, 2, 0, 1, 3, 3, 2, 1, 0, 2, 5, 0, 1, 2, 2, 1, 1, 3})
	f.Fuzz(func(t *testing.T, in []byte) {
		s := &script{b: in}
		root := t.TempDir()
		mode := s.next(4)

		// The tree before: files hold "pre:N", unique.
		links := false
		for i := range s.next(6) {
			p := filepath.Join(root, s.path())
			os.MkdirAll(filepath.Dir(p), 0o755)
			switch s.next(4) {
			case 0:
				os.WriteFile(p, fmt.Appendf(nil, "pre:%d", i), 0o644)
			case 1:
				os.Mkdir(p, 0o755)
			default: // a link to another path of the tree, maybe dangling
				target, err := filepath.Rel(filepath.Dir(p), filepath.Join(root, s.path()))
				if err == nil && os.Symlink(target, p) == nil {
					links = true
				}
			}
		}

		before := regularFiles(t, root) // where a write went through a link

		// The groups, each file's data unique.
		groups := make([]*Group, 1+s.next(4))
		files := make([][]fuzzFile, len(groups))
		for gi := range groups {
			g := &Group{}
			flags := s.next(32)
			g.NoFollow, g.NewDirs = flags&1 != 0, flags&2 != 0
			streamed := flags&4 != 0
			failAt, renames := 0, 0
			if flags&8 != 0 {
				failAt = 1 + s.next(4)
			}
			noReplace := flags&16 == 0 // else as a file system without RENAME_NOREPLACE
			g.rename = func(oldpath, newpath string, noReplaceAsked bool) error {
				if renames++; renames == failAt {
					return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EIO}
				}
				if noReplaceAsked && !noReplace {
					return errors.ErrUnsupported
				}
				return defaultRename(oldpath, newpath, noReplaceAsked)
			}
			for fi := range 1 + s.next(4) {
				ff := fuzzFile{rel: s.path(), data: fmt.Appendf(nil, "g%d.f%d:%x", gi, fi, s.next(256))}
				files[gi] = append(files[gi], ff)
				p := filepath.Join(root, ff.rel)
				if streamed {
					data := ff.data
					g.AddFunc(p, func(w io.Writer) error { _, err := w.Write(data); return err }, 0o644)
				} else {
					g.Add(p, ff.data, 0o644)
				}
			}
			groups[gi] = g
		}

		errs := commitFuzzed(mode, s.next(len(groups)+1), groups)

		// Every regular file: what it was, or a successful group's data.
		allowed := map[string]bool{}
		for gi, err := range errs {
			if err == nil {
				for _, ff := range files[gi] {
					allowed[string(ff.data)] = true
				}
			}
		}
		noTemps(t, root)
		for rel, got := range regularFiles(t, root) {
			if !allowed[string(got)] && !bytes.Equal(got, before[rel]) {
				t.Errorf("%s holds %q: neither what it held (%q) nor a committed group's data (errors %v)", rel, got, before[rel], errs)
			}
		}

		// Where no link could redirect a write, every successful group's
		// file holds its data, the last group's where two wrote a path.
		if links {
			return
		}
		want := map[string][]byte{}
		for gi, err := range errs {
			if err == nil {
				for _, ff := range files[gi] {
					want[ff.rel] = ff.data
				}
			}
		}
		for rel, data := range want {
			if got, err := os.ReadFile(filepath.Join(root, rel)); err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s = %q, %v; want %q (errors %v)", rel, got, err, data, errs)
			}
		}
	})
}

// commitFuzzed commits groups in one of four ways and returns each
// group's error: 0, each Commit in turn; 1, CommitAll; 2, each staged,
// then CommitStaged; 3, each staged, then a Committer commits the first
// split of them and the rest, and flushes.
func commitFuzzed(mode, split int, groups []*Group) []error {
	errs := make([]error, len(groups))
	switch mode {
	case 0:
		for i, g := range groups {
			errs[i] = g.Commit()
		}
		return errs
	case 1:
		return CommitAll(groups...)
	}
	var staged []*Group
	index := map[*Group]int{}
	for i, g := range groups {
		if errs[i] = g.Stage(); errs[i] == nil {
			staged = append(staged, g)
			index[g] = i
		}
	}
	if mode == 2 {
		for k, err := range CommitStaged(staged...) {
			errs[index[staged[k]]] = err
		}
		return errs
	}
	var c Committer
	split = min(split, len(staged))
	done := append(c.Commit(staged[:split]...), c.Commit(staged[split:]...)...)
	done = append(done, c.Flush()...)
	reported := map[*Group]bool{}
	for _, d := range done {
		errs[index[d.Group]] = d.Err
		reported[d.Group] = true
	}
	for _, g := range staged {
		if !reported[g] {
			errs[index[g]] = errors.New("the Committer never reported this group")
		}
	}
	return errs
}

// regularFiles returns the content of every regular file under root, by
// its path relative to root, never following a link.
func regularFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
