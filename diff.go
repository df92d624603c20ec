package policyexport

import (
	"bytes"
	"context"
	"fmt"

	"github.com/policyexport/policyexport/internal/redline"
	"github.com/policyexport/policyexport/internal/render"
)

// Change is one change between the old and the new version of a
// document: its Kind, its ID ("change-3", whose anchor in the redline
// is "redline_change-3"), the Section (headings, outermost first) it is
// under in the new version (the old one for a block only the old has),
// the Old and New text, where it is in each template (OldPos, NewPos;
// the zero Pos when not known), how many words of each version come
// before it (OldWord, NewWord) and the link and image destinations it
// changes (Destinations: a link whose words stayed and whose
// destination changed is a ChangeReplace with Old and New the same); a
// ChangeMove names its other end (MovedTo where the block went from,
// MovedFrom where it went to).
type Change = redline.Change

// ChangeKind is the kind of a Change.
type ChangeKind = redline.Kind

// The kinds of Change.
const (
	ChangeInsert  = redline.Insert  // text only the new version has
	ChangeDelete  = redline.Delete  // text only the old version has
	ChangeReplace = redline.Replace // old text whose place new text takes
	ChangeFormat  = redline.Format  // the same text, formatted differently (emphasis, a link title, a heading level)
	ChangeMove    = redline.Move    // a block both versions have, in different places (listed at both, each naming the other)
)

// MetaChange is a change of the document's metadata, which the text
// does not show: Field is the front matter key ("title", "lang",
// "description", "author", "subject", "keywords" or "date"), Old and New
// its values in each version ("" where a version has none; keywords
// joined with ", ").
type MetaChange = redline.MetaChange

// DestinationChange is a link's or an image's destination that a Change
// changes: Old and New are the destination in each version.
type DestinationChange = redline.DestinationChange

// DiffOptions say which redlines Diff renders, and how.
type DiffOptions struct {
	// Formats are the redlines to render, each among Options.Formats
	// (another is an error before anything is compared); none renders
	// none (the changes are still listed).
	Formats []Format
	// SideBySide shows the old version beside the new one in the HTML
	// redline, after the summary.
	SideBySide bool
	// Notice also writes DiffResult.Notice: the plain-text email notice
	// of the sections that changed.
	Notice bool
}

// DiffResult is a comparison of two versions of a document.
type DiffResult struct {
	// Changes are the changes in reading order of the new version.
	Changes []Change
	// Meta are the metadata fields that changed.
	Meta []MetaChange
	// Outputs are the redlines of the new version, by format: plain
	// text marks changes as git diff --word-diff ([-old-]{+new+}),
	// with a backslash before text that would read as a mark (a value
	// "{+free+}" is \{+free\+}), and ends with a summary by section;
	// HTML uses <del> and <ins>, the summary first; the PDF strikes
	// deleted words through and underlines inserted ones. A moved
	// paragraph is marked at both ends, "[Moved to SECTION]" and
	// "[Moved here from SECTION]" (in the document's language), each a
	// link to the other in HTML and the PDF. JSON is the change list
	// (Schema("diff")).
	Outputs map[Format][]byte
	// Notice is the email notice (DiffOptions.Notice), else nil.
	Notice []byte
	// Warnings are the new version's (Result.Warnings): its unused
	// values, a value the old version does not use being no warning;
	// then each part of the redline compared more coarsely than word by
	// word (RedlineBySentence, RedlineByAnchor), in the new version's
	// order, at its place in new.
	Warnings []Warning
}

// Changed reports whether the versions differ at all, in their text or
// their metadata.
func (d *DiffResult) Changed() bool { return len(d.Changes) > 0 || len(d.Meta) > 0 }

// Diff fills old with oldVals and new with newVals (the same map when
// only the template changed), compares the documents a reader reads —
// blocks first, then the words inside changed blocks, a very long
// paragraph's by its sentences first (README, Redlines) — and renders the
// redline of new in opts.Formats. The redlines are rendered with new's date,
// image directory (the images only old shows are old's, found in its
// directory) and r's options, the HTML stylesheet with the
// redline's styles added. With Options.Strict a value new does not use
// is an *UnusedValuesError (old may well not use a value new needs).
// When rendering fails after comparing, the error comes with a
// DiffResult that holds the changes and warnings and no outputs.
//
// Diff is DiffContext with context.Background().
func (r *Renderer) Diff(old, new *Template, oldVals, newVals map[string]string, opts DiffOptions) (*DiffResult, error) {
	return r.DiffContext(context.Background(), old, new, oldVals, newVals, opts)
}

