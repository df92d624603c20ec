package batch

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/atomicfile"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/srcerr"
	"github.com/policyexport/policyexport/internal/template"
)

// Options controls Run. The zero value of each field is its documented
// default.
type Options struct {
	// Out is the output directory (required). It is created when missing;
	// a file there is an error.
	Out string
	// Jobs is how many documents render at once; 0 means GOMAXPROCS. It
	// is at most MaxJobs, and no more than the plan's documents are
	// started.
	Jobs int
	// Check renders in memory and compares with Out instead of writing.
	Check bool
	// FailFast stops starting new documents after the first failure.
	FailFast bool
	// KeepStale keeps the files that the previous index of this run's
	// shard lists and no document of the manifest writes any more; by
	// default a finished run removes them (see Result.Pruned).
	KeepStale bool
	// Strict makes a value that no placeholder uses a document failure.
	Strict bool
	// Fill says what a placeholder without a value does.
	Fill template.FillOptions
	// Render holds the backends' options for every document. Per
	// document, PDF.Date is decided by render.DocumentDate (DateFlag,
	// SourceDateEpoch, the front matter date, lastUpdated), PDF.ImageDir
	// and HTML.ImageDir are the template's directory, and HTML.OutDir is
	// the directory of the HTML file under Out, so that relative image
	// paths are rewritten relative to it, as render does.
	Render render.Options
	// DateFlag is the --date value ("" for none).
	DateFlag string
	// SourceDateEpoch is the SOURCE_DATE_EPOCH value ("" for none).
	SourceDateEpoch string
	// Progress, when not nil, is called once per finished document, from
	// one goroutine at a time, in completion order.
	Progress func(Event)
}

// MaxJobs is the most documents Run renders at once (Options.Jobs): each
// worker holds a document and its outputs in memory, and rendering is
// bound by the cores long before.
const MaxJobs = 1024

// Event reports one finished document to Options.Progress.
type Event struct {
	Name     string
	Done     int // documents finished so far, this one included
	Total    int
	Err      error  // nil on success
	Files    []File // what was written (or compared)
	Duration time.Duration
}

// DriftKind is how a file on disk differs from what the manifest renders.
type DriftKind string

// The kinds of drift --check reports.
const (
	Stale      DriftKind = "stale"      // on disk, with other bytes
	Missing    DriftKind = "missing"    // rendered, not on disk
	Unexpected DriftKind = "unexpected" // on disk, not rendered
)

// Drift is one file that differs.
type Drift struct {
	Kind DriftKind
	Path string // relative to Out, forward slashes
}

// Failure is a document that failed.
type Failure struct {
	Name string
	Err  error
	// Job is the document, for a caller that makes Err a typed error
	// (its template and values say which placeholders lack values).
	Job *Job
}

// UnusedValuesError is, with Options.Strict, values that no placeholder
// of a document's template uses.
type UnusedValuesError struct {
	// Names are the unused values' names, sorted.
	Names []string
	// Msg is the template's message about them (UnusedMessage).
	Msg string
}

// Error is Msg, with the flag that made it an error.
func (e *UnusedValuesError) Error() string { return e.Msg + " (--strict)" }

// Result is what Run did.
type Result struct {
	// Index is the index written (or, with Check, the index expected).
	Index *Listing
	// IndexPath is the index file's path.
	IndexPath string
	// Documents is how many documents finished (failed ones included).
	Documents int
	// Files is how many files were written (or compared).
	Files int
	// Failures are the failed documents, sorted by name.
	Failures []Failure
	// Drift is every difference Check found, sorted by path.
	Drift []Drift
	// Removed are stale temporary files removed at the start.
	Removed []string
	// Pruned are the files that the previous index listed and the
	// manifest no longer writes, removed at the end of the run, sorted.
	Pruned []string
	// Interrupted is true when ctx ended (or FailFast stopped) the run
	// before every document was done; the index is then not written.
	Interrupted bool
	// Warnings are what the backends warned of while rendering the
	// documents (render.Warning), and each link of a document to an id
	// it lacks (template.LinkNotices), in the order of the plan's documents,
	// whatever order they finished in; a failed document's too.
	Warnings []Warning
}

