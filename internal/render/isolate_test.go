package render_test

import (
	"bytes"
	"fmt"
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
// by punctuation and digits, and checks every text format: the HTML puts
// the value in <bdi> (and passes the Nu HTML checker), the plain text
// between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, the JSON
// marks it "isolate": true (valid by the schema, decoded back into the
// same document). Without them a browser and a bidi-aware viewer showed
// "5 :שלום employees." and drew ": 5" on the Latin side of the address.
// The same templates with values of the document's direction are written
// without any of them, as before.
func TestValueIsolated(t *testing.T) {
	dir := t.TempDir()
	var htmlFiles []string
	for _, c := range []struct {
		name, src string
		vals      map[string]string
		html, txt []string // in the output
		isolates  int      // "isolate": true in the JSON
	}{
		{"en", "---\ntitle: Staff\nlang: en\n---\n# Staff\n\n{company}: 5 employees.\n",
			map[string]string{"company": "שלום"},
			[]string{"<p><bdi>שלום</bdi>: 5 employees.</p>"},
			[]string{"\u2068שלום\u2069: 5 employees."}, 1},
		{"he", "---\ntitle: צוות\nlang: he\n---\n# צוות\n\nכתבו אל {email}: 5 ימים.\n\nהחברה {firm}, 12 עובדים.\n",
			map[string]string{"email": "info@acme.example", "firm": "ACME GmbH"},
			[]string{"<p>כתבו אל <bdi>info@acme.example</bdi>: 5 ימים.</p>", "<p>החברה <bdi>ACME GmbH</bdi>, 12 עובדים.</p>"},
			[]string{"כתבו אל \u2068info@acme.example\u2069: 5 ימים.", "החברה \u2068ACME GmbH\u2069, 12 עובדים."}, 2},
		{"en-plain", "---\ntitle: Staff\nlang: en\n---\n# Staff\n\n{company}: 5 employees.\n",
			map[string]string{"company": "ACME GmbH"}, nil, nil, 0},
		{"he-plain", "---\ntitle: צוות\nlang: he\n---\n# צוות\n\nהחברה {firm}, 12 עובדים.\n",
			map[string]string{"firm": "שלום"}, nil, nil, 0},
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
			r, err := render.New(goldenOptions(nil, dir), []render.Format{render.HTML, render.TXT, render.JSON})
			if err != nil {
				t.Fatal(err)
			}
			out := map[render.Format]string{}
			for _, f := range []render.Format{render.HTML, render.TXT, render.JSON} {
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
			for _, want := range c.txt {
				if !strings.Contains(out[render.TXT], want+"\n") {
					t.Errorf("plain text has no line %+q:\n%s", want, out[render.TXT])
				}
			}
			if c.isolates == 0 {
				if strings.Contains(out[render.HTML], "<bdi>") || strings.ContainsAny(out[render.TXT], "\u2068\u2069") {
					t.Errorf("a value of the document's direction is isolated:\n%s\n%s", out[render.HTML], out[render.TXT])
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

// TestValueIsolatedTOC: a heading's value whose direction is not the
// page's is in <bdi> in the HTML's table of contents too, as in the
// heading: the entry of "## {company} 2026" with the Hebrew company
// "שלום" in an English page was "<a …>שלום 2026</a>", which a browser
// showed "2026 שלום". Spaces are collapsed across the value's edges as
// before, and the page passes the Nu HTML checker.
func TestValueIsolatedTOC(t *testing.T) {
	src := "---\ntitle: Staff\nlang: en\n---\n# Staff\n\n## About  {company}  2026\n\n## {company}{firm}\n\nText.\n"
	tmpl, err := template.Parse("toc.md", []byte(src), template.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := tmpl.Fill(map[string]string{"company": "שלום", "firm": "חברה"}, template.FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	opts := goldenOptions(nil, t.TempDir())
	opts.HTML.TOC = true
	r, err := render.New(opts, []render.Format{render.HTML})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Write(&buf, doc, render.HTML); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`">About <bdi>שלום</bdi> 2026</a></li>`,
		`"><bdi>שלום</bdi><bdi>חברה</bdi></a></li>`,
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("HTML has no %s:\n%s", want, buf.String())
		}
	}
	file := filepath.Join(t.TempDir(), "toc.html")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	validate.HTML(t, file)
}

// TestValueIsolatedPageTitle: a value in the title whose direction is
// not the page's is between FSI and PDI in the HTML's <title>, which can
// hold no <bdi>: "{company} 2026" with the Hebrew company "שלום" in an
// English page was "<title>שלום 2026</title>", shown "2026 שלום" in the
// browser's tab. The title comes from the front matter (the title
// block) or from the first heading; with an English company it is
// written as before.
func TestValueIsolatedPageTitle(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, c := range []struct{ src, company, want string }{
		{"---\ntitle: \"{company}  2026\"\nlang: en\n---\n## Intro\n", "שלום", "<title>\u2068שלום\u2069 2026</title>"},
		{"---\nlang: en\n---\n# {company} 2026\n", "שלום", "<title>\u2068שלום\u2069 2026</title>"},
		{"---\ntitle: \"{company}  2026\"\nlang: en\n---\n## Intro\n", "ACME", "<title>ACME 2026</title>"},
	} {
		tmpl, err := template.Parse("t.md", []byte(c.src), template.Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := tmpl.Fill(map[string]string{"company": c.company}, template.FillOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := render.New(goldenOptions(nil, dir), []render.Format{render.HTML})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := r.Write(&buf, doc, render.HTML); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), c.want) {
			t.Errorf("%d: HTML has no %+q:\n%s", i, c.want, buf.String())
		}
		file := filepath.Join(dir, fmt.Sprintf("t%d.html", i))
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	validate.HTML(t, files...)
}
