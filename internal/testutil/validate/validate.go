// Package validate runs the external checkers that the tests hold outputs
// against: the Nu HTML checker (vnu), qpdf, poppler's pdffonts, pdfinfo
// and pdftotext, pdfcpu's strict validation (a Go tool dependency, run with
// "go tool pdfcpu", so never missing) and Apache PDFBox Preflight (PDF/A-1b).
//
// A missing checker skips the check that needs it, and says so on the
// terminal even under a plain "go test ./...", which otherwise hides the
// output of passing packages. With POLICYEXPORT_REQUIRE_VALIDATORS=1 (set by
// scripts/check and so by CI) a missing checker fails the test instead: in
// CI every check runs for real. It is test support only: no product code
// imports it.
package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// RequireEnv is the variable that turns a missing checker into a failure.
const RequireEnv = "POLICYEXPORT_REQUIRE_VALIDATORS"

// VNUEnv names the vnu.jar to use; scripts/check sets it.
const VNUEnv = "VNU_JAR"

// announced keeps the terminal notice to one line per tool and process.
var announced sync.Map

// missing skips t, or fails it when RequireEnv is set, because tool is not
// installed; the first time per process it also tells the terminal.
func missing(t testing.TB, tool, install string) {
	t.Helper()
	msg := fmt.Sprintf("external check skipped: %s not found (%s; scripts/check installs it)", tool, install)
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s is required (%s=1) but not found: %s", tool, RequireEnv, install)
	}
	if _, done := announced.LoadOrStore(tool, true); !done {
		notify("policyexport tests: " + msg)
	}
	t.Skip(msg)
}

// notify writes line where a person running go test sees it: the terminal
// when there is one (go test hides a passing package's output), else
// standard error.
func notify(line string) {
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		fmt.Fprintln(tty, line)
		tty.Close()
		return
	}
	fmt.Fprintln(os.Stderr, line)
}

// Tool returns the path of an executable on PATH, or skips t (see package
// doc) naming the Debian package that provides it.
func Tool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name, "apt-get install "+debianPackage)
	}
	return p
}

// File returns the contents of a file that a Debian package installs (a
// font, say), or skips t (see package doc) naming the package.
func File(t testing.TB, path, debianPackage string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		missing(t, path, "apt-get install "+debianPackage)
	}
	return data
}

// OptionalFile reads the file at path, which Debian's debianPackage
// installs, for a test that does less without it: when it is missing the
// test goes on (ok is false, and the terminal is told once), or fails
// when RequireEnv is set.
func OptionalFile(t testing.TB, path, debianPackage string) (data []byte, ok bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err == nil {
		return data, true
	}
	if err := Reduced(path, debianPackage); err != nil {
		t.Fatal(err)
	}
	return nil, false
}

// Reduced is what a test that does less without what (a file or a
// program, which Debian's debianPackage installs) calls when it is
// missing: it returns an error when RequireEnv is set, so that the
// caller fails, and otherwise tells the terminal once and returns nil.
// It serves callers without a testing.TB, such as a testscript condition.
func Reduced(what, debianPackage string) error {
	if os.Getenv(RequireEnv) == "1" {
		return fmt.Errorf("%s is required (%s=1) but not found: apt-get install %s", what, RequireEnv, debianPackage)
	}
	if _, done := announced.LoadOrStore(what, true); !done {
		notify(fmt.Sprintf("policyexport tests: external check reduced: %s not found (apt-get install %s; scripts/check installs it)", what, debianPackage))
	}
	return nil
}

// run runs a command and returns its standard output; a non-zero exit fails
// t with the command's output.
func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", name, strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.Bytes()
}

