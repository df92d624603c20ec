//go:build unix

package atomicfile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteThroughFIFO writes into a named pipe that a reader drains: the
// reader gets the data and the pipe stays a pipe.
func TestWriteThroughFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		data, _ := io.ReadAll(f)
		got <- string(data)
	}()
	if err := Write(fifo, []byte("through the pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("reader got %q", s)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
}

// TestWriteThroughOwnDescriptor writes to /dev/fd/N where N is a file
// this process opened for appending (as "policyexport -o /dev/stdout >>
// log.txt" does): the data is appended through the descriptor, the file
// is not replaced, and the descriptor stays open and usable.
func TestWriteThroughOwnDescriptor(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.txt")
	os.WriteFile(path, []byte("first\n"), 0o644)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before, _ := os.Stat(path)
	link := fmt.Sprintf("/dev/fd/%d", f.Fd())
	if _, err := os.Lstat(link); err != nil {
		t.Skip("no /dev/fd:", err)
	}
	if err := Write(link, []byte("second\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("third\n"); err != nil {
		t.Fatalf("the descriptor was closed: %v", err)
	}
	after, _ := os.Stat(path)
	if !os.SameFile(before, after) {
		t.Errorf("the file behind /dev/fd was replaced")
	}
	if got, _ := os.ReadFile(path); string(got) != "first\nsecond\nthird\n" {
		t.Errorf("content = %q, want the three lines in order", got)
	}
}

// TestWriteThroughErrorOnce names the path once in an error writing
// through a device: it was "write /dev/full: write /dev/full: no space
// left on device".
func TestWriteThroughErrorOnce(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	err := Write("/dev/full", []byte("data"), 0o644)
	if want := "write /dev/full: no space left on device"; err == nil || err.Error() != want {
		t.Errorf("Write(/dev/full): %v, want %s", err, want)
	}
}
