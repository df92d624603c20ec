package batch

import (
	"strings"
	"testing"
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
