package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/jsondoc"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/testutil/golden"
	"github.com/policyexport/policyexport/internal/testutil/jsondoctest"
	"github.com/policyexport/policyexport/internal/testutil/validate"
	"github.com/policyexport/policyexport/internal/values"
)

// root is the repository root, where testdata/ lives.
const root = "../.."

// input is one golden test document.
type input struct {
	name     string // golden file stem, relative to testdata/golden
	path     string // template, relative to the repository root ("" = embedded default)
	values   string // values file, relative to the repository root
	missing  template.Missing
	formats  []render.Format
	pdfFonts []string // extra fonts the PDF needs (skipped when absent)
}

// inputs lists every document with golden outputs: the filled seed, the
// feature document, and the copied corpus (rendered with --missing=keep).
func inputs(t *testing.T) []input {
	t.Helper()
	ins := []input{
		{name: "seed/privacy-policy", values: "testdata/input/seed.values.yaml", formats: render.All()},
		{name: "features/features", path: "testdata/input/features.md", values: "testdata/input/features.values.yaml", formats: render.All(),
			pdfFonts: []string{"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"}},
		{name: "cookie-table/cookie-table", path: "testdata/input/cookie-table.md", formats: render.All()},
	}
	corpus, err := filepath.Glob(filepath.Join(root, "testdata/corpus/*/*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range corpus {
		rel, _ := filepath.Rel(root, p)
		if filepath.Base(p) == "README.md" {
			continue
		}
		name := "corpus/" + strings.TrimSuffix(strings.TrimPrefix(rel, "testdata/corpus/"), ".md")
		ins = append(ins, input{name: name, path: rel, missing: template.MissingKeep,
			formats: []render.Format{render.HTML, render.TXT, render.JSON}})
	}
	return ins
}

// fill parses and fills one input.
func fill(t testing.TB, in input) *ast.Document {
	t.Helper()
	src, name := defaulttemplate.Source(), defaulttemplate.Name
	if in.path != "" {
		var err error
		if src, err = os.ReadFile(filepath.Join(root, in.path)); err != nil {
			t.Fatal(err)
		}
		name = in.path
	}
	tmpl, err := template.Parse(name, src, template.Options{})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	var vals map[string]string
	if in.values != "" {
		data, err := os.ReadFile(filepath.Join(root, in.values))
		if err != nil {
			t.Fatal(err)
		}
		if vals, err = values.Parse(in.values, data); err != nil {
			t.Fatal(err)
		}
	}
	doc, _, err := tmpl.Fill(vals, template.FillOptions{Missing: in.missing})
	if err != nil {
		t.Fatalf("fill %s: %v", name, err)
	}
	return doc
}

// goldenOptions are the options every golden is rendered with: the
// defaults, with the dates and producer fixed.
func goldenOptions(fonts [][]byte, imageDir string) render.Options {
	return render.Options{
		HTML: html.Options{Generator: "policyexport golden"},
		PDF: pdf.Options{
			Date:     time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC),
			Creator:  "policyexport golden",
			Fonts:    fonts,
			ImageDir: imageDir,
		},
		JSON: jsondoc.Options{},
	}
}

// TestGolden renders every input to each of its formats and compares with
// testdata/golden byte for byte; -update rewrites the goldens. The HTML
// goldens are then checked by the Nu HTML checker, the JSON goldens against
// the JSON Schema and by decoding them back into the same document.
func TestGolden(t *testing.T) {
	var htmlFiles []string
	for _, in := range inputs(t) {
		t.Run(in.name, func(t *testing.T) {
			doc := fill(t, in)
			var fonts [][]byte
			for _, f := range in.pdfFonts {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Logf("PDF golden without fallback font %s: %v", f, err)
					continue
				}
				fonts = append(fonts, data)
			}
			formats := in.formats
			if len(fonts) < len(in.pdfFonts) {
				formats = without(formats, render.PDF)
			}
			r, err := render.New(goldenOptions(fonts, filepath.Join(root, filepath.Dir(in.path))), formats)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range formats {
				var buf bytes.Buffer
				if err := r.Write(&buf, doc, f); err != nil {
					t.Errorf("%s: %v", f, err)
					continue
				}
				path := filepath.Join(root, "testdata/golden", in.name+"."+f.Ext())
				golden.Check(t, path, buf.Bytes())
				switch f {
				case render.HTML:
					htmlFiles = append(htmlFiles, path)
				case render.JSON:
					checkJSON(t, buf.Bytes(), doc)
				}
			}
		})
	}
	t.Run("vnu", func(t *testing.T) { validate.HTML(t, htmlFiles...) })
}

func without(fs []render.Format, drop render.Format) []render.Format {
	var out []render.Format
	for _, f := range fs {
		if f != drop {
			out = append(out, f)
		}
	}
	return out
}

func checkJSON(t *testing.T, data []byte, doc *ast.Document) {
	t.Helper()
	back, err := jsondoctest.Decode(bytes.NewReader(data)) // validates against the schema first
	if err != nil {
		t.Fatalf("decode JSON output: %v", err)
	}
	var again bytes.Buffer
	if err := jsondoc.Render(&again, back, jsondoc.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), data) {
		t.Errorf("JSON round trip changed the document: %s", golden.Diff(again.Bytes(), data))
	}
}
