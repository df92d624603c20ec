package pdfrules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/testutil/pdfrules"
	"github.com/policyexport/policyexport/internal/values"
)

const root = "../../.."

// document is one input of the output test: a template (the embedded
// default when path is ""), its values file and the extra fonts it needs.
type document struct {
	name, path, values string
	fonts              []string
}

// TestOutput renders documents with given PDF options and holds each PDF
// to a profile. want lists the rule ids the checker must report, exactly;
// an empty want means the PDF must pass every implemented rule.
//
// The default output is not archival: its rows pin what is missing. Each
// --pdf-standard PDF/A level must pass its own profile (want nil), with
// and without attachments. The PDF/UA-1 rows stay failing until the
// output is tagged.
func TestOutput(t *testing.T) {
	seed := document{name: "seed", values: "testdata/input/seed.values.yaml"}
	features := document{name: "features", path: "testdata/input/features.md", values: "testdata/input/features.values.yaml",
		fonts: []string{"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"}}
	today := variant{"default", func(o *pdf.Options) {}}
	// archival renders with --pdf-standard list; attach adds the source
	// and values as --attach-source does.
	archival := func(list string, attach bool) variant {
		std, err := pdf.ParseStandard(list)
		if err != nil {
			t.Fatal(err)
		}
		name := list
		if attach {
			name += "+attach-source"
		}
		return variant{name, func(o *pdf.Options) {
			o.Standard = std
			if attach {
				o.Attachments = []pdf.Attachment{
					{Name: "privacy-policy.md", Description: "The template", Content: []byte("# Privacy Policy\n"), Relationship: "Source", MIME: "text/markdown"},
					{Name: "values.json", Description: "The values", Content: []byte("{}\n"), Relationship: "Data", MIME: "application/json"},
				}
			}
		}}
	}
	cases := []struct {
		doc     document
		options variant
		profile pdfrules.Profile
		want    []string
	}{
		// No XMP (so no pdfaid) and no output intent, so DeviceGray is
		// device-dependent.
		{seed, today, pdfrules.PDFA2B, []string{"6.2.4.3-4", "6.6.2.1-1", "6.6.4-1"}},
		{seed, today, pdfrules.PDFA3U, []string{"6.2.4.3-4", "6.6.2.1-1", "6.6.4-1"}},
		// Tagged by default: what PDF/UA-1 still misses without a
		// --pdf-standard is the XMP (its pdfuaid and dc:title).
		{seed, today, pdfrules.PDFUA1, []string{"5-1", "7.1-8", "7.1-9"}},
		// The feature document adds DeviceRGB.
		{features, today, pdfrules.PDFA2B, []string{"6.2.4.3-2", "6.2.4.3-4", "6.6.2.1-1", "6.6.4-1"}},
		{features, today, pdfrules.PDFA3U, []string{"6.2.4.3-2", "6.2.4.3-4", "6.6.2.1-1", "6.6.4-1"}},
		{features, today, pdfrules.PDFUA1, []string{"5-1", "7.1-8", "7.1-9"}},
		// --pdf-standard: each PDF/A level passes its own profile, and
		// a-3u,ua-1 passes every implemented rule of both profiles.
		{seed, archival("a-2b", false), pdfrules.PDFA2B, nil},
		{seed, archival("a-2u", false), pdfrules.PDFA2U, nil},
		{seed, archival("a-3b", false), pdfrules.PDFA3B, nil},
		{seed, archival("a-3u", false), pdfrules.PDFA3U, nil},
		{seed, archival("a-3u", true), pdfrules.PDFA3U, nil},
		{seed, archival("a-3u,ua-1", false), pdfrules.PDFA3U, nil},
		{seed, archival("a-3u,ua-1", false), pdfrules.PDFUA1, nil},
		{features, archival("a-2b", false), pdfrules.PDFA2B, nil},
		{features, archival("a-2u", false), pdfrules.PDFA2U, nil},
		{features, archival("a-3b", false), pdfrules.PDFA3B, nil},
		{features, archival("a-3u", false), pdfrules.PDFA3U, nil},
		{features, archival("a-3u", true), pdfrules.PDFA3U, nil},
		{features, archival("a-3u,ua-1", false), pdfrules.PDFA3U, nil},
		{features, archival("a-3u,ua-1", false), pdfrules.PDFUA1, nil},
		// a-1b,ua-1: PDF/A-1 has no profile here (Preflight checks it);
		// PDF/UA-1 holds with a header that says PDF 1.4.
		{seed, archival("a-1b,ua-1", false), pdfrules.PDFUA1, nil},
		{features, archival("a-1b,ua-1", false), pdfrules.PDFUA1, nil},
	}
	for _, c := range cases {
		t.Run(c.doc.name+"/"+c.options.name+"/"+c.profile.String(), func(t *testing.T) {
			t.Parallel()
			data := renderPDF(t, c.doc, c.options.apply)
			vs := pdfrules.Check(data, c.profile)
			got := pdfrules.RuleIDs(vs)
			if !slices.Equal(got, c.want) {
				var lines []string
				for _, v := range vs {
					lines = append(lines, v.String())
				}
				t.Errorf("%s: rules reported %v, want %v\n%s", c.profile, got, c.want, strings.Join(lines, "\n"))
			}
		})
	}
}

// variant is a named change to the golden tests' PDF options.
type variant struct {
	name  string
	apply func(*pdf.Options)
}

// renderPDF fills a document and renders it to PDF with the golden tests'
// options, changed by options.
func renderPDF(t *testing.T, d document, options func(*pdf.Options)) []byte {
	t.Helper()
	src, name := defaulttemplate.Source(), defaulttemplate.Name
	if d.path != "" {
		var err error
		if src, err = os.ReadFile(filepath.Join(root, d.path)); err != nil {
			t.Fatal(err)
		}
		name = d.path
	}
	tmpl, err := template.Parse(name, src, template.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(root, d.values))
	if err != nil {
		t.Fatal(err)
	}
	vals, err := values.Parse(d.values, raw)
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := tmpl.Fill(vals, template.FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	opts := pdf.Options{
		Date:     time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC),
		Creator:  "policyexport pdfrules test",
		ImageDir: filepath.Join(root, filepath.Dir(d.path)),
	}
	for _, f := range d.fonts {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Skipf("font %s not installed (apt-get install fonts-droid-fallback)", f)
		}
		opts.Fonts = append(opts.Fonts, b)
	}
	options(&opts)
	return write(t, doc, opts)
}

// write renders doc to PDF through the render package, as the CLI does.
func write(t *testing.T, doc *ast.Document, opts pdf.Options) []byte {
	t.Helper()
	r, err := render.New(render.Options{PDF: opts}, []render.Format{render.PDF})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Write(&buf, doc, render.PDF); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
