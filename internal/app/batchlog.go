package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/options"
)

// errStdoutClosed is why a batch stops when its reader goes away
// ("batch --log json | head -n 1").
var errStdoutClosed = errors.New("standard output was closed (broken pipe)")

// batchLog writes what a batch run reports. With --log json standard
// output carries JSON Lines only: one object per finished document, per
// removed file ({"removed": PATH, "reason": ...}) and per drifted file
// ({"drift": KIND, "path": PATH}), then one {"summary": {...}}. With
// --log text, drift is printed on standard output as "KIND PATH". Human
// messages (failures, removed files in text mode, the totals) always go
// to standard error. A write to standard output that fails with a broken
// pipe stops the run through stop, as SIGTERM would.
type batchLog struct {
	stdout, stderr io.Writer
	manifest       string // the manifest's path, to name a failed document's entry
	json           bool
	quiet          bool
	check          bool
	enc            *json.Encoder
	stop           context.CancelCauseFunc
	err            error // the first failed write to standard output
	// places holds where each document's entry starts in the manifest
	// ("sites.yaml:7:5" by name), read once, at the first failure;
	// placesRead says it was.
	places     map[string]string
	placesRead bool
	fonts      *fontHints // for a failure for a character no font has
	// readValues reads the manifest's values files, for where a value
	// is given (valuePlaces, read at the first --strict failure about
	// unused values; valuesRead says it was).
	readValues  func(string) ([]byte, error)
	valuePlaces *batch.ValuePlaces
	valuesRead  bool
}

func newBatchLog(env Env, c *batchConfig, stop context.CancelCauseFunc) *batchLog {
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	return &batchLog{stdout: env.Stdout, stderr: env.Stderr, manifest: c.manifest, json: c.log == "json", quiet: c.quiet, check: c.check, enc: enc, stop: stop, fonts: newFontHints(env)}
}

// emit writes one JSON line (json) or one text line to standard output.
func (l *batchLog) emit(v any, text string) {
	if l.err != nil {
		return
	}
	var err error
	if l.json {
		err = l.enc.Encode(v)
	} else {
		_, err = fmt.Fprintln(l.stdout, text)
	}
	if err != nil {
		l.err = err
		if errors.Is(err, syscall.EPIPE) {
			l.stop(errStdoutClosed)
		}
	}
}

