//go:build !linux

package atomicfile

import (
	"errors"
	"os"
)

// syncfsSupported says that syncfs does not exist here: every file is
// fsynced on its own, and every directory that changed.
const syncfsSupported = false

// syncfs is never called where syncfsSupported is false.
func syncfs(string) error { return errors.ErrUnsupported }

// device is unused where syncfsSupported is false.
func device(os.FileInfo) uint64 { return 0 }

// renameNoReplace is not available here: each rename looks first.
func renameNoReplace(string, string) error { return errors.ErrUnsupported }
