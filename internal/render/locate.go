package render

import (
	"errors"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
)

// Locate moves a glyph or shaping error of the PDF, which gives the start
// of the text that holds the character, to the character itself: at
// finds it from there in the template's source (template.RunePos) and
// says when a U+FFFD was a NUL byte there. The result is that error
// alone, since its position says where (srcerr.InFile keeps no more of
// err either). An error without a position (a fixed label, such as the
// footer) and other errors are returned as they are. The library and
// batch both place errors with it.
func Locate(err error, at func(from ast.Pos, r rune) (pos ast.Pos, nul bool)) error {
	var g *pdf.GlyphError
	if errors.As(err, &g) && g.Pos.IsValid() {
		c := *g
		c.Pos, c.NUL = at(g.Pos, g.Rune)
		return &c
	}
	var sh *pdf.ShapingError
	if errors.As(err, &sh) && sh.Pos.IsValid() {
		c := *sh
		c.Pos, _ = at(sh.Pos, sh.Rune)
		return &c
	}
	return err
}