// Warning is a warning a backend gave while rendering one document, or
// a link of the document to an id it lacks.
type Warning struct {
	// Document is the document's name in the manifest.
	Document string
	// Template is its template's name, as messages give it.
	Template string
	render.Warning
}

// Run renders every job of p into opts.Out (or compares, with Check).
// Documents render in parallel; the output does not depend on Jobs. Each
// file is written atomically. When ctx ends, no new document starts, the
// documents in flight finish writing, and Run returns an error wrapping
// ctx's cause with the result so far. A run that was not interrupted
// removes the stale files of the previous index (unless KeepStale) and
// then writes the new index. A failing document (an error or a panic)
// does not stop the others unless FailFast; the index lists every file
// written. Options that no document could render with (a footer field
// that names no value, a *FooterFieldError; backend options the
// renderer refuses) are one error before anything is written, not a
// failure of each document.
func Run(ctx context.Context, p *Plan, opts Options) (*Result, error) {
	if err := p.CheckFooter(opts.Render.PDF.FooterText); err != nil {
		return nil, err
	}
	base, err := render.New(opts.Render, p.Formats())
	if err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	}
	if ctx.Err() != nil {
		// Ended before it began: nothing is made, not even Out, and the
		// result so far is no document.
		return &Result{IndexPath: filepath.Join(opts.Out, p.Shard.IndexName()), Interrupted: true}, fmt.Errorf("batch: %w", context.Cause(ctx))
	}
	r, res, stale, err := start(p, opts)
	if err != nil {
		return nil, err
	}
	r.keepRenderer("", base)
	return r.run(ctx, res, stale)
}

// run renders the plan's documents and writes (or checks) them, then
// removes the stale files and writes the index (finish): Run after
// start.
func (r *runner) run(ctx context.Context, res *Result, stale []string) (*Result, error) {
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := r.spawn(runCtx, cancel)
	r.collect(done, res, cancel)
	res, err := r.finish(ctx, res, stale)
	if cerr := res.Index.close(); cerr != nil && err == nil {
		err = fmt.Errorf("batch: %w", cerr)
	}
	return res, err
}

// start checks the options, prepares the output directory and, unless
// Check, removes the temporary files a killed run left there. It returns
// the runner, the result so far and the files of the previous index that
// the plan no longer writes (nil with Check or KeepStale).
func start(p *Plan, opts Options) (*runner, *Result, []string, error) {
	if opts.Out == "" {
		return nil, nil, nil, errors.New("batch: no output directory")
	}
	if opts.Jobs > MaxJobs {
		return nil, nil, nil, fmt.Errorf("batch: %d jobs, more than MaxJobs (%d)", opts.Jobs, MaxJobs)
	}
	if _, _, err := render.DocumentDate(render.DateInputs{Flag: opts.DateFlag, SourceDateEpoch: opts.SourceDateEpoch}); err != nil {
		return nil, nil, nil, err
	}
	out, err := prepareOut(opts.Out, opts.Check)
	if err != nil {
		return nil, nil, nil, err
	}
	res := &Result{IndexPath: filepath.Join(opts.Out, p.Shard.IndexName())}
	var stale []string
	if out.root != "" {
		if err := out.preflight(p); err != nil {
			return nil, nil, nil, err
		}
		if !opts.Check {
			if err := out.notDiffOut(opts.Out); err != nil {
				return nil, nil, nil, err
			}
		}
		if !opts.Check && !opts.KeepStale {
			if stale, err = out.staleOutputs(p); err != nil {
				return nil, nil, nil, err
			}
		}
		if !opts.Check {
			removed, err := removeTemps(out.root, p)
			res.Removed = removed
			if err != nil {
				return nil, nil, nil, err
			}
		}
	}
	r := &runner{p: p, opts: opts, out: out, renderers: map[string]*rendererEntry{}, formats: p.Formats()}
	return r, res, stale, nil
}

