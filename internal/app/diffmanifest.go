package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/atomicfile"
	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/redline"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
)

// diffIndex is the index.json of a manifest diff: which documents
// changed and how much, which were added and which removed.
type diffIndex struct {
	SchemaVersion int             `json:"schemaVersion"`
	Old           string          `json:"old"`
	New           string          `json:"new"`
	Changed       int             `json:"changed"`
	Documents     []diffIndexItem `json:"documents"`
	Added         []string        `json:"added"`
	Removed       []string        `json:"removed"`
}

// diffIndexItem is one document both manifests have.
type diffIndexItem struct {
	Name    string `json:"name"`
	Changes int    `json:"changes"`
	Summary string `json:"summary"`
	// Meta names the metadata fields that changed (a locale: "lang").
	Meta  []string `json:"meta,omitempty"`
	Files []string `json:"files"`
}

// valueFlags names the first of the flags that give values on the
// command line (--set, --values, --new-set, --new-values), "" for none:
// --manifest refuses them, which it silently ignored before ("missing
// value for {who}" after --set who=World).
func (c *diffConfig) valueFlags() string {
	switch {
	case len(c.sets) > 0:
		return "--set"
	case len(c.valuesFiles) > 0:
		return "--values"
	case len(c.newSets) > 0:
		return "--new-set"
	case len(c.newValues) > 0:
		return "--new-values"
	}
	return ""
}

// runManifests compares every document of two manifests (or of one
// manifest and its version at --git REV) and writes a redline for each
// document whose rendering changed, and index.json; it reports whether
// anything changed.
func (c *diffConfig) runManifests(ctx context.Context, env Env) (bool, error) {
	formats, err := c.diffFormats()
	if err != nil {
		return false, err
	}
	if c.output != "" {
		return false, usagef("--manifest writes one redline per changed document into --out DIR; -o cannot name them")
	}
	if f := c.valueFlags(); f != "" {
		return false, usagef("--manifest takes each document's values from its manifest (defaults and documents), as batch does; %s cannot be used with it", f)
	}
	if err := c.normalize(); err != nil {
		return false, err
	}
	warnFooterLookalikes(env, c.footer)
	warnLangCountry(env, c.lang)
	if c.old == "-" || c.new == "-" {
		return false, usagef("--manifest reads manifests from files, not standard input")
	}
	if c.gitRev != "" && strings.HasPrefix(c.gitRev, "-") {
		return false, usagef("--git %q: a revision cannot start with \"-\"", c.gitRev)
	}
	if err := c.checkLimits(); err != nil {
		return false, err
	}
	opts, err := c.options(env)
	if err != nil {
		return false, err
	}
	topts, fopts, ropts, err := backendOptions(opts)
	if err != nil {
		return false, err
	}
	// The date and image directory are each document's own (diffJob).
	base, err := render.New(ropts, formats)
	if err != nil {
		return false, err
	}
	base = base.ForRedline()
	oldName, oldRead := c.old, (func(string) ([]byte, error))(nil)
	if c.gitRev != "" {
		oldName = c.gitRev + ":" + c.new
		oldRead = func(name string) ([]byte, error) { return gitShow(ctx, c.gitRev, name, topts.MaxBytes) }
	}
	oldPath := c.old
	if c.gitRev != "" {
		oldPath = c.new
	}
	oldPlan, err := loadPlan(ctx, env, oldName, oldPath, oldRead, topts)
	if err != nil {
		return false, err
	}
	newPlan, err := loadPlan(ctx, env, c.new, c.new, nil, topts)
	if err != nil {
		return false, err
	}
	olds := map[string]*batch.Job{}
	for j := range oldPlan.Jobs() {
		olds[j.Name] = j
	}
	idx := diffIndex{SchemaVersion: 1, Old: oldName, New: c.new, Documents: []diffIndexItem{}, Added: []string{}, Removed: []string{}}
	// As a batch's, the output tree's links are never followed: a
	// redline or index that is a symbolic link is replaced by the file.
	g := atomicfile.Group{NoFollow: true}
	seen := map[string]bool{}
	for nj := range newPlan.Jobs() {
		seen[nj.Name] = true
		oj, ok := olds[nj.Name]
		if !ok {
			idx.Added = append(idx.Added, nj.Name)
			continue
		}
		item, err := c.diffJob(env, &g, base, formats, oj, nj, fopts)
		if err != nil {
			return false, fmt.Errorf("document %s: %w", nj.Name, err)
		}
		if item.Changes > 0 || len(item.Meta) > 0 {
			idx.Changed++
		}
		idx.Documents = append(idx.Documents, item)
	}
	for oj := range oldPlan.Jobs() {
		if !seen[oj.Name] {
			idx.Removed = append(idx.Removed, oj.Name)
		}
	}
	data, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return false, err
	}
	if st, err := os.Stat(c.outDir); err == nil && !st.IsDir() {
		return false, fmt.Errorf("--out %s is a file, not a directory", c.outDir)
	}
	if err := notBatchOut(c.outDir); err != nil {
		return false, err
	}
	stale, err := c.staleRedlines(idx)
	if err != nil {
		return false, err
	}
	if err := ctx.Err(); err != nil {
		return false, fmt.Errorf("interrupted before writing: %w", err)
	}
	if err := g.Commit(); err != nil {
		return false, fmt.Errorf("%w; no output was written", err)
	}
	// As a batch does: the stale files go before the new index is
	// written, so that an index never stops listing a file that is
	// still to be removed.
	if _, err := stale.Remove(); err != nil {
		return false, err
	}
	ig := atomicfile.Group{NoFollow: true}
	ig.Add(filepath.Join(c.outDir, diffIndexName), append(data, '\n'), 0o644)
	if err := ig.Commit(); err != nil {
		return false, fmt.Errorf("write index: %w", err)
	}
	return idx.Changed > 0 || len(idx.Added) > 0 || len(idx.Removed) > 0, nil
}

