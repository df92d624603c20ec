package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteReplacesAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "out.txt")
	for _, content := range []string{"first\n", "second\n"} {
		if err := Write(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != content {
			t.Fatalf("content = %q, want %q", got, content)
		}
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("directory holds %d entries, want only out.txt", len(entries))
	}
}

func TestWriteFailureKeepsTarget(t *testing.T) {
	dir := t.TempDir()
	// A directory in place of the target makes the rename fail.
	target := filepath.Join(dir, "busy")
	if err := os.MkdirAll(filepath.Join(target, "child"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(target, []byte("x"), 0o644); err == nil {
		t.Fatal("Write over a non-empty directory succeeded")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if IsTemp(e.Name()) {
			t.Fatalf("temporary file %s left behind", e.Name())
		}
	}
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".a.pdf.123.tmp": true,
		"a.pdf":          false,
		".hidden":        false,
		"x.tmp":          false,
	} {
		if got := IsTemp(name); got != want {
			t.Errorf("IsTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestTempTarget(t *testing.T) {
	for name, want := range map[string]string{
		".a.pdf.123.tmp":            "a.pdf",
		".a.pdf.123.old.tmp":        "a.pdf",
		".site-00001.3141592.tmp":   "site-00001",
		".index.2-of-3.json.77.tmp": "index.2-of-3.json",
		".draft.tmp":                "",
		".cache.tmp":                "",
		".a.pdf.12x.tmp":            "",
		".a.pdf..tmp":               "",
		"..123.tmp":                 "",
		".123.tmp":                  "",
		"a.pdf.123.tmp":             "",
		".a.pdf.123":                "",
	} {
		got, ok := TempTarget(name)
		if got != want || ok != (want != "") {
			t.Errorf("TempTarget(%q) = %q, %v, want %q", name, got, ok, want)
		}
	}
	// The names the package makes read back as their targets.
	dir := t.TempDir()
	tmpDir, err := createTempDir(dir, "site-00001")
	if err != nil {
		t.Fatal(err)
	}
	f, err := createTemp(dir, "a.pdf", 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	for made, target := range map[string]string{tmpDir: "site-00001", f.name: "a.pdf", backupName(f.name): "a.pdf"} {
		if got, ok := TempTarget(filepath.Base(made)); !ok || got != target {
			t.Errorf("TempTarget(%q) = %q, %v, want %q", filepath.Base(made), got, ok, target)
		}
	}
}

// read returns the content of path, or "<absent>".
func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "<absent>"
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// noTemps fails when a temporary file or directory is left under dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && IsTemp(d.Name()) {
			t.Errorf("temporary file %s left behind", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriteFollowsSymlinkToRegularFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.txt")
	link := filepath.Join(dir, "link.txt")
	os.WriteFile(target, []byte("old"), 0o644)
	if err := os.Symlink("real.txt", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", st.Mode(), err)
	}
	if got := read(t, target); got != "new" {
		t.Errorf("target = %q, want new", got)
	}
	noTemps(t, dir)
}

func TestWriteCreatesDanglingSymlinkTarget(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink("sub/made.txt", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "sub", "made.txt")); got != "new" {
		t.Errorf("link target = %q, want new", got)
	}
	if st, _ := os.Lstat(link); st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}
}

func TestWriteThroughDevice(t *testing.T) {
	st, err := os.Lstat(os.DevNull)
	if err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Skip("no character device at", os.DevNull)
	}
	if err := Write(os.DevNull, []byte("discarded"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(os.DevNull); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v %v", os.DevNull, st.Mode(), err)
	}
	// Through a link too: the link and the device stay.
	link := filepath.Join(t.TempDir(), "null")
	os.Symlink(os.DevNull, link)
	if err := Write(link, []byte("discarded"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link to %s was replaced", os.DevNull)
	}
}

func TestWriteRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	err := Write(dir, []byte("x"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("Write over a directory: %v, want an error saying it is a directory", err)
	}
	link := filepath.Join(dir, "link")
	os.Symlink(".", link)
	if err := Write(link, []byte("x"), 0o644); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("Write through a link to a directory: %v", err)
	}
}

func TestNoFollowReplacesLink(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "outside.txt")
	os.WriteFile(outside, []byte("keep"), 0o644)
	link := filepath.Join(dir, "link.txt")
	os.Symlink(outside, link)
	g := Group{NoFollow: true}
	g.Add(link, []byte("new"), 0o644)
	if err := g.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, outside); got != "keep" {
		t.Errorf("NoFollow wrote through the link: %q", got)
	}
	if st, _ := os.Lstat(link); !st.Mode().IsRegular() || read(t, link) != "new" {
		t.Errorf("the link was not replaced by a regular file")
	}
	noTemps(t, dir)
}

// TestNoFollowRefusesLinkToDirectory: a NoFollow group refuses a link to
// a directory as it refuses a directory, and writes nothing. In the second
// case the link is one of the path's own directories (a/a linked to "."
// makes a/a/b the link a/a), the case FuzzGroups found: replacing it left
// the kept old file under a path that no longer led to it.
func TestNoFollowRefusesLinkToDirectory(t *testing.T) {
	for _, rel := range []string{"a/a", "a/a/a"} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("old"), 0o644)
		os.Mkdir(filepath.Join(dir, "a"), 0o755)
		os.Symlink(".", filepath.Join(dir, "a", "a"))
		g := Group{NoFollow: true}
		g.Add(filepath.Join(dir, "keep.txt"), []byte("new"), 0o644)
		g.Add(filepath.Join(dir, rel), []byte("new"), 0o644)
		err := g.Commit()
		if err == nil || !strings.Contains(err.Error(), "is a symbolic link to a directory") {
			t.Errorf("%s: Commit = %v, want the link to a directory refused", rel, err)
		}
		if st, err := os.Lstat(filepath.Join(dir, "a", "a")); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s: the link was replaced", rel)
		}
		if got := read(t, filepath.Join(dir, "keep.txt")); got != "old" {
			t.Errorf("%s: the group's other file = %q, want the old content", rel, got)
		}
		noTemps(t, dir)
	}
}

