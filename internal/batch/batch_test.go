package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
)

func mustPlan(t *testing.T, manifest string, opts PlanOptions) *Plan {
	t.Helper()
	m, err := Load("m.yaml", []byte(manifest))
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(m, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFiftyDocuments renders 50 documents in all four formats and checks
// every file against its index entry, then checks that --check is clean
// and that a second run gives the same index bytes.
func TestFiftyDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 50 PDFs")
	}
	p := mustPlan(t, string(manifestYAML(50)), PlanOptions{})
	out := t.TempDir()
	res, err := Run(context.Background(), p, Options{Out: out, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failures) > 0 {
		t.Fatalf("failures: %v", res.Failures)
	}
	if res.Documents != 50 || res.Files != 200 || res.Index.Len() != 200 {
		t.Fatalf("documents %d, files %d, index entries %d; want 50, 200, 200", res.Documents, res.Files, res.Index.Len())
	}
	data, err := os.ReadFile(filepath.Join(out, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := DecodeIndex("index.json", data)
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	for i, f := range x.Files {
		if i > 0 && x.Files[i-1].Path >= f.Path {
			t.Errorf("index not sorted at %s", f.Path)
		}
		body, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(body)
		if hex.EncodeToString(sum[:]) != f.SHA256 || len(body) != f.Bytes {
			t.Errorf("%s: size %d sha %x, index says %d %s", f.Path, len(body), sum, f.Bytes, f.SHA256)
		}
		formats[f.Format]++
		if !strings.HasPrefix(f.Path, f.Document+"/privacy-policy.") {
			t.Errorf("%s: document %q", f.Path, f.Document)
		}
	}
	for _, f := range render.All() {
		if formats[string(f)] != 50 {
			t.Errorf("%d %s files, want 50", formats[string(f)], f)
		}
	}
	body, _ := os.ReadFile(filepath.Join(out, "site-00042", "privacy-policy.txt"))
	if !strings.Contains(string(body), "Site 42 Ltd") || !strings.Contains(string(body), "privacy@site42.example") {
		t.Errorf("site-00042's text does not carry its values")
	}
	chk, err := Run(context.Background(), p, Options{Out: out, Jobs: 2, Check: true})
	if err != nil || len(chk.Drift) > 0 {
		t.Fatalf("check after run: %v %v", err, chk.Drift)
	}
	if _, err := Run(context.Background(), p, Options{Out: out, Jobs: 1}); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(filepath.Join(out, "index.json"))
	if string(again) != string(data) {
		t.Errorf("index differs between runs")
	}
}

// TestPanicIsOneFailure checks that a panic while rendering one document
// fails that document only.
func TestPanicIsOneFailure(t *testing.T) {
	p := mustPlan(t, `
defaults: {formats: [txt], values: {siteName: S, email: e@x.example, lastUpdated: "2026-11-28"}}
documents:
  - name: a
  - name: b
    locale: en
  - name: c
`, PlanOptions{})
	b := &p.settings[p.docs[1].setting] // b's own: its locale is
	broken := *b.template
	broken.Parsed = nil // Fill on a nil template panics
	b.template = &broken
	out := t.TempDir()
	res, err := Run(context.Background(), p, Options{Out: out, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failures) != 1 || res.Failures[0].Name != "b" || !strings.Contains(res.Failures[0].Err.Error(), "panic") {
		t.Fatalf("failures = %v, want b with a panic", res.Failures)
	}
	for _, name := range []string{"a", "c"} {
		if _, err := os.Stat(filepath.Join(out, name, "privacy-policy.txt")); err != nil {
			t.Errorf("document %s not written: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "b")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("failed document b left %v", err)
	}
	if got := res.Index.Failed; len(got) != 1 || got[0] != "b" {
		t.Errorf("index failed = %v", got)
	}
}

// TestCancelledRunWritesNoIndex checks that a run whose context is already
// done starts no document, writes nothing, not even its output
// directory, and says so.
func TestCancelledRunWritesNoIndex(t *testing.T) {
	p := mustPlan(t, string(manifestYAML(3)), PlanOptions{Formats: []render.Format{render.TXT}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "out")
	res, err := Run(ctx, p, Options{Out: out, Jobs: 2})
	if !errors.Is(err, context.Canceled) || !res.Interrupted {
		t.Fatalf("err %v interrupted %v", err, res.Interrupted)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cancelled run made its output directory: %v", err)
	}
}

func TestRemovesStaleTemps(t *testing.T) {
	p := mustPlan(t, `
defaults: {formats: [txt], values: {siteName: S, email: e@x.example, lastUpdated: "2026-11-28"}}
documents: [{name: a}]
`, PlanOptions{})
	out := t.TempDir()
	os.MkdirAll(filepath.Join(out, "a"), 0o755)
	stale := filepath.Join(out, "a", ".privacy-policy.txt.123.tmp")
	keep := filepath.Join(out, "a", ".keep")
	os.WriteFile(stale, []byte("half"), 0o644)
	os.WriteFile(keep, []byte("mine"), 0o644)
	res, err := Run(context.Background(), p, Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Removed) != 1 || res.Removed[0] != "a/.privacy-policy.txt.123.tmp" {
		t.Errorf("removed %v", res.Removed)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temp still there")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("a hidden file that is not a temp was removed")
	}
}

func TestCheckName(t *testing.T) {
	good := []string{"acme", "site-00001", "ACME GmbH", "société", "a.b", "日本"}
	bad := []string{"", ".", "..", "../x", "a/b", `a\b`, "/abs", ".hidden", "bell\a", "tab\tx", " lead", "trail ", "bidi\u202ex", "x\u2028y", strings.Repeat("x", 201), "\xff"}
	for _, n := range good {
		if msg := checkName(n); msg != "" {
			t.Errorf("checkName(%q) = %q, want ok", n, msg)
		}
	}
	for _, n := range bad {
		if checkName(n) == "" {
			t.Errorf("checkName(%q) accepted", n)
		}
	}
}

func TestCheckPath(t *testing.T) {
	for _, p := range []string{"a/b.html", "x.pdf", "de/acme/terms.txt"} {
		if msg := checkPath(p); msg != "" {
			t.Errorf("checkPath(%q) = %q", p, msg)
		}
	}
	for _, p := range []string{"", "/a.pdf", "../a.pdf", "a/../../b", "a//b", "a/./b", "index.json", "index.1-of-2.json", "a/.x.pdf.tmp", "a/.git/x"} {
		if checkPath(p) == "" {
			t.Errorf("checkPath(%q) accepted", p)
		}
	}
}

func TestDuplicatePathsRefused(t *testing.T) {
	m, err := Load("m.yaml", []byte(`
defaults: {formats: [txt], values: {siteName: S, email: e@x.example, lastUpdated: "2026-11-28"}}
documents: [{name: a, locale: en}, {name: b, locale: en}]
`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewPlan(m, PlanOptions{Pattern: "{locale}/{name}.{ext}"})
	if err != nil {
		t.Fatalf("distinct names: %v", err)
	}
	m.Documents[1].Name = "A"
	_, err = NewPlan(m, PlanOptions{})
	if err == nil || !strings.Contains(err.Error(), "name used twice") {
		t.Fatalf("want a case-folded duplicate error, got %v", err)
	}
}

func TestShards(t *testing.T) {
	const n = 3
	counts := make([]int, n)
	for i := range 300 {
		name := fmt.Sprintf("site-%05d", i)
		in := 0
		for k := 1; k <= n; k++ {
			if (Shard{Index: k, Total: n}).Contains(name) {
				in++
				counts[k-1]++
			}
		}
		if in != 1 {
			t.Fatalf("%s is in %d shards", name, in)
		}
	}
	for k, c := range counts {
		if c < 70 || c > 130 {
			t.Errorf("shard %d has %d of 300 documents: hash is badly spread", k+1, c)
		}
	}
	for _, s := range []string{"0/3", "4/3", "1/0", "x/2", "1", "-1/2"} {
		if _, err := ParseShard(s); err == nil {
			t.Errorf("ParseShard(%q) accepted", s)
		}
	}
	if s, err := ParseShard("2/5"); err != nil || s.IndexName() != "index.2-of-5.json" {
		t.Errorf("ParseShard(2/5) = %v %v", s, err)
	}
}

func TestMergeIndexes(t *testing.T) {
	// Of two shards, a and c are in the first, b in the second. Each
	// file is named after its document, or "path=document".
	shard := func(k, docs int, files ...string) *Index {
		x := &Index{Policyexport: "1", Shard: &ShardInfo{Index: k, Total: 2, Documents: docs, AllDocuments: 3, ManifestSHA256: strings.Repeat("ab", 32)}}
		for _, f := range files {
			p, doc, ok := strings.Cut(f, "=")
			if !ok {
				doc = p
			}
			x.Files = append(x.Files, File{Path: p, Document: doc})
		}
		return x
	}
	got, err := MergeIndexes([]string{"1", "2"}, []*Index{shard(2, 1, "b"), shard(1, 2, "c", "a")})
	if err != nil {
		t.Fatal(err)
	}
	if got.Shard != nil || len(got.Files) != 3 || got.Files[0].Path != "a" || got.Files[2].Path != "c" {
		t.Errorf("merged = %+v", got)
	}
	cut := shard(1, 2, "a")
	cut.Failed = []string{"c"} // a failed document has no files, and counts
	if _, err := MergeIndexes([]string{"1", "2"}, []*Index{cut, shard(2, 1, "b")}); err != nil {
		t.Errorf("a failed document: %v", err)
	}
	cases := map[string][]*Index{
		"gap":                 {shard(1, 2, "a", "c")},
		"given twice":         {shard(1, 2, "a", "c"), shard(1, 2, "a", "c")},
		"listed by":           {shard(1, 2, "a", "c"), shard(2, 1, "a=b")},
		"hold 2 documents":    {shard(1, 1, "a"), shard(2, 1, "b")},
		"lists 1 document":    {shard(1, 2, "a"), shard(2, 1, "b")},
		"not in shard 1/2":    {shard(1, 2, "a", "x=b"), shard(2, 1, "b")},
		"lists 2 documents (": {shard(1, 1, "a", "c"), shard(2, 2, "b")},
	}
	for want, xs := range cases {
		names := make([]string, len(xs))
		for i := range xs {
			names[i] = fmt.Sprint(i)
		}
		if _, err := MergeIndexes(names, xs); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v", want, err)
		}
	}
	other := shard(2, 1, "b")
	other.Shard.ManifestSHA256 = strings.Repeat("de", 32)
	if _, err := MergeIndexes([]string{"1", "2"}, []*Index{shard(1, 2, "a", "c"), other}); err == nil || !strings.Contains(err.Error(), "different manifest") {
		t.Errorf("mixed manifests: %v", err)
	}
}

func TestLoadCSV(t *testing.T) {
	m, err := Load("s.csv", []byte("name,formats,siteName,locale\nacme,html txt,\"Acme, Inc.\",de\nglobex,,Globex,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Documents) != 2 || m.Documents[0].Values["siteName"] != "Acme, Inc." || len(m.Documents[0].Formats) != 2 || m.Documents[0].Locale != "de" {
		t.Errorf("got %+v", m.Documents)
	}
	if _, ok := m.Documents[1].Values["siteName"]; !ok || m.Documents[1].Formats != nil {
		t.Errorf("second row: %+v", m.Documents[1])
	}
	for src, want := range map[string]string{
		"site,x\na,b\n":              "no name column",
		"name,formats\na,docx\n":     "s.csv:2:3: unknown format",
		"name,locale\na,not a tag\n": "s.csv:2:3: locale",
		"name,locale\na,de_CH\n":     `s.csv:2:3: locale "de_CH" is not a language tag such as en or pt-BR (write "de-CH": a language tag joins its parts with -)`,
		"name\n":                     "no documents",
		"name,a,a\nx,1,2\n":          "appears twice",
		"name,x\n\"a,1\n":            "s.csv:2:",
	} {
		if _, err := Load("s.csv", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}

// TestLoadCSVSeparators checks that a CSV manifest saved by a
// spreadsheet where the comma is the decimal separator, with semicolons
// (Excel in Germany, France, Switzerland: a UTF-8 byte-order mark, CRLF,
// quotes around a cell with the separator or a comma, an empty last
// line) or tabs, is read as one saved with commas, which its header row
// tells apart: it was refused, its header one column.
func TestLoadCSVSeparators(t *testing.T) {
	for name, src := range map[string]string{
		"comma":     "name,siteName,formats\nacme,\"Acme, Inc.\",\"pdf,html\"\nglobex,Globex;AG,txt\n",
		"semicolon": "\uFEFFname;siteName;formats\r\nacme;Acme, Inc.;pdf,html\r\nglobex;\"Globex;AG\";txt\r\n\r\n",
		"quoted":    "\"name\";\"siteName\";\"formats\"\n\"acme\";\"Acme, Inc.\";\"pdf,html\"\n\"globex\";\"Globex;AG\";\"txt\"\n",
		"tab":       "name\tsiteName\tformats\nacme\tAcme, Inc.\tpdf html\nglobex\tGlobex;AG\ttxt\n",
	} {
		m, err := Load("s.csv", []byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(m.Documents) != 2 || m.Documents[0].Name != "acme" || m.Documents[0].Values["siteName"] != "Acme, Inc." ||
			!slices.Equal(m.Documents[0].Formats, []string{"pdf", "html"}) || m.Documents[1].Values["siteName"] != "Globex;AG" {
			t.Errorf("%s: got %+v", name, m.Documents)
		}
	}
	// A comma in the header row makes it comma-separated, its
	// semicolons part of a cell.
	if _, err := Load("s.csv", []byte("name,site;Name\na,b\n")); err == nil || !strings.Contains(err.Error(), `s.csv:1:6: column "site;Name" is not a valid placeholder name`) {
		t.Errorf("a comma and a semicolon in the header: %v", err)
	}
}

// TestLoadCSVLineEndings: a CSV whose rows end with a lone CR (classic
// Mac OS, Excel's "CSV (Macintosh)") is read row by row, as with CR LF
// or LF; it was one row, "column "siteName\racme" is not a valid
// placeholder name". Errors count its lines as an editor shows them.
func TestLoadCSVLineEndings(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		src := strings.Join([]string{"name,siteName", "acme,Acme", "globex,\"Globex" + eol + "Corp\"", ""}, eol)
		m, err := Load("s.csv", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", eol, err)
			continue
		}
		if len(m.Documents) != 2 || m.Documents[0].Name != "acme" || m.Documents[0].Values["siteName"] != "Acme" || m.Documents[1].Values["siteName"] != "Globex\nCorp" {
			t.Errorf("%q: got %+v", eol, m.Documents)
		}
	}
	if _, err := Load("s.csv", []byte("name,formats\ra,html\rb,docx\r")); err == nil || !strings.HasPrefix(err.Error(), "s.csv:3:3: unknown format") {
		t.Errorf("lone CR, an error on the third row: %v", err)
	}
}

func TestLoadKeepsValuesAsWritten(t *testing.T) {
	m, err := Load("m.yaml", []byte("defaults:\n  values: {price: 1.50, flag: yes, date: 2026-11-28, empty: }\ndocuments: [{name: a}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	v := m.Defaults.Values
	if v["price"] != "1.50" || v["flag"] != "yes" || v["date"] != "2026-11-28" || v["empty"] != "" {
		t.Errorf("values = %q", v)
	}
	for src, want := range map[string]string{
		"documents: [{name: a}]\nextra: 1\n":             "m.yaml:2:1: manifest: unknown key \"extra\"",
		"documents:\n  - name: a\n    formats: []\n":     "m.yaml:3:14: /documents/0/formats: ",
		"documents:\n  - name: a\n    values: {1x: y}\n": "m.yaml:3:14: /documents/0/values: \"1x\" is not a valid placeholder name",
		"documents:\n  - &x {name: a}\n":                 "anchors",
		"- a\n- b\n":                                     "m.yaml:1:1: want a map",
		"documents: [{name: a}]\ndocuments: []\n":        "duplicate key",
		"documents:\n  - name: a\n    locale: 'e n'\n":   "m.yaml:3:13: /documents/0/locale",
	} {
		_, err := Load("m.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}

// FuzzManifest feeds arbitrary bytes to the manifest loader as YAML and as
// CSV: it must return a manifest or an error, never panic, and a manifest
// it accepts must plan without panicking.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(manifestYAML(2)), false)
	f.Add([]byte(`{"documents":[{"name":"a","values":{"x":1}}]}`), false)
	f.Add([]byte("defaults: {formats: [pdf]}\ndocuments: [{name: ../x}]\n"), false)
	f.Add([]byte("name,siteName\nacme,Acme\n"), true)
	f.Add([]byte("name,formats\n\"a\nb\",pdf\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, csv bool) {
		name := "m.yaml"
		if csv {
			name = "m.csv"
		}
		m, err := Load(name, data)
		if err != nil {
			if m != nil {
				t.Fatal("manifest and error")
			}
			var el ErrorList
			var e *Error
			if !errors.As(err, &e) && !errors.As(err, &el) {
				t.Fatalf("error without a position type: %v", err)
			}
			return
		}
		// Templates and values files are never read from the fuzz input.
		p, err := NewPlan(m, PlanOptions{ReadFile: func(string) ([]byte, error) { return nil, errors.New("no files") }})
		if err == nil {
			for j := range p.Jobs() {
				for _, o := range j.Outputs() {
					if checkPath(o.Path) != "" || checkName(j.Name) != "" {
						t.Fatalf("plan accepted %q / %q", j.Name, o.Path)
					}
				}
			}
		}
	})
}

// TestRendererCacheIsBounded checks that documents with many different
// dates share one prepared renderer (its fonts, cut fonts and
// compressors), and that documents with many PDF standards do not keep
// one each.
func TestRendererCacheIsBounded(t *testing.T) {
	r := &runner{renderers: map[string]*rendererEntry{}, formats: []render.Format{render.PDF}}
	for d := range int64(50) {
		if _, err := r.renderer("", time.Unix(d*86400, 0).UTC(), ""); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.renderers) != 1 {
		t.Errorf("50 dates prepared %d renderers, want 1", len(r.renderers))
	}
	for _, std := range []string{"a-1b", "a-2b", "a-2u", "a-3b", "a-3u", "ua-1", "a-1b,ua-1", "a-2b,ua-1", "a-2u,ua-1", "a-3b,ua-1", "a-3u,ua-1"} {
		if _, err := r.renderer(std, time.Unix(0, 0).UTC(), ""); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.renderers) > maxRenderers || len(r.order) != len(r.renderers) {
		t.Errorf("%d renderers cached (%d keys), want at most %d", len(r.renderers), len(r.order), maxRenderers)
	}
}

// TestIndexEncoding checks that the index encodes as indented JSON that
// decodes back to the same index, with and without files.
func TestIndexEncoding(t *testing.T) {
	for _, x := range []*Index{
		{Policyexport: "1"},
		{Policyexport: "1", Failed: []string{"b"}, Shard: &ShardInfo{Index: 1, Total: 2, Documents: 1, AllDocuments: 2, ManifestSHA256: "ab"},
			Files: []File{{Path: "a/x.html", Format: "html", Bytes: 3, SHA256: "00", Document: "a<&>", Template: "t", Metadata: map[string]string{"k": "v"}}, {Path: "b", Format: "txt"}}},
	} {
		data, err := x.Encode()
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		y := *x
		if y.Files == nil {
			y.Files = []File{}
		}
		enc.Encode(&y)
		if !bytes.Equal(data, want.Bytes()) {
			t.Errorf("Encode =\n%s\nwant (encoding/json)\n%s", data, want.Bytes())
		}
		back, err := DecodeIndex("i", data)
		if err != nil {
			t.Fatal(err)
		}
		if len(back.Files) != len(x.Files) || back.Policyexport != x.Policyexport {
			t.Errorf("round trip: %+v", back)
		}
	}
}

// TestBackendWarnings: Result.Warnings holds every warning the PDF
// backend gave (here Arabic in the template's bold "Email:" line, drawn
// regular), for each document that has one (a failed one too), in the
// plan's order whatever the number of workers, and the same with Check.
// Arabic vowel marks (كَتَبَ) are shaped and warned of no more.
func TestBackendWarnings(t *testing.T) {
	p := mustPlan(t, `
defaults: {formats: [pdf], values: {siteName: S, email: e@x.example, lastUpdated: "2026-11-28"}}
documents:
  - name: z
    values: {email: "شكراً"}
  - name: plain
  - name: marks
    values: {siteName: "كَتَبَ"}
  - name: a
    values: {email: "كَتَبَ"}
  - name: html
    formats: [html]
    values: {email: "شكراً"}
  - name: refused
    values: {email: "شكراً བཀྲ་ཤིས"}
`, PlanOptions{})
	var want []string
	for _, jobs := range []int{1, 4} {
		for _, check := range []bool{false, true} {
			res, err := Run(context.Background(), p, Options{Out: t.TempDir(), Jobs: jobs, Check: check})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Failures) != 1 || res.Failures[0].Name != "refused" {
				t.Fatalf("failures %v, want refused (Tibetan)", res.Failures)
			}
			var got []string
			for _, w := range res.Warnings {
				if w.Kind != render.WarningKind(pdf.RegularEmphasis) || w.Template == "" || !w.Pos.IsValid() {
					t.Errorf("warning %+v", w)
				}
				got = append(got, w.Document)
			}
			if want == nil {
				want = got
				docs := slices.Compact(slices.Clone(got))
				if !slices.Equal(docs, []string{"z", "a", "refused"}) {
					t.Fatalf("warnings for %v, want z, a, refused in this order", docs)
				}
				continue
			}
			if !slices.Equal(got, want) {
				t.Errorf("-j %d, check %v: warnings for %v, want %v", jobs, check, got, want)
			}
		}
	}
}

// TestExpand: every field of an output pattern is replaced once, values
// are not scanned again, and a brace that starts no field stays, as
// strings.Replacer (what expand replaced) does it.
func TestExpand(t *testing.T) {
	for _, pattern := range []string{DefaultPattern, "{locale}/{name}-{format}.{ext}", "{name}{name}.{ext}", "x{{name}}{.{ext}", "{nam{name}", "plain", ""} {
		for _, name := range []string{"a", "{ext}", "{"} {
			want := strings.NewReplacer("{name}", name, "{template}", "privacy", "{ext}", render.TXT.Ext(), "{format}", string(render.TXT), "{locale}", "de").Replace(pattern)
			if got := string(appendExpanded(nil, pattern, name, "privacy", render.TXT, "de")); got != want {
				t.Errorf("expand(%q, name %q) = %q, want %q", pattern, name, got, want)
			}
		}
	}
	if got := string(appendExpanded(nil, "{locale}", "n", "t", render.PDF, "")); got != "default" {
		t.Errorf("empty locale: %q, want default", got)
	}
}

// TestFailFastStartsNothingAfter fails the first of five documents with
// one worker and FailFast, written and with --check, 20 times over: no
// other document starts, and the run is interrupted without an index.
// The worker stops the run before it takes its next job; when only the
// collector stopped it, once it had received the failure, the worker
// could take the next job first (2 runs in 30 of batch_fail.txtar).
func TestFailFastStartsNothingAfter(t *testing.T) {
	manifest := "defaults:\n  formats: [txt]\n  values: {lastUpdated: \"2026-11-28\", email: \"a@b.example\"}\ndocuments:\n  - name: broken\n"
	for i := range 4 {
		manifest += fmt.Sprintf("  - name: ok%d\n    values: {siteName: \"Site %d\"}\n", i, i)
	}
	p := mustPlan(t, manifest, PlanOptions{})
	for round := range 20 {
		for _, check := range []bool{false, true} {
			out := t.TempDir()
			res, err := Run(context.Background(), p, Options{Out: out, Jobs: 1, FailFast: true, Check: check})
			if err != nil {
				t.Fatalf("round %d, check %v: %v", round, check, err)
			}
			if res.Documents != 1 || len(res.Failures) != 1 || !res.Interrupted {
				t.Fatalf("round %d, check %v: %d documents, failures %v, interrupted %v; want only the failed one", round, check, res.Documents, res.Failures, res.Interrupted)
			}
			if _, err := os.Stat(filepath.Join(out, "index.json")); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("round %d, check %v: index written: %v", round, check, err)
			}
		}
	}
}

// TestFooterFieldOnce: a footer field that names no value of some
// documents is one *FooterFieldError before anything is written (not
// even Out is made), naming the first such document and counting the
// others, whatever formats they write.
func TestFooterFieldOnce(t *testing.T) {
	p := mustPlan(t, `
defaults:
  formats: [txt]
  values: {siteName: x, email: e, lastUpdated: "2026-01-01"}
documents:
  - {name: a, values: {brand: A}}
  - {name: b}
  - {name: c}
`, PlanOptions{})
	out := filepath.Join(t.TempDir(), "out")
	opts := Options{Out: out}
	opts.Render.PDF.FooterText = "{brand} {page}"
	res, err := Run(context.Background(), p, opts)
	var fe *FooterFieldError
	if !errors.As(err, &fe) || res != nil {
		t.Fatalf("Run = %v, %v; want a *FooterFieldError", res, err)
	}
	if fe.Field != "brand" || fe.Document != "b" || fe.Others != 1 || fe.All {
		t.Errorf("error %+v: want {brand} in b and 1 other", fe)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("Out was made")
	}
	opts.Render.PDF.FooterText = "{nope}"
	if _, err := Run(context.Background(), p, opts); err == nil || !strings.Contains(err.Error(), `unknown field {nope} in every document`) {
		t.Errorf("{nope}: %v", err)
	}
	opts.Render.PDF.FooterText = "{siteName} {page}/{pages}"
	if res, err := Run(context.Background(), p, opts); err != nil || len(res.Failures) > 0 {
		t.Fatalf("{siteName}: %v, %v", err, res.Failures)
	}
}

// TestBackendOptionsOnce: backend options the renderer refuses are one
// error before anything is written, not a failure of each document.
func TestBackendOptionsOnce(t *testing.T) {
	p := mustPlan(t, `
defaults:
  formats: [pdf]
  values: {siteName: x, email: e, lastUpdated: "2026-01-01"}
documents:
  - {name: a}
  - {name: b}
`, PlanOptions{})
	out := filepath.Join(t.TempDir(), "out")
	opts := Options{Out: out}
	opts.Render.PDF.Paper = "a3"
	res, err := Run(context.Background(), p, opts)
	if err == nil || res != nil || !strings.Contains(err.Error(), "unknown paper size") {
		t.Fatalf("Run = %v, %v; want one error for the paper", res, err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("Out was made")
	}
}
