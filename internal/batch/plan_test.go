package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"runtime"
	"strings"
	"testing"
)

// TestOutputWrittenTwice: two documents whose paths are the same, or
// differ only in letter case or Unicode normalisation, are refused,
// naming the first writer and why.
func TestOutputWrittenTwice(t *testing.T) {
	m, err := Load("m.yaml", []byte(`
output: "{name}{template}.{ext}"
defaults: {formats: [txt]}
documents:
  - {name: ab, template: c.md}
  - {name: a, template: bc.md}
  - {name: xY, template: z.md}
  - {name: x, template: yz.md}
  - {name: q, template: z.md}
  - {name: caf, template: "\u00e9.md"}
  - {name: cafe, template: "\u0301.md"}
`))
	if err != nil {
		t.Fatal(err)
	}
	read := func(string) ([]byte, error) { return []byte("# Title\n\nText.\n"), nil }
	_, err = NewPlan(m, PlanOptions{ReadFile: read})
	got := ""
	if err != nil {
		got = err.Error()
	}
	for _, want := range []string{
		`m.yaml:6:5: document "a": output path "abc.txt" is also written by document "ab"`,
		`m.yaml:8:5: document "x": output path "xyz.txt" is also written by document "xY", as "xYz.txt" (they differ only in letter case`,
		"m.yaml:11:5: document \"cafe\": output path \"cafe\u0301.txt\" is also written by document \"caf\", as \"caf\u00e9.txt\" (they differ only in Unicode normalisation (\"cafe\\u0301.txt\" against \"caf\\u00e9.txt\")",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("err = %v, want %s", err, want)
		}
	}
	if strings.Count(got, "also written") != 3 {
		t.Errorf("err = %v, want three paths written twice", err)
	}
}

// TestOwnersHashCollision: texts that share a hash are still told apart
// exactly (every hash the same here).
func TestOwnersHashCollision(t *testing.T) {
	o := &owners{hash: func(string) uint64 { return 7 }, first: map[uint64]uint32{}}
	var claimed []string
	folded := func(id uint32) string { return strings.ToLower(claimed[id]) }
	for i, c := range []struct{ name, owner string }{
		{"a", ""}, {"b", ""}, {"B", "b"}, {"c", ""}, {"A", "a"}, {"C", "c"}, {"d", ""},
	} {
		claimed = append(claimed, c.name)
		owner, taken := o.claim(strings.ToLower(c.name), uint32(i), folded)
		switch {
		case taken != (c.owner != ""):
			t.Errorf("%s: taken = %v, want %v", c.name, taken, c.owner != "")
		case taken && claimed[owner] != c.owner:
			t.Errorf("%s: owner %s, want %s", c.name, claimed[owner], c.owner)
		}
	}
}

// TestLoadPlanAgrees: LoadPlan, which plans each document as it is read,
// gives the plan (or the error) that Load then NewPlan give, whichever
// way the manifest is read (item by item, whole, CSV).
func TestLoadPlanAgrees(t *testing.T) {
	read := func(name string) ([]byte, error) {
		switch path.Base(name) {
		case "v.yaml":
			return []byte("email: v@x.example\n"), nil
		case "t.md":
			return []byte("# {{siteName}}\n\n{{email}}\n"), nil
		}
		return nil, fmt.Errorf("%s: no such file", name)
	}
	for _, tc := range []struct{ name, text string }{
		{"items.yaml", string(manifestYAML(30))},
		{"items.yaml", "defaults: {valuesFile: v.yaml, metadata: {team: legal}}\ndocuments:\n  - name: a\n    template: t.md\n    metadata: {x: y}\n  - name: b\n    locale: de\n    formats: [txt]\n    values: {siteName: B}\n"},
		{"whole.yaml", "documents: [{name: a}, {name: b, pdfStandard: a-2u}]\ndefaults: {values: {siteName: S}}\n"},
		{"whole.json", `{"output": "{locale}/{name}.{ext}", "documents": [{"name": "a", "locale": "fr"}]}`},
		{"m.csv", "name,siteName,template\na,A,t.md\nb,B,\n"},
		{"dup.yaml", "documents:\n  - name: a\n  - name: A\n  - name: b\n    template: missing.md\n"},
		{"bad.yaml", "output: \"{nom}\"\ndocuments:\n  - name: a\n  - name: b\n    valuse: {}\n"},
		{"badpattern.yaml", "output: \"{nom}\"\ndocuments:\n  - name: a\n"},
		{"badvalues.yaml", "defaults: {valuesFile: missing.yaml}\ndocuments:\n  - name: a\n"},
	} {
		for _, shard := range []Shard{{}, {Index: 1, Total: 2}} {
			opts := PlanOptions{ReadFile: read, Shard: shard}
			var want string
			m, err := Load(tc.name, []byte(tc.text))
			if err == nil {
				var p *Plan
				p, err = NewPlan(m, opts)
				want = planSummary(p)
			}
			if err != nil {
				want = "error: " + err.Error()
			}
			got := ""
			p, err := LoadPlan(tc.name, []byte(tc.text), opts)
			if err != nil {
				got = "error: " + err.Error()
			} else {
				got = planSummary(p)
			}
			if got != want {
				t.Errorf("%s, shard %v: LoadPlan gives\n%s\nLoad and NewPlan give\n%s", tc.name, shard, got, want)
			}
		}
	}
}

