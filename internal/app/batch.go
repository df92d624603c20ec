package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/options"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
)

// batchConfig is everything the batch command was told.
type batchConfig struct {
	manifest   string
	out        string
	jobs       int
	pattern    string
	formats    []string // as given: each a name or a comma list
	check      bool
	shard      string
	shardTotal int
	failFast   bool
	keepStale  bool
	quiet      bool
	log        string
	// render holds the template and backend flags batch shares with
	// render; its option building is reused.
	render renderConfig
}

func batchCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "batch",
		Usage:     "render every document of a manifest, in parallel, with an index of hashes",
		ArgsUsage: "MANIFEST",
		Description: `Renders every document listed in MANIFEST (YAML, JSON, or CSV with one row
a document) into --out, in parallel (-j), each file written atomically, and
writes index.json: every output's path, format, size and SHA-256, with the
document name and the hashes of its template and values.

Files that the previous index lists and the manifest no longer writes (a
document removed or renamed) are removed, so that --out holds exactly what
the manifest renders; --keep-stale keeps them. Only files that index lists
are ever removed.

With --check nothing is written: every document is rendered in memory and
compared with --out and its index; each stale, missing or unexpected file is
printed and the exit code is 1 if any differs.

With --log json standard output holds JSON Lines only: one object per
document, per removed file and per differing file ({"drift": "stale",
"path": ...}), then a {"summary": ...} line, also when the run cannot
start (a bad manifest or flag value: "status": "error"); messages go to
standard error.

With --shard K/N only the documents whose name hashes into shard K of N are
rendered, and the index is index.K-of-N.json; 'policyexport merge-index'
combines the shards' indexes. --shard auto reads CI_NODE_INDEX/CI_NODE_TOTAL
(GitLab), JOB_COMPLETION_INDEX (Kubernetes Indexed Job; total from
--shard-total or POLICYEXPORT_SHARD_TOTAL), CIRCLE_NODE_INDEX/TOTAL or
BUILDKITE_PARALLEL_JOB/_COUNT.

Exit codes: 0 success; 1 a document failed, the check found drift, or the
run was interrupted (SIGINT, SIGTERM, or standard output closed by its
reader); 2 a usage error.

Examples:
   policyexport batch --out public/ sites.yaml
   policyexport batch --check --out public/ sites.yaml
   for k in 1 2 3 4; do policyexport batch --shard $k/4 --out public/ sites.yaml || break; done
   policyexport merge-index --verify --dir public/`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Value: "out", Usage: "write outputs and the index into `DIR`"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), DefaultText: "the number of CPUs", Usage: "render `N` documents at once"},
			&cli.StringFlag{Name: "pattern", Usage: "output path `PATTERN` under --out, with {name}, {template}, {ext}, {format}, {locale} (default: the manifest's output, else {name}/{template}.{ext})"},
			&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "`FORMATS` for documents whose manifest entry names none, repeatable or comma-separated (default: all four)"},
			&cli.BoolFlag{Name: "check", Usage: "write nothing; compare what would be written with --out and its index, and fail on any difference"},
			&cli.StringFlag{Name: "shard", Usage: "render only shard `K/N` of the documents, or auto (from CI variables)"},
			&cli.IntFlag{Name: "shard-total", DefaultText: "POLICYEXPORT_SHARD_TOTAL", Usage: "`N` shards, for --shard auto with JOB_COMPLETION_INDEX"},
			&cli.BoolFlag{Name: "fail-fast", Usage: "start no new document after the first failure"},
			&cli.BoolFlag{Name: "keep-stale", Usage: "keep the files that the previous index lists and the manifest no longer writes (default: remove them); the new index does not list them, so later runs keep them too"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar and no summary on standard error (--log json still ends with its summary line)"},
			&cli.StringFlag{Name: "log", Value: "text", Usage: "`FORMAT` of what is said: text, or json: JSON Lines on standard output (documents, removed and differing files, a summary)"},
		}, sharedFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			var argErr error
			switch cmd.NArg() {
			case 0:
				argErr = usagef("batch needs a manifest: policyexport batch MANIFEST (YAML, JSON or CSV)")
			case 1:
			default:
				argErr = usagef("batch takes one manifest, got %d arguments: %q", cmd.NArg(), cmd.Args().Slice())
			}
			if argErr == nil {
				argErr = outIsDir(cmd, "batch")
			}
			if argErr == nil && cmd.String("out") == "" {
				argErr = usagef("--out is empty: give a directory (without the flag it is out)")
			}
			if argErr != nil {
				if strings.EqualFold(cmd.String("log"), "json") {
					errorSummary(env, argErr)
				}
				return argErr
			}
			c := batchConfig{
				manifest: cmd.Args().First(), out: cmd.String("out"), jobs: cmd.Int("jobs"),
				pattern: cmd.String("pattern"), formats: cmd.StringSlice("format"), check: cmd.Bool("check"),
				shard: cmd.String("shard"), shardTotal: cmd.Int("shard-total"), failFast: cmd.Bool("fail-fast"),
				keepStale: cmd.Bool("keep-stale"), quiet: cmd.Bool("quiet"), log: cmd.String("log"),
				render: sharedConfig(cmd),
			}
			return c.run(ctx, env)
		},
	}
}