// spawn starts rendering and writing the plan's jobs, and returns the
// channel of their results, closed once every job is done or skipped.
// Render workers (Jobs of them) render a document and hand it to
// stagers (half as many, see stagersFor), which stage it (its files
// written to temporary files, its data let go) and hand it to one
// writer, so that a core never waits for the disk: a stager or the
// writer blocked in the kernel (a file created while the file system's
// journal commits, a sync) lets the render workers go on, where a worker
// that staged its own document left its core idle for as long. The
// writer takes staged documents until it has maxCommit of them,
// maxCommitWait has passed since the first, or the last has come, and
// commits them (atomicfile.Committer): one file system sync makes their
// files durable and the previous chunk's names, so that a chunk is
// reported done at the next chunk's commit, or when no document has
// come for maxCommitWait, or at the end. A staged document holds no rendered
// data, only its files' names, so memory is bounded by the documents
// being rendered or staged (at most stagedAhead + 2 times Jobs),
// whatever the disk's speed. When ctx ends, no new job starts, and a
// document rendered after that is not staged. With FailFast, a worker or
// the writer whose document fails calls stop (which ends ctx) before
// anything else, so that no job starts after it.
func (r *runner) spawn(ctx context.Context, stop func()) <-chan jobResult {
	jobs := r.opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	// More workers than documents would only wait: -j 1000000 for one
	// document took 35 s and 5.5 GB of goroutine stacks.
	jobs = max(1, min(jobs, r.p.Len()))
	// Each render worker takes the next job itself: a goroutine handing
	// them out over a channel had to be scheduled for every document, and
	// in a written batch it waited behind stagers whose processor was held
	// by a blocking write (render workers waited 470 ms for their next
	// job in a 1,000-document run, against 130 ms with --check).
	var taken atomic.Int64
	next := func() (*Job, bool) {
		if ctx.Err() != nil {
			return nil, false
		}
		i := taken.Add(1) - 1
		if i >= int64(r.p.Len()) {
			return nil, false
		}
		return r.p.Job(int(i)), true
	}
	yield := yieldsEachDocument()
	rendered := make(chan pending, stagedAhead*jobs)
	writes := make(chan staged, maxQueue)
	done := make(chan jobResult)
	var renderers, stagers, writer sync.WaitGroup
	for range jobs {
		renderers.Add(1)
		go func() {
			defer renderers.Done()
			for j, ok := next(); ok; j, ok = next() {
				pd, jr := r.render(ctx, j)
				if r.afterRender != nil {
					r.afterRender()
				}
				if yield {
					runtime.Gosched()
				}
				if jr != nil {
					if jr.err != nil && r.opts.FailFast {
						stop()
					}
					done <- *jr
					continue
				}
				rendered <- pd
			}
		}()
	}
	for range stagersFor(jobs) {
		stagers.Add(1)
		go func() {
			defer stagers.Done()
			for pd := range rendered {
				writes <- r.stage(ctx, pd)
			}
		}()
	}
	writer.Add(1)
	go func() {
		defer writer.Done()
		writeStaged(writes, maxCommitWait, func(results []jobResult) {
			for _, jr := range results {
				if jr.err != nil && r.opts.FailFast {
					stop()
				}
				done <- jr
			}
		})
	}()
	go func() {
		renderers.Wait()
		close(rendered)
		stagers.Wait()
		close(writes)
		writer.Wait()
		close(done)
	}()
	return done
}

