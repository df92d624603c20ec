//go:build unix

package imagefile

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFIFO checks that Read refuses a FIFO at once instead of
// blocking until a writer comes (an image path such as /dev/stdin or a
// named pipe would hang the render).
func TestReadFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Read(fifo, 5); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Read(FIFO) error = %v, want 'not a regular file'", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read(FIFO) blocked")
	}
}
