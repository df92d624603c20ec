package batch

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/render"
)

// TestOutputWrittenTwice: two documents whose paths are the same, or
// differ only in letter case, are refused, naming the first writer.
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
		`m.yaml:8:5: document "x": output path "xyz.txt" is also written by document "xY"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("err = %v, want %s", err, want)
		}
	}
	if strings.Count(got, "also written") != 2 {
		t.Errorf("err = %v, want two paths written twice", err)
	}
}

// TestPathOwnersHashCollision: paths that share a hash are still told
// apart exactly (every hash the same here).
func TestPathOwnersHashCollision(t *testing.T) {
	o := &pathOwners{hash: func(string) uint64 { return 7 }, first: map[uint64]uint32{}}
	p := &Plan{}
	tmpl := &Template{Stem: "t"}
	for i, c := range []struct{ name, owner string }{
		{"a", ""}, {"b", ""}, {"B", "b"}, {"c", ""}, {"A", "a"}, {"C", "c"}, {"d", ""},
	} {
		j := &Job{Name: c.name, Template: tmpl, pattern: "{name}.{ext}", formats: newFormatSet([]render.Format{render.TXT}), ref: uint32(i) << 2}
		p.docs = append(p.docs, j)
		owner, taken := o.claim(p, j.Path(0), j.ref)
		switch {
		case taken != (c.owner != ""):
			t.Errorf("%s: taken = %v, want %v", c.name, taken, c.owner != "")
		case taken && p.docs[owner>>2].Name != c.owner:
			t.Errorf("%s: owner %s, want %s", c.name, p.docs[owner>>2].Name, c.owner)
		}
	}
}