// planSummary is what a plan says of every document, for comparing two
// plans.
func planSummary(p *Plan) string {
	if p == nil {
		return "<nil>"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "documents %d, selected %d, manifest %s, inputs %q\n", p.Documents, p.Len(), p.ManifestSHA256, p.Inputs)
	for j := range p.Jobs() {
		fmt.Fprintf(&b, "%s: %s %s %s %q %q %v %q %s\n", j.Name, j.Template.Name, j.Template.SHA256, j.Values.Map(), j.Locale, j.PDFStandard, j.Metadata, j.Outputs(), j.ValuesSHA256())
	}
	for rel := range p.paths() {
		fmt.Fprintf(&b, "%s ", rel)
	}
	return b.String()
}

// TestValuesEncoding: a plan's compact values give back each document's
// merged values exactly, and ValuesSHA256 hashes their JSON with sorted
// keys (what the index has always said), whatever the values hold.
func TestValuesEncoding(t *testing.T) {
	long := strings.Repeat("é<&>", 100) // lengths of more than one uvarint byte
	docs := []map[string]string{
		{"siteName": "A", "email": "a@x.example"},
		{},
		{"siteName": "", "z": long, "a": "\u2028\"\\"},
		{"email": "b@x.example", "k300": strings.Repeat("x", 300)},
	}
	var b strings.Builder
	b.WriteString("defaults: {values: {lastUpdated: \"2026-11-28\"}}\ndocuments:\n")
	for i, d := range docs {
		fmt.Fprintf(&b, "  - name: d%d\n    values: {", i)
		for k, v := range d {
			fmt.Fprintf(&b, "%s: %q, ", k, v)
		}
		b.WriteString("}\n")
	}
	p, err := LoadPlan("m.yaml", []byte(b.String()), PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		want := maps.Clone(d)
		want["lastUpdated"] = "2026-11-28"
		j := p.Job(i)
		if got := j.Values.Map(); !maps.Equal(got, want) {
			t.Errorf("d%d: values %q, want %q", i, got, want)
		}
		data, _ := json.Marshal(want)
		if sum := sha256.Sum256(data); j.ValuesSHA256() != hex.EncodeToString(sum[:]) {
			t.Errorf("d%d: ValuesSHA256 is not the SHA-256 of %s", i, data)
		}
	}
}

// TestPlanMemory pins what a plan keeps for each document for the whole
// run (bench/run.sh's RSS target, 10,000 documents against 1,000): a
// record, its outputs' places and its name and values in the arena,
// about 110 bytes in all; as *Jobs with strings and maps it was about
// 300.
func TestPlanMemory(t *testing.T) {
	const n = 20000
	data := manifestYAML(n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := LoadPlan("m.yaml", data, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perDoc := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / n
	if perDoc > 160 {
		t.Errorf("the plan keeps %d bytes a document, want at most 160", perDoc)
	}
	runtime.KeepAlive(p)
	runtime.KeepAlive(data)
}

// TestDocumentPDFStandard: a document's pdfStandard wins over the
// defaults', an empty one means the command line's --pdf-standard (as
// the schema says), and a document without the key takes the defaults',
// whether the manifest is read item by item or whole.
func TestDocumentPDFStandard(t *testing.T) {
	for _, text := range []string{
		"defaults:\n  pdfStandard: a-2b\ndocuments:\n  - name: empty\n    pdfStandard: \"\"\n  - name: absent\n  - name: own\n    pdfStandard: UA-1\n",
		`{"defaults": {"pdfStandard": "a-2b"}, "documents": [{"name": "empty", "pdfStandard": ""}, {"name": "absent"}, {"name": "own", "pdfStandard": "UA-1"}]}`,
	} {
		p, err := LoadPlan("m.yaml", []byte(text), PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for j := range p.Jobs() {
			got[j.Name] = j.PDFStandard
		}
		want := map[string]string{"empty": "", "absent": "a-2b", "own": "ua-1"}
		if !maps.Equal(got, want) {
			t.Errorf("%s: PDF standards %q, want %q", text, got, want)
		}
	}
}
