// Package srcerr is the error type for a problem at a place in an input
// file — a template, a values file, a manifest — so that every such message
// reads the same: "file:line:col: message"; and Warning, a problem at
// such a place that did not stop the work, which reads the same.
//
// It only formats; it never decides what is an error.
package srcerr

import (
	"fmt"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// Error is a problem in a file, at a position when one is known.
type Error struct {
	// File is the file's name as the user gave it ("<stdin>" for
	// standard input).
	File string
	// Pos is where the problem is; the zero Pos when unknown. A Pos with
	// Col 0 names a line only.
	Pos ast.Pos
	// Msg describes the problem.
	Msg string
	// Err is the cause that Msg says, when a caller may look for it
	// with errors.Is (a cancelled wait: context.Canceled); nil for
	// most. Error does not show it.
	Err error
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// Error formats e as "file:line:col: msg", "file:line: msg" or "file: msg".
func (e *Error) Error() string {
	switch {
	case e.Pos.Line > 0 && e.Pos.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
	case e.Pos.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Pos.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// List is several errors, in file order.
type List []*Error

// Error joins the errors' messages, one a line.
func (l List) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