// TestGroupBlockedTargetWritesNothing puts a directory where the second
// file goes: the first file keeps its old content and the third is not
// created, whether the group follows links (the directory is found when
// the targets are resolved) or not (found when its rename fails).
func TestGroupBlockedTargetWritesNothing(t *testing.T) {
	for _, noFollow := range []bool{false, true} {
		dir := t.TempDir()
		a, b, c := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "c.txt")
		os.WriteFile(a, []byte("old a"), 0o644)
		os.MkdirAll(filepath.Join(b, "child"), 0o755)
		g := Group{NoFollow: noFollow}
		g.Add(a, []byte("new a"), 0o644)
		g.Add(b, []byte("new b"), 0o644)
		g.Add(c, []byte("new c"), 0o644)
		err := g.Commit()
		if err == nil || !strings.Contains(err.Error(), "b.txt") || !strings.Contains(err.Error(), "directory") {
			t.Fatalf("NoFollow=%v: Commit = %v, want an error naming b.txt and the directory", noFollow, err)
		}
		if got := read(t, a); got != "old a" {
			t.Errorf("NoFollow=%v: a.txt = %q, want its old content", noFollow, got)
		}
		if got := read(t, c); got != "<absent>" {
			t.Errorf("NoFollow=%v: c.txt = %q, want absent", noFollow, got)
		}
		if _, err := os.Stat(filepath.Join(b, "child")); err != nil {
			t.Errorf("NoFollow=%v: the directory in the way was moved: %v", noFollow, err)
		}
		noTemps(t, dir)
	}
}

// TestDirectoryAfterStaging replaces a target with a directory between
// its staging and its commit: the commit fails, the directory stays where
// it is, and the group's other file gets its old content back.
func TestDirectoryAfterStaging(t *testing.T) {
	for _, noFollow := range []bool{false, true} {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
		os.WriteFile(a, []byte("old a"), 0o644)
		os.WriteFile(b, []byte("old b"), 0o644)
		g := &Group{NoFollow: noFollow}
		g.Add(a, []byte("new a"), 0o644)
		g.Add(b, []byte("new b"), 0o644)
		if err := g.Stage(); err != nil {
			t.Fatal(err)
		}
		os.Remove(b)
		os.MkdirAll(filepath.Join(b, "child"), 0o755)
		err := CommitStaged(g)[0]
		if err == nil || !strings.Contains(err.Error(), "directory") {
			t.Fatalf("NoFollow=%v: CommitStaged = %v, want an error saying b.txt is a directory", noFollow, err)
		}
		if got := read(t, a); got != "old a" {
			t.Errorf("NoFollow=%v: a.txt = %q, want its old content", noFollow, got)
		}
		if _, err := os.Stat(filepath.Join(b, "child")); err != nil {
			t.Errorf("NoFollow=%v: the directory was moved: %v", noFollow, err)
		}
		noTemps(t, dir)
	}
}

