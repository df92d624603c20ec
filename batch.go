package policyexport

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/options"
	"github.com/policyexport/policyexport/internal/pdf"
)

// BatchOptions say where and how Batch renders a manifest.
type BatchOptions struct {
	// Out is the output directory (required); it is created when
	// missing. Each file is written atomically, and index.json lists
	// them all.
	Out string
	// Jobs is how many documents render at once; 0 means one per CPU.
	Jobs int
	// Check renders in memory and compares with Out instead of writing
	// (BatchResult.Drift).
	Check bool
	// FailFast stops starting documents after the first failure; the
	// run then writes no index.
	FailFast bool
	// KeepStale keeps files that the previous index lists and the
	// manifest no longer writes; by default they are removed.
	KeepStale bool
	// Formats are written for documents whose manifest entry and
	// defaults name none; nil means every format. An empty list, or a
	// name that is not one of Formats() (such as "PDF"), is an error
	// before anything is written.
	Formats []Format
}

// BatchResult is what Batch did.
type BatchResult struct {
	// IndexPath is the index file's path (a run that stopped early
	// writes none).
	IndexPath string
	// Documents is how many documents finished, failed ones included.
	Documents int
	// Files is how many files were written (or compared, with Check).
	Files int
	// Failures are the documents that failed, sorted by name.
	Failures []BatchFailure
	// Drift is every file that differs from the manifest's rendering
	// (Check only), sorted by path.
	Drift []Drift
	// Warnings are what "policyexport batch" prints, as data, in its
	// order: the values no placeholder of a document's template uses
	// (UnusedValues, one a document; with Options.Strict the document
	// fails instead), then once for each template, however many
	// documents use it (Document ""), its notices (FrontMatter,
	// PlaceholderSyntax, BidiControl), the raw HTML the formats of its
	// documents drop (DroppedHTML) and the headings the PDF tags at
	// another level than written (HeadingLevel, when a document of it is
	// a PDF without ua-1), then what the backends warned of while
	// rendering each document and its links that do not work (BrokenLink,
	// BlockedLink, RelativeLink), in the order of the manifest's
	// documents, a failed document's too.
	Warnings []BatchWarning
}

// BatchWarning is a warning of a Batch run.
type BatchWarning struct {
	// Document is the document's name in the manifest; "" for a warning
	// about a template, which every document of it shares.
	Document string
	Warning
}

// BatchFailure is a document of a manifest that failed.
type BatchFailure struct {
	// Document is its name in the manifest.
	Document string
	// Err says why, typed as Render's error for the same template and
	// values is: a *MissingValuesError, an *UnusedValuesError
	// (Options.Strict), a *GlyphError, a *ShapingError.
	Err error
}

// Drift is one file in BatchOptions.Out that differs from what the
// manifest renders.
type Drift struct {
	// Kind says how it differs.
	Kind DriftKind
	// Path is the file's path relative to BatchOptions.Out, with
	// forward slashes.
	Path string
}

// DriftKind is how a file differs from what a manifest renders (Drift);
// the values are the words of "batch --check" and its --log json.
type DriftKind string

// The kinds of Drift.
const (
	// DriftStale is a file on disk with other bytes than the rendering.
	DriftStale DriftKind = DriftKind(batch.Stale)
	// DriftMissing is a file the manifest renders that is not on disk.
	DriftMissing DriftKind = DriftKind(batch.Missing)
	// DriftUnexpected is a file under BatchOptions.Out that the
	// manifest does not render (index files aside).
	DriftUnexpected DriftKind = DriftKind(batch.Unexpected)
)

