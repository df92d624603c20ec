package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// TestPDFCPUStrict renders the seed and the feature document as plain PDF
// and under every --pdf-standard, with and without the source attached
// where the standard allows it, and holds each file to qpdf --check and
// "pdfcpu validate -m strict", which must find nothing.
//
// One exception is pinned rather than hidden: pdfcpu's model dates the
// file specification's /AFRelationship to PDF 2.0, while ISO 19005-3
// (PDF/A-3, on PDF 1.7) requires it on every embedded file (veraPDF rule
// 6.8-3), so a PDF/A-3 file with attachments gets exactly that finding.
// The PDF Association's Arlington model records the key as a PDF/A-3
// extension of 1.7 (pdf-association/arlington-pdf-model#113).
func TestPDFCPUStrict(t *testing.T) {
	dir := t.TempDir()
	ins := inputs(t)[:2] // the seed and the feature document
	for _, in := range ins {
		var fonts [][]byte
		for _, f := range in.pdfFonts {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Skipf("fallback font %s not installed (apt-get install fonts-droid-fallback)", f)
			}
			fonts = append(fonts, data)
		}
		doc := fill(t, in)
		for _, list := range []string{"", "a-1b", "a-2b", "a-2u", "a-3b", "a-3u", "ua-1", "a-1b,ua-1", "a-3u,ua-1"} {
			std, err := pdf.ParseStandard(list)
			if err != nil {
				t.Fatal(err)
			}
			for _, attach := range []bool{false, true} {
				if attach && !std.AllowsAttachments() {
					continue
				}
				name := strings.ReplaceAll(in.name, "/", "_") + "-" + list
				if list == "" {
					name += "plain"
				}
				if attach {
					name += "-attach"
				}
				t.Run(name, func(t *testing.T) {
					opts := goldenOptions(fonts, filepath.Join(root, filepath.Dir(in.path)))
					opts.PDF.Standard = std
					if attach {
						opts.PDF.Attachments = []pdf.Attachment{
							{Name: "source.md", Content: []byte("# Source\n"), Relationship: "Source", MIME: "text/markdown"},
							{Name: "values.json", Content: []byte("{}\n"), Relationship: "Data", MIME: "application/json"},
						}
					}
					r, err := render.New(opts, []render.Format{render.PDF})
					if err != nil {
						t.Fatal(err)
					}
					var buf bytes.Buffer
					if err := r.Write(&buf, doc, render.PDF); err != nil {
						t.Fatal(err)
					}
					file := filepath.Join(dir, name+".pdf")
					if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					validate.QPDFCheck(t, file)
					findings := validate.PDFCPUStrict(t, file)
					if attach && std.Part == 3 {
						if len(findings) != 1 || !strings.Contains(findings[0], "entry=AFRelationship: unsupported in version 1.7") {
							t.Errorf("pdfcpu strict: %q, want only its PDF 2.0 dating of /AFRelationship", findings)
						}
						return
					}
					if len(findings) > 0 {
						t.Errorf("pdfcpu strict: %q", findings)
					}
				})
			}
		}
	}
}
