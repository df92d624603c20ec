package batch

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/policyexport/policyexport/internal/values"
	"github.com/policyexport/policyexport/internal/yamlschema"
)

// compileOracle compiles a JSON Schema with santhosh-tekuri/jsonschema, a
// complete JSON Schema engine. The binary does not link it (its package
// init compiles every draft's metaschema: 2.5-4 ms on every run); the
// tests check the index files against it and hold Load's checker to its
// verdicts.
func compileOracle(t testing.TB, schema []byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://github.com/policyexport/policyexport/checked.schema.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// verdicts checks a YAML or JSON manifest with Load's checker and with
// the oracle. It reports ok false for data that never reaches a schema
// check (a syntax error, an anchor, a duplicate key) and for a tree with
// a map or a list as a key, which has no JSON form to give the oracle.
func verdicts(t testing.TB, o *jsonschema.Schema, data []byte) (ours []yamlschema.Violation, theirs error, ok bool) {
	t.Helper()
	root, err := values.Document("m.yaml", data, 0)
	if err != nil || root == nil || hasComplexKey(root) {
		return nil, nil, false
	}
	s, err := compiledSchema()
	if err != nil {
		t.Fatal(err)
	}
	return s.Check(root, 0), o.Validate(yamlschema.Value(root)), true
}

func hasComplexKey(n *yaml.Node) bool {
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 && c.Kind != yaml.ScalarNode || hasComplexKey(c) {
			return true
		}
	}
	return false
}

// schemaSeeds are manifests to start from: the tests' own and every YAML
// or JSON manifest in the command's test scripts.
func schemaSeeds(t testing.TB) [][]byte {
	t.Helper()
	seeds := [][]byte{
		manifestYAML(3),
		[]byte(`{"output": "{name}/{template}.{ext}", "defaults": {"template": "t.md", "formats": ["pdf", "html"], "values": {"x": 1, "y": true, "z": null}, "valuesFile": "v.yaml", "locale": "pt-BR", "pdfStandard": "a-3u,ua-1", "metadata": {"owner": "legal"}}, "documents": [{"name": "a", "template": "", "formats": ["txt"], "values": {"siteName": "A"}, "valuesFile": "a.yaml", "locale": "en", "pdfStandard": "", "metadata": {"k": "v"}}]}`),
		[]byte("documents:\n  - name: a\n    values: {1x: y}\n    formats: [pdf, pdf]\n"),
	}
	scripts, err := filepath.Glob("../../cmd/policyexport/testdata/script/*.txtar")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no test scripts: %v", err)
	}
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			switch filepath.Ext(f.Name) {
			case ".yaml", ".yml", ".json":
				if bytes.Contains(f.Data, []byte("documents")) {
					seeds = append(seeds, f.Data)
				}
			}
		}
	}
	return seeds
}

// replacements are what mutate puts in place of a node: each JSON type,
// and values at the edges of the schema's rules.
var replacements = []string{
	"x", `""`, "3", "1.5", "true", "~", "pdf", "docx", "e n", "en-US", "a-3u", strings.Repeat("n", 200), strings.Repeat("é", 201),
	"[]", "[pdf, pdf]", "[pdf, 1.0, 1]", "[html, txt]", "[docx]", "[[a]]", "{}", "{1x: y}", "{name: a}", "{a: b}", "{a: 1}", "{a: [1]}", "{_a: ~}",
}