func TestGroupReadOnlyDirWritesNothing(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only directories")
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	a := filepath.Join(dir, "a.txt")
	os.Chmod(ro, 0o555)
	defer os.Chmod(ro, 0o755)
	var g Group
	g.Add(a, []byte("new a"), 0o644)
	g.Add(filepath.Join(ro, "b.txt"), []byte("new b"), 0o644)
	err := g.Commit()
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("Commit = %v, want permission denied", err)
	}
	if got := read(t, a); got != "<absent>" {
		t.Errorf("a.txt = %q, want absent", got)
	}
	noTemps(t, dir)
}

// TestGroupFailingRenameRestores makes the third rename fail: the first
// file (which existed) gets its old content back, the second (new) is
// removed, and no temporary or backup file remains.
func TestGroupFailingRenameRestores(t *testing.T) {
	for _, noLinks := range []bool{false, true} {
		dir := t.TempDir()
		a, b, c := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "c.txt")
		os.WriteFile(a, []byte("old a"), 0o644)
		os.WriteFile(c, []byte("old c"), 0o644)
		g := Group{}
		renames := 0
		g.rename = func(oldpath, newpath string, noReplace bool) error {
			if noLinks && strings.HasSuffix(newpath, ".old"+TempSuffix) {
				return os.Rename(oldpath, newpath) // the fallback for file systems without hard links
			}
			renames++
			if renames == 3 {
				return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EIO}
			}
			return defaultRename(oldpath, newpath, noReplace)
		}
		g.Add(a, []byte("new a"), 0o644)
		g.Add(b, []byte("new b"), 0o644)
		g.Add(c, []byte("new c"), 0o644)
		err := g.Commit()
		if err == nil || !strings.Contains(err.Error(), "c.txt") {
			t.Fatalf("Commit = %v, want the failed rename of c.txt", err)
		}
		for path, want := range map[string]string{a: "old a", b: "<absent>", c: "old c"} {
			if got := read(t, path); got != want {
				t.Errorf("noLinks=%v: %s = %q, want %q", noLinks, filepath.Base(path), got, want)
			}
		}
		noTemps(t, dir)
	}
}

func TestGroupSameTargetTwice(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	os.Symlink("a.txt", filepath.Join(dir, "alias.txt"))
	var g Group
	g.Add(a, []byte("1"), 0o644)
	g.Add(filepath.Join(dir, "alias.txt"), []byte("2"), 0o644)
	if err := g.Commit(); err == nil {
		t.Fatal("two files of a group with one target: no error")
	}
	if got := read(t, a); got != "<absent>" {
		t.Errorf("a.txt = %q after a refused group", got)
	}
}

// TestCommitAllIsolatesGroups commits three groups of three files behind
// one barrier (nine files: one syncfs on Linux); the middle group has a
// directory where a file goes, so it fails and writes nothing, while the
// others are written whole, and no temporary file is left.
func TestCommitAllIsolatesGroups(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "b", "2.txt", "child"), 0o755); err != nil {
		t.Fatal(err)
	}
	var groups []*Group
	for _, name := range []string{"a", "b", "c"} {
		g := &Group{NoFollow: name == "c"}
		for _, f := range []string{"1.txt", "2.txt", "3.txt"} {
			g.Add(filepath.Join(dir, name, f), []byte(name+f), 0o644)
		}
		groups = append(groups, g)
	}
	errs := CommitAll(groups...)
	if errs[0] != nil || errs[2] != nil || errs[1] == nil {
		t.Fatalf("errors %v, want only the second group to fail", errs)
	}
	for _, name := range []string{"a", "c"} {
		for _, f := range []string{"1.txt", "2.txt", "3.txt"} {
			if got, err := os.ReadFile(filepath.Join(dir, name, f)); err != nil || string(got) != name+f {
				t.Errorf("%s/%s = %q, %v", name, f, got, err)
			}
		}
	}
	for _, f := range []string{"1.txt", "3.txt"} {
		if _, err := os.Lstat(filepath.Join(dir, "b", f)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("b/%s written by a failed group: %v", f, err)
		}
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && IsTemp(d.Name()) {
			t.Errorf("temporary file %s left", p)
		}
		return nil
	})
}