// diffIndexName is the name of a manifest diff's index in --out.
const diffIndexName = "index.json"

// staleRedlines returns the redlines that the previous index in --out
// lists and idx does not: those of a document dropped from the
// manifests, no longer changed, or in a format no longer asked for,
// which a new run into the same --out left beside the new ones. They
// are found and removed as a batch's stale files are (batch.StaleFiles);
// with --keep-stale, none. Only files that index lists are ever removed.
func (c *diffConfig) staleRedlines(idx diffIndex) (*batch.StaleOutputs, error) {
	if c.keepStale {
		return &batch.StaleOutputs{}, nil
	}
	previous, err := readDiffIndex(c.outDir)
	if err != nil {
		return nil, err
	}
	current := []string{diffIndexName}
	for _, d := range idx.Documents {
		current = append(current, d.Files...)
	}
	return batch.StaleFiles(c.outDir, diffIndexName, previous, slices.Values(current))
}

// readDiffIndex returns the files that the index of a manifest diff in
// out lists, none when there is no index there. Anything but such an
// index is an error, so that nothing is removed on the word of a file
// diff did not write (a batch's index.json).
func readDiffIndex(out string) ([]string, error) {
	f, err := batch.OpenPreviousIndex(out, diffIndexName)
	if f == nil || err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("previous index: %w", err)
	}
	var prev diffIndex
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&prev); err != nil || prev.SchemaVersion != 1 || prev.Documents == nil {
		if err == nil {
			err = errors.New("not the index of diff --manifest")
		}
		return nil, fmt.Errorf("previous index %s in --out: %w (it says which redlines a new run removes: remove it, or pass --keep-stale)", diffIndexName, err)
	}
	var files []string
	for _, d := range prev.Documents {
		files = append(files, d.Files...)
	}
	return files, nil
}

// notBatchOut refuses an --out whose index.json is a batch's, even with
// --keep-stale: the manifest diff's index would replace it, and the
// batch's files would lose the index that --check and the next batch
// read; the message about a previous index that is not a diff's had
// offered --keep-stale, which did just that.
func notBatchOut(out string) error {
	data := batch.PeekIndex(out, diffIndexName)
	if data == nil {
		return nil
	}
	if _, err := batch.DecodeIndex(diffIndexName, data); err != nil {
		return nil
	}
	return fmt.Errorf("--out %s holds a batch's index.json, which the manifest diff's index would replace: write the redlines to another --out", out)
}

