package render_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/testutil/pdfrules"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// TestTitleBlockPDF checks the title block in the PDF of templates whose
// front matter gives a title and whose body starts at "##" (the site
// policies of the corpus): its first structure element is H1 with the
// title's text, its first outline entry is the title, and under
// a-3u,ua-1 it is written and passes the PDF/A-3u and PDF/UA-1 rules of
// pdfrules and qpdf --check (a-1b,ua-1: PDFBox Preflight too). Without
// the title block (--no-title-block) ua-1 refuses it, for its first
// heading is "##".
func TestTitleBlockPDF(t *testing.T) {
	dir := t.TempDir()
	var a1b []string
	for _, path := range []string{"testdata/corpus/site-policy/github-subprocessors.md", "testdata/corpus/site-policy/github-terms-of-service.md"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(root, path))
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := template.Parse(path, src, template.Options{})
			if err != nil {
				t.Fatal(err)
			}
			title := tmpl.FrontMatter().Meta.Title
			if title == "" || !bytes.Contains(src, []byte("\n## ")) || regexp.MustCompile(`(?m)^# `).Match(src) {
				t.Fatalf("%s no longer has a title: and a body from ##", path)
			}
			write := func(std string, noTitle bool) ([]byte, error) {
				doc, _, err := tmpl.Fill(nil, template.FillOptions{Missing: template.MissingKeep, NoTitleBlock: noTitle})
				if err != nil {
					t.Fatal(err)
				}
				opts := goldenOptions(nil, filepath.Join(root, filepath.Dir(path)))
				opts.PDF.MissingImagesAlt = true
				if opts.PDF.Standard, err = pdf.ParseStandard(std); err != nil {
					t.Fatal(err)
				}
				r, err := render.New(opts, []render.Format{render.PDF})
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				err = r.Write(&buf, doc, render.PDF)
				return buf.Bytes(), err
			}
			out, err := write("a-3u,ua-1", false)
			if err != nil {
				t.Fatalf("a-3u,ua-1 with the title block: %v", err)
			}
			for _, p := range []pdfrules.Profile{pdfrules.PDFA3U, pdfrules.PDFUA1} {
				if vs := pdfrules.Check(out, p); len(vs) > 0 {
					t.Errorf("%s: %d violations, first %+v", p, len(vs), vs[0])
				}
			}
			file := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".md")+".pdf")
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			validate.QPDFCheck(t, file)
			lines := strings.Split(strings.TrimSpace(validate.PDFStructText(t, file)), "\n")
			if len(lines) < 3 || strings.TrimSpace(lines[0]) != "Document" || strings.TrimSpace(lines[1]) != "H1 (block)" || strings.TrimSpace(lines[2]) != `"`+title+`"` {
				t.Errorf("structure starts %q, want Document, H1 (block), %q", lines[:min(len(lines), 3)], `"`+title+`"`)
			}
			s := readStructure(t, validate.PDFObjects(t, file))
			first := dictOf(s.objs, str(dictOf(s.objs, str(s.catalog["/Outlines"]))["/First"]))
			if got := str(first["/Title"]); strings.TrimPrefix(got, "u:") != title {
				t.Errorf("first outline entry %q, want %q", got, title)
			}

			var se *pdf.StandardError
			if _, err := write("a-3u,ua-1", true); !errors.As(err, &se) || !strings.Contains(err.Error(), "first heading is level 2") {
				t.Errorf("ua-1 without the title block: %v, want the first heading refused", err)
			}

			out, err = write("a-1b,ua-1", false)
			if err != nil {
				t.Fatalf("a-1b,ua-1: %v", err)
			}
			file = filepath.Join(dir, "a1b-"+filepath.Base(file))
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			a1b = append(a1b, file)
		})
	}
	for name, v := range validate.PreflightA1bFiles(t, a1b) {
		if !v.Valid {
			t.Errorf("%s: PDFBox Preflight: not a valid PDF/A-1b file: %q", name, v.Errors)
		}
	}
}