// TestAddFuncStreams writes a file through AddFunc, and fails the commit
// (leaving the old file) when the function fails.
func TestAddFuncStreams(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.json")
	var g Group
	g.AddFunc(path, func(w io.Writer) error { _, err := io.WriteString(w, "streamed\n"); return err }, 0o644)
	if err := g.Commit(); err != nil {
		t.Fatal(err)
	}
	var bad Group
	bad.AddFunc(path, func(w io.Writer) error { return errors.New("encoder failed") }, 0o644)
	if err := bad.Commit(); err == nil || !strings.Contains(err.Error(), "encoder failed") {
		t.Fatalf("Commit = %v, want the function's error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "streamed\n" {
		t.Errorf("content %q after a failed commit, want the first one", got)
	}
}

// TestStageThenCommit stages groups one at a time and commits them
// together: with one group of two files (each fsynced at the commit) and
// with three groups (one barrier), the staged files are temporary files
// until CommitStaged, and targets hold their new content after it. A
// group that fails to stage leaves nothing and a group not staged is
// refused.
func TestStageThenCommit(t *testing.T) {
	for _, n := range []int{1, 3} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "g0-a.txt"), []byte("old"), 0o644)
		var groups []*Group
		for i := range n {
			g := &Group{}
			for _, f := range []string{"a.txt", "b.txt"} {
				g.Add(filepath.Join(dir, fmt.Sprintf("g%d-%s", i, f)), []byte(fmt.Sprint(i, f)), 0o644)
			}
			if err := g.Stage(); err != nil {
				t.Fatal(err)
			}
			groups = append(groups, g)
		}
		if got := read(t, filepath.Join(dir, "g0-a.txt")); got != "old" {
			t.Errorf("%d groups: a staged file replaced its target before the commit: %q", n, got)
		}
		temps := 0
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if IsTemp(e.Name()) {
				temps++
			}
		}
		if temps != 2*n {
			t.Errorf("%d groups: %d temporary files staged, want %d", n, temps, 2*n)
		}
		blocked := &Group{}
		os.Mkdir(filepath.Join(dir, "dir.txt"), 0o755)
		blocked.Add(filepath.Join(dir, "c.txt"), []byte("c"), 0o644)
		blocked.Add(filepath.Join(dir, "dir.txt"), []byte("d"), 0o644)
		if err := blocked.Stage(); err == nil {
			t.Errorf("%d groups: staging over a directory did not fail", n)
		}
		unstaged := &Group{}
		unstaged.Add(filepath.Join(dir, "u.txt"), []byte("u"), 0o644)
		errs := CommitStaged(append(groups, unstaged)...)
		for i, err := range errs[:n] {
			if err != nil {
				t.Errorf("%d groups: group %d: %v", n, i, err)
			}
		}
		if errs[n] == nil {
			t.Errorf("%d groups: a group that was not staged was committed", n)
		}
		for i := range n {
			for _, f := range []string{"a.txt", "b.txt"} {
				if got, want := read(t, filepath.Join(dir, fmt.Sprintf("g%d-%s", i, f))), fmt.Sprint(i, f); got != want {
					t.Errorf("%d groups: g%d-%s = %q, want %q", n, i, f, got, want)
				}
			}
		}
		for _, f := range []string{"c.txt", "u.txt"} {
			if got := read(t, filepath.Join(dir, f)); got != "<absent>" {
				t.Errorf("%d groups: %s written: %q", n, f, got)
			}
		}
		noTemps(t, dir)
	}
}