// writeStaged commits the staged documents that come from writes, in
// chunks of up to maxCommit gathered for at most wait, and reports the
// results of those done (atomicfile.Committer) to report: a chunk's at
// the next chunk's commit, or once no document has come for wait, or
// when writes is closed.
func writeStaged(writes <-chan staged, wait time.Duration, report func([]jobResult)) {
	w := committer{waiting: map[*atomicfile.Group]pending{}}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		var st staged
		ok := true
		if w.c.Waiting() > 0 {
			timer.Reset(wait)
			select {
			case st, ok = <-writes:
			case <-timer.C:
				report(w.flush())
				continue
			}
		} else {
			st, ok = <-writes
		}
		if !ok {
			break
		}
		chunk := []staged{st}
		timer.Reset(wait)
	gather:
		for len(chunk) < maxCommit {
			select {
			case st, ok := <-writes:
				if !ok {
					break gather
				}
				chunk = append(chunk, st)
			case <-timer.C:
				break gather
			}
		}
		report(w.commit(chunk))
	}
	report(w.flush())
}

// maxCommit is the most documents committed behind one durability
// barrier: one file system sync for up to 256 files, instead of 256
// fsyncs (see bench/README.md, "Durability").
const maxCommit = 64

// maxCommitWait is the longest the writer waits for more staged
// documents to share a barrier, so that the progress of a batch of slow
// documents keeps coming. The writer used to stage every document itself
// and commit whatever was queued at once: it was the one busy thread
// (staging 0.8 ms a document, about 120 commits of two syncfs calls each
// for 1,000 documents), and written batches ran at 0.72 of --check's
// rate; with staging on the render workers and commits of 64 documents
// it waits for them most of the time, and the rate is about 0.8.
const maxCommitWait = 100 * time.Millisecond

// GCPercent is the garbage collector's target percentage (GOGC) for a
// program that runs batches; the batch command sets it while a batch
// renders, unless GOGC is set. Once the render workers yield
// (yieldsEachDocument), the heap no longer overshoots its goal, and the
// collections the overshoot had skipped come back: a written -j 2 batch
// of 1,000 archival documents made 152 instead of 129. Measured in one
// run of interleaved pairs (1,000 archival documents, -j 2, medians of
// 12 written and 12 --check runs each): without the yield at GOGC=100,
// written 0.995 s, --check 0.880 s, peak 37–39 MiB (up to 57 MiB in
// other runs); yielding at 100, 1.098 and 0.881 s, 34–36 MiB; at 125,
// 0.992 and 0.837 s, 35–40 MiB; at 150, 0.980 and 0.800 s, 39–43 MiB.
// 125 gives the written rate back for about the memory the overshoot
// took, but steadily.
const GCPercent = 125

// yieldsEachDocument says whether a render worker lets the other
// goroutines run after each document: when Go has fewer than four
// processors. Below four, the garbage collector has no dedicated mark
// worker (25 % of the processors rounds to none), only a fractional one,
// which runs when a processor schedules; and a render worker runs on
// until its channel is full or the runtime preempts it, 10 to 20 ms
// later. A collection that started then took 17 ms to end instead of 2
// while the workers allocated 12 MB, all counted as live
// (golang/go#52433), and the next heap goal doubled. Such cycles made
// peak RSS a lottery that longer runs lose. With one processor (taskset
// -c 0), 10,000 archival documents written with -j 1 peaked at 37 to 48
// MiB against 32 to 35 MiB for 1,000, and yielding (at GOGC=100) at 31.6
// to 31.9 against 27.8 to 29.4 MiB; with two and -j 2, at 45 to 55 MiB
// against 38 to 41, and yielding (at GCPercent) at 44.6 to 45.0 against
// 38.0 to 38.7 MiB.
func yieldsEachDocument() bool { return runtime.GOMAXPROCS(0) < 4 }

// stagedAhead is how many rendered documents a render worker may leave
// waiting for the stagers (each holds its outputs, about 150 KB for a
// seed document in four formats): enough to go on while every stager
// waits in the kernel, as all do while the file system's journal
// commits. With one each, two workers writing 1,000 archival documents
// waited 32-109 ms in all for the stagers; with eight, 0.5-5 ms.
const stagedAhead = 8

