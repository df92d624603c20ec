package policyexport

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/srcerr"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/values"
	"github.com/policyexport/policyexport/model"
)

// OptionError is a field of Options that New refuses: a Paper, Lang,
// Width, Margin, Date, PDFStandard, PDFLinks, BaseURL, CSS, MaxBytes,
// MaxDepth, MaxCost or MaxPages it cannot use, AttachSource with a
// PDFStandard that forbids attachments, a font of Fonts that is not one
// (or a collection: FontFace takes a face out), a name of Formats that is
// no format. A program finds it with errors.As, without parsing the
// message.
type OptionError struct {
	// Option is the field's name: "Paper", "Fonts".
	Option string
	// Index is the font's index in Fonts when Option is "Fonts"; else 0.
	Index int
	// Value is the refused value as text ("a5", "-1", a Formats name,
	// Date in RFC 3339); "" for CSS and Fonts.
	Value string
	// Reason says what is wrong, without the field: "want a4 or letter".
	Reason string
	msg    string
	err    error
}

// Error formats the error as `policyexport: Options.Paper "a5": want a4
// or letter`.
func (e *OptionError) Error() string {
	if e.msg != "" {
		return e.msg
	}
	return fmt.Sprintf("policyexport: Options.%s %q: %s", e.Option, e.Value, e.Reason)
}

// Unwrap returns the cause (the date's error for Date, the font's for
// Fonts, …), or nil.
func (e *OptionError) Unwrap() error { return e.err }

// SourceError is a problem at a place in an input file: a template
// (Parse, Fill, Render, Diff, Batch), a values file (ParseValues) or a
// batch manifest (Batch). A front matter that is not YAML, a value that
// is not a date where the template formats it as one, an image that is
// not there, a list nested too deep: each is a *SourceError, or several
// joined (errors.Join) when an input has more than one, so a program
// finds the file, line and column with errors.As, without parsing the
// message. The other typed errors (*MissingValuesError, *GlyphError,
// *ShapingError) wrap a *SourceError for each place they name.
type SourceError struct {
	// File is the file's name as the message gives it: the name a
	// template was parsed with (Template.Name), the name given to
	// ParseValues, the manifest's path.
	File string
	// Pos is where the problem is: a 1-based line and byte column. Col
	// 0 names the line only; the zero Pos is the file as a whole (a
	// template larger than Options.MaxBytes).
	Pos model.Pos
	// Msg says what is wrong, without the "FILE:LINE:COL: " before it.
	Msg string
	err error
}

// Error returns the message, "FILE:LINE:COL: MSG" (the same text the
// command prints).
func (e *SourceError) Error() string {
	if e.err == nil { // made by the caller, as a test double is
		return at(e.File, e.Pos, e.Msg)
	}
	return e.err.Error()
}

// at is the message msg at pos in file, as a *SourceError gives it:
// "FILE:LINE:COL: MSG". It makes the message of an error that the
// caller made itself (a test double), which has no error of the
// package's inside it.
func at(file string, pos model.Pos, msg string) string {
	return (&srcerr.Error{File: file, Pos: pos, Msg: msg}).Error()
}

// Unwrap returns the error the message is made of.
func (e *SourceError) Unwrap() error { return e.err }

// located returns err as the package gives it: a problem at a place in
// a file as a *SourceError (a list of them as their errors.Join), and
// any other error as it is. name is the template whose name err's
// message starts with when err carries only a position (srcerr.InFile
// named it), "" when err is no such error.
func located(name string, err error) error {
	switch e := err.(type) {
	case nil, *SourceError, *MissingValuesError, *UnusedValuesError, *GlyphError, *ShapingError, *FooterFieldError, *ValueError:
		return err
	case srcerr.List:
		errs := make([]error, len(e))
		for i, x := range e {
			errs[i] = located(name, x)
		}
		return errors.Join(errs...)
	}
	var se *srcerr.Error
	if errors.As(err, &se) {
		return &SourceError{File: se.File, Pos: se.Pos, Msg: se.Msg, err: err}
	}
	var p interface {
		error
		Position() model.Pos
	}
	if name != "" && errors.As(err, &p) && p.Position().IsValid() {
		pos := p.Position()
		return &SourceError{File: name, Pos: pos, Msg: strings.TrimPrefix(p.Error(), pos.String()+": "), err: err}
	}
	return err
}

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
	e := &MissingValuesError{Template: t.Name(), err: located("", err)}
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
func (e *MissingValuesError) Error() string {
	if e.err == nil {
		lines := make([]string, len(e.Missing))
		for i, p := range e.Missing {
			lines[i] = at(e.Template, p.Pos, fmt.Sprintf("missing value for {%s}", p.Name))
		}
		return strings.Join(lines, "\n")
	}
	return e.err.Error()
}