// TestCommitterSharesBarriers commits three batches of staged groups
// with one Committer: where syncfs is available, a batch's groups are
// done only at the next Commit (whose barrier makes their names durable)
// or at Flush, while their targets already hold the new content; a
// group whose rename fails is done at once, with its error, and puts
// back what it replaced; a group that Stage did not stage is refused.
// Without syncfs each batch is done at its own Commit.
func TestCommitterSharesBarriers(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b2-g0-a.txt"), []byte("old"), 0o644)
	batch := func(b int, failing bool) []*Group {
		var groups []*Group
		for i := range 2 {
			g := &Group{}
			if failing && i == 0 {
				renames := 0
				g.rename = func(oldpath, newpath string, noReplace bool) error {
					if renames++; renames == 2 {
						return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EIO}
					}
					return defaultRename(oldpath, newpath, noReplace)
				}
			}
			for _, f := range []string{"a.txt", "b.txt", "c.txt"} {
				g.Add(filepath.Join(dir, fmt.Sprintf("b%d-g%d-%s", b, i, f)), []byte(fmt.Sprint(b, i, f)), 0o644)
			}
			if err := g.Stage(); err != nil {
				t.Fatal(err)
			}
			groups = append(groups, g)
		}
		return groups
	}
	check := func(step string, done []Done, want map[*Group]bool) {
		t.Helper()
		got := map[*Group]bool{}
		for _, d := range done {
			got[d.Group] = d.Err == nil
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: %d groups done (%v), want %d (%v)", step, len(got), got, len(want), want)
		}
	}
	var c Committer
	b1, b2, b3 := batch(1, false), batch(2, true), batch(3, false)
	unstaged := &Group{}
	unstaged.Add(filepath.Join(dir, "u.txt"), []byte("u"), 0o644)

	done := c.Commit(append(b1, unstaged)...)
	if syncfsSupported {
		check("first Commit", done, map[*Group]bool{unstaged: false})
		if c.Waiting() != 2 {
			t.Errorf("first Commit: %d groups waiting, want 2", c.Waiting())
		}
	} else {
		check("first Commit", done, map[*Group]bool{b1[0]: true, b1[1]: true, unstaged: false})
	}
	if got := read(t, filepath.Join(dir, "b1-g1-c.txt")); got != fmt.Sprint(1, 1, "c.txt") {
		t.Errorf("after the first Commit, b1-g1-c.txt = %q, want its new content", got)
	}
	done = c.Commit(b2...)
	if syncfsSupported {
		check("second Commit", done, map[*Group]bool{b1[0]: true, b1[1]: true, b2[0]: false})
	} else {
		check("second Commit", done, map[*Group]bool{b2[0]: false, b2[1]: true})
	}
	done = c.Commit(b3...)
	if syncfsSupported {
		check("third Commit", done, map[*Group]bool{b2[1]: true})
	} else {
		check("third Commit", done, map[*Group]bool{b3[0]: true, b3[1]: true})
	}
	if syncfsSupported {
		check("Flush", c.Flush(), map[*Group]bool{b3[0]: true, b3[1]: true})
	}
	if c.Waiting() != 0 || c.Flush() != nil {
		t.Errorf("after Flush, %d groups wait", c.Waiting())
	}
	want := map[string]string{"b2-g0-a.txt": "old", "b2-g0-b.txt": "<absent>", "b2-g0-c.txt": "<absent>", "u.txt": "<absent>"}
	for _, b := range []int{1, 2, 3} {
		for i := range 2 {
			for _, f := range []string{"a.txt", "b.txt", "c.txt"} {
				name := fmt.Sprintf("b%d-g%d-%s", b, i, f)
				if _, ok := want[name]; !ok {
					want[name] = fmt.Sprint(b, i, f)
				}
			}
		}
	}
	for name, w := range want {
		if got := read(t, filepath.Join(dir, name)); got != w {
			t.Errorf("%s = %q, want %q", name, got, w)
		}
	}
	noTemps(t, dir)
}

// stageNewDirs stages a NewDirs group writing content to each of rels
// under dir.
func stageNewDirs(t *testing.T, dir, content string, rels ...string) *Group {
	t.Helper()
	g := &Group{NoFollow: true, NewDirs: true}
	for _, rel := range rels {
		g.Add(filepath.Join(dir, rel), []byte(content+" "+rel), 0o644)
	}
	if err := g.Stage(); err != nil {
		t.Fatal(err)
	}
	return g
}