// mutants are data's variants with one node replaced, one key dropped,
// one unknown key added or one key renamed: valid and invalid manifests
// around each rule of the schema.
func mutants(t testing.TB, data []byte) [][]byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	var out [][]byte
	emit := func() {
		b, err := yaml.Marshal(&doc)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for i, c := range n.Content {
			if n.Kind == yaml.MappingNode && i%2 == 0 {
				key := c.Value
				for _, k := range []string{"valuse", "name", "documents", "formats", strings.ToUpper(key)} {
					c.Value = k
					emit()
				}
				c.Value = key
				continue
			}
			saved := *c
			for _, r := range replacements {
				var rn yaml.Node
				if err := yaml.Unmarshal([]byte(r), &rn); err != nil {
					t.Fatal(err)
				}
				*c = *rn.Content[0]
				emit()
			}
			*c = saved
			walk(c)
		}
		if n.Kind == yaml.MappingNode {
			content := n.Content
			for i := 0; i+1 < len(content); i += 2 {
				n.Content = append(append([]*yaml.Node(nil), content[:i]...), content[i+2:]...)
				emit()
			}
			extra := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "extra"}
			n.Content = append(append([]*yaml.Node(nil), content...), extra, extra)
			emit()
			n.Content = content
		}
	}
	walk(doc.Content[0])
	return out
}

// TestSchemaAgreesWithOracle checks Load's checker against a complete JSON
// Schema engine on the tests' manifests and thousands of their mutants:
// both must accept and refuse the same trees.
func TestSchemaAgreesWithOracle(t *testing.T) {
	o := compileOracle(t, Schema)
	var accepted, refused int
	for _, seed := range schemaSeeds(t) {
		for _, data := range append([][]byte{seed}, mutants(t, seed)...) {
			ours, theirs, ok := verdicts(t, o, data)
			if !ok {
				continue
			}
			if (len(ours) == 0) != (theirs == nil) {
				t.Errorf("disagreement on\n%s\nours: %v\noracle: %v", data, ours, theirs)
				continue
			}
			if theirs == nil {
				accepted++
			} else {
				refused++
			}
		}
	}
	// Both verdicts must be well represented, or the test proves little.
	if accepted < 100 || refused < 1000 {
		t.Errorf("%d manifests accepted and %d refused, want at least 100 and 1000", accepted, refused)
	}
	t.Logf("%d accepted, %d refused", accepted, refused)
}

// FuzzSchemaOracle feeds arbitrary YAML to Load's checker and to the
// oracle: they must agree on whether the manifest follows the schema.
func FuzzSchemaOracle(f *testing.F) {
	for _, s := range schemaSeeds(f) {
		f.Add(s)
	}
	o := compileOracle(f, Schema)
	f.Fuzz(func(t *testing.T, data []byte) {
		ours, theirs, ok := verdicts(t, o, data)
		if ok && (len(ours) == 0) != (theirs == nil) {
			t.Errorf("ours: %v\noracle: %v", ours, theirs)
		}
	})
}