// run runs the batch. Once --log is known, every outcome is reported
// through a batchLog: with --log json the last line on standard output is
// always a {"summary": ...}, also when the run could not start (a bad
// manifest or flag value), while the message goes to standard error.
func (c *batchConfig) run(ctx context.Context, env Env) error {
	log, err := choice("--log", c.log, flagChoices["log"]...)
	if err != nil {
		return err
	}
	c.log = log
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	reporter := newBatchLog(env, c, stop)
	start := time.Now()
	plan, res, err := c.runPlan(ctx, env, reporter)
	err = c.outcome(plan, res, err)
	if res != nil || reporter.json {
		if lerr := reporter.finish(plan, res, time.Since(start), err); lerr != nil && err == nil {
			err = fmt.Errorf("write to standard output: %w", lerr)
		}
	}
	return err
}

// runPlan checks the flags, loads the manifest, makes the plan and runs
// it. plan is nil when the manifest could not be planned; res is nil
// when the run did not start.
func (c *batchConfig) runPlan(ctx context.Context, env Env, reporter *batchLog) (*batch.Plan, *batch.Result, error) {
	if c.jobs < 1 || c.jobs > batch.MaxJobs {
		return nil, nil, usagef("-j %d: want 1 to %d", c.jobs, batch.MaxJobs)
	}
	if err := atLeast("--shard-total", c.shardTotal, 0); err != nil {
		return nil, nil, err
	}
	if err := oneStdin(append([][2]string{{"the manifest", c.manifest}}, c.render.stdinFlags()...)...); err != nil {
		return nil, nil, err
	}
	if err := c.render.normalize(); err != nil {
		return nil, nil, err
	}
	warnFooterLookalikes(env, c.render.footer)
	warnLangCountry(env, c.render.lang)
	shard, err := c.parseShard(env)
	if err != nil {
		return nil, nil, err
	}
	if c.pattern != "" {
		if err := batch.CheckPattern(c.pattern); err != nil {
			return nil, nil, usagef("--pattern %q: %v", c.pattern, err)
		}
	}
	var formats []render.Format
	if len(c.formats) > 0 {
		if formats, err = parseFormatFlags(c.formats); err != nil {
			return nil, nil, err
		}
	}
	if err := c.render.checkLimits(); err != nil {
		return nil, nil, err
	}
	// --out itself a file is package batch's error, said before
	// anything is written; one further up is said here in render's words.
	if err := underFile("--out", c.out, filepath.Dir(c.out)); err != nil {
		return nil, nil, err
	}
	// The backend options do not depend on the document here: the date,
	// image directory and HTML directory are decided per document by
	// package batch.
	opts, err := c.render.options(env)
	if err != nil {
		return nil, nil, err
	}
	topts, fopts, ropts, err := backendOptions(opts)
	if err != nil {
		return nil, nil, err
	}
	data, err := readInput(env, "manifest", c.manifest, batch.MaxManifestBytes, "")
	if err != nil {
		return nil, nil, err
	}
	plan, err := batch.LoadPlan(c.manifest, data, batch.PlanOptions{
		Dir: filepath.Dir(c.manifest), Pattern: c.pattern, Formats: formats, Shard: shard, Template: topts,
		ReadFile: batch.WaitingReader(ctx, topts.MaxBytes),
	})
	if err != nil {
		return nil, nil, err
	}
	// As render does, before anything is written: a --footer field that
	// names no value is one usage error, not a failure of each document.
	if err := plan.CheckFooter(c.render.footer); err != nil {
		return nil, nil, batchError(err)
	}

	reporter.readValues = batch.WaitingReader(ctx, topts.MaxBytes)
	if !c.render.strict {
		warnUnused(ctx, env, plan, c.manifest, topts.MaxBytes, c.render.footer, c.render.baseURL)
	}
	if err := c.warnTemplates(env, plan, opts); err != nil {
		return nil, nil, err
	}
	bar := c.progressBar(env, plan.Len())
	bopts := batch.Options{
		Out: c.out, Jobs: c.jobs, Check: c.check, FailFast: c.failFast, KeepStale: c.keepStale, Strict: c.render.strict,
		Fill: fopts, Render: ropts, DateFlag: c.render.date, SourceDateEpoch: env.getenv("SOURCE_DATE_EPOCH"),
		Progress: func(e batch.Event) {
			if bar != nil {
				bar.add()
			}
			reporter.document(e)
		},
	}
	res, err := func() (*batch.Result, error) {
		defer batchGCPercent(env)()
		return batch.Run(ctx, plan, bopts)
	}()
	if bar != nil {
		bar.finish()
	}
	if res != nil {
		warnBackends(env, res.Warnings)
	}
	return plan, res, batchError(err)
}

