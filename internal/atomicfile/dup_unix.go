//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// dup returns a new *os.File on a duplicate of descriptor fd, which
// shares its offset and flags; closing it leaves fd open.
func dup(fd int, name string) (*os.File, error) {
	n, err := syscall.Dup(fd)
	if err != nil {
		return nil, &os.PathError{Op: "dup", Path: name, Err: err}
	}
	syscall.CloseOnExec(n)
	return os.NewFile(uintptr(n), name), nil
}