// TestSchemaMessages pins the message and place of each kind of schema
// error in a manifest.
func TestSchemaMessages(t *testing.T) {
	for src, want := range map[string]string{
		"documents: [{name: a}]\nextra: 1\n":                                                                    `m.yaml:2:1: manifest: unknown key "extra" (the keys allowed here are in 'policyexport schema manifest')`,
		"documents:\n  - name: a\n    tempalte: t.md\ndefault: {}\n":                                            "m.yaml:3:5: /documents/0: unknown key \"tempalte\" (did you mean \"template\"?)\nm.yaml:4:1: manifest: unknown key \"default\" (did you mean \"defaults\"?)",
		"defaults: {bad: 1, worse: 2}\ndocuments: []\n":                                                         "m.yaml:1:12: /defaults: unknown key \"bad\" (the keys allowed here are in 'policyexport schema manifest')\nm.yaml:1:20: /defaults: unknown key \"worse\" (the keys allowed here are in 'policyexport schema manifest')",
		"documents:\n  - name: a\n    formats: []\n":                                                            "m.yaml:3:14: /documents/0/formats: want at least 1 item, found 0",
		"documents:\n  - name: a\n    formats: [pdf, html, pdf]\n":                                              "m.yaml:3:26: /documents/0/formats: item 2 repeats item 0",
		"defaults:\n  formats: [html, docx]\ndocuments: []\n":                                                   `m.yaml:2:19: /defaults/formats/1: value must be one of "pdf", "html", "txt", "json", not "docx"`,
		"defaults:\n  formats: [PDF]\ndocuments: []\n":                                                          `m.yaml:2:13: /defaults/formats/0: value must be one of "pdf", "html", "txt", "json", not "PDF" (write "pdf": the names are case-sensitive)`,
		"documents:\n  - name: a\n    values: {1x: y, 2y: z}\n":                                                 "m.yaml:3:14: /documents/0/values: \"1x\" is not a valid placeholder name (a letter or _ then letters, digits or _)\nm.yaml:3:21: /documents/0/values: \"2y\" is not a valid placeholder name (a letter or _ then letters, digits or _)",
		"documents:\n  - name: a\n    locale: 'e n'\n":                                                          `m.yaml:3:13: /documents/0/locale: "e n" is not a valid language tag (BCP 47, such as en or pt-BR: the document's language, used as the HTML lang)`,
		"defaults: {locale: de_DE}\ndocuments:\n  - {name: a, locale: pt_BR}\n":                                 "m.yaml:1:20: /defaults/locale: \"de_DE\" is not a valid language tag (BCP 47, such as en or pt-BR: the document's language, used as the HTML lang) (write \"de-DE\": a language tag joins its parts with -)\nm.yaml:3:23: /documents/0/locale: \"pt_BR\" is not a valid language tag (BCP 47, such as en or pt-BR: the document's language, used as the HTML lang) (write \"pt-BR\": a language tag joins its parts with -)",
		"defaults:\n  formats: pdf, HTML\ndocuments:\n  - {name: a, formats: txt}\n  - {name: b, formats: 3}\n": "m.yaml:2:12: /defaults/formats: got string, want array (write a list: [pdf, html])\nm.yaml:4:24: /documents/0/formats: got string, want array (write a list: [txt])\nm.yaml:5:24: /documents/1/formats: got number, want array",
		"documents:\n  - name: ''\n":                                                                            "m.yaml:2:11: /documents/0/name: want at least 1 character, found 0",
		"documents:\n  - name: " + strings.Repeat("é", 201) + "\n":                                              "m.yaml:2:11: /documents/0/name: want at most 200 characters, found 201",
		"documents:\n  - name: 3\n":                                                                             "m.yaml:2:11: /documents/0/name: got number, want string",
		"documents:\n  - {}\n":                                                                                  `m.yaml:2:5: /documents/0: missing key "name"`,
		"documents: 3\n":                                                                                        "m.yaml:1:12: /documents: got number, want array",
		"output: 3\n":                                                                                           "m.yaml:1:1: manifest: missing key \"documents\"\nm.yaml:1:9: /output: got number, want string",
		"documents:\n  - name: a\n    values: {x: [1]}\n":                                                       "m.yaml:3:17: /documents/0/values/x: got array, want string or number or boolean or null",
		"documents:\n  - name: a\n    metadata: {? [a]: b}\n":                                                   "m.yaml:3:18: /documents/0/metadata: a key must be text, not a map or a list",
		"documents:\n  - name: a\n    metadata: {a/b~c: 1}\n":                                                   "m.yaml:3:23: /documents/0/metadata/a~1b~0c: got number, want string",
		"documents:\n" + strings.Repeat("  - {name: ''}\n", 30):                                                 "m.yaml:21:12: /documents/19/name: want at least 1 character, found 0",
		"documents:\n  - name: a\n    values: {a: 1.5, b: yes, c: ~}\n":                                         "",
	} {
		_, err := Load("m.yaml", []byte(src))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if want == "" && got != "" || !strings.HasSuffix(got, want) {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}

// BenchmarkCheckSchema checks a manifest of 10,000 documents.
func BenchmarkCheckSchema(b *testing.B) {
	root, err := values.Document("m.yaml", manifestYAML(10000), 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := checkSchema("m.yaml", root); err != nil {
			b.Fatal(err)
		}
	}
}
