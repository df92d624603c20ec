package render_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/validate"
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
		var fonts [][]byte
		for _, f := range in.pdfFonts {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Logf("%s: fallback font %s not installed: skipped", in.name, f)
				continue
			}
			fonts = append(fonts, data)
		}
		if len(fonts) < len(in.pdfFonts) {
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
		if errors.As(err, &ge) {
			continue // the fonts do not cover it: TestPDFArchiveChecks checks the refusal
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
	// The seed once more with PDF/UA-1: its pdfuaid property needs the
	// extension schema PDF/A-1 checks.
	{
		opts := goldenOptions(nil, root)
		ua, err := pdf.ParseStandard("a-1b,ua-1")
		if err != nil {
			t.Fatal(err)
		}
		opts.PDF.Standard = ua
		r, err := render.New(opts, []render.Format{render.PDF})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := r.Write(&buf, fill(t, ins[0]), render.PDF); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "seed-ua.pdf")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
		names["seed-ua.pdf"] = "seed/privacy-policy (a-1b,ua-1)"
	}
	if len(files) < 3 {
		t.Fatalf("only %d documents rendered", len(files))
	}
	for file, verdict := range preflightA1b(t, files) {
		if verdict != "" {
			t.Errorf("%s: Preflight: not a valid PDF/A-1b file:\n%s", names[file], verdict)
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

// preflightJars are Apache PDFBox Preflight and what it needs, as Debian's
// libpdfbox2-java installs them.
var preflightJars = []string{"preflight.jar", "pdfbox2.jar", "xmpbox.jar", "fontbox2.jar", "commons-logging.jar", "javax.activation.jar", "jaxb-api.jar"}

// preflightA1b runs PDFBox Preflight's PDF/A-1b validator once over files
// and returns, per file name (base name), "" for a valid file, else its
// errors. It skips t when Java or Preflight is missing, or fails it with
// POLICYEXPORT_REQUIRE_VALIDATORS=1. (A small local helper: the shared
// validate package has no Preflight runner on this branch.)
func preflightA1b(t *testing.T, files []string) map[string]string {
	t.Helper()
	var cp []string
	for _, j := range preflightJars {
		p := filepath.Join("/usr/share/java", j)
		if _, err := os.Stat(p); err != nil {
			preflightMissing(t, p)
		}
		cp = append(cp, p)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		preflightMissing(t, "java")
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "files.txt")
	if err := os.WriteFile(list, []byte(strings.Join(files, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(java, "-cp", strings.Join(cp, ":"), "org.apache.pdfbox.preflight.Validator_A1b", "xml", "group", list)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil && !bytes.Contains(out, []byte("not valid")) {
		t.Logf("Preflight exited with %v:\n%s", err, out)
	}
	data, err := os.ReadFile(list + ".preflight.xml")
	if err != nil {
		t.Fatalf("Preflight wrote no report: %v", err)
	}
	var report struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Valid  bool   `xml:"isValid"`
			Errors []struct {
				Code    string `xml:"code"`
				Details string `xml:"details"`
				Count   int    `xml:"count,attr"`
			} `xml:"errors>error"`
		} `xml:"preflight"`
	}
	if err := xml.Unmarshal(data, &report); err != nil {
		t.Fatalf("Preflight report: %v\n%s", err, data)
	}
	out := map[string]string{}
	for _, f := range report.Files {
		var b strings.Builder
		if !f.Valid {
			for _, e := range f.Errors {
				b.WriteString("  " + e.Code + ": " + e.Details + "\n")
			}
			if b.Len() == 0 {
				b.WriteString("  (no details)\n")
			}
		}
		out[f.Name] = b.String()
	}
	if len(out) != len(files) {
		t.Errorf("Preflight reported on %d of %d files", len(out), len(files))
	}
	return out
}

func preflightMissing(t *testing.T, what string) {
	t.Helper()
	msg := "external check skipped: " + what + " not found (apt-get install libpdfbox2-java default-jre-headless; scripts/check installs it)"
	if os.Getenv(validate.RequireEnv) == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
