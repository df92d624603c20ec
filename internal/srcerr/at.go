package srcerr

import (
	"errors"
	"fmt"

	"github.com/policyexport/policyexport/internal/ast"
)

// At is the place part of an error about a place in the template, for
// embedding in an error type that says the rest: it gives the type its
// Pos field, its Position method (which callers use to put the file's
// name in front: "FILE:12:5: ...") and the "LINE:COL: " that starts its
// message.
type At struct {
	// Pos is where the problem is in the template; the zero Pos when
	// unknown.
	Pos ast.Pos
}

// Position returns where the problem is in the template.
func (a At) Position() ast.Pos { return a.Pos }

// Prefix is "LINE:COL: " for a known position, else "": what an error
// message starts with.
func (a At) Prefix() string {
	if !a.Pos.IsValid() {
		return ""
	}
	return a.Pos.String() + ": "
}

// InFile names the file in err, an error about a place in it: "FILE:LINE:COL:
// message" when err (or an error it wraps) carries a valid position — the
// error that carries it is kept and what wraps it dropped, since the
// position says where — else "FILE: message". The result wraps the error.
func InFile(file string, err error) error {
	var p interface {
		error
		Position() ast.Pos
	}
	if errors.As(err, &p) && p.Position().IsValid() {
		return fmt.Errorf("%s:%w", file, p)
	}
	return fmt.Errorf("%s: %w", file, err)
}