// Batch renders every document of the manifest at path (YAML, JSON or
// CSV; Schema("manifest")) into opts.Out, in parallel, with the
// parse, fill and backend options of r (a document's date is
// Options.Date, else its own, as with Render; its image directory and
// HTML directory are its own: Options.HTMLOutDir does not apply), and
// writes index.json (Schema("index")). A Renderer with
// Options.AttachSource is refused before anything is written: Batch
// attaches no sources. The output does not depend on opts.Jobs. A
// document that fails does not stop the others: it is in
// BatchResult.Failures and the error is nil. The warnings the command
// prints are in BatchResult.Warnings; nothing is printed. The error is for a
// manifest that cannot be read or planned, for an Options.Footer
// field that names no value of some document (a *FooterFieldError,
// before anything is written, as Render gives it), or a ctx that
// ended: an error that wraps its cause (errors.Is(err,
// context.Canceled)), with the BatchResult so far, the documents in
// flight having finished writing. A run that stops early so, or after
// a failure with BatchOptions.FailFast, writes no index and removes
// no stale file (BatchResult.IndexPath names the index a whole run
// writes). A manifest, template or values file that is a named pipe
// (or another file that waits for a program to write it) is waited for
// only until ctx ends: then the error, at the manifest's entry, says
// "interrupted while waiting for its content" and wraps ctx.Err(), and
// nothing is written; the goroutine that waits in the pipe's open goes
// on until the pipe's other end is opened, as no system call ends that
// wait sooner. The garbage collector's settings are the program's: the
// batch command runs batches at GOGC=125 unless GOGC is set
// (debug.SetGCPercent), which measured faster than Go's default for
// about the same peak memory.
func (r *Renderer) Batch(ctx context.Context, path string, opts BatchOptions) (*BatchResult, error) {
	if err := r.made(); err != nil {
		return nil, err
	}
	if opts.Out == "" {
		return nil, fmt.Errorf("policyexport: BatchOptions.Out is empty: give an output directory")
	}
	if r.opts.AttachSource {
		return nil, fmt.Errorf("policyexport: Batch does not attach sources (Options.AttachSource); render the documents that need it with Render")
	}
	// The manifest, and the templates and values files it names, may be
	// named pipes: their wait ends with ctx (batch.WaitingReader).
	read := func() ([]byte, error) { return readLimited(path, batch.MaxManifestBytes, "") }
	var data []byte
	var err error
	if batch.Waits(path) {
		data, err = batch.UntilDone(ctx.Done(), read)
		if errors.Is(err, batch.ErrCancelledWait) {
			err = fmt.Errorf("policyexport: Batch: manifest %s: %w (%w)", path, batch.ErrInterruptedWait, ctx.Err())
		}
	} else {
		data, err = read()
	}
	if err != nil {
		return nil, err
	}
	plan, err := batch.LoadPlan(path, data, batch.PlanOptions{Dir: filepath.Dir(path), Formats: opts.Formats, Template: r.parse,
		ReadFile: batch.WaitingReader(ctx, r.parse.MaxBytes)})
	if err != nil {
		return nil, located("", err)
	}
	ropts, _, err := options.Options(r.opts).Backend()
	if err != nil {
		return nil, err
	}
	bo := batch.Options{
		Out: opts.Out, Jobs: opts.Jobs, Check: opts.Check, FailFast: opts.FailFast, KeepStale: opts.KeepStale,
		Strict: r.opts.Strict, Fill: r.fill, Render: ropts,
	}
	if r.opts.Date != nil {
		bo.DateFlag = r.opts.Date.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	warnings := r.batchWarnings(plan)
	res, err := batch.Run(ctx, plan, bo)
	var footer *batch.FooterFieldError
	if errors.As(err, &footer) {
		return nil, &FooterFieldError{Footer: footer.Footer, Field: footer.Field, Suggestion: footer.Suggestion}
	}
	if res == nil {
		return nil, located("", err)
	}
	out := &BatchResult{IndexPath: res.IndexPath, Documents: res.Documents, Files: res.Files}
	for _, f := range res.Failures {
		out.Failures = append(out.Failures, BatchFailure{Document: f.Name, Err: r.batchError(f)})
	}
	for _, d := range res.Drift {
		out.Drift = append(out.Drift, Drift{Kind: DriftKind(d.Kind), Path: d.Path})
	}
	out.Warnings = warnings
	for _, w := range res.Warnings {
		out.Warnings = append(out.Warnings, BatchWarning{Document: w.Document,
			Warning: Warning{Kind: WarningKind(w.Kind), Template: w.Template, Pos: w.Pos, Message: w.In(w.Template)}})
	}
	return out, err
}

// batchWarnings returns the warnings of plan that come before its
// documents render, as the batch command prints them: each document's
// unused values, then each template's notices, dropped raw HTML and
// headings the PDF tags at another level.
func (r *Renderer) batchWarnings(plan *batch.Plan) []BatchWarning {
	var ws []BatchWarning
	var order []*batch.Template
	formats := map[*batch.Template][]Format{}
	plainPDF := map[*batch.Template]bool{} // a PDF without ua-1
	for j := range plan.Jobs() {
		t := j.Template.Parsed
		if !r.opts.Strict {
			if unused := t.UnusedBy(j.Values.Map(), r.opts.Footer, r.opts.BaseURL); len(unused) > 0 {
				ws = append(ws, BatchWarning{Document: j.Name, Warning: Warning{Kind: UnusedValues, Template: t.Name(), Names: unused, Message: t.UnusedMessage(unused)}})
			}
		}
		if _, seen := formats[j.Template]; !seen {
			order = append(order, j.Template)
			formats[j.Template] = []Format{}
		}
		for _, f := range j.Formats() {
			if !slices.Contains(formats[j.Template], f) {
				formats[j.Template] = append(formats[j.Template], f)
			}
			if f == PDF {
				// A standard that is none fails the document, which
				// batch.Run reports.
				std, err := pdf.ParseStandard(cmp.Or(j.PDFStandard, r.opts.PDFStandard))
				plainPDF[j.Template] = plainPDF[j.Template] || (err == nil && !std.UA)
			}
		}
	}
	for _, bt := range order {
		t := &Template{parsed: bt.Parsed}
		tws := templateWarnings(bt.Parsed)
		tws = append(tws, r.droppedHTML(t, formats[bt])...)
		if plainPDF[bt] {
			tws = append(tws, r.skippedHeadings(t)...)
		}
		for _, w := range tws {
			ws = append(ws, BatchWarning{Warning: w})
		}
	}
	return ws
}
