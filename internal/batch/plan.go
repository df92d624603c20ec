package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"io"
	"iter"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/atomicfile"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/values"
)

// DefaultPattern is the output path pattern when neither the manifest nor
// Options names one.
const DefaultPattern = "{name}/{template}.{ext}"

// Shard selects part of a manifest: shard Index of Total (1-based). The
// zero Shard selects every document.
type Shard struct {
	Index, Total int
}

// ParseShard parses "K/N" with 1 <= K <= N.
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want K/N, for example 2/4", s)
	}
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("shard %q: want K/N with 1 <= K <= N, for example 2/4", s)
	}
	return Shard{Index: ki, Total: ni}, nil
}

// IsZero reports whether s selects every document.
func (s Shard) IsZero() bool { return s.Total == 0 }

// String formats s as "K/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Total) }

// Contains reports whether the document called name is in shard s: the
// 64-bit FNV-1a hash of the name, modulo Total, is Index-1. The hash
// depends on the name alone, so a document stays in its shard however the
// manifest is reordered or grown.
func (s Shard) Contains(name string) bool {
	if s.IsZero() {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()%uint64(s.Total) == uint64(s.Index-1)
}

// IndexName is the index file name of shard s: "index.json", or
// "index.K-of-N.json" for a shard.
func (s Shard) IndexName() string {
	if s.IsZero() {
		return "index.json"
	}
	return fmt.Sprintf("index.%d-of-%d.json", s.Index, s.Total)
}

// Job is one document of a plan, ready to render. A plan keeps one for
// each document of the manifest for the whole run, so a Job holds only
// what cannot be derived: its output paths are expanded from the pattern
// when asked for (Path), and its formats are a set.
type Job struct {
	// Name is the document's name.
	Name string
	// Template is the parsed template the document fills.
	Template *Template
	// Values are the merged values (defaults, values files, inline).
	Values Values
	// Locale is the document's language tag ("" for the template's own).
	Locale string
	// PDFStandard is the document's pdfStandard setting in canonical form,
	// "" for the command line's --pdf-standard.
	PDFStandard string
	// Metadata is recorded in the index.
	Metadata map[string]string
	pattern  string    // the plan's output pattern
	formats  formatSet // the formats the document writes
	ref      uint32    // the ref of its first output (outputRef)
}

// Formats returns the formats the document writes, in output order (the
// order of render.All); the slice is shared and must not be changed.
func (j *Job) Formats() []render.Format { return j.formats.list() }

// Path returns the output path of the document's k-th format (Formats),
// relative to the output directory, with forward slashes.
func (j *Job) Path(k int) string {
	var buf [256]byte
	return string(j.appendPath(buf[:0], k))
}

// appendPath appends Path(k) to dst.
func (j *Job) appendPath(dst []byte, k int) []byte {
	return appendExpanded(dst, j.pattern, j.Name, j.Template.Stem, j.Formats()[k], j.Locale)
}

// Outputs returns the files the document writes, in format order, made
// anew for each call.
func (j *Job) Outputs() []Output {
	fs := j.Formats()
	out := make([]Output, len(fs))
	for k, f := range fs {
		out[k] = Output{Format: f, Path: j.Path(k)}
	}
	return out
}

// ValuesSHA256 is the hex SHA-256 of Values encoded as JSON with sorted
// keys.
func (j *Job) ValuesSHA256() string {
	sum := sha256.Sum256([]byte(j.Values.json))
	return hex.EncodeToString(sum[:])
}

// formatSet is a set of formats, one bit for each of render.All.
type formatSet uint8

// maxFormats is how many formats a document can write (render.All).
const maxFormats = 4

// formatLists are the formats of each formatSet, in render.All's order,
// made once and shared by every job.
var formatLists = func() (lists [1 << maxFormats][]render.Format) {
	for s := range lists {
		for i, f := range render.All() {
			if s&(1<<i) != 0 {
				lists[s] = append(lists[s], f)
			}
		}
	}
	return lists
}()

// newFormatSet returns the set of fs.
func newFormatSet(fs []render.Format) formatSet {
	var s formatSet
	for i, f := range render.All() {
		if slices.Contains(fs, f) {
			s |= 1 << i
		}
	}
	return s
}

func (s formatSet) list() []render.Format { return formatLists[s] }

// Output is one file of a job.
type Output struct {
	Format render.Format
	// Path is relative to the output directory, with forward slashes.
	Path string
}

// Template is a template parsed once and shared by every job that uses it.
type Template struct {
	// Name is the template's path as written in the manifest (forward
	// slashes), or the embedded template's name.
	Name string
	// Stem is the file name without extension, for {template}.
	Stem string
	// SHA256 is the hex SHA-256 of the template's bytes.
	SHA256 string
	// Dir is the directory relative image paths resolve against.
	Dir string
	// Parsed is the parsed template.
	Parsed *template.Template
}

// Plan is every job of a manifest (or of one shard of it) with the paths
// it writes, checked before anything is written.
type Plan struct {
	// Jobs are the selected documents, in manifest order.
	Jobs []*Job
	// docs are every document of the manifest, the other shards' (whose
	// Values are not read) included, in manifest order.
	docs []*Job
	// sorted are the outputs of every document, as refs (outputRef),
	// sorted by path: for --check's unexpected files, the previous
	// index's stale files and the index's order, with the paths expanded
	// when compared, never kept (40,000 paths took 2.5 MB).
	sorted []uint32
	// rank is the place in sorted of each ref.
	rank []uint32
	// Shard is the selected shard; zero for all.
	Shard Shard
	// Documents is the number of documents in the whole manifest.
	Documents int
	// ManifestSHA256 is the manifest's hash.
	ManifestSHA256 string
	// Inputs are the template and values files the plan read, as opened,
	// so that Run can refuse outputs that would replace one of them.
	Inputs []string
}

// PlanOptions says how a manifest becomes a plan.
type PlanOptions struct {
	// Dir is the directory the manifest's relative paths resolve against;
	// "" means the working directory.
	Dir string
	// Pattern overrides the manifest's output pattern when not empty.
	Pattern string
	// Formats are used for documents whose manifest entry and defaults
	// name none; nil means every format.
	Formats []render.Format
	// Shard selects the documents to plan; zero for all.
	Shard Shard
	// Template are the parse options of every template.
	Template template.Options
	// ReadFile reads a template or values file; nil means os.ReadFile
	// with the Template.MaxBytes limit.
	ReadFile func(name string) ([]byte, error)
}

// NewPlan checks every name and path of m and parses each template and
// values file once. Any problem is an error before anything is written.
func NewPlan(m *Manifest, opts PlanOptions) (*Plan, error) {
	read := opts.ReadFile
	if read == nil {
		read = limitedReader(opts.Template.MaxBytes)
	}
	pattern := opts.Pattern
	if pattern == "" {
		pattern = m.Output
	}
	if pattern == "" {
		pattern = DefaultPattern
	}
	if err := checkPattern(pattern); err != nil {
		return nil, err
	}
	p := &Plan{Shard: opts.Shard, Documents: len(m.Documents), ManifestSHA256: m.SHA256}
	templates := map[string]*Template{}
	valueFiles := map[string]map[string]string{}
	loadValues := func(rel string) (map[string]string, error) {
		if rel == "" {
			return nil, nil
		}
		full := resolve(opts.Dir, rel)
		if v, ok := valueFiles[full]; ok {
			return v, nil
		}
		data, err := read(full)
		if err != nil {
			return nil, fmt.Errorf("values file: %w", err)
		}
		p.Inputs = append(p.Inputs, full)
		v, err := values.Parse(full, data)
		if err != nil {
			return nil, err
		}
		valueFiles[full] = v
		return v, nil
	}
	defaults, err := loadValues(m.Defaults.ValuesFile)
	if err != nil {
		return nil, fmt.Errorf("%s: defaults: %w", m.File, err)
	}
	// The formats of every document that names none, found once.
	defaultFormats, defaultFormatsErr := jobFormats(nil, m.Defaults.Formats, opts.Formats)
	paths := make([]refPath, 0, maxFormats*len(m.Documents))
	names := map[string]string{} // folded name -> name
	owners := newPathOwners()
	var problems ErrorList
	// failed holds the templates and (after valuesKey) values files that
	// could not be read or parsed.
	failed := map[string]bool{}
	const valuesKey = "\x00values:"
	for _, d := range m.Documents {
		bad := func(format string, args ...any) {
			problems = append(problems, &Error{File: m.File, Pos: d.Pos, Msg: fmt.Sprintf("document %q: ", d.Name) + fmt.Sprintf(format, args...)})
		}
		if msg := checkName(d.Name); msg != "" {
			problems = append(problems, &Error{File: m.File, Pos: d.Pos, Msg: fmt.Sprintf("document name %q: %s", d.Name, msg)})
			continue
		}
		folded := strings.ToLower(d.Name)
		if other, ok := names[folded]; ok {
			if other == d.Name {
				bad("name used twice")
			} else {
				bad("name used twice (also %q; names must differ in more than letter case)", other)
			}
			continue
		}
		names[folded] = d.Name
		tmplPath := first(d.Template, m.Defaults.Template)
		t, ok := templates[tmplPath]
		if !ok {
			if failed[tmplPath] {
				continue // reported at the first document that uses it
			}
			t, err = loadTemplate(opts, read, tmplPath)
			if err != nil {
				// Report every missing or bad file, not just the first.
				failed[tmplPath] = true
				bad("%v", err)
				continue
			}
			if tmplPath != "" {
				p.Inputs = append(p.Inputs, resolve(opts.Dir, tmplPath))
			}
			templates[tmplPath] = t
		}
		formats, err := defaultFormats, defaultFormatsErr
		if d.Formats != nil {
			formats, err = jobFormats(d.Formats, nil, nil)
		}
		if err != nil {
			bad("%v", err)
			continue
		}
		locale := first(d.Locale, m.Defaults.Locale)
		job := &Job{Name: d.Name, Template: t, Locale: locale, PDFStandard: first(d.PDFStandard, m.Defaults.PDFStandard),
			Metadata: m.Defaults.Metadata, pattern: pattern, formats: newFormatSet(formats)}
		if d.Metadata != nil { // else the defaults' map, shared
			job.Metadata = mergeMaps(m.Defaults.Metadata, d.Metadata)
		}
		job.ref = uint32(len(p.docs)) << 2
		p.docs = append(p.docs, job)
		for k := range job.Formats() {
			rel := job.Path(k)
			if msg := checkPath(rel); msg != "" {
				bad("output path %q: %s", rel, msg)
				continue
			}
			if owner, taken := owners.claim(p, rel, job.ref|uint32(k)); taken {
				bad("output path %q is also written by document %q", rel, p.docs[owner>>2].Name)
				continue
			}
			paths = append(paths, refPath{rel, job.ref | uint32(k)})
		}
		if !opts.Shard.Contains(d.Name) {
			continue
		}
		if failed[valuesKey+d.ValuesFile] {
			continue
		}
		own, err := loadValues(d.ValuesFile)
		if err != nil {
			failed[valuesKey+d.ValuesFile] = true
			bad("%v", err)
			continue
		}
		vals := mergeMaps(defaults, m.Defaults.Values, own, d.Values)
		if vals == nil {
			vals = map[string]string{} // hashed as {}
		}
		job.Values = newValues(vals)
		p.Jobs = append(p.Jobs, job)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	slices.SortFunc(paths, func(a, b refPath) int { return strings.Compare(a.path, b.path) })
	p.sorted = make([]uint32, len(paths))
	p.rank = make([]uint32, len(p.docs)<<2)
	for i, rp := range paths {
		p.sorted[i] = rp.ref
		p.rank[rp.ref] = uint32(i)
	}
	return p, nil
}

// An output ref (outputRef) names the k-th output of the i-th document
// of a plan's docs as i<<2 | k (k < maxFormats).

// refPath is an output's ref and path, while a plan is made.
type refPath struct {
	path string
	ref  uint32
}

// pathOwners finds the output paths that two documents write, compared
// without letter case. It keeps a 64-bit hash of each folded path and the
// ref of the output that first claimed it, not the path: with 40,000
// paths a map of folded paths allocated 5 MB while a plan was made. Two
// paths that share a hash are told apart by their folded paths.
type pathOwners struct {
	hash  func(folded string) uint64
	first map[uint64]uint32 // hash -> ref
	more  map[string]uint32 // folded path -> ref, for paths whose hash another has
}

func newPathOwners() *pathOwners {
	seed := maphash.MakeSeed()
	return &pathOwners{hash: func(s string) uint64 { return maphash.String(seed, s) }, first: map[uint64]uint32{}}
}

// claim claims rel for the output ref of p, and reports the ref of the
// output that claimed it first, if one did.
func (o *pathOwners) claim(p *Plan, rel string, ref uint32) (owner uint32, taken bool) {
	key := strings.ToLower(rel)
	h := o.hash(key)
	first, ok := o.first[h]
	if !ok {
		o.first[h] = ref
		return 0, false
	}
	var buf [256]byte
	if strings.ToLower(string(p.appendPath(buf[:0], first))) == key {
		return first, true
	}
	if owner, ok := o.more[key]; ok {
		return owner, true
	}
	if o.more == nil {
		o.more = map[string]uint32{}
	}
	o.more[key] = ref
	return 0, false
}

// appendPath appends the path of the output ref to dst.
func (p *Plan) appendPath(dst []byte, ref uint32) []byte {
	return p.docs[ref>>2].appendPath(dst, int(ref&(maxFormats-1)))
}

// Writes reports whether a document of the manifest (of any shard)
// writes the output path rel.
func (p *Plan) Writes(rel string) bool {
	var buf [256]byte
	_, ok := slices.BinarySearchFunc(p.sorted, rel, func(ref uint32, rel string) int {
		return strings.Compare(string(p.appendPath(buf[:0], ref)), rel)
	})
	return ok
}

// paths yields the output path of every document of the manifest (of
// every shard), sorted.
func (p *Plan) paths() iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, ref := range p.sorted {
			if !yield(p.docs[ref>>2].Path(int(ref & (maxFormats - 1)))) {
				return
			}
		}
	}
}