// stagersFor returns how many stagers serve jobs render workers: half
// as many, at least one. A stager's system call that blocks in the
// kernel (a file created while the journal commits) holds its
// goroutine's processor until the scheduler's monitor takes it back,
// one or two of its ticks later, and the monitor sleeps up to 10 ms
// between ticks when it has had nothing to take: with a stager for each
// worker, every processor could be held by a blocked stager at once
// while the workers waited. With one stager for two workers, 1,000
// archival documents written with -j 2 ran at 0.83-0.87 of --check's
// rate (medians of 6-10 interleaved pairs, in four sessions) against
// 0.75-0.83 with two: a small gain, which was within the noise in one
// of the sessions (0.827 against 0.820). A stager spends 0.3-0.6 ms in
// system calls a document, so it keeps up with two workers of about 650
// documents a second each.
func stagersFor(jobs int) int {
	return max(1, jobs/2)
}

// maxQueue is how many staged documents wait for the writer while it
// commits: enough for the render workers never to wait for a commit's
// syncs and renames (a staged document is only its files' names and
// index entries, a few KB). With 16, two workers writing 1,000 archival
// documents waited 86-140 ms in all for the writer (a CPU idle while it
// synced); with 256, 2-3 ms.
const maxQueue = 256

// collect gathers the results from done into res, reporting each to
// Progress, and sets res.Index to the sorted index of every file written
// (or compared). With FailFast, the first failure calls stop.
func (r *runner) collect(done <-chan jobResult, res *Result, stop func()) {
	p, opts := r.p, r.opts
	idx := newListing(p)
	if !p.Shard.IsZero() {
		idx.Shard = &ShardInfo{Index: p.Shard.Index, Total: p.Shard.Total, Documents: p.Len(), AllDocuments: p.Documents, ManifestSHA256: p.ManifestSHA256}
	}
	warnings := map[uint32][]render.Warning{} // by the document's place in the plan
	for jr := range done {
		if jr.skipped {
			continue
		}
		if len(jr.warnings) > 0 {
			warnings[jr.job.doc] = jr.warnings
		}
		res.Documents++
		res.Files += len(jr.files)
		idx.add(jr.job, jr.files)
		res.Drift = append(res.Drift, jr.drift...)
		if jr.err != nil {
			res.Failures = append(res.Failures, Failure{Name: jr.job.Name, Err: jr.err, Job: jr.job})
			idx.Failed = append(idx.Failed, jr.job.Name)
			if opts.FailFast {
				stop()
			}
		}
		if opts.Progress != nil {
			opts.Progress(Event{Name: jr.job.Name, Done: res.Documents, Total: p.Len(), Err: jr.err, Files: jr.files, Duration: jr.took})
		}
	}
	sort.Slice(res.Failures, func(i, j int) bool { return res.Failures[i].Name < res.Failures[j].Name })
	for _, d := range p.jobs {
		ws := warnings[d]
		if len(ws) == 0 {
			continue
		}
		j := p.job(d)
		for _, w := range ws {
			res.Warnings = append(res.Warnings, Warning{Document: j.Name, Template: j.Template.Parsed.Name(), Warning: w})
		}
	}
	idx.sort()
	res.Index = idx
}

