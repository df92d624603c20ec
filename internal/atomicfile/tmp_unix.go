//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

// tempFile is a staged temporary file, written with plain system calls:
// an *os.File registers each descriptor with the runtime's poller (four
// fcntl calls and a failing epoll_ctl for a regular file on Linux), a
// third of the system calls of a staged file in a batch.
type tempFile struct {
	fd   int
	name string
}

// createTemp creates a new file named ".BASE.RANDOM.tmp" in dir, for
// writing only, with permission perm (before umask), as os.CreateTemp
// does with its pattern.
func createTemp(dir, base string, perm os.FileMode) (*tempFile, error) {
	var f *tempFile
	_, err := makeTemp(dir, base, func(name string) (err error) {
		f, err = createExact(name, perm)
		return err
	})
	return f, err
}

// createExact creates the new file name, for writing only, with
// permission perm (before umask), failing where one exists.
func createExact(name string, perm os.FileMode) (*tempFile, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, uint32(perm.Perm()))
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return &tempFile{fd: fd, name: name}, nil
}

// Write writes all of p, as an *os.File does.
func (f *tempFile) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := ignoringEINTR(func() (int, error) { return syscall.Write(f.fd, p[n:]) })
		if err != nil {
			return n, &os.PathError{Op: "write", Path: f.name, Err: err}
		}
		if m == 0 {
			return n, &os.PathError{Op: "write", Path: f.name, Err: syscall.EIO}
		}
		n += m
	}
	return n, nil
}

// Sync flushes the file's data and metadata to the disk (fsync(2)).
func (f *tempFile) Sync() error {
	if _, err := ignoringEINTR(func() (int, error) { return 0, syscall.Fsync(f.fd) }); err != nil {
		return &os.PathError{Op: "sync", Path: f.name, Err: err}
	}
	return nil
}

// Close closes the file; a second Close is an error, never another
// descriptor's closing.
func (f *tempFile) Close() error {
	if f.fd < 0 {
		return &os.PathError{Op: "close", Path: f.name, Err: os.ErrClosed}
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &os.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}

// ignoringEINTR calls fn until it is not interrupted by a signal.
func ignoringEINTR(fn func() (int, error)) (int, error) {
	for {
		n, err := fn()
		if !errors.Is(err, syscall.EINTR) {
			return n, err
		}
	}
}
