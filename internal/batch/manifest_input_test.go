package batch

import (
	"errors"
	"strings"
	"testing"
)

// TestManifestNullValues checks that a null value in a manifest (~, null
// or nothing) means "not given here": the defaults' value applies, or
// none, and never the text "~" or "null".
func TestManifestNullValues(t *testing.T) {
	for _, null := range []string{"~", "null", ""} {
		m, err := Load("m.yaml", []byte("defaults:\n  values: {siteName: Default, email: e@x.example, lastUpdated: \"2026-11-28\", extra: "+null+"}\ndocuments:\n  - name: a\n    values: {siteName: "+null+", other: "+null+"}\n"))
		if err != nil {
			t.Fatalf("%q: %v", null, err)
		}
		for _, v := range []map[string]string{m.Defaults.Values, m.Documents[0].Values} {
			for k, val := range v {
				if val == "~" || val == "null" || val == "" {
					t.Errorf("%q: value %s = %q, want it left out", null, k, val)
				}
			}
		}
		p, err := NewPlan(m, PlanOptions{})
		if err != nil {
			t.Fatalf("%q: %v", null, err)
		}
		vals := p.Job(0).Values.Map()
		if vals["siteName"] != "Default" {
			t.Errorf("%q: siteName = %q, want the default", null, vals["siteName"])
		}
		for _, k := range []string{"extra", "other"} {
			if _, ok := vals[k]; ok {
				t.Errorf("%q: %s = %q, want no value", null, k, vals[k])
			}
		}
	}
	m, err := Load("m.json", []byte(`{"documents": [{"name": "a", "values": {"x": null, "y": "null"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if v := m.Documents[0].Values; len(v) != 1 || v["y"] != "null" {
		t.Errorf("JSON null: values %q, want only y", v)
	}
}

// TestManifestSyntaxErrors checks the line and column of syntax errors
// in JSON, YAML and CSV manifests.
func TestManifestSyntaxErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"m.json", `{"documents": [{"name": "a"},]}`, `m.json:1:30: invalid JSON: invalid character ']' looking for beginning of value (JSON allows no comma before a closing } or ])`},
		{"m.json", "{\n  \"documents\": [\n    {\"name\": \"a\"}\n    {\"name\": \"b\"}\n  ]\n}\n", `m.json:4:5: invalid JSON: invalid character '{' after array element (a , goes between two entries)`},
		{"m.json", "{\"documents\": [{\"name\": \"a\"}]", `m.json:1:30: invalid JSON: unexpected end of JSON input (a {, [ or " is never closed)`},
		{"m.yaml", "documents:\n  - name: a\n\t- name: b\n", `m.yaml:3:1: found a tab character that violates indentation (a tab: YAML indents with spaces only)`},
		{"m.yaml", "defaults:\n\tformats: [html]\ndocuments: [{name: a}]\n", `m.yaml:2:1: found character that cannot start any token (a tab: YAML indents with spaces only)`},
		{"m.csv", "name,x\na,b\"c\n", `m.csv:2:4: bare " in non-quoted-field (a field with a " in it must be quoted whole, its " written "": "say ""hi""")`},
		{"m.csv", "name,x\na,1\nb,2,3\n", `m.csv:3:1: this row has 3 columns, the header 2 (a value that holds a comma needs double quotes: "Acme, Inc.")`},
		{"m.csv", "name,x,y\na,1,2\nb,2\n", `m.csv:3:1: this row has 2 columns, the header 3 (every row has every column, an empty one too: a,,c)`},
		{"m.csv", "name,x\na,1\nb,\"2\n", `m.csv:3:6: extraneous or missing " in quoted-field (a quoted field, of the row that starts on line 3, is never closed or has a " inside it: end it with ", and write a " inside it as "")`},
		{"m.csv", "nam,x\na,1\n", `m.csv:1:1: the header row has no name column (the column of each document's name, which a CSV manifest needs): did you mean "name" for "nam"?`},
		{"m.csv", "x,Name\na,1\n", `m.csv:1:3: the header row has no name column (the column of each document's name, which a CSV manifest needs): did you mean "name" for "Name"?`},
		{"m.csv", "site,x\na,1\n", `m.csv:1:1: the header row has no name column (the column of each document's name, which a CSV manifest needs)`},
	}
	for _, tt := range tests {
		_, err := Load(tt.name, []byte(tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Load(%s, %q):\n got %v\nwant %s", tt.name, tt.src, err, tt.want)
		}
	}
}

// TestEveryMissingFileReported checks that a manifest naming several
// missing templates and values files gets one error for each, at the
// manifest entry that names it, not just the first.
func TestEveryMissingFileReported(t *testing.T) {
	m, err := Load("m.yaml", []byte(`defaults: {formats: [txt], values: {siteName: S, email: e@x.example, lastUpdated: "2026-11-28"}}
documents:
  - name: a
    template: gone1.md
  - name: b
  - name: c
    template: gone2.md
  - name: d
    valuesFile: gone.yaml
  - name: e
    template: gone1.md
`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewPlan(m, PlanOptions{Dir: t.TempDir()})
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("NewPlan error %v, want an ErrorList", err)
	}
	want := []string{
		`m.yaml:3:5: document "a": template `,
		`m.yaml:6:5: document "c": template `,
		`m.yaml:8:5: document "d": values file `,
	}
	if len(list) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(list), len(want), err)
	}
	for i, w := range want {
		if got := list[i].Error(); !strings.HasPrefix(got, w) || !strings.Contains(got, "no such file") {
			t.Errorf("error %d: %s\nwant %s…no such file…", i, got, w)
		}
	}
}
