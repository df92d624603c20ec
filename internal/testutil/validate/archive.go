package validate

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// moduleRoot is the repository root, where "go tool" finds the module's
// tool dependencies.
func moduleRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("validate: cannot locate the module root")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// goCommand returns the go command: the one of the toolchain running the
// test (GOROOT, which go test sets), else the one on PATH.
func goCommand() string {
	if root := os.Getenv("GOROOT"); root != "" {
		return filepath.Join(root, "bin", "go")
	}
	return "go"
}

// PDFCPUStrict runs "pdfcpu validate -m strict" on a PDF, through the
// module's Go tool dependency (go tool pdfcpu, so it needs no install and
// is never skipped), and returns its findings: nil when the file passes.
// pdfcpu stops at the first finding, so there is at most one. Its
// configuration directory is disabled (-c disable): nothing is written
// under the user's home. A failure to run pdfcpu at all fails t.
func PDFCPUStrict(t testing.TB, file string) []string {
	t.Helper()
	file, err := filepath.Abs(file) // the command runs in the module root
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goCommand(), "tool", "pdfcpu", "validate", "-c", "disable", "-m", "strict", file)
	cmd.Dir = moduleRoot(t)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err = cmd.Run(); err == nil {
		return nil
	}
	var findings []string
	for _, line := range strings.Split(stdout.String()+stderr.String(), "\n") {
		if strings.Contains(line, "validation error") {
			findings = append(findings, strings.TrimSpace(line))
		}
	}
	if len(findings) == 0 {
		t.Fatalf("go tool pdfcpu validate -m strict %s: %v\n%s%s", file, err, stdout.Bytes(), stderr.Bytes())
	}
	return findings
}

// preflightJars are the jars Apache PDFBox Preflight 2 needs on the class
// path, under /usr/share/java, with the Debian packages that install them.
var preflightJars = [][2]string{
	{"preflight.jar", "libpdfbox2-java"},
	{"pdfbox2.jar", "libpdfbox2-java"},
	{"xmpbox.jar", "libpdfbox2-java"},
	{"fontbox2.jar", "libfontbox2-java"},
	{"commons-logging.jar", "libcommons-logging-java"},
	{"javax.activation.jar", "libactivation-java"},
	{"jaxb-api.jar", "libjaxb-api-java"},
}

// java17 is the Debian Java 17 that Preflight is run on when present.
const java17 = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"

// Preflight is Apache PDFBox Preflight's verdict on one file.
type Preflight struct {
	Valid  bool     // "is a valid PDF/A-1b file"
	Errors []string // one line per error, "2.4.3 : Invalid Color space, ..."
}

// PreflightA1b runs Apache PDFBox Preflight (org.apache.pdfbox.preflight.
// Validator_A1b, Debian libpdfbox2-java) on a PDF and returns its verdict.
// It is skipped (see package doc) when Java or a jar is missing; it uses
// Java 17 when installed, as the issue asks, else the java on PATH.
func PreflightA1b(t testing.TB, file string) Preflight {
	t.Helper()
	return PreflightA1bFiles(t, []string{file})[filepath.Base(file)]
}

// PreflightA1bFiles runs Preflight once over many files (one Java start
// instead of one a file) and returns each file's verdict by its base name,
// so the files' base names must differ. It fails t when Preflight reports
// on fewer files than it was given.
func PreflightA1bFiles(t testing.TB, files []string) map[string]Preflight {
	t.Helper()
	java := java17
	if _, err := os.Stat(java); err != nil {
		java = Tool(t, "java", "openjdk-17-jre-headless")
	}
	var cp []string
	for _, j := range preflightJars {
		p := filepath.Join("/usr/share/java", j[0])
		if _, err := os.Stat(p); err != nil {
			missing(t, p, "apt-get install "+j[1])
		}
		cp = append(cp, p)
	}
	abs := make([]string, len(files))
	for i, f := range files {
		a, err := filepath.Abs(f) // Preflight runs in a temporary directory
		if err != nil {
			t.Fatal(err)
		}
		abs[i] = a
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "files.txt")
	if err := os.WriteFile(list, []byte(strings.Join(abs, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(java, "-cp", strings.Join(cp, ":"), "org.apache.pdfbox.preflight.Validator_A1b", "xml", "group", list)
	cmd.Dir = dir
	out, runErr := cmd.CombinedOutput()
	data, err := os.ReadFile(list + ".preflight.xml")
	if err != nil {
		t.Fatalf("Preflight wrote no report (%v, %v):\n%s", err, runErr, out)
	}
	var report struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Valid  bool   `xml:"isValid"`
			Errors []struct {
				Code    string `xml:"code"`
				Details string `xml:"details"`
			} `xml:"errors>error"`
		} `xml:"preflight"`
	}
	if err := xml.Unmarshal(data, &report); err != nil {
		t.Fatalf("Preflight report: %v\n%s", err, data)
	}
	verdicts := map[string]Preflight{}
	for _, f := range report.Files {
		v := Preflight{Valid: f.Valid}
		if !f.Valid {
			for _, e := range f.Errors {
				v.Errors = append(v.Errors, e.Code+" : "+e.Details)
			}
			if len(v.Errors) == 0 {
				v.Errors = []string{"(no details)"}
			}
		}
		verdicts[filepath.Base(f.Name)] = v
	}
	if len(verdicts) != len(files) {
		t.Fatalf("Preflight reported on %d of %d files (%v):\n%s", len(verdicts), len(files), runErr, out)
	}
	return verdicts
}
