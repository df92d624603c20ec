package batch

import (
	"fmt"
	"maps"
	"slices"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
	"github.com/policyexport/policyexport/internal/template"
)

// FooterFieldError is a field of the PDF footer text (--footer,
// render.Options.PDF.FooterText) that is neither {title}, {page},
// {pages} nor the name of a value of some documents of a plan. It is one
// error for the whole run, found before anything is written, as render
// finds it before it writes.
type FooterFieldError struct {
	// Footer is the footer text.
	Footer string
	// Field is the first unknown field, without braces.
	Field string
	// Suggestion is the known field it is probably meant to be, or "".
	Suggestion string
	// Document is the first document, in manifest order, without a
	// value for Field.
	Document string
	// Others is how many more documents have none either.
	Others int
	// All is true when no document of the plan has a value for Field.
	All bool
}

// Error names the field and the documents, with a did-you-mean hint.
func (e *FooterFieldError) Error() string {
	return fmt.Sprintf("footer %q: %s", e.Footer, e.Reason())
}

// Reason is the message without the footer's text: "unknown field {x}
// in document "a"; did you mean {y}? (the fields are …)".
func (e *FooterFieldError) Reason() string {
	return l10n.UnknownFooterField(e.Field, " "+e.Where(), e.Suggestion)
}

// Where says which documents have no value for the field: "in every
// document", "in document "a"" or "in document "a" and 2 others".
func (e *FooterFieldError) Where() string {
	switch {
	case e.All && e.Others > 0:
		return "in every document"
	case e.Others == 1:
		return fmt.Sprintf("in document %q and 1 other", e.Document)
	case e.Others > 1:
		return fmt.Sprintf("in document %q and %d others", e.Document, e.Others)
	}
	return fmt.Sprintf("in document %q", e.Document)
}

// CheckFooter checks the PDF footer text footer against every selected
// document: each field must be {title}, {page}, {pages} or the name of
// one of the document's values (given, or a default of its template's
// front matter), by the rule the renderer fills the footer with
// (template.Template.UseFooterValues). Like render, it checks whatever
// formats a document writes. The first unknown field, with the
// documents that lack it, is a *FooterFieldError.
func (p *Plan) CheckFooter(footer string) error {
	if len(l10n.FooterValueFields(footer)) == 0 {
		return nil // only {title}, {page} and {pages}: no document's values to look at
	}
	var e *FooterFieldError
	lacking := 0 // documents without a value for e.Field
	for j := range p.Jobs() {
		vals := j.Values.Map()
		if e != nil {
			if j.Template.Parsed.UseFooterValues("{"+e.Field+"}", vals, &ast.Document{}, nil) != "" {
				lacking++
			}
			continue
		}
		field := j.Template.Parsed.UseFooterValues(footer, vals, &ast.Document{}, nil)
		if field == "" {
			continue
		}
		lacking++
		known := append([]string{"title", "page", "pages"}, slices.Collect(maps.Keys(vals))...)
		known = append(known, slices.Collect(maps.Keys(j.Template.Parsed.FrontMatter().Values))...)
		e = &FooterFieldError{Footer: footer, Field: field, Suggestion: template.Suggest(field, known), Document: j.Name}
	}
	if e == nil {
		return nil
	}
	e.Others = lacking - 1
	e.All = lacking == p.Len()
	return e
}