// batchError is the command's error for an error of package batch: a
// footer field that names no value is a usage error of --footer, as it
// is for render.
func batchError(err error) error {
	var footer *batch.FooterFieldError
	if errors.As(err, &footer) {
		return usagef("--footer %q: %s", footer.Footer, footer.Reason())
	}
	return err
}

// outcome is the error a finished batch.Run ends the command with.
func (c *batchConfig) outcome(plan *batch.Plan, res *batch.Result, err error) error {
	switch {
	case err != nil || res == nil:
		return err
	case res.Interrupted:
		return fmt.Errorf("stopped after %d of %d documents (--fail-fast); the index was not written", res.Documents, plan.Len())
	case len(res.Failures) > 0:
		return fmt.Errorf("%d of %d documents failed", len(res.Failures), plan.Len())
	case c.check && len(res.Drift) > 0:
		verb := "differ"
		if len(res.Drift) == 1 {
			verb = "differs"
		}
		return fmt.Errorf("check: %s in %s %s from the manifest's rendering (%s)", counted(len(res.Drift), "file"), c.out, verb, driftFix(res.Drift, c.out))
	}
	return nil
}

// driftFix says how the drift ds goes away. A batch writes the stale and
// the missing files, but removes only files its index lists, so an
// unexpected file stays until it is removed: "the same batch writes
// them" alone sent a user round a batch whose --check still failed.
//
// The one file missing from a sharded batch's out is the index that
// merge-index writes from the shards' indexes there: "the same batch
// writes it" sent a user round a whole batch for it.
func driftFix(ds []batch.Drift, out string) string {
	unexpected := 0
	for _, d := range ds {
		if d.Kind == batch.Unexpected {
			unexpected++
		}
	}
	switch {
	case len(ds) == 1 && ds[0].Kind == batch.Missing && ds[0].Path == (batch.Shard{}).IndexName():
		if shards, _ := filepath.Glob(filepath.Join(out, "index.*-of-*.json")); len(shards) > 0 {
			return fmt.Sprintf("policyexport merge-index --dir %s writes it from the shards' indexes there", shellQuote(out))
		}
		return "the same batch without --check writes it"
	case unexpected == 0 && len(ds) == 1:
		return "the same batch without --check writes it"
	case unexpected == 0:
		return "the same batch without --check writes them"
	case unexpected == len(ds) && unexpected == 1:
		return "no document writes it, and a batch removes only the files its index lists: remove it"
	case unexpected == len(ds):
		return "no document writes them, and a batch removes only the files its index lists: remove them"
	}
	if unexpected == 1 {
		return fmt.Sprintf("the same batch without --check writes %d of them; remove the unexpected one, which no document writes", len(ds)-1)
	}
	return fmt.Sprintf("the same batch without --check writes %d of them; remove the %d unexpected ones, which no document writes", len(ds)-unexpected, unexpected)
}

