package batch

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/policyexport/policyexport/internal/version"
)

// Index is what a batch wrote: one entry per output file, sorted by path.
// It holds no time and no machine detail, so the same manifest, templates
// and values always give the same index bytes.
type Index struct {
	// Policyexport is the version that wrote the files.
	Policyexport string `json:"policyexport"`
	// Shard is set in a shard's index (index.K-of-N.json) and absent from
	// a whole or merged index.
	Shard *ShardInfo `json:"shard,omitempty"`
	// Failed are the documents that failed to render or write, sorted.
	Failed []string `json:"failed,omitempty"`
	// Files are the outputs, sorted by path.
	Files []File `json:"files"`
}

// ShardInfo says which part of which manifest a shard index covers, so
// that MergeIndexes can find gaps, overlaps and mixed manifests.
type ShardInfo struct {
	Index          int    `json:"index"`
	Total          int    `json:"total"`
	Documents      int    `json:"documents"`         // documents in this shard
	AllDocuments   int    `json:"manifestDocuments"` // documents in the whole manifest
	ManifestSHA256 string `json:"manifestSha256"`
}

// File is one output in the index.
type File struct {
	// Path is relative to the output directory, with forward slashes.
	Path   string `json:"path"`
	Format string `json:"format"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
	// Document is the manifest name of the document.
	Document string `json:"document"`
	// Template is the template's path as written in the manifest, or the
	// embedded template's name.
	Template       string            `json:"template"`
	TemplateSHA256 string            `json:"templateSha256"`
	ValuesSHA256   string            `json:"valuesSha256"`
	Locale         string            `json:"locale,omitempty"`
	Metadata       map[string]string `json:"metadata,omitempty"`
}

// Sort orders the files by path and the failures by name.
func (x *Index) Sort() {
	sort.Slice(x.Files, func(i, j int) bool { return x.Files[i].Path < x.Files[j].Path })
	sort.Strings(x.Failed)
}

// Encode returns the index as indented JSON ending in a newline.
func (x *Index) Encode() ([]byte, error) {
	var b bytes.Buffer
	err := encodeIndex(&b, x.Policyexport, x.Shard, x.Failed, func(fn func(File) error) error {
		for _, f := range x.Files {
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	})
	return b.Bytes(), err
}

// encodeIndex writes an index as indented JSON ending in a newline to w:
// the head, then the files that each hands over, encoded one at a time,
// so that the index never needs to be whole in memory.
func encodeIndex(w io.Writer, version string, shard *ShardInfo, failed []string, each func(func(File) error) error) error {
	head := struct {
		Policyexport string     `json:"policyexport"`
		Shard        *ShardInfo `json:"shard,omitempty"`
		Failed       []string   `json:"failed,omitempty"`
	}{version, shard, failed}
	var part bytes.Buffer
	enc := json.NewEncoder(&part)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(head); err != nil {
		return fmt.Errorf("encode index: %w", err)
	}
	headJSON := bytes.TrimSuffix(bytes.TrimRight(part.Bytes(), "\n"), []byte("}"))
	headJSON = bytes.TrimRight(headJSON, "\n")
	bw := bufio.NewWriter(w)
	bw.Write(headJSON)
	bw.WriteString(",\n  \"files\": [")
	enc.SetIndent("    ", "  ")
	n := 0
	err := each(func(f File) error {
		part.Reset()
		if err := enc.Encode(&f); err != nil {
			return fmt.Errorf("encode index: %w", err)
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimRight(part.Bytes(), "\n"))
		return nil
	})
	if err != nil {
		return err
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush() // a bufio.Writer keeps its first error
}

// Listing is the index of a run, kept out of memory: for each file, its
// size, its SHA-256 and its values' SHA-256 wait in a spool (see spool) at the place of its
// output in the plan's path order, the rest of its entry, its path
// included, coming from the plan when it is encoded. With 40,000 files an
// Index of Files took 10 MiB and its encoding 20 MiB more; kept as
// 48-byte entries in memory, a Listing still took 1.9 MiB; spooled, it
// takes nothing that grows with the files, and it is encoded straight
// into the index file.
type Listing struct {
	// Policyexport is the version that wrote the files.
	Policyexport string
	// Shard is set for a shard's index.
	Shard *ShardInfo
	// Failed are the documents that failed, sorted.
	Failed []string
	plan   *Plan
	spool  *spool
	n      int // files listed
	err    error
}

// newListing returns an empty Listing of p's outputs.
func newListing(p *Plan) *Listing {
	return &Listing{Policyexport: version.Version(), plan: p, spool: newSpool(len(p.sorted))}
}

// Len is the number of files listed.
func (l *Listing) Len() int { return l.n }

// file returns the index entry of the output at place i of the plan's
// path order, with what the run learnt of it (e).
func (l *Listing) file(i int, e slot) File {
	ref := l.plan.sorted[i]
	j := l.plan.job(refDoc(ref))
	k := refOutput(ref)
	return File{
		Path: j.Path(k), Format: string(j.Formats()[k]), Bytes: int(e.bytes), SHA256: hex.EncodeToString(e.sum[:]),
		Document: j.Name, Template: j.Template.Name, TemplateSHA256: j.Template.SHA256, ValuesSHA256: hex.EncodeToString(e.values[:]),
		Locale: j.Locale, Metadata: j.Metadata,
	}
}

// each calls fn for every file listed, in path order.
func (l *Listing) each(fn func(File) error) error {
	if l.err != nil {
		return l.err
	}
	return l.spool.each(len(l.plan.sorted), func(i int, e slot) error {
		return fn(l.file(i, e))
	})
}

// EncodeTo writes the index to w, byte for byte as Index.Encode would
// encode the same files.
func (l *Listing) EncodeTo(w io.Writer) error {
	return encodeIndex(w, l.Policyexport, l.Shard, l.Failed, l.each)
}

// add lists the files of job j, in its output order. The first error
// (from the spool) is kept, and returned when the Listing is read.
func (l *Listing) add(j *Job, files []File) {
	for k, f := range files {
		e := slot{bytes: int64(f.Bytes)}
		hex.Decode(e.sum[:], []byte(f.SHA256))
		hex.Decode(e.values[:], []byte(f.ValuesSHA256))
		if err := l.spool.put(int(l.plan.rank[outputRef(j.doc, k)]), e); err != nil && l.err == nil {
			l.err = err
		}
		l.n++
	}
}

// sort orders the failures by name (the files are in path order
// already).
func (l *Listing) sort() {
	sort.Strings(l.Failed)
}

// close lets go of the Listing's spool; the Listing cannot be read after.
func (l *Listing) close() error { return l.spool.close() }

// DecodeIndex parses an index file; name is used in messages.
func DecodeIndex(name string, data []byte) (*Index, error) {
	var files []File
	x, err := decodeIndex(name, bytes.NewReader(data), func(f File) { files = append(files, f) })
	if err != nil {
		return nil, err
	}
	x.Files = files
	return x, nil
}

// decodeIndex reads an index from r, handing each file entry to each in
// order and keeping none: the returned Index has no Files. An index of
// 40,000 files took 16 MB as bytes and 20 MB more decoded whole. name is
// used in messages. It accepts what DecodeIndex always has: the keys of
// Index and File (matched without case, as encoding/json does) and
// nothing else.
func decodeIndex(name string, r io.Reader, each func(File)) (*Index, error) {
	bad := func(err error) (*Index, error) {
		return nil, fmt.Errorf("%s: not a policyexport index: %w", name, err)
	}
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := expectDelim(dec, '{'); err != nil {
		return bad(err)
	}
	var x Index
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		key, _ := tok.(string) // an object's keys are strings
		switch {
		case strings.EqualFold(key, "policyexport"):
			err = dec.Decode(&x.Policyexport)
		case strings.EqualFold(key, "shard"):
			err = dec.Decode(&x.Shard)
		case strings.EqualFold(key, "failed"):
			err = dec.Decode(&x.Failed)
		case strings.EqualFold(key, "files"):
			err = decodeFiles(dec, each)
		default:
			err = fmt.Errorf("json: unknown field %q", key)
		}
		if err != nil {
			return bad(err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return bad(err)
	}
	if x.Policyexport == "" {
		return nil, fmt.Errorf("%s: not a policyexport index: no policyexport version", name)
	}
	return &x, nil
}

// decodeFiles decodes the files array (or null), one entry at a time.
func decodeFiles(dec *json.Decoder, each func(File)) error {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("files: want an array, found %v", tok)
	}
	for dec.More() {
		var f File
		if err := dec.Decode(&f); err != nil {
			return err
		}
		each(f)
	}
	return expectDelim(dec, ']')
}

// expectDelim reads the next token, which must be the delimiter d.
func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if got, ok := tok.(json.Delim); !ok || got != d {
		return fmt.Errorf("want %v, found %v", d, tok)
	}
	return nil
}

// notShard is MergeIndexes' error for an index without a shard
// section: the index.json of a whole batch (or of an earlier merge),
// which "merge-index public/*.json" names beside the shards'.
func notShard(name string) error {
	return fmt.Errorf("%s: not a shard index (it has no shard section): give only the index.K-of-N.json files that batch --shard wrote", name)
}

// MergeIndexes combines the indexes of every shard of one manifest into
// the index an unsharded run writes. It fails when a shard is missing or
// given twice, when the shards come from different manifests, versions or
// shard counts, when two shards list the same path, when the shards'
// documents do not add up to the manifest's, or when a shard's own
// entries do not add up to its count or name a document of another shard.
func MergeIndexes(names []string, xs []*Index) (*Index, error) {
	if len(xs) == 0 {
		return nil, fmt.Errorf("merge-index: no index given")
	}
	ref := xs[0]
	if ref.Shard == nil {
		return nil, notShard(names[0])
	}
	total := ref.Shard.Total
	byShard := make([]string, total+1)
	out := &Index{Policyexport: ref.Policyexport}
	owner := map[string]string{}
	docs := 0
	for i, x := range xs {
		name := names[i]
		if x.Shard == nil {
			return nil, notShard(name)
		}
		if err := x.Shard.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		switch {
		case x.Policyexport != ref.Policyexport:
			return nil, fmt.Errorf("%s: written by policyexport %s, but %s by %s", name, x.Policyexport, names[0], ref.Policyexport)
		case x.Shard.Total != total:
			return nil, fmt.Errorf("%s: shard %d/%d, but %s is one of %d shards", name, x.Shard.Index, x.Shard.Total, names[0], total)
		case x.Shard.ManifestSHA256 != ref.Shard.ManifestSHA256 || x.Shard.AllDocuments != ref.Shard.AllDocuments:
			return nil, fmt.Errorf("%s: rendered from a different manifest than %s (manifest SHA-256 %s, not %s)", name, names[0], short(x.Shard.ManifestSHA256), short(ref.Shard.ManifestSHA256))
		case x.Shard.Index < 1 || x.Shard.Index > total:
			return nil, fmt.Errorf("%s: shard index %d is not in 1..%d", name, x.Shard.Index, total)
		case byShard[x.Shard.Index] != "":
			return nil, fmt.Errorf("overlap: shard %d/%d is given twice (%s and %s)", x.Shard.Index, total, byShard[x.Shard.Index], name)
		}
		byShard[x.Shard.Index] = name
		if err := x.checkDocuments(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		docs += x.Shard.Documents
		for _, f := range x.Files {
			if other, ok := owner[f.Path]; ok {
				return nil, fmt.Errorf("overlap: %s is listed by %s and %s", f.Path, other, name)
			}
			owner[f.Path] = name
			out.Files = append(out.Files, f)
		}
		out.Failed = append(out.Failed, x.Failed...)
	}
	var missing []string
	for k := 1; k <= total; k++ {
		if byShard[k] == "" {
			missing = append(missing, fmt.Sprintf("%d/%d (%s)", k, total, Shard{Index: k, Total: total}.IndexName()))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("gap: missing shard index for shard %s: run batch --shard for it, or give its index", strings.Join(missing, ", "))
	}
	if docs != ref.Shard.AllDocuments {
		return nil, fmt.Errorf("gap: the shards hold %d documents, the manifest %d", docs, ref.Shard.AllDocuments)
	}
	out.Sort()
	return out, nil
}

// checkDocuments checks a shard index's entries against its shard
// section: every document it names (in its files or as failed) hashes
// into its shard, and they are as many as the section's count, so that
// an index with a document's entries cut out (or one of another shard's
// pasted in) is not merged as whole.
func (x *Index) checkDocuments() error {
	shard := Shard{Index: x.Shard.Index, Total: x.Shard.Total}
	seen := map[string]bool{}
	for _, name := range x.Failed {
		seen[name] = true
	}
	for _, f := range x.Files {
		seen[f.Document] = true
	}
	for _, name := range slices.Sorted(maps.Keys(seen)) {
		if !shard.Contains(name) {
			return fmt.Errorf("lists document %q, which is not in shard %s (a document's shard is the hash of its name); the index was edited or mixed with another shard's: rerun the shard with policyexport batch --shard %s", name, shard, shard)
		}
	}
	if len(seen) != x.Shard.Documents {
		listed := fmt.Sprintf("%d documents", len(seen))
		if len(seen) == 1 {
			listed = "1 document"
		}
		return fmt.Errorf("lists %s (with files or failed), but its shard section says %d; the index was cut or edited: rerun the shard with policyexport batch --shard %s", listed, x.Shard.Documents, shard)
	}
	return nil
}

// check says what a shard section lacks for a merge to trust it: the
// manifest's SHA-256 and the number of shards, which every shard index
// that batch writes has.
func (s *ShardInfo) check() error {
	const rerun = "rerun the shard with policyexport batch --shard to write its index again"
	switch {
	case s.ManifestSHA256 == "":
		return fmt.Errorf("the shard section has no manifestSha256, so its manifest is not known (%s)", rerun)
	case !isSHA256(s.ManifestSHA256):
		return fmt.Errorf("the shard section's manifestSha256 %q is not a SHA-256 in lower-case hexadecimal (%s)", s.ManifestSHA256, rerun)
	case s.Total < 1:
		return fmt.Errorf("the shard section's total is %d, not a number of shards (%s)", s.Total, rerun)
	}
	return nil
}

// isSHA256 reports whether s is a SHA-256 in lower-case hexadecimal.
func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}
