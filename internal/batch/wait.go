package batch

import (
	"context"
	"errors"
	"io/fs"
	"os"
)

// Waits reports whether opening or reading the file at path may wait
// for another program: it is there and is neither a regular file nor a
// directory (a named pipe, a terminal, /dev/stdin).
func Waits(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.Mode().IsRegular() && !st.IsDir()
}

// ErrCancelledWait is UntilDone's error when done is closed first.
var ErrCancelledWait = errors.New("cancelled while waiting")

// ErrInterruptedWait says why a file that waits for another program was
// not read: the command, or the library call's context, was cancelled
// first.
var ErrInterruptedWait = errors.New("interrupted while waiting for its content (a named pipe or a terminal is read only as another program writes to it)")

// UntilDone returns what f returns; or, when done is closed first (a
// command's SIGINT or SIGTERM, a context that ended), ErrCancelledWait
// at once, f going on alone in its goroutine until it returns. It is for
// the system calls that wait for another program and that no signal
// ends: opening a named pipe waits for its other end, reading a terminal
// for a line. Without it, the first SIGTERM, all that "timeout 60
// policyexport render fifo.md" sends, cancelled the command and it
// waited on.
func UntilDone[T any](done <-chan struct{}, f func() (T, error)) (T, error) {
	var zero T
	select {
	case <-done:
		return zero, ErrCancelledWait // already: no wait begins
	default:
	}
	type result struct {
		v   T
		err error
	}
	got := make(chan result, 1)
	go func() {
		v, err := f()
		got <- result{v, err}
	}()
	select {
	case r := <-got:
		return r.v, r.err
	case <-done:
		return zero, ErrCancelledWait
	}
}

// WaitingReader returns how a plan reads the templates and values files
// a manifest names when ctx can end (PlanOptions.ReadFile):
// LimitedReader(limit), except that a file that waits for another
// program (a named pipe; Waits) is given up when ctx ends, with an
// *fs.PathError whose Err is ErrInterruptedWait and wraps ctx.Err()
// too. Without it, a manifest entry's named pipe that nobody wrote to
// kept a batch waiting after its context ended (the command: until a
// second signal killed it). The open that waits goes on in a goroutine
// until the pipe's other end is opened: no system call ends it sooner.
func WaitingReader(ctx context.Context, limit int) func(name string) ([]byte, error) {
	read := LimitedReader(limit)
	return func(name string) ([]byte, error) {
		if !Waits(name) {
			return read(name)
		}
		data, err := UntilDone(ctx.Done(), func() ([]byte, error) { return read(name) })
		if errors.Is(err, ErrCancelledWait) {
			return nil, &fs.PathError{Op: "read", Path: name, Err: interruptedWait{ctx.Err()}}
		}
		return data, err
	}
}

// interruptedWait is ErrInterruptedWait, caused by the end of a
// context: it reads as ErrInterruptedWait and is both it and the
// context's error for errors.Is.
type interruptedWait struct{ cause error }

func (e interruptedWait) Error() string   { return ErrInterruptedWait.Error() }
func (e interruptedWait) Unwrap() []error { return []error{ErrInterruptedWait, e.cause} }
