// Package atomicfile writes files so that a reader never sees half of one,
// and writes a group of files so that either all of them are in place or
// none is.
//
// A regular file is written to a hidden temporary file in its target
// directory (".NAME.*.tmp"), synced to disk, and renamed over the target.
// What is not a regular file is written through, never replaced: a
// character device such as /dev/null, a FIFO, a terminal, /dev/stdout or
// a process substitution's /dev/fd/N. A symbolic link stays a link and its
// target gets the new content (atomically when the target is a regular
// file), unless the Group says NoFollow. A directory is refused.
//
// A Group stages every file first (each a synced temporary file), checks
// every target, and only then renames them into place, keeping each
// replaced file under a hidden temporary name until every rename has
// succeeded, so that a failure midway restores what was there before. On
// any error no temporary file is left behind. The package never writes
// outside the directories of the paths (or link targets) it is given.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// TempSuffix ends the name of every temporary file this package creates.
const TempSuffix = ".tmp"

// maxLinks bounds how many symbolic links are followed to find a target,
// as the kernel's own limit (40 on Linux) does.
const maxLinks = 40

// Write writes data to path, creating the parent directory if needed: a
// regular file (or a missing one) is replaced atomically with permission
// perm (before umask); a device, FIFO or other special file is written
// through; a symbolic link is followed; a directory is an error.
func Write(path string, data []byte, perm os.FileMode) error {
	var g Group
	g.Add(path, data, perm)
	return g.Commit()
}

// IsTemp reports whether name (a base name) is a temporary file left by
// Write in a process that was killed before it could clean up.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, TempSuffix)
}

// Group is a set of files written together by Commit: all or nothing.
// The zero value is ready to use; a Group is committed once.
type Group struct {
	// NoFollow replaces whatever stands at a path that is not a directory
	// (a symbolic link, a device, a FIFO) with a regular file, instead of
	// writing through it: for output trees whose links must never be
	// followed.
	NoFollow bool

	files []*entry
	// rename is os.Rename; tests replace it to make a rename fail.
	rename func(oldpath, newpath string) error
}

// entry is one file of a Group on its way to its target.
type entry struct {
	path    string // as given to Add
	data    []byte
	perm    os.FileMode
	target  string // where the data goes: path, or a link's target
	through bool   // written through (not a regular file), not renamed
	fd      int    // with through: this process's descriptor path names, or -1
	tmp     string // the staged temporary file
	backup  string // the replaced file, kept until Commit succeeds
	moved   bool   // backup was made by renaming the target away
	keep    bool   // backup could not be put back: it must stay
	placed  bool   // tmp has been renamed to target (or data written through)
}

// Add adds a file to the group. Nothing is written before Commit.
func (g *Group) Add(path string, data []byte, perm os.FileMode) {
	g.files = append(g.files, &entry{path: path, data: data, perm: perm, fd: -1})
}

// Commit writes every file of the group, or none. It stages each regular
// file as a synced temporary file next to its target, checks every
// target, then renames them in the order they were added; a failed
// rename puts back every file already replaced (or removes it where there
// was none). Files written through (devices, FIFOs) are written last,
// after every rename, since such a write cannot be taken back; a failure
// there also restores the renamed files. Errors name the path and what
// stood in the way.
func (g *Group) Commit() (err error) {
	rename := g.rename
	if rename == nil {
		rename = os.Rename
	}
	seen := map[string]string{}
	for _, e := range g.files {
		if err := g.resolve(e); err != nil {
			return err
		}
		if other, ok := seen[e.target]; ok {
			return fmt.Errorf("write %s: the same file as %s", e.path, other)
		}
		seen[e.target] = e.path
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, g.rollback())
		}
		g.cleanup()
	}()
	for _, e := range g.files {
		if !e.through {
			if err := e.stage(); err != nil {
				return err
			}
		}
	}
	// Check every target again now that all are staged: nothing must have
	// become a directory meanwhile.
	for _, e := range g.files {
		if st, err := os.Lstat(e.target); err == nil && st.IsDir() {
			return fmt.Errorf("write %s: %s is a directory", e.path, e.target)
		}
	}
	for _, e := range g.files {
		if !e.through {
			if err := e.place(rename); err != nil {
				return err
			}
		}
	}
	for _, e := range g.files {
		if e.through {
			if err := e.writeThrough(); err != nil {
				return err
			}
		}
	}
	return nil
}