// finish ends a run whose results are collected in res: an interrupted
// run stops there (with an error wrapping ctx's cause when ctx ended);
// Check compares the index and looks for unexpected files; otherwise the
// stale files go and the index is written.
func (r *runner) finish(ctx context.Context, res *Result, stale []string) (*Result, error) {
	p, out := r.p, r.out
	if res.Documents < p.Len() {
		res.Interrupted = true
		if ctx.Err() != nil {
			// The cause says why: a signal ("terminated signal received",
			// "broken pipe signal received") or the caller's reason.
			return res, fmt.Errorf("interrupted after %d of %d documents: %w", res.Documents, p.Len(), context.Cause(ctx))
		}
		return res, nil
	}
	if r.opts.Check {
		d, ok, err := r.compare(p.Shard.IndexName(), -1, res.Index.EncodeTo)
		if err != nil {
			return res, err
		}
		if !ok {
			res.Drift = append(res.Drift, d)
		}
		if out.root != "" {
			unexpected, err := findUnexpected(out.root, p)
			if err != nil {
				return res, err
			}
			res.Drift = append(res.Drift, unexpected...)
		}
		sort.Slice(res.Drift, func(i, j int) bool {
			if res.Drift[i].Path != res.Drift[j].Path {
				return res.Drift[i].Path < res.Drift[j].Path
			}
			return res.Drift[i].Kind < res.Drift[j].Kind
		})
		return res, nil
	}
	// Stale files go before the new index is written, so that an index
	// never stops listing a file that is still to be removed.
	var err error
	res.Pruned, err = out.removeStale(stale)
	if err != nil {
		return res, err
	}
	index := atomicfile.Group{NoFollow: true}
	index.AddFunc(filepath.Join(out.root, p.Shard.IndexName()), res.Index.EncodeTo, 0o644)
	if err := index.Commit(); err != nil {
		return res, fmt.Errorf("write index: %w", err)
	}
	return res, nil
}

type jobResult struct {
	job      *Job
	files    []File
	drift    []Drift
	warnings []render.Warning
	err      error
	skipped  bool
	took     time.Duration
}

type runner struct {
	p         *Plan
	opts      Options
	out       *outDir
	mu        sync.Mutex
	renderers map[string]*rendererEntry // by the job's PDFStandard
	order     []string                  // keys of renderers, oldest first
	formats   []render.Format           // every format the plan writes
	readers   sync.Pool                 // *bufio.Reader of matchBuffer bytes, for compare
	// afterRender, when not nil, is called by a render worker after
	// each document it renders, before it yields (a test's probe).
	afterRender func()
}

// maxRenderers is how many prepared renderers (each with its own copy
// of the PDF fonts) are kept at once: one per PDF standard the
// documents ask for, which few manifests mix.
const maxRenderers = 8

type rendererEntry struct {
	once sync.Once
	r    *render.Renderer
	err  error
}

// keepRenderer puts rd, prepared with Options.Render and the PDF
// standard standard, in the cache that renderer fills, so that it is not
// prepared again.
func (r *runner) keepRenderer(standard string, rd *render.Renderer) {
	e := &rendererEntry{r: rd}
	e.once.Do(func() {})
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.renderers[standard]; !ok {
		r.renderers[standard] = e
		r.order = append(r.order, standard)
	}
}

// renderer returns the Renderer for a document with the PDF standard
// standard ("" for Options.Render's), date and imageDir: one prepared
// Renderer per standard, made on first use, whose fonts, cut fonts and
// compressors every document shares, and a cheap copy of it for the
// document's date and image directory (render.Renderer.WithDocument).
func (r *runner) renderer(standard string, date time.Time, imageDir string) (*render.Renderer, error) {
	r.mu.Lock()
	e, ok := r.renderers[standard]
	if !ok {
		e = &rendererEntry{}
		r.renderers[standard] = e
		r.order = append(r.order, standard)
		// Bound the cache, so that memory stays flat whatever the
		// manifest asks: drop the oldest (documents still rendering
		// with it keep their pointer).
		if len(r.order) > maxRenderers {
			delete(r.renderers, r.order[0])
			r.order = r.order[1:]
		}
	}
	r.mu.Unlock()
	e.once.Do(func() {
		o := r.opts.Render
		if standard != "" {
			std, err := pdf.ParseStandard(standard)
			if err != nil {
				e.err = err
				return
			}
			o.PDF.Standard = std
		}
		e.r, e.err = render.New(o, r.formats)
	})
	if e.err != nil {
		return nil, e.err
	}
	return e.r.WithDocument(date, imageDir), nil
}

// pending is a rendered document waiting to be written.
type pending struct {
	job      *Job
	outs     []render.Output
	files    []File
	warnings []render.Warning
	start    time.Time
}

