package srcerr

import "github.com/policyexport/policyexport/internal/ast"

// Warning is something a package did with an input that its caller
// should tell the user of, though the work was done: a kind of the
// package's own (K), where in the input, and a sentence.
type Warning[K ~string] struct {
	// Kind says what it is about.
	Kind K
	// Pos is where in the input; the zero Pos when unknown.
	Pos ast.Pos
	// Message says it in a sentence, without the place.
	Message string
}

// In returns the message with the place in file in front, as every
// message about a place reads: "FILE:LINE:COL: message" (Error).
func (w Warning[K]) In(file string) string {
	return (&Error{File: file, Pos: w.Pos, Msg: w.Message}).Error()
}