// diffJob compares one document of both manifests and adds its redlines
// to g when it changed.
func (c *diffConfig) diffJob(env Env, g *atomicfile.Group, base *render.Renderer, formats []render.Format, oj, nj *batch.Job, fopts template.FillOptions) (diffIndexItem, error) {
	item := diffIndexItem{Name: nj.Name, Files: []string{}}
	oldDoc, err := fillJob(oj, fopts)
	if err != nil {
		return item, err
	}
	newDoc, err := fillJob(nj, fopts)
	if err != nil {
		return item, err
	}
	res, err := redline.Compare(oldDoc, newDoc)
	if err != nil {
		return item, fmt.Errorf("%s: %w", nj.Template.Name, err)
	}
	// The parts compared coarsely, as diff of two templates says them,
	// with the document's name in front as batch's warnings have it.
	var ws []policyexport.Warning
	for _, w := range res.Warnings {
		ws = append(ws, policyexport.Warning{Kind: policyexport.WarningKind(w.Kind), Template: nj.Template.Name, Pos: w.Pos, Message: w.In(nj.Template.Name)})
	}
	var dws []docWarning
	for _, w := range capRedlineWarnings(ws) {
		dws = append(dws, docWarning{nj.Name, w.Message})
	}
	warnDocuments(env, dws)
	item.Changes, item.Summary = len(res.Changes), redline.Counts(res.Changes)
	for _, m := range res.Meta {
		item.Meta = append(item.Meta, m.Field)
	}
	if !res.Changed() {
		return item, nil
	}
	var oldImages render.OldImages
	if res.Redline, oldImages, err = render.OldImagesFrom(res.Redline, oldDoc, oj.Template.Dir, nj.Template.Dir); err != nil {
		return item, withFile(oj.Template.Name, err)
	}
	date, _, err := render.DocumentDate(render.DateInputs{Flag: c.date, SourceDateEpoch: env.getenv("SOURCE_DATE_EPOCH"),
		FrontMatter: newDoc.Meta.Date, FrontMatterPos: nj.Template.Parsed.FrontMatter().DatePos, LastUpdated: newDoc.Values["lastUpdated"]})
	if err != nil {
		return item, withFile(nj.Template.Name, err)
	}
	outs, err := c.renderDiff(base.WithDocument(date, nj.Template.Dir), formats, res, redline.Side{Name: oj.Template.Name, Doc: oldDoc}, redline.Side{Name: nj.Template.Name, Doc: newDoc})
	if e, ok := oldImages.Error(err); ok {
		return item, withFile(oj.Template.Name, e)
	} else if err != nil {
		return item, withFile(nj.Template.Name, err)
	}
	for _, o := range outs {
		name := nj.Name + "." + o.ext
		item.Files = append(item.Files, name)
		g.Add(filepath.Join(c.outDir, name), o.data, 0o644)
	}
	return item, nil
}

// fillJob fills a manifest document, with its locale as the document's
// language (as batch fills it: its fixed text and {name|date} too).
func fillJob(j *batch.Job, fopts template.FillOptions) (*ast.Document, error) {
	fopts.Lang = j.Locale // "" keeps the template's own
	doc, _, err := j.Template.Parsed.Fill(j.Values.Map(), fopts)
	return doc, err
}

// loadPlan reads the manifest at path, called name in messages (its
// relative paths resolve against path's directory), through read (nil:
// the file system, batch.WaitingReader(ctx)) and plans it.
func loadPlan(ctx context.Context, env Env, name, path string, read func(string) ([]byte, error), topts template.Options) (*batch.Plan, error) {
	var data []byte
	var err error
	if read != nil {
		data, err = read(path)
	} else {
		data, err = readInput(env, "manifest", name, batch.MaxManifestBytes, "")
	}
	if err != nil {
		return nil, err
	}
	m, err := batch.Load(name, data)
	if err != nil {
		return nil, err
	}
	if read == nil {
		read = batch.WaitingReader(ctx, topts.MaxBytes)
	}
	return batch.NewPlan(m, batch.PlanOptions{Dir: filepath.Dir(path), Template: topts, ReadFile: read})
}