// Values are a document's merged placeholder values, kept as their JSON
// encoding with sorted keys, which is also what ValuesSHA256 hashes. A
// plan keeps one for each document for the whole run: as a map each took
// about 550 bytes, as sorted pairs of strings about 250 (each string its
// own allocation), as one string its length.
type Values struct {
	json string
}

// newValues returns the values of m.
func newValues(m map[string]string) Values {
	data, _ := json.Marshal(m) // a map of strings always encodes; keys are sorted
	return Values{string(data)}
}

// Map returns the values as a map, made anew for each call.
func (v Values) Map() map[string]string {
	m := map[string]string{}
	_ = json.Unmarshal([]byte(v.json), &m) // encoded by newValues
	return m
}

func loadTemplate(opts PlanOptions, read func(string) ([]byte, error), rel string) (*Template, error) {
	var (
		name = defaulttemplate.Name
		full = defaulttemplate.Name
		data []byte
		dir  = opts.Dir
	)
	if rel == "" {
		data = defaulttemplate.Source()
	} else {
		name = filepath.ToSlash(path.Clean(filepath.ToSlash(rel)))
		full = resolve(opts.Dir, rel)
		dir = filepath.Dir(full)
		var err error
		data, err = read(full)
		if err != nil {
			return nil, fmt.Errorf("template: %w", err)
		}
	}
	parsed, err := template.Parse(full, data, opts.Template)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	base := path.Base(name)
	if dir == "" {
		dir = "."
	}
	return &Template{Name: name, Stem: strings.TrimSuffix(base, path.Ext(base)), SHA256: hex.EncodeToString(sum[:]), Dir: dir, Parsed: parsed}, nil
}