// warnUnused warns, as render does, about values that no placeholder of
// a document's template uses, nor footer (--footer) or base
// (--base-url) names (with --strict such a document fails instead).
// Documents with the same warning share one line, so that a manifest
// default unused by one template does not print a line for each of ten
// thousand documents.
//
// Each unused value is said where it is given, as render says it
// ("sites.yaml:9:21: {region} is given here", or the values file's
// line): the manifest and its values files are read again for it, only
// when a value is unused.
func warnUnused(ctx context.Context, env Env, plan *batch.Plan, manifest string, limit int, footer, base string) {
	var ws []docWarning
	var places *batch.ValuePlaces
	loaded := false
	for j := range plan.Jobs() {
		t := j.Template.Parsed
		unused := t.UnusedBy(j.Values.Map(), footer, base)
		msg := t.UnusedMessage(unused)
		if msg == "" {
			continue
		}
		if !loaded {
			if m := reloadManifest(manifest); m != nil {
				places = batch.NewValuePlaces(m, filepath.Dir(manifest), batch.WaitingReader(ctx, limit))
			}
			loaded = true
		}
		ws = append(ws, docWarning{j.Name, msg + givenHere(places, j.Name, unused)})
	}
	warnDocuments(env, ws)
}

// givenHere says where each of the values names of document doc is
// given, a line each ("\nsites.yaml:9:21: {region} is given here"), as
// the warning and the --strict failure about unused values say it; ""
// for those places does not know.
func givenHere(places *batch.ValuePlaces, doc string, names []string) string {
	var b strings.Builder
	for _, name := range names {
		if at := places.Place(doc, name); at != "" {
			fmt.Fprintf(&b, "\n%s: {%s} is given here", at, name)
		}
	}
	return b.String()
}

// warnBackends warns, as render does, of what the backends warned of
// while rendering the documents (the PDF's bold text drawn regular, say),
// whatever the warning is; documents with the same warning share one
// line.
func warnBackends(env Env, ws []batch.Warning) {
	dws := make([]docWarning, len(ws))
	for i, w := range ws {
		dws[i] = docWarning{w.Document, w.In(w.Template)}
	}
	warnDocuments(env, dws)
}

// docWarning is a warning's message for one document of a batch.
type docWarning struct{ doc, msg string }

// warnDocuments prints each message of ws once, in the order it first
// comes, with the documents that have it: "policyexport: warning: a and
// 2 other documents: MESSAGE".
func warnDocuments(env Env, ws []docWarning) {
	docs := map[string][]string{}
	var order []string
	for _, w := range ws {
		if docs[w.msg] == nil {
			order = append(order, w.msg)
		}
		docs[w.msg] = append(docs[w.msg], w.doc)
	}
	for _, msg := range order {
		names := docs[msg]
		who := names[0]
		if len(names) > 1 {
			who = names[0] + " and " + counted(len(names)-1, "other document")
		}
		fmt.Fprintf(env.Stderr, "policyexport: warning: %s: %s\n", who, options.CommandWording(msg))
	}
}

