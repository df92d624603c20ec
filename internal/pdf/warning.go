package pdf

import "github.com/policyexport/policyexport/internal/srcerr"

// WarningKind is the kind of a Warning.
type WarningKind string

// The kinds of Warning.
const (
	// RegularEmphasis is bold or italic text (**strong**, *emphasis*,
	// a heading, a table header) that the PDF draws in a face without
	// its weight or slant, because no face of that style has its
	// characters: no built-in face has bold or italic Hebrew, Arabic or
	// CJK. A --font of the style that has them draws it (Options.Fonts).
	RegularEmphasis WarningKind = "regular-emphasis"
)

// Warning is something the PDF draws, but not as the document means it:
// the PDF is written, and the caller should tell its user. Its Pos is
// where in the template.
type Warning = srcerr.Warning[WarningKind]