// resolve decides where e's data goes and how.
func (g *Group) resolve(e *entry) error {
	e.target = e.path
	lst, err := os.Lstat(e.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("write %s: %w", e.path, err)
	case lst.IsDir():
		return fmt.Errorf("write %s: it is a directory", e.path)
	case g.NoFollow || lst.Mode().IsRegular():
		return nil
	case lst.Mode()&fs.ModeSymlink == 0:
		e.through = true // a device, FIFO or socket
		return nil
	}
	// A symbolic link. One to a descriptor of this process (/dev/stdout,
	// /dev/fd/N, /proc/self/fd/N) is written through that descriptor,
	// with its offset and append mode, even when it is a regular file
	// ("> out.txt", ">> log.txt"): replacing the file would leave the
	// shell's descriptor on the old, unlinked one, and opening the link
	// anew would write from offset 0.
	if fd, ok := descriptor(e.path); ok {
		e.through, e.fd = true, fd
		return nil
	}
	// Otherwise the kernel's view (Stat) decides what it points to; the
	// link chain, read one link at a time, gives the path to replace when
	// that is a regular file or nothing yet.
	st, err := os.Stat(e.path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	if err == nil && st.IsDir() {
		return fmt.Errorf("write %s: the symbolic link points to a directory", e.path)
	}
	if err == nil && !st.Mode().IsRegular() {
		e.through = true
		return nil
	}
	final, viaFD, ferr := followLinks(e.path)
	if ferr != nil {
		return fmt.Errorf("write %s: %w", e.path, ferr)
	}
	if viaFD {
		// Another process's open file (/proc/PID/fd/N): written through,
		// never replaced.
		e.through = true
		return nil
	}
	if err == nil {
		fst, lerr := os.Lstat(final)
		if lerr != nil || !os.SameFile(st, fst) {
			// A link the chain cannot name, such as /proc/self/fd/1 to a
			// deleted file: write through it.
			e.through = true
			return nil
		}
	}
	e.target = final
	return nil
}

// followLinks reads the chain of symbolic links starting at path and
// returns the first path that is not a link (it may not exist), and
// whether a link of the chain is a file descriptor of this process.
func followLinks(path string) (final string, viaFD bool, err error) {
	p := path
	for range maxLinks {
		st, err := os.Lstat(p)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return p, viaFD, nil
		}
		viaFD = viaFD || inFDDir(p)
		dest, err := os.Readlink(p)
		if err != nil {
			return "", false, err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		p = dest
	}
	return "", false, fmt.Errorf("more than %d symbolic links", maxLinks)
}

// descriptor returns the file descriptor of this process that path
// names through its chain of links, if it does.
func descriptor(path string) (int, bool) {
	p := path
	for range maxLinks {
		st, err := os.Lstat(p)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return 0, false
		}
		if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil && isOwnFDDir(dir) {
			if n, err := strconv.Atoi(filepath.Base(p)); err == nil && n >= 0 {
				return n, true
			}
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return 0, false
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		p = dest
	}
	return 0, false
}

// isOwnFDDir reports whether dir (with links resolved) lists this
// process's descriptors.
func isOwnFDDir(dir string) bool {
	dir = filepath.ToSlash(dir)
	return dir == "/dev/fd" || dir == "/proc/self/fd" || dir == "/proc/"+strconv.Itoa(os.Getpid())+"/fd"
}

// inFDDir reports whether the link p lies in a directory of file
// descriptors (/proc/PID/fd on Linux, /dev/fd elsewhere).
func inFDDir(p string) bool {
	dir, err := filepath.EvalSymlinks(filepath.Dir(p))
	if err != nil {
		return false
	}
	dir = filepath.ToSlash(dir) + "/"
	return strings.HasPrefix(dir, "/proc/") || strings.HasPrefix(dir, "/dev/fd/")
}

// stage writes e's data to a synced temporary file next to its target.
func (e *entry) stage() error {
	dir, base := filepath.Split(e.target)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: create directory: %w", e.path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*"+TempSuffix)
	if err != nil {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	e.tmp = tmp.Name()
	_, err = tmp.Write(e.data)
	if err == nil {
		err = tmp.Chmod(e.perm)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	return nil
}

// place renames e's temporary file over its target, first keeping what
// stood there under a hidden temporary name: a hard link, so that the
// target never disappears, or, where links are not supported, the
// target itself renamed away.
func (e *entry) place(rename func(string, string) error) error {
	if _, err := os.Lstat(e.target); err == nil {
		backup := strings.TrimSuffix(e.tmp, TempSuffix) + ".old" + TempSuffix
		if err := os.Link(e.target, backup); err != nil {
			if err := rename(e.target, backup); err != nil {
				return fmt.Errorf("write %s: keep the old file: %w", e.path, err)
			}
			e.moved = true
		}
		e.backup = backup
	}
	if err := rename(e.tmp, e.target); err != nil {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	e.tmp = ""
	e.placed = true
	return nil
}

// writeThrough writes e's data into the existing special file, or into
// the descriptor it names.
func (e *entry) writeThrough() error {
	var f *os.File
	var err error
	if e.fd >= 0 {
		f, err = dup(e.fd, e.path)
	} else {
		f, err = os.OpenFile(e.path, os.O_WRONLY, 0)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	_, err = f.Write(e.data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	e.placed = true
	return nil
}

// rollback puts back what every renamed file replaced, newest first, and
// returns what could not be put back.
func (g *Group) rollback() error {
	var errs []error
	for i := len(g.files) - 1; i >= 0; i-- {
		e := g.files[i]
		if e.through {
			continue
		}
		switch {
		case e.backup != "" && (e.placed || e.moved):
			// Either the new file replaced the old one, or the rename of
			// the new file failed after the old one was moved away: in
			// both cases the backup goes back to the target.
			if err := os.Rename(e.backup, e.target); err != nil {
				errs = append(errs, fmt.Errorf("restore %s: %w (the old content is in %s)", e.path, err, e.backup))
				e.keep = true
				continue
			}
			e.backup = ""
		case e.placed:
			if err := os.Remove(e.target); err != nil {
				errs = append(errs, fmt.Errorf("remove the new %s: %w", e.path, err))
			}
		}
	}
	return errors.Join(errs...)
}

// cleanup removes the temporary files left and every backup except one
// that could not be put back.
func (g *Group) cleanup() {
	for _, e := range g.files {
		if e.tmp != "" {
			os.Remove(e.tmp)
		}
		if e.backup != "" && !e.keep {
			os.Remove(e.backup)
		}
	}
}
