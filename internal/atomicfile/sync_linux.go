//go:build linux

package atomicfile

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// syncfsSupported says that syncfs works here.
const syncfsSupported = true

// syncfs writes every dirty page and every pending metadata change of
// the file system that holds dir to the disk (syncfs(2)), and reports
// the file system's write errors since the last call.
func syncfs(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return &os.PathError{Op: "syncfs", Path: dir, Err: err}
	}
	return nil
}

// device returns the file system (st_dev) that st lies on.
func device(st os.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Dev) //nolint:unconvert // Dev is uint32 on some architectures
	}
	return 0
}

// renameNoReplace renames oldpath to newpath unless newpath exists
// (renameat2(2) with RENAME_NOREPLACE): an error wrapping fs.ErrExist
// then, and errors.ErrUnsupported where the file system cannot do it.
func renameNoReplace(oldpath, newpath string) error {
	err := unix.Renameat2(unix.AT_FDCWD, oldpath, unix.AT_FDCWD, newpath, unix.RENAME_NOREPLACE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return errors.ErrUnsupported
	}
	return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
}
