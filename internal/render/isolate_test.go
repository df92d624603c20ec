package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// TestValueIsolated fills an English template with a Hebrew value and a
// Hebrew one with a Latin e-mail address and company name, each followed
// by punctuation and digits, and checks the text formats: the HTML puts
// the value in <bdi> (and passes the Nu HTML checker), the JSON
// marks it "isolate": true (valid by the schema, decoded back into the
// same document). Without them a browser showed
// "5 :שלום employees." and drew ": 5" on the Latin side of the address.
// The same templates with values of the document's direction are written
// without any of them, as before.
func TestValueIsolated(t *testing.T) {
	dir := t.TempDir()
	var htmlFiles []string
	for _, c := range []struct {
		name, src string
		vals      map[string]string
		html      []string // in the output
		isolates  int      // "isolate": true in the JSON
	}{
		{"en", "---\ntitle: Staff\nlang: en\n---\n# Staff\n\n{company}: 5 employees.\n",
			map[string]string{"company": "שלום"},
			[]string{"<p><bdi>שלום</bdi>: 5 employees.</p>"},
			1},
		{"he", "---\ntitle: צוות\nlang: he\n---\n# צוות\n\nכתבו אל {email}: 5 ימים.\n\nהחברה {firm}, 12 עובדים.\n",
			map[string]string{"email": "info@acme.example", "firm": "ACME GmbH"},
			[]string{"<p>כתבו אל <bdi>info@acme.example</bdi>: 5 ימים.</p>", "<p>החברה <bdi>ACME GmbH</bdi>, 12 עובדים.</p>"},
			2},
		{"en-plain", "---\ntitle: Staff\nlang: en\n---\n# Staff\n\n{company}: 5 employees.\n",
			map[string]string{"company": "ACME GmbH"}, nil, 0},
		{"he-plain", "---\ntitle: צוות\nlang: he\n---\n# צוות\n\nהחברה {firm}, 12 עובדים.\n",
			map[string]string{"firm": "שלום"}, nil, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			tmpl, err := template.Parse(c.name+".md", []byte(c.src), template.Options{})
			if err != nil {
				t.Fatal(err)
			}
			doc, _, err := tmpl.Fill(c.vals, template.FillOptions{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := render.New(goldenOptions(nil, dir), []render.Format{render.HTML, render.JSON})
			if err != nil {
				t.Fatal(err)
			}
			out := map[render.Format]string{}
			for _, f := range []render.Format{render.HTML, render.JSON} {
				var buf bytes.Buffer
				if err := r.Write(&buf, doc, f); err != nil {
					t.Fatal(err)
				}
				out[f] = buf.String()
			}
			for _, want := range c.html {
				if !strings.Contains(out[render.HTML], want) {
					t.Errorf("HTML has no %s", want)
				}
			}
			if c.isolates == 0 {
				if strings.Contains(out[render.HTML], "<bdi>") {
					t.Errorf("a value of the document's direction is isolated:\n%s", out[render.HTML])
				}
			}
			if got := strings.Count(out[render.JSON], `"isolate": true`); got != c.isolates {
				t.Errorf("JSON has %d \"isolate\": true, want %d:\n%s", got, c.isolates, out[render.JSON])
			}
			checkJSON(t, []byte(out[render.JSON]), doc)
			file := filepath.Join(dir, c.name+".html")
			if err := os.WriteFile(file, []byte(out[render.HTML]), 0o644); err != nil {
				t.Fatal(err)
			}
			htmlFiles = append(htmlFiles, file)
		})
	}
	t.Run("vnu", func(t *testing.T) { validate.HTML(t, htmlFiles...) })
}
