//go:build linux

package atomicfile

import (
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