// TestNewDirsAppearWhole: with NewDirs a missing directory (and a missing
// one inside it) is staged under a hidden name and appears at the commit
// with every file in it, with the permission a directory made in place
// gets; alone (each file fsynced) and behind a shared barrier.
func TestNewDirsAppearWhole(t *testing.T) {
	for _, n := range []int{1, 3} {
		dir := t.TempDir()
		var groups []*Group
		for i := range n {
			groups = append(groups, stageNewDirs(t, dir, "new", fmt.Sprintf("d%d/sub/a.txt", i), fmt.Sprintf("d%d/b.txt", i)))
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != n || !IsTemp(entries[0].Name()) || !entries[0].IsDir() {
			t.Fatalf("%d groups: staged %v, want %d hidden temporary directories", n, entries, n)
		}
		for i, err := range CommitStaged(groups...) {
			if err != nil {
				t.Fatalf("%d groups: group %d: %v", n, i, err)
			}
		}
		os.Mkdir(filepath.Join(dir, "made-in-place"), 0o755)
		ref, _ := os.Stat(filepath.Join(dir, "made-in-place"))
		for i := range n {
			for _, rel := range []string{fmt.Sprintf("d%d/sub/a.txt", i), fmt.Sprintf("d%d/b.txt", i)} {
				if got := read(t, filepath.Join(dir, rel)); got != "new "+rel {
					t.Errorf("%d groups: %s = %q", n, rel, got)
				}
			}
			for _, d := range []string{fmt.Sprintf("d%d", i), fmt.Sprintf("d%d/sub", i)} {
				if st, err := os.Lstat(filepath.Join(dir, d)); err != nil || st.Mode() != ref.Mode() {
					t.Errorf("%d groups: %s: %v, mode %v, want %v", n, d, err, st.Mode(), ref.Mode())
				}
			}
		}
		noTemps(t, dir)
	}
}

// TestNewDirsMadeMeanwhile: two groups that each staged a new directory
// at the same path are committed together: the first one's directory is
// renamed into place and the second one's files are moved into it one
// by one, into its subdirectory too.
func TestNewDirsMadeMeanwhile(t *testing.T) {
	dir := t.TempDir()
	g1 := stageNewDirs(t, dir, "one", "d/a.txt", "d/b.txt", "d/c.txt")
	g2 := stageNewDirs(t, dir, "two", "d/x/y.txt", "d/z.txt")
	for i, err := range CommitStaged(g1, g2) {
		if err != nil {
			t.Fatalf("group %d: %v", i, err)
		}
	}
	for rel, want := range map[string]string{"d/a.txt": "one d/a.txt", "d/c.txt": "one d/c.txt", "d/x/y.txt": "two d/x/y.txt", "d/z.txt": "two d/z.txt"} {
		if got := read(t, filepath.Join(dir, rel)); got != want {
			t.Errorf("%s = %q, want %q", rel, got, want)
		}
	}
	noTemps(t, dir)

	// A link made at the path meanwhile is not written through.
	g3 := stageNewDirs(t, dir, "three", "e/a.txt")
	outside := t.TempDir()
	os.Symlink(outside, filepath.Join(dir, "e"))
	if err := CommitStaged(g3)[0]; err == nil {
		t.Errorf("a link made where the new directory goes was written through")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside, through the link: %v", entries)
	}
	noTemps(t, dir)
}

// TestNewDirsFailures: a new directory whose rename fails leaves nothing,
// nor does a group whose staging fails after it made its temporary
// directory.
func TestNewDirsFailures(t *testing.T) {
	dir := t.TempDir()
	g := &Group{NoFollow: true, NewDirs: true}
	g.rename = func(oldpath, newpath string, noReplace bool) error {
		if filepath.Base(newpath) == "d" {
			return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EIO}
		}
		return defaultRename(oldpath, newpath, noReplace)
	}
	g.Add(filepath.Join(dir, "top.txt"), []byte("top"), 0o644)
	g.Add(filepath.Join(dir, "d", "a.txt"), []byte("a"), 0o644)
	if err := g.Commit(); err == nil || !strings.Contains(err.Error(), "input/output error") {
		t.Errorf("Commit = %v, want the failed rename", err)
	}
	for _, rel := range []string{"top.txt", "d"} {
		if _, err := os.Lstat(filepath.Join(dir, rel)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is there after a failed commit: %v", rel, err)
		}
	}
	noTemps(t, dir)

	// The second file's directory is a file: its staging fails after
	// the first one's new directory was made.
	os.WriteFile(filepath.Join(dir, "file"), []byte("f"), 0o644)
	bad := &Group{NoFollow: true, NewDirs: true}
	bad.Add(filepath.Join(dir, "new", "a.txt"), []byte("a"), 0o644)
	bad.Add(filepath.Join(dir, "file", "b.txt"), []byte("b"), 0o644)
	if err := bad.Stage(); err == nil {
		t.Errorf("staging into a file did not fail")
	}
	if _, err := os.Lstat(filepath.Join(dir, "new")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("new is there after a failed staging: %v", err)
	}
	noTemps(t, dir)
}