// vnuJar finds vnu.jar: $VNU_JAR, else the copy scripts/check installs
// under .tools/ at the repository root.
func vnuJar() (string, bool) {
	if p := os.Getenv(VNUEnv); p != "" {
		_, err := os.Stat(p)
		return p, err == nil
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", false
	}
	p := filepath.Join(filepath.Dir(file), "..", "..", "..", ".tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	_, err := os.Stat(p)
	return p, err == nil
}

// HTML checks the HTML files with the Nu HTML checker and fails t on any
// error, naming file, line and message (warnings are allowed).
func HTML(t testing.TB, files ...string) {
	t.Helper()
	if len(files) == 0 {
		t.Fatal("validate.HTML: no files to check")
	}
	java := Tool(t, "java", "default-jre-headless")
	jar, ok := vnuJar()
	if !ok {
		missing(t, "vnu.jar", "npm install vnu-jar, or set "+VNUEnv)
	}
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json"}, files...)
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	// vnu writes its JSON report to standard error.
	var report struct {
		Messages []struct {
			Type     string `json:"type"`
			URL      string `json:"url"`
			LastLine int    `json:"lastLine"`
			Message  string `json:"message"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("Nu HTML checker: unreadable report (%v, exit %v):\n%s%s", err, runErr, stdout.Bytes(), stderr.Bytes())
	}
	for _, m := range report.Messages {
		t.Errorf("Nu HTML checker: %s:%d: %s: %s", m.URL, m.LastLine, m.Type, m.Message)
	}
	if runErr != nil && len(report.Messages) == 0 {
		t.Fatalf("Nu HTML checker failed: %v\n%s", runErr, stderr.Bytes())
	}
	t.Logf("Nu HTML checker: %d file(s), %d error(s)", len(files), len(report.Messages))
}

// QPDFCheck runs "qpdf --check" on a PDF and fails t if it finds a problem.
func QPDFCheck(t testing.TB, file string) {
	t.Helper()
	qpdf := Tool(t, "qpdf", "qpdf")
	out := run(t, qpdf, "--check", file)
	if !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) {
		t.Fatalf("qpdf --check %s:\n%s", file, out)
	}
}

// Font is one row of pdffonts' table.
type Font struct {
	Name     string
	Type     string
	Embedded bool
}

// PDFFonts lists the fonts of a PDF with pdffonts.
func PDFFonts(t testing.TB, file string) []Font {
	t.Helper()
	bin := Tool(t, "pdffonts", "poppler-utils")
	out := run(t, bin, file)
	var fonts []Font
	lines := strings.Split(string(out), "\n")
	for _, line := range lines[min(2, len(lines)):] {
		f := strings.Fields(line)
		if len(f) < 7 {
			continue
		}
		// name type [type2] encoding emb sub uni object ID: the last five
		// columns are fixed; emb is the fifth from the end.
		n := len(f)
		fonts = append(fonts, Font{Name: f[0], Type: strings.Join(f[1:n-6], " "), Embedded: f[n-5] == "yes"})
	}
	return fonts
}

// PDFInfo returns pdfinfo's fields (Title, Pages, Producer, ...) for a PDF.
func PDFInfo(t testing.TB, file string) map[string]string {
	t.Helper()
	bin := Tool(t, "pdfinfo", "poppler-utils")
	out := run(t, bin, "-enc", "UTF-8", file)
	info := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// PDFText extracts the text of a PDF in reading order with pdftotext.
func PDFText(t testing.TB, file string) string {
	t.Helper()
	bin := Tool(t, "pdftotext", "poppler-utils")
	return string(run(t, bin, "-enc", "UTF-8", file, "-"))
}

// PDFStructText returns the text of a tagged PDF's structure tree as
// pdfinfo -struct-text prints it: one line per element (its type,
// indented by depth) and the quoted text of its marked content.
func PDFStructText(t testing.TB, file string) string {
	t.Helper()
	bin := Tool(t, "pdfinfo", "poppler-utils")
	return string(run(t, bin, "-enc", "UTF-8", "-struct-text", file))
}

// PDFObjects returns every object of a PDF as qpdf's JSON (version 2)
// shows it, by object key ("obj:12 0 R"): a dictionary's value under
// "value", a stream's dictionary under "stream"/"dict" and its decoded
// data, base64, under "stream"/"data".
func PDFObjects(t testing.TB, file string) map[string]json.RawMessage {
	t.Helper()
	bin := Tool(t, "qpdf", "qpdf")
	out := run(t, bin, "--json=2", "--json-stream-data=inline", "--decode-level=generalized", file)
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf --json %s: %v", file, err)
	}
	var objs map[string]json.RawMessage
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf --json %s: %v", file, err)
	}
	return objs
}
