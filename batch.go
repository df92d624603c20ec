package policyexport

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/options"
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
// BatchResult.Failures and the error is nil. The error is for a
// manifest that cannot be read or planned, for an Options.Footer
// field that names no value of some document (a *FooterFieldError,
// before anything is written, as Render gives it), or a ctx that
// ended: an error that wraps its cause (errors.Is(err,
// context.Canceled)), with the BatchResult so far, the documents in
// flight having finished writing. A run that stops early so, or after
// a failure with BatchOptions.FailFast, writes no index and removes
// no stale file (BatchResult.IndexPath names the index a whole run
// writes). The garbage collector's settings are the program's: the
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
	data, err := readLimited(path, batch.MaxManifestBytes, "")
	if err != nil {
		return nil, err
	}
	plan, err := batch.LoadPlan(path, data, batch.PlanOptions{Dir: filepath.Dir(path), Formats: opts.Formats, Template: r.parse})
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
	return out, err
}
