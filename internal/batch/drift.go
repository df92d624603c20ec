package batch

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// compare compares the file rel under Out with the bytes write writes,
// without holding the file in memory: write's output is matched against
// the file as it comes, and stops at the first difference. size is the
// length of what write writes, or -1 when it is not known beforehand (a
// file of another size is stale without being read). It reports the
// drift when they differ; the error is write's own, for a reason other
// than the difference.
func (r *runner) compare(rel string, size int, write func(io.Writer) error) (Drift, bool, error) {
	if r.out.root == "" {
		return Drift{Kind: Missing, Path: rel}, false, nil
	}
	full := filepath.Join(r.out.root, filepath.FromSlash(rel))
	st, err := os.Lstat(full)
	if err != nil {
		return Drift{Kind: Missing, Path: rel}, false, nil
	}
	if !st.Mode().IsRegular() || size >= 0 && st.Size() != int64(size) {
		return Drift{Kind: Stale, Path: rel}, false, nil
	}
	f, err := os.Open(full)
	if err != nil {
		return Drift{Kind: Stale, Path: rel}, false, nil
	}
	defer f.Close()
	// The readers are reused: a new one for each file allocated 32 KiB,
	// 128 KiB a document of four formats, a tenth of what rendering it
	// allocates.
	disk, _ := r.readers.Get().(*bufio.Reader)
	if disk == nil {
		disk = bufio.NewReaderSize(f, matchBuffer)
	} else {
		disk.Reset(f)
	}
	defer func() {
		disk.Reset(nil)
		r.readers.Put(disk)
	}()
	m := &matcher{disk: disk}
	err = write(m)
	switch {
	case errors.Is(err, errDiffers):
		return Drift{Kind: Stale, Path: rel}, false, nil
	case err != nil:
		return Drift{}, false, err
	}
	if _, err := m.disk.ReadByte(); err != io.EOF { // more on disk, or unreadable
		return Drift{Kind: Stale, Path: rel}, false, nil
	}
	return Drift{}, true, nil
}

// matchBuffer is how much of a file compare reads at once.
const matchBuffer = 32 << 10

// errDiffers stops a write that matcher found to differ from the file.
var errDiffers = errors.New("differs from the file on disk")

// matcher is an io.Writer that compares what is written with what it
// reads from disk, and fails with errDiffers at the first difference (or
// when the file ends first, or cannot be read).
type matcher struct {
	disk *bufio.Reader
}

func (m *matcher) Write(p []byte) (int, error) {
	for done := 0; done < len(p); {
		n := min(len(p)-done, matchBuffer)
		want, err := m.disk.Peek(n)
		if err != nil || !bytes.Equal(want, p[done:done+n]) {
			return done, errDiffers
		}
		m.disk.Discard(n)
		done += n
	}
	return len(p), nil
}

// writeBytes returns a write function for compare that writes data.
func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}
