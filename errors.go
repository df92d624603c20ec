package policyexport

import (
	"errors"
	"fmt"

	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/srcerr"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/model"
)

// MissingValuesError is a template whose placeholders lack values. A
// program can ask for each one by name (Missing lists every occurrence,
// with its position); the message lists them as the command line does,
// one "file:line:col: missing value for {name}" a line.
type MissingValuesError struct {
	// Template is the template's name.
	Template string
	// Missing are the placeholder occurrences without a value, in
	// document order.
	Missing []Placeholder
	err     error
}

func newMissingValuesError(t *Template, vals map[string]string, err error) *MissingValuesError {
	missing := map[string]bool{}
	for _, n := range t.parsed.Missing(vals) {
		missing[n] = true
	}
	e := &MissingValuesError{Template: t.Name(), err: err}
	for _, p := range t.Placeholders() {
		if missing[p.Name] {
			e.Missing = append(e.Missing, p)
		}
	}
	return e
}

// Names returns the missing placeholders' names, in document order, each
// once.
func (e *MissingValuesError) Names() []string {
	var names []string
	seen := map[string]bool{}
	for _, p := range e.Missing {
		if !seen[p.Name] {
			seen[p.Name] = true
			names = append(names, p.Name)
		}
	}
	return names
}

// Error lists every missing placeholder, one a line.
func (e *MissingValuesError) Error() string { return e.err.Error() }

// Unwrap returns the list of positioned errors the message is made of.
func (e *MissingValuesError) Unwrap() error { return e.err }

// UnusedValuesError is, with Options.Strict, values that no placeholder
// of the template uses.
type UnusedValuesError struct {
	// Template is the template's name.
	Template string
	// Names are the unused values' names, sorted.
	Names []string
	msg   string
}

// Error names the template and the unused values, with a hint for a
// name close to a placeholder's.
func (e *UnusedValuesError) Error() string { return e.msg }

// FooterFieldError is a field of Options.Footer that is neither
// {title}, {page}, {pages} nor the name of a value of the document.
type FooterFieldError struct {
	// Footer is Options.Footer.
	Footer string
	// Field is the unknown field's name, without braces.
	Field string
	// Suggestion is the known field it is probably meant to be, or "".
	Suggestion string
}

// Error names the field, with a did-you-mean hint.
func (e *FooterFieldError) Error() string {
	return fmt.Sprintf("policyexport: Options.Footer %q: %s", e.Footer, e.Reason())
}

// Reason is the message without the option's name: "unknown field {x};
// did you mean {y}? (the fields are …)".
func (e *FooterFieldError) Reason() string {
	return l10n.UnknownFooterField(e.Field, "", e.Suggestion)
}

// Hint is "; did you mean {x}?" for a Suggestion x, else "".
func (e *FooterFieldError) Hint() string { return l10n.FooterFieldHint(e.Suggestion) }

// GlyphError is a character that no font can draw in the PDF. The fix is
// a font that has it (Options.Fonts). It is also U+FFFD, which stands
// for lost text and is refused whatever font has it: a NUL byte of the
// template (which Markdown replaces with U+FFFD; the message says so),
// an invalid character reference, or U+FFFD written as it is.
type GlyphError struct {
	// Template is the template's name.
	Template string
	// Rune is the character.
	Rune rune
	// Pos is where it is in the template (its placeholder's place for a
	// character of a value); the zero Pos when unknown.
	Pos model.Pos
	err error
}

// Error formats the error as "FILE:12:5: character U+1F6E1 (🛡) is in no
// font; add a font that has it with --font FILE.ttf".
func (e *GlyphError) Error() string { return e.err.Error() }

// Unwrap returns the error the message is made of.
func (e *GlyphError) Unwrap() error { return e.err }

// ShapingError is a character that the PDF cannot draw correctly
// because its script needs shaping that the PDF does not do yet
// (Tibetan, Lao, Mongolian, …), whatever font has it; the HTML and plain-text outputs of
// the same document are correct. No font fixes it: render those formats
// instead.
type ShapingError struct {
	// Template is the template's name.
	Template string
	// Rune is the character.
	Rune rune
	// Script names its script ("Tibetan"); "" for an Arabic letter
	// that has no joined presentation form.
	Script string
	// Pos is where it is in the template; the zero Pos for a fixed label
	// in the document's language (the PDF footer).
	Pos model.Pos
	err error
}

// Error formats the error as "FILE:3:1: Tibetan needs shaping, which
// policyexport does not do yet: "བ" (U+0F56); the HTML and plain-text
// outputs are correct — render them with -f html,txt".
func (e *ShapingError) Error() string { return e.err.Error() }

// Unwrap returns the error the message is made of.
func (e *ShapingError) Unwrap() error { return e.err }

// locate moves a glyph or shaping error of the PDF to the character
// itself in t's source (render.Locate with template.RunePos).
func (t *Template) locate(err error) error {
	return render.Locate(err, func(from model.Pos, r rune) (model.Pos, bool) { return t.parsed.RunePos(t.src, from, r) })
}

// renderError names the template in err, and makes a glyph error a
// *GlyphError and a shaping error a *ShapingError.
func renderError(name string, err error) error {
	return typedRenderError(name, srcerr.InFile(name, err), err)
}

// typedRenderError is the one conversion of the backends' errors to the
// package's types: err, a rendering error of the template called name,
// as a *GlyphError or *ShapingError whose message is msg (err with the
// template named), else msg itself.
func typedRenderError(name string, msg, err error) error {
	var g *pdf.GlyphError
	if errors.As(err, &g) {
		return &GlyphError{Template: name, Rune: g.Rune, Pos: g.Pos, err: msg}
	}
	var sh *pdf.ShapingError
	if errors.As(err, &sh) {
		return &ShapingError{Template: name, Rune: sh.Rune, Script: sh.Script, Pos: sh.Pos, err: msg}
	}
	return msg
}

// fillError is the one conversion of an error of filling t with vals
// (template.Fill) to the package's types: a *MissingValuesError when
// placeholders lack values and r fails on them, else err.
func (r *Renderer) fillError(t *Template, vals map[string]string, err error) error {
	if missing := t.parsed.Missing(vals); len(missing) > 0 && r.fill.Missing == template.MissingError {
		return newMissingValuesError(t, vals, err)
	}
	return err
}

// batchError is a batch document's error f.Err as the error Render gives
// for the same template and values, with the batch's message: a
// *MissingValuesError, *UnusedValuesError, *GlyphError or *ShapingError,
// else f.Err as it is.
func (r *Renderer) batchError(f batch.Failure) error {
	err := f.Err
	if f.Job == nil || err == nil {
		return err
	}
	t := &Template{parsed: f.Job.Template.Parsed, dir: f.Job.Template.Dir}
	name := t.Name()
	var fill template.ErrorList
	var unused *batch.UnusedValuesError
	switch {
	case errors.As(err, &fill):
		return r.fillError(t, f.Job.Values.Map(), err)
	case errors.As(err, &unused):
		return &UnusedValuesError{Template: name, Names: unused.Names, msg: err.Error()}
	}
	return typedRenderError(name, err, err)
}
