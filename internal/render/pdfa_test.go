package render_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// TestPDFA1bPreflight renders the seed, the feature document and every
// corpus document whose characters the fonts cover with --pdf-standard
// a-1b, and holds each file to qpdf --check and to Apache PDFBox
// Preflight, which must call it a valid PDF/A-1b file.
func TestPDFA1bPreflight(t *testing.T) {
	ins := append(inputs(t), sharedCorpus(t)...)
	dir := t.TempDir()
	std, err := pdf.ParseStandard("a-1b")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	names := map[string]string{}
	for _, in := range ins {
		doc := fill(t, in)
		fonts, ok := inputFonts(t, in)
		if !ok {
			continue
		}
		opts := goldenOptions(fonts, filepath.Join(root, filepath.Dir(in.path)))
		opts.PDF.MissingImagesAlt = in.missing == template.MissingKeep
		opts.PDF.Standard = std
		r, err := render.New(opts, []render.Format{render.PDF})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		err = r.Write(&buf, doc, render.PDF)
		var ge *pdf.GlyphError
		var se *pdf.ShapingError
		if errors.As(err, &ge) || errors.As(err, &se) {
			continue // the fonts do not cover it, or its script needs shaping: TestPDFArchiveChecks checks the refusal
		}
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		file := filepath.Join(dir, strings.ReplaceAll(in.name, "/", "_")+".pdf")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		validate.QPDFCheck(t, file)
		files = append(files, file)
		names[filepath.Base(file)] = in.name
	}
	// The seed and the feature document once more with PDF/UA-1: its
	// pdfuaid property needs the extension schema PDF/A-1 checks, and
	// its /Tabs (PDF 1.5) the catalog's /Version under a PDF 1.4 header.
	ua, err := pdf.ParseStandard("a-1b,ua-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins[:2] {
		fonts, ok := inputFonts(t, in)
		if !ok {
			continue
		}
		opts := goldenOptions(fonts, filepath.Join(root, filepath.Dir(in.path)))
		opts.PDF.Standard = ua
		r, err := render.New(opts, []render.Format{render.PDF})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := r.Write(&buf, fill(t, in), render.PDF); err != nil {
			t.Fatalf("%s a-1b,ua-1: %v", in.name, err)
		}
		file := filepath.Join(dir, strings.ReplaceAll(in.name, "/", "_")+"-ua.pdf")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		validate.QPDFCheck(t, file)
		files = append(files, file)
		names[filepath.Base(file)] = in.name + " (a-1b,ua-1)"
	}
	if len(files) < 3 {
		t.Fatalf("only %d documents rendered", len(files))
	}
	for file, verdict := range validate.PreflightA1bFiles(t, files) {
		if !verdict.Valid {
			t.Errorf("%s: Preflight: not a valid PDF/A-1b file:\n  %s", names[file], strings.Join(verdict.Errors, "\n  "))
		}
	}
	t.Logf("Preflight: %d valid PDF/A-1b files", len(files))
}

// TestPDFAUnicodeFonts: under a u level and PDF/UA every font, 8-bit or
// not, has a ToUnicode map (pdffonts: uni yes), and the text extracts.
func TestPDFAUnicodeFonts(t *testing.T) {
	dir := t.TempDir()
	for _, in := range inputs(t)[:2] {
		for _, list := range []string{"a-2u", "a-3u,ua-1"} {
			doc := fill(t, in)
			var fonts [][]byte
			for _, f := range in.pdfFonts {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Skipf("fallback font %s not installed", f)
				}
				fonts = append(fonts, data)
			}
			opts := goldenOptions(fonts, filepath.Join(root, filepath.Dir(in.path)))
			std, err := pdf.ParseStandard(list)
			if err != nil {
				t.Fatal(err)
			}
			opts.PDF.Standard = std
			r, err := render.New(opts, []render.Format{render.PDF})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.Write(&buf, doc, render.PDF); err != nil {
				t.Fatalf("%s %s: %v", in.name, list, err)
			}
			file := filepath.Join(dir, strings.ReplaceAll(in.name, "/", "_")+"-"+list+".pdf")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			validate.QPDFCheck(t, file)
			out, err := exec.Command(validate.Tool(t, "pdffonts", "poppler-utils"), file).Output()
			if err != nil {
				t.Fatal(err)
			}
			// name type [type2] encoding emb sub uni object ID: emb is the
			// fifth field from the end, uni the third.
			rows := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
			if len(rows) == 0 {
				t.Errorf("%s %s: pdffonts lists no fonts", in.name, list)
			}
			for _, row := range rows {
				f := strings.Fields(row)
				if n := len(f); n < 7 || f[n-5] != "yes" || f[n-3] != "yes" {
					t.Errorf("%s %s: pdffonts: %s; want emb yes and uni yes", in.name, list, row)
				}
			}
		}
	}
}

// inputFonts reads the fallback fonts in's PDF needs; ok is false (and
// the test says which) when one is not installed.
func inputFonts(t *testing.T, in input) (fonts [][]byte, ok bool) {
	t.Helper()
	for _, f := range in.pdfFonts {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Logf("%s: fallback font %s not installed: skipped", in.name, f)
			return nil, false
		}
		fonts = append(fonts, data)
	}
	return fonts, true
}
