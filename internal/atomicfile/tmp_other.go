//go:build !unix

package atomicfile

import (
	"os"
)

// tempFile is a staged temporary file.
type tempFile struct {
	*os.File
	name string
}

// createTemp creates a new file named ".BASE.RANDOM.tmp" in dir with
// permission perm.
func createTemp(dir, base string, perm os.FileMode) (*tempFile, error) {
	f, err := os.CreateTemp(dir, "."+base+".*"+TempSuffix)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &tempFile{File: f, name: f.Name()}, nil
}

// createExact creates the new file name, with permission perm, failing
// where one exists.
func createExact(name string, perm os.FileMode) (*tempFile, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return nil, err
	}
	return &tempFile{File: f, name: name}, nil
}