// Unwrap returns the errors the message is made of, joined
// (errors.Join): a *SourceError for each line.
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
func (e *UnusedValuesError) Error() string {
	if e.msg == "" {
		names := make([]string, len(e.Names))
		for i, n := range e.Names {
			names[i] = "{" + n + "}"
		}
		what := "values"
		if len(names) == 1 {
			what = "value"
		}
		return fmt.Sprintf("%s: %d %s not used by any placeholder: %s", e.Template, len(names), what, strings.Join(names, ", "))
	}
	return e.msg
}

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

// ValueError is a value that Render, RenderResult, RenderTo, Fill and
// Diff refuse for its content, whatever the template: one that is not
// valid UTF-8, holds a NUL byte, a character that changes the direction
// or hides text (a bidirectional override, a zero width space) or a
// control character. A value comes from no file, so it has no line and
// column: Name says which one it is, for a program that shows the
// problem at the form field it came from. (ParseValues refuses the same
// values at their line and column, as a *SourceError.)
type ValueError struct {
	// Template is the template's name.
	Template string
	// Name is the value's name.
	Name string
	// Reason says what is wrong with the value: "contains U+202E
	// (bidirectional embedding or override) at byte 1: refused, because
	// …", "is not valid UTF-8", "contains a NUL byte".
	Reason string
	err    error
}

// Error formats the error as "template FILE: value "NAME" REASON".
func (e *ValueError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("template %s: value %q %s", e.Template, e.Name, e.Reason)
	}
	return e.err.Error()
}

// Unwrap returns the error the message is made of.
func (e *ValueError) Unwrap() error { return e.err }

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
// font; add a font that has it to Options.Fonts".
func (e *GlyphError) Error() string {
	if e.err == nil {
		return at(e.Template, e.Pos, fmt.Sprintf("character U+%04X (%c) is in no font", e.Rune, e.Rune))
	}
	return e.err.Error()
}

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
func (e *ShapingError) Error() string {
	if e.err == nil {
		return at(e.Template, e.Pos, fmt.Sprintf("%s needs shaping, which policyexport does not do yet: %q (U+%04X)", cmp.Or(e.Script, "its script"), string(e.Rune), e.Rune))
	}
	return e.err.Error()
}

// Unwrap returns the error the message is made of.
func (e *ShapingError) Unwrap() error { return e.err }

// locate moves a glyph or shaping error of the PDF to the character
// itself in t's source (render.Locate with template.RunePos).
func (t *Template) locate(err error) error {
	return render.Locate(err, func(from model.Pos, r rune) (model.Pos, bool) { return t.parsed.RunePos(t.src, from, r) })
}

// renderError names the template in err, and makes a glyph error a
// *GlyphError, a shaping error a *ShapingError and another error at a
// place a *SourceError.
func renderError(name string, err error) error {
	return typedRenderError(name, srcerr.InFile(name, err), err)
}

// typedRenderError is the one conversion of the backends' errors to the
// package's types: err, a rendering error of the template called name,
// as a *GlyphError or *ShapingError whose message is msg (err with the
// template named), else msg itself, each a *SourceError when err is at
// a place (located).
func typedRenderError(name string, msg, err error) error {
	msg = located(name, msg)
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
// placeholders lack values and r fails on them, else err (located).
func (r *Renderer) fillError(t *Template, vals map[string]string, err error) error {
	if missing := t.parsed.Missing(vals); len(missing) > 0 && r.fill.Missing == template.MissingError {
		return newMissingValuesError(t, vals, err)
	}
	var ve *values.ValueError
	if errors.As(err, &ve) {
		return &ValueError{Template: t.Name(), Name: ve.Name, Reason: ve.Reason, err: err}
	}
	return located("", err)
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