// warnTemplates warns, as render does, about the raw HTML the outputs
// drop and about the headings the PDF tags at another level than
// written: once per place in each template, however many documents use
// it. A heading is warned about when some document of its template is a
// PDF without ua-1 (with ua-1 the document fails instead).
func (c *batchConfig) warnTemplates(env Env, plan *batch.Plan, opts policyexport.Options) error {
	var order []*batch.Template
	seen := map[*batch.Template]bool{}
	formats := map[*batch.Template][]render.Format{}
	plainPDF := map[*batch.Template]bool{} // a PDF without ua-1
	for j := range plan.Jobs() {
		if !seen[j.Template] {
			seen[j.Template] = true
			order = append(order, j.Template)
		}
		for _, f := range j.Formats() {
			if !slices.Contains(formats[j.Template], f) {
				formats[j.Template] = append(formats[j.Template], f)
			}
			if f == render.PDF {
				std, err := pdf.ParseStandard(cmp.Or(j.PDFStandard, opts.PDFStandard))
				if err != nil {
					return fmt.Errorf("%s: pdfStandard: %w", j.Name, err)
				}
				plainPDF[j.Template] = plainPDF[j.Template] || !std.UA
			}
		}
	}
	for _, t := range order {
		for _, n := range t.Parsed.Notices() {
			name := t.Parsed.Name()
			printWarnings(env, []policyexport.Warning{{Kind: policyexport.WarningKind(n.Kind), Template: name, Pos: n.Pos, Message: n.In(name)}})
		}
		if dropping := options.Options(opts).HTMLDroppedBy(formats[t]); dropping != nil {
			for _, p := range t.Parsed.RawHTML() {
				name := t.Parsed.Name()
				msg := options.DroppedHTMLMessage(name, p, dropping, options.Options(opts).UnsafeHTMLHint(options.UnsafeHTMLName))
				printWarnings(env, []policyexport.Warning{{Kind: policyexport.DroppedHTML, Template: name, Pos: p, Formats: dropping, Message: msg}})
			}
		}
		if plainPDF[t] {
			name, blocks, title := t.Parsed.Name(), t.Parsed.Blocks(), t.Parsed.FrontMatter().Meta.Title
			for _, h := range t.Parsed.SkippedHeadings(options.Options(opts).Fill("")) {
				printWarnings(env, []policyexport.Warning{{Kind: policyexport.HeadingLevel, Template: name, Pos: h.At, Message: pdf.HeadingWarning(name, h, blocks, title)}})
			}
		}
	}
	return nil
}

// parseShard reads --shard K/N, or --shard auto from CI variables.
func (c *batchConfig) parseShard(env Env) (batch.Shard, error) {
	switch {
	case c.shard == "":
		return batch.Shard{}, nil
	case strings.EqualFold(c.shard, "auto"):
	default:
		s, err := batch.ParseShard(c.shard)
		if err != nil {
			return s, usageError{fmt.Errorf("--shard: %w", err)}
		}
		return s, nil
	}
	total := c.shardTotal
	if total == 0 {
		if v := env.getenv("POLICYEXPORT_SHARD_TOTAL"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return batch.Shard{}, usagef("POLICYEXPORT_SHARD_TOTAL=%q is not a number", v)
			}
			total = n
		}
	}
	// Each runner: its index variable, whether it counts from 0, and its
	// total variable ("" when the total comes from the flag).
	runners := []struct{ index, total string }{
		{"CI_NODE_INDEX", "CI_NODE_TOTAL"},                         // GitLab, 1-based
		{"JOB_COMPLETION_INDEX", ""},                               // Kubernetes Indexed Job, 0-based
		{"CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL"},                 // CircleCI, 0-based
		{"BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT"}, // Buildkite, 0-based
	}
	for _, r := range runners {
		iv := env.getenv(r.index)
		if iv == "" {
			continue
		}
		idx, err := strconv.Atoi(iv)
		if err != nil {
			return batch.Shard{}, usagef("--shard auto: %s=%q is not a number", r.index, iv)
		}
		n := total
		if r.total != "" && c.shardTotal == 0 {
			tv := env.getenv(r.total)
			if n, err = strconv.Atoi(tv); err != nil {
				return batch.Shard{}, usagef("--shard auto: %s=%q is not a number", r.total, tv)
			}
		}
		if n == 0 {
			return batch.Shard{}, usagef("--shard auto: %s is set but the number of shards is not (give --shard-total or POLICYEXPORT_SHARD_TOTAL)", r.index)
		}
		if r.index != "CI_NODE_INDEX" {
			idx++
		}
		s, err := batch.ParseShard(fmt.Sprintf("%d/%d", idx, n))
		if err != nil {
			return s, usagef("--shard auto (%s): %v", r.index, err)
		}
		return s, nil
	}
	return batch.Shard{}, usagef("--shard auto: no CI shard variable is set (CI_NODE_INDEX, JOB_COMPLETION_INDEX, CIRCLE_NODE_INDEX, BUILDKITE_PARALLEL_JOB)")
}

// progressBar returns the progress line on stderr when it is a terminal
// and not --quiet, else nil.
func (c *batchConfig) progressBar(env Env, total int) *progressLine {
	if c.quiet {
		return nil
	}
	desc := "rendering"
	if c.check {
		desc = "checking"
	}
	return newProgressLine(env.Stderr, desc, total)
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n    ") }
