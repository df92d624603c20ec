package jsondoc_test

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/testutil/jsondoctest"
)

// TestTitleBlock checks that the title block's heading is written with
// "titleBlock": true after its id, that any other heading has no such
// key, and that the schema takes true there and refuses any other value.
func TestTitleBlock(t *testing.T) {
	doc := asttest.Doc(&ast.Heading{Level: 1, ID: "terms", TitleBlock: true, Inlines: []ast.Inline{asttest.T("Terms")}},
		asttest.H(2, asttest.T("Scope")))
	out := string(render(t, doc, jsondoc.Options{Compact: true}))
	if want := `{"type":"heading","level":1,"id":"terms","titleBlock":true,"inlines":[`; !strings.Contains(out, want) {
		t.Errorf("title block not written as %s: %s", want, out)
	}
	if strings.Count(out, "titleBlock") != 1 {
		t.Errorf("titleBlock on a heading that is not the title block: %s", out)
	}
	for _, c := range []struct {
		heading string
		ok      bool
	}{
		{`{"type": "heading", "level": 1, "id": "t", "titleBlock": true, "inlines": []}`, true},
		{`{"type": "heading", "level": 2, "inlines": []}`, true},
		{`{"type": "heading", "level": 1, "titleBlock": false, "inlines": []}`, false},
		{`{"type": "heading", "level": 1, "titleBlock": "yes", "inlines": []}`, false},
	} {
		data := `{"schemaVersion": 1, "meta": {}, "blocks": [` + c.heading + `]}`
		if err := jsondoctest.ValidateSchema([]byte(data)); (err == nil) != c.ok {
			t.Errorf("%s: schema error %v, want ok=%v", c.heading, err, c.ok)
		}
	}
}