func limitedReader(limit int) func(string) ([]byte, error) {
	if limit <= 0 {
		limit = template.DefaultMaxBytes
	}
	return func(name string) ([]byte, error) {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory", name)
		}
		if st.Size() > int64(limit) {
			return nil, fmt.Errorf("%s is larger than the limit of %d bytes (raise it with --max-size)", name, limit)
		}
		// Read at most the limit whatever Stat said: a device such as
		// /dev/zero has size 0 and never ends (it took all memory).
		data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
		if err != nil {
			return nil, err
		}
		if len(data) > limit {
			return nil, fmt.Errorf("%s is larger than the limit of %d bytes (raise it with --max-size)", name, limit)
		}
		return data, nil
	}
}

func resolve(dir, rel string) string {
	if filepath.IsAbs(rel) || dir == "" {
		return rel
	}
	return filepath.Join(dir, rel)
}

func first(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// mergeMaps returns the union of ms, a later map's value winning. When
// only one of ms is not empty, that map itself is returned, shared, not
// copied (at 10,000 documents the copies were a tenth of what a plan
// allocated); the result must not be changed.
func mergeMaps(ms ...map[string]string) map[string]string {
	var only map[string]string
	for _, m := range ms {
		if len(m) > 0 {
			if only != nil {
				only = nil
				break
			}
			only = m
		}
	}
	if only != nil {
		return only
	}
	var out map[string]string
	for _, m := range ms {
		for k, v := range m {
			if out == nil {
				out = map[string]string{}
			}
			out[k] = v
		}
	}
	return out
}

func jobFormats(own, defaults []string, fallback []render.Format) ([]render.Format, error) {
	names := own
	if names == nil {
		names = defaults
	}
	if names == nil {
		if fallback == nil {
			return render.All(), nil
		}
		return fallback, nil
	}
	return render.ParseFormats(strings.Join(names, ","))
}

// checkName returns why name may not be a document name, or "".
func checkName(name string) string {
	switch {
	case name == "":
		return "empty"
	case !utf8.ValidString(name):
		return "not valid UTF-8"
	case len(name) > 200:
		return "longer than 200 bytes"
	case name == "." || name == "..":
		return "is a relative directory name"
	case strings.HasPrefix(name, "."):
		return "starts with '.' (hidden names are kept for temporary files)"
	case strings.ContainsAny(name, `/\`):
		return "contains a path separator"
	case filepath.IsAbs(name) || filepath.VolumeName(name) != "":
		return "is an absolute path"
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return fmt.Sprintf("contains the control character %U", r)
		}
		if r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) {
			return fmt.Sprintf("contains the invisible character %U", r)
		}
	}
	if strings.TrimSpace(name) != name {
		return "starts or ends with white space"
	}
	return ""
}

// checkPath returns why an expanded output path may not be written, or "".
func checkPath(rel string) string {
	if rel == "" || path.IsAbs(rel) || !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "must be a relative path inside --out"
	}
	for part := range strings.SplitSeq(rel, "/") {
		switch {
		case part == "" || part == "." || part == "..":
			return "has an empty, '.' or '..' component"
		case strings.HasPrefix(part, "."):
			return "has a hidden component (names starting with '.' are kept for temporary files)"
		case strings.ContainsRune(part, '\\'):
			return "contains a backslash"
		}
	}
	base := path.Base(rel)
	if atomicfile.IsTemp(base) {
		return "looks like a temporary file"
	}
	if base == rel && strings.HasPrefix(base, "index.") && strings.HasSuffix(base, ".json") {
		return "would overwrite the index"
	}
	return ""
}

// patternFields are the fields an output pattern may hold; expand gives
// their values in this order.
var patternFields = [...]string{"{name}", "{template}", "{ext}", "{format}", "{locale}"}

// checkPattern checks that an output pattern uses only known fields and
// names each document.
func checkPattern(p string) error {
	rest := p
	for _, f := range patternFields {
		rest = strings.ReplaceAll(rest, f, "")
	}
	if i := strings.IndexAny(rest, "{}"); i >= 0 {
		return fmt.Errorf("output pattern %q: unknown field (known: %s)", p, strings.Join(patternFields[:], ", "))
	}
	if !strings.Contains(p, "{name}") {
		return fmt.Errorf("output pattern %q: must contain {name}, or documents would overwrite each other", p)
	}
	if !strings.Contains(p, "{ext}") && !strings.Contains(p, "{format}") {
		return fmt.Errorf("output pattern %q: must contain {ext} or {format}, or formats would overwrite each other", p)
	}
	return nil
}

// appendExpanded appends pattern to b with each field (patternFields)
// replaced by its value; the values are not scanned for fields again. It
// runs whenever an output path is needed (a plan keeps none): a
// strings.Replacer made for each took 60 of the 100 MB a
// 10,000-document plan allocated.
func appendExpanded(b []byte, pattern, name, tmpl string, f render.Format, locale string) []byte {
	if locale == "" {
		locale = "default"
	}
	values := [len(patternFields)]string{name, tmpl, f.Ext(), string(f), locale} // in patternFields' order
	for rest := pattern; rest != ""; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b = append(b, rest...)
			break
		}
		b = append(b, rest[:i]...)
		rest = rest[i:]
		field, value := "{", "{" // a brace that starts no field
		for k, pf := range patternFields {
			if strings.HasPrefix(rest, pf) {
				field, value = pf, values[k]
				break
			}
		}
		b = append(b, value...)
		rest = rest[len(field):]
	}
	return b
}

// Formats returns every format some job of p writes, in output order.
func (p *Plan) Formats() []render.Format {
	var want formatSet
	for _, j := range p.Jobs {
		want |= j.formats
	}
	return slices.Clone(want.list())
}
