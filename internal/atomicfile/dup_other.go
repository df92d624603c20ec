//go:build !unix

package atomicfile

import "os"

// dup opens name: without Unix descriptors there is nothing to share.
func dup(_ int, name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY, 0)
}