type logFile struct {
	Path   string `json:"path"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

type logEntry struct {
	Document string `json:"document"`
	Status   string `json:"status"`
	// Place is where a failed document's entry starts in the manifest,
	// "sites.yaml:7:5" (none for a manifest from standard input).
	Place  string    `json:"place,omitempty"`
	Error  string    `json:"error,omitempty"`
	Files  []logFile `json:"files,omitempty"`
	Done   int       `json:"done"`
	Total  int       `json:"total"`
	Millis float64   `json:"ms"`
}

// document reports one finished document (JSON only).
func (l *batchLog) document(e batch.Event) {
	if !l.json {
		return
	}
	d := logEntry{Document: e.Name, Status: "ok", Done: e.Done, Total: e.Total, Millis: float64(e.Duration.Microseconds()) / 1000}
	if e.Err != nil {
		d.Status, d.Error, d.Place = "failed", options.CommandWording(l.fonts.explain(e.Err).Error()), l.entryPlace(e.Name)
	}
	for _, f := range e.Files {
		d.Files = append(d.Files, logFile{Path: f.Path, Bytes: f.Bytes, SHA256: f.SHA256})
	}
	l.emit(d, "")
}

type logRemoved struct {
	Removed string `json:"removed"`
	Reason  string `json:"reason"`
}

type logDrift struct {
	Drift batch.DriftKind `json:"drift"`
	Path  string          `json:"path"`
}

type logSummary struct {
	Summary summary `json:"summary"`
}

type summary struct {
	// Status is ok, failed (a document failed), drift (--check found
	// differences), interrupted, or error (the run could not be done).
	Status    string  `json:"status"`
	Check     bool    `json:"check,omitempty"`
	Shard     string  `json:"shard,omitempty"`
	Documents int     `json:"documents"`
	Total     int     `json:"total"`
	Files     int     `json:"files"`
	Failed    int     `json:"failed"`
	Drift     int     `json:"drift"`
	Pruned    int     `json:"pruned"`
	Error     string  `json:"error,omitempty"`
	Seconds   float64 `json:"seconds"`
}

// givenAt returns where the manifest's values are given, read at the
// first call (nil for a manifest from standard input, or one that no
// longer loads), as warnUnused reads them.
func (l *batchLog) givenAt() *batch.ValuePlaces {
	if !l.valuesRead {
		l.valuesRead = true
		if m := reloadManifest(l.manifest); m != nil && l.readValues != nil {
			l.valuePlaces = batch.NewValuePlaces(m, filepath.Dir(l.manifest), l.readValues)
		}
	}
	return l.valuePlaces
}

// entryPlace returns where the manifest's entry of the document name
// starts, "sites.yaml:7:5", or "" when it is not known. The manifest is
// read at the first call, which only a failure makes.
func (l *batchLog) entryPlace(name string) string {
	if !l.placesRead {
		l.places, l.placesRead = entryPlaces(l.manifest), true
	}
	return l.places[name]
}

// entryPlaces returns where the manifest's entry of each document
// starts, "sites.yaml:4:5" by name, so that a failure names the
// entry to fix as well as the template's place: the plan keeps no
// places (it is kept small for 10,000 documents), so the manifest is
// read again, only when a document failed. A manifest read from standard
// input, or one that no longer loads, gives none.
func entryPlaces(manifest string) map[string]string {
	m := reloadManifest(manifest)
	if m == nil {
		return nil
	}
	places := make(map[string]string, len(m.Documents))
	for _, d := range m.Documents {
		places[d.Name] = fmt.Sprintf("%s:%s", manifest, d.Pos)
	}
	return places
}

// reloadManifest reads and loads the manifest at path again, for the
// places the plan does not keep; nil for one read from standard input
// ("-") or one that no longer loads.
func reloadManifest(path string) *batch.Manifest {
	if path == "-" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, batch.MaxManifestBytes))
	if err != nil {
		return nil
	}
	m, err := batch.Load(path, data)
	if err != nil {
		return nil
	}
	return m
}

// withJSONSummary makes a batch command-line error that urfave/cli finds
// while parsing (an unknown flag, "--jobs x") end with the JSON summary
// line when the command line asks for --log json, as every other outcome
// does. The flags are not parsed then, so the arguments are read as
// written: "--log json" or "--log=json" before "--".
func withJSONSummary(env Env, next cli.OnUsageErrorFunc) cli.OnUsageErrorFunc {
	return func(ctx context.Context, cmd *cli.Command, err error, isSubcommand bool) error {
		err = next(ctx, cmd, err, isSubcommand)
		if logJSONAsked(env.Args) {
			errorSummary(env, err)
		}
		return err
	}
}

// errorSummary writes the JSON summary of a batch that could not start
// because of err. A failed write is not reported: err is what the
// command reports.
func errorSummary(env Env, err error) {
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(logSummary{summary{Status: "error", Error: options.CommandWording(err.Error())}})
}

// logJSONAsked reports whether args, before "--", give --log json.
func logJSONAsked(args []string) bool {
	for i, a := range args {
		if a == "--" {
			return false
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "log" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		if strings.EqualFold(value, "json") {
			return true
		}
	}
	return false
}

// finish reports the end of a run: the removed files, the failures, the
// drift and the totals. outcome is the error the command ends with (nil
// for success); res is nil when the run could not start (plan is nil too
// when the manifest could not be planned), and then only the JSON
// summary is written. It returns the first failed write to
// standard output.
func (l *batchLog) finish(plan *batch.Plan, res *batch.Result, took time.Duration, outcome error) error {
	started := res != nil
	if !started {
		res = &batch.Result{}
	}
	if plan == nil { // the manifest could not be planned
		plan = &batch.Plan{}
	}
	removed := func(path, reason string) {
		if l.json {
			l.emit(logRemoved{Removed: path, Reason: reason}, "")
		} else if !l.quiet {
			fmt.Fprintf(l.stderr, "policyexport: removed %s: %s\n", path, reason)
		}
	}
	for _, r := range res.Removed {
		removed(r, "a temporary file left by an interrupted run")
	}
	for _, r := range res.Pruned {
		removed(r, "no longer written by the manifest (--keep-stale keeps such files)")
	}
	l.failures(res.Failures)
	for _, d := range res.Drift {
		l.emit(logDrift{Drift: d.Kind, Path: d.Path}, fmt.Sprintf("%s %s", d.Kind, d.Path))
	}
	s := summary{
		Status: "ok", Check: l.check, Documents: res.Documents, Total: plan.Len(), Files: res.Files,
		Failed: len(res.Failures), Drift: len(res.Drift), Pruned: len(res.Pruned), Seconds: took.Seconds(),
	}
	if !plan.Shard.IsZero() {
		s.Shard = plan.Shard.String()
	}
	switch {
	case outcome == nil:
	case res.Interrupted:
		s.Status = "interrupted"
	case len(res.Failures) > 0:
		s.Status = "failed"
	case l.check && len(res.Drift) > 0:
		s.Status = "drift"
	default:
		s.Status = "error"
	}
	if outcome != nil {
		s.Error = options.CommandWording(outcome.Error())
	}
	if l.json {
		l.emit(logSummary{s}, "")
	}
	if !l.quiet && started {
		rate := 0.0
		if took > 0 {
			rate = float64(res.Documents) / took.Seconds()
		}
		verb := "wrote"
		if l.check {
			verb = "checked"
		}
		shard := ""
		if s.Shard != "" {
			shard = fmt.Sprintf(" (shard %s of %d documents)", s.Shard, plan.Documents)
		}
		fmt.Fprintf(l.stderr, "policyexport: %s %s of %s%s in %.1fs (%.0f documents/s), %d failed\n",
			verb, counted(res.Files, "file"), counted(res.Documents, "document"), shard, took.Seconds(), rate, len(res.Failures))
	}
	return l.err
}

// failures prints the failed documents, each reason once, in the order
// it first comes, with the first document that has it and its entry in
// the manifest, and how many others have it too: "FAILED a (sites.csv:2:1)
// and 39 other documents: terms.md:38:22: missing value for
// {companyAddress}". One typo in a column or a shared template failed
// every document that uses it, and each said so on a line of its own;
// --log json still gives every document its line.
func (l *batchLog) failures(fs []batch.Failure) {
	var order []string
	docs := map[string][]string{}
	for _, f := range fs {
		msg := options.CommandWording(l.fonts.explain(f.Err).Error())
		var unused *batch.UnusedValuesError
		if errors.As(f.Err, &unused) {
			msg += givenHere(l.givenAt(), f.Name, unused.Names)
		}
		if docs[msg] == nil {
			order = append(order, msg)
		}
		docs[msg] = append(docs[msg], f.Name)
	}
	for _, msg := range order {
		names := docs[msg]
		who := names[0]
		if p := l.entryPlace(who); p != "" {
			who += " (" + p + ")"
		}
		if len(names) > 1 {
			who += " and " + counted(len(names)-1, "other document")
		}
		fmt.Fprintf(l.stderr, "policyexport: FAILED %s: %s\n", who, indent(msg))
	}
}

// counted returns n and the noun, plural unless n is 1: "1 file",
// "4 files".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
