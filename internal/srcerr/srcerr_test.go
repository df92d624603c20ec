package srcerr

import (
	"errors"
	"fmt"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

func TestError(t *testing.T) {
	for _, tc := range []struct {
		err  *Error
		want string
	}{
		{&Error{File: "a.md", Pos: ast.Pos{Line: 3, Col: 17}, Msg: "missing value for {x}"}, "a.md:3:17: missing value for {x}"},
		{&Error{File: "a.md", Pos: ast.Pos{Line: 3}, Msg: "bad line"}, "a.md:3: bad line"},
		{&Error{File: "<stdin>", Msg: "too large"}, "<stdin>: too large"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestList(t *testing.T) {
	second := &Error{File: "b", Pos: ast.Pos{Line: 2, Col: 1}, Msg: "two"}
	l := List{{File: "b", Pos: ast.Pos{Line: 1, Col: 1}, Msg: "one"}, second}
	if got, want := l.Error(), "b:1:1: one\nb:2:1: two"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var err error = l
	if !errors.Is(err, second) {
		t.Error("errors.Is does not find a listed error")
	}
	var e *Error
	if !errors.As(err, &e) || e.Msg != "one" {
		t.Errorf("errors.As = %v, want the first error", e)
	}
}

// posErr is an error at a place in a template.
type posErr struct{ At }

func (e posErr) Error() string { return e.Prefix() + "bad" }

func TestInFile(t *testing.T) {
	at := posErr{At{Pos: ast.Pos{Line: 3, Col: 7}}}
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("render pdf: %w", at), "t.md:3:7: bad"},
		{posErr{}, "t.md: bad"},
		{errors.New("plain"), "t.md: plain"},
	} {
		got := InFile("t.md", c.err)
		if got.Error() != c.want || !errors.Is(got, c.err) && !errors.As(got, new(posErr)) {
			t.Errorf("InFile(%v) = %q, want %q wrapping the error", c.err, got, c.want)
		}
	}
}