// render renders j in memory. It returns the document to write, or the
// finished result (a failure, a skipped job, or a check).
func (r *runner) render(ctx context.Context, j *Job) (pending, *jobResult) {
	if ctx.Err() != nil {
		return pending{}, &jobResult{job: j, skipped: true}
	}
	start := time.Now()
	outs, warnings, err := r.renderJob(j)
	if err != nil {
		return pending{}, &jobResult{job: j, err: err, warnings: warnings, took: time.Since(start)}
	}
	files := make([]File, len(outs))
	valuesSum := j.ValuesSHA256()
	for i, o := range outs {
		files[i] = File{
			Path: j.Path(i), Format: string(o.Format), Bytes: len(o.Data), SHA256: hex.EncodeToString(o.SHA256[:]),
			Document: j.Name, Template: j.Template.Name, TemplateSHA256: j.Template.SHA256, ValuesSHA256: valuesSum,
			Locale: j.Locale, Metadata: j.Metadata,
		}
	}
	if r.opts.Check {
		res := &jobResult{job: j, files: files, warnings: warnings}
		for i, o := range outs {
			d, ok, err := r.compare(files[i].Path, len(o.Data), writeBytes(o.Data))
			if err != nil {
				res.err = err
				break
			}
			if !ok {
				res.drift = append(res.drift, d)
			}
		}
		res.took = time.Since(start)
		return pending{}, res
	}
	return pending{job: j, outs: outs, files: files, warnings: warnings, start: start}, nil
}

// staged is a rendered document whose files are in their temporary
// files, waiting for its commit; or its result, when it failed or was
// skipped.
type staged struct {
	pd     pending
	group  *atomicfile.Group // nil when result is final
	result jobResult
}

// stage writes a rendered document's files to temporary files, as one
// atomicfile.Group (every file of the document, or, on an error, none,
// each replacing whatever non-directory stands at its path without
// following a link; a directory that is not there yet is made under a
// temporary name with the files in it and renamed into place whole,
// one rename for the document instead of four: written runs of 1,000
// documents took 1.047 s against 1.115 s, medians of 22 interleaved
// pairs), and lets go of its outputs: the writer holds only
// the names of the documents waiting for a commit, never their data. A
// document is skipped, with nothing written, when ctx has ended before
// its writing began.
func (r *runner) stage(ctx context.Context, pd pending) staged {
	if ctx.Err() != nil {
		return staged{result: jobResult{job: pd.job, skipped: true}}
	}
	g := &atomicfile.Group{NoFollow: true, NewDirs: true}
	var err error
	checked := ""
	for k, o := range pd.outs {
		rel := pd.files[k].Path
		if dir := path.Dir(rel); dir != checked {
			if err = r.out.checkDir(dir); err != nil {
				break
			}
			checked = dir
		}
		g.Add(filepath.Join(r.out.root, filepath.FromSlash(rel)), o.Data, 0o644)
	}
	pd.outs = nil
	if err == nil {
		err = g.Stage()
	}
	if err != nil {
		return staged{result: notWritten(pd, err)}
	}
	return staged{pd: pd, group: g}
}

// committer commits staged documents in chunks (atomicfile.Committer):
// a document is reported written only once its files and their names
// are on disk, which for a chunk's documents is at the next chunk's
// barrier, or at flush.
type committer struct {
	c       atomicfile.Committer
	waiting map[*atomicfile.Group]pending // staged or placed, not done
}

// commit commits a chunk of staged documents and returns the results of
// the documents done now.
func (w *committer) commit(chunk []staged) []jobResult {
	var results []jobResult
	var groups []*atomicfile.Group
	for _, st := range chunk {
		if st.group == nil {
			results = append(results, st.result)
			continue
		}
		groups = append(groups, st.group)
		w.waiting[st.group] = st.pd
	}
	return append(results, w.results(w.c.Commit(groups...))...)
}

// flush makes the last chunk's names durable and returns its results.
func (w *committer) flush() []jobResult {
	return w.results(w.c.Flush())
}