// DiffContext is Diff stopping soon after ctx ends, with the mechanism
// of RenderContext: ctx is checked before filling, between blocks of the
// comparison (nested ones too, never per word), before each redline and
// in its backend before each block (and each page of the PDF), before
// the notice, and a last time before returning. A cancelled call returns
// no DiffResult and an error that wraps ctx.Err() (errors.Is(err,
// context.Canceled)); no goroutine is started.
func (r *Renderer) DiffContext(ctx context.Context, old, new *Template, oldVals, newVals map[string]string, opts DiffOptions) (*DiffResult, error) {
	if err := r.made(); err != nil {
		return nil, err
	}
	if old.parsedOrNil() == nil || new.parsedOrNil() == nil {
		return nil, errNilTemplate
	}
	if err := r.checkFormats("Diff", opts.Formats); err != nil {
		return nil, err
	}
	// Nothing of either template but its name, its directory and what
	// its renderer takes is needed once it is filled: a caller that keeps
	// no reference to them lets their parsed blocks go while the versions
	// are compared and the redlines rendered (55 MB each for a 3.7 MB
	// template of short paragraphs).
	oldName, oldDir := old.Name(), old.dir
	newName, newDir := new.Name(), new.dir
	// interrupt is ctx.Err, or nil for a ctx that never ends, as
	// render.Renderer.WithContext sets it for the backends.
	var interrupt func() error
	if ctx.Done() != nil {
		interrupt = ctx.Err
	}
	cancelled := func() error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("policyexport: Diff %s: %w", newName, err)
		}
		return nil
	}
	if err := cancelled(); err != nil {
		return nil, err
	}
	oldDoc, _, err := r.fillDoc(old, oldVals, false)
	if err != nil {
		return nil, err
	}
	newDoc, warnings, err := r.fillDoc(new, newVals, true)
	if err != nil {
		return nil, err
	}
	// Its error comes after comparing, with the changes.
	rr, rrErr := r.documentRenderer(new, newDoc)
	res, err := redline.CompareInterrupt(oldDoc, newDoc, interrupt)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("policyexport: Diff %s: compare: %w", newName, err)
		}
		return nil, fmt.Errorf("%s: %w", newName, err)
	}
	for _, w := range res.Warnings {
		warnings = append(warnings, Warning{Kind: WarningKind(w.Kind), Template: newName, Pos: w.Pos, Message: w.In(newName)})
	}
	d := &DiffResult{Changes: res.Changes, Meta: res.Meta, Warnings: warnings}
	var oldImages render.OldImages
	if res.Redline, oldImages, err = render.OldImagesFrom(res.Redline, oldDoc, oldDir, newDir); err != nil {
		return d, fmt.Errorf("%s: %w", oldName, err)
	}
	if rrErr != nil {
		return d, rrErr
	}
	rr = rr.ForRedline().WithContext(ctx)
	oldSide, newSide := redline.Side{Name: oldName, Doc: oldDoc}, redline.Side{Name: newName, Doc: newDoc}
	outs := make(map[Format][]byte, len(opts.Formats))
	for _, f := range opts.Formats {
		if err := cancelled(); err != nil {
			return nil, err
		}
		rendered, err := rr.Redlines([]Format{f}, res, oldSide, newSide, opts.SideBySide)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("policyexport: Diff %s: %w", newName, err)
			}
			if e, ok := oldImages.Error(err); ok {
				return d, renderError(oldName, e)
			}
			return d, renderError(newName, err)
		}
		for _, o := range rendered {
			outs[o.Format] = o.Data
		}
	}
	if err := cancelled(); err != nil {
		return nil, err
	}
	if opts.Notice {
		var b bytes.Buffer
		if err := rr.WriteNotice(&b, res, newDoc); err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("policyexport: Diff %s: %w", newName, err)
			}
			return d, renderError(newName, err)
		}
		d.Notice = b.Bytes()
	}
	if err := cancelled(); err != nil {
		return nil, err
	}
	d.Outputs = outs
	return d, nil
}
