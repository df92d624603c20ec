package batch

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// spool holds a Listing's entries on disk rather than in memory: one
// fixed-size slot for each output of the plan, at the place the output
// takes in path order, so that the entries are written in any order and
// read back sorted, and the run's memory does not grow with the files it
// lists (the "stream the index to disk"). Kept in memory, 40,000
// entries were 1.9 MiB of live heap, which the garbage collector's target
// doubled in the peak RSS of a 10,000-document run.
//
// The file is a temporary file, removed from its directory as soon as it
// is made where the system allows it (Unix), so that nothing is left
// behind however the process ends; elsewhere it is removed by close.
// When no temporary file can be made (a read-only $TMPDIR), the slots are
// kept in memory instead: the run must not fail for want of a scratch
// file.
type spool struct {
	slots  slotStore
	file   *os.File // nil when the slots are in memory
	remove string   // the file's name, when it could not be removed yet
	// window holds the slots put but not yet written, of the windowSlots
	// slots from first on (a multiple of windowSlots); an unfilled one
	// is zero. A put outside it writes each stretch of filled slots,
	// with one call, and moves it. A document's outputs take
	// consecutive places and documents finish in about their order, so
	// a batch writes the spool in a few calls instead of one a file.
	window []byte
	first  int
}

// windowSlots is how many slots a spool holds before writing them.
const windowSlots = 1024

// slotStore is where the slots are: a file or memory.
type slotStore interface {
	io.ReaderAt
	io.WriterAt
}

// slot is what a run learns of one output file: its SHA-256, its size
// and the SHA-256 of its document's values, which the plan keeps in a
// form of its own (Values), not as the JSON that is hashed.
type slot struct {
	sum, values [sha256.Size]byte
	bytes       int64
}

// slotSize is one slot on disk: the two SHA-256s, then the size plus one
// as a little-endian uint64 (0: no file at this place).
const slotSize = 2*sha256.Size + 8

// newSpool makes a spool of n empty slots.
func newSpool(n int) *spool {
	f, err := os.CreateTemp("", "policyexport-index-*.tmp")
	if err != nil {
		return &spool{slots: &memSlots{b: make([]byte, n*slotSize)}}
	}
	s := &spool{slots: f, file: f}
	if os.Remove(f.Name()) != nil {
		s.remove = f.Name()
	}
	return s
}

// put fills slot i.
func (s *spool) put(i int, e slot) error {
	if first := i - i%windowSlots; first != s.first || s.window == nil {
		if err := s.flush(); err != nil {
			return err
		}
		s.first = first
	}
	if s.window == nil {
		s.window = make([]byte, windowSlots*slotSize)
	}
	b := s.window[(i-s.first)*slotSize:][:slotSize]
	copy(b, e.sum[:])
	copy(b[sha256.Size:], e.values[:])
	binary.LittleEndian.PutUint64(b[2*sha256.Size:], uint64(e.bytes)+1)
	return nil
}

// flush writes the slots put since the last flush, each stretch of
// consecutive ones with one call, and empties the window.
func (s *spool) flush() error {
	filled := func(k int) bool {
		return k < windowSlots && binary.LittleEndian.Uint64(s.window[k*slotSize+2*sha256.Size:]) != 0
	}
	for k := 0; k < len(s.window)/slotSize; {
		if !filled(k) {
			k++
			continue
		}
		end := k + 1
		for filled(end) {
			end++
		}
		if _, err := s.slots.WriteAt(s.window[k*slotSize:end*slotSize], int64(s.first+k)*slotSize); err != nil {
			return fmt.Errorf("index spool: %w", err)
		}
		k = end
	}
	clear(s.window)
	return nil
}

// each calls fn for every filled slot of the first n, in order.
func (s *spool) each(n int, fn func(i int, e slot) error) error {
	if err := s.flush(); err != nil {
		return err
	}
	r := bufio.NewReaderSize(io.NewSectionReader(s.slots, 0, int64(n)*slotSize), 64<<10)
	var b [slotSize]byte
	for i := range n {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil // the slots after the last one written are empty
			}
			return fmt.Errorf("index spool: %w", err)
		}
		size := binary.LittleEndian.Uint64(b[2*sha256.Size:])
		if size == 0 {
			continue
		}
		e := slot{sum: [sha256.Size]byte(b[:sha256.Size]), values: [sha256.Size]byte(b[sha256.Size:]), bytes: int64(size - 1)}
		if err := fn(i, e); err != nil {
			return err
		}
	}
	return nil
}

// close lets go of the spool's file.
func (s *spool) close() error {
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	if s.remove != "" {
		err = errors.Join(err, os.Remove(s.remove))
	}
	s.file = nil
	return err
}

// memSlots are slots in memory, for when no temporary file can be made.
type memSlots struct{ b []byte }

// ReadAt reads from the slots.
func (m *memSlots) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(m.b)) {
		return 0, io.EOF
	}
	n := copy(p, m.b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// WriteAt writes into the slots, which were made large enough.
func (m *memSlots) WriteAt(p []byte, off int64) (int, error) {
	return copy(m.b[off:], p), nil
}