// results turns groups done into their documents' results.
func (w *committer) results(done []atomicfile.Done) []jobResult {
	results := make([]jobResult, 0, len(done))
	for _, d := range done {
		pd := w.waiting[d.Group]
		delete(w.waiting, d.Group)
		if d.Err != nil {
			results = append(results, notWritten(pd, d.Err))
			continue
		}
		results = append(results, jobResult{job: pd.job, files: pd.files, warnings: pd.warnings, took: time.Since(pd.start)})
	}
	return results
}

// notWritten is the result of a rendered document none of whose files
// could be written, for err.
func notWritten(pd pending, err error) jobResult {
	return jobResult{job: pd.job, warnings: pd.warnings, err: fmt.Errorf("%w; none of the document's files was written", err), took: time.Since(pd.start)}
}

// renderJob fills and renders one document in memory, and returns its
// outputs, the backends' warnings and its links' (with an error too). A panic
// anywhere below becomes this document's error.
func (r *runner) renderJob(j *Job) (outs []render.Output, warnings []render.Warning, err error) {
	defer func() {
		if p := recover(); p != nil {
			outs, err = nil, fmt.Errorf("internal error (panic): %v", p)
		}
	}()
	fill := r.opts.Fill
	fill.Lang = j.Locale // "" keeps the template's own
	vals := j.Values.Map()
	doc, report, err := j.Template.Parsed.Fill(vals, fill)
	if err != nil {
		return nil, nil, err
	}
	// Values the --footer names are used by the PDF even when the
	// template has no placeholder for them (an unknown one is the PDF's
	// *pdf.FooterFieldError, when it renders a PDF).
	j.Template.Parsed.UseFooterValues(r.opts.Render.PDF.FooterText, vals, doc, report)
	if msg := j.Template.Parsed.UnusedMessage(report.Unused); r.opts.Strict && msg != "" {
		return nil, nil, &UnusedValuesError{Names: report.Unused, Msg: msg}
	}
	date, _, err := render.DocumentDate(render.DateInputs{Flag: r.opts.DateFlag, SourceDateEpoch: r.opts.SourceDateEpoch,
		FrontMatter: doc.Meta.Date, FrontMatterPos: j.Template.Parsed.FrontMatter().DatePos, LastUpdated: doc.Values["lastUpdated"]})
	if err != nil {
		return nil, nil, positioned(j.Template, err)
	}
	rd, err := r.renderer(j.PDFStandard, time.Unix(date.Unix(), 0).UTC(), j.Template.Dir)
	if err != nil {
		return nil, nil, err
	}
	formats := j.Formats()
	// Links that do not work in the outputs (to ids the document lacks,
	// with relative addresses): they come from the filled text, so each
	// document is checked (and the same warning of many documents
	// printed once).
	live, rawHTMLIDs := rd.InternalLinks(formats)
	for _, n := range template.LinkProblems(doc, live, rawHTMLIDs, render.OffSite(formats), render.LinkOutputs(formats)) {
		warnings = append(warnings, render.Warning{Kind: render.WarningKind(n.Kind), Pos: n.Pos, Message: n.Msg})
	}
	outs = make([]render.Output, 0, len(formats))
	for k, f := range formats {
		w := rd
		if f == render.HTML {
			w = rd.WithHTMLOutDir(filepath.Join(r.opts.Out, filepath.FromSlash(path.Dir(j.Path(k)))))
		}
		out, ws, err := w.Output(doc, f)
		warnings = append(warnings, ws...)
		if err != nil {
			return nil, warnings, positioned(j.Template, err)
		}
		outs = append(outs, out)
	}
	return outs, warnings, nil
}

// positioned names the template t in err as the library's Render does:
// a glyph or shaping error at its character's own line and column
// (render.Locate with template.RunePos), then srcerr.InFile.
func positioned(t *Template, err error) error {
	err = render.Locate(err, func(from ast.Pos, r rune) (ast.Pos, bool) { return t.Parsed.RunePos(t.Source, from, r) })
	return srcerr.InFile(t.Parsed.Name(), err)
}
