package app

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport/internal/testutil/golden"
)

// manOutput runs "policyexport man" and returns what it printed.
func manOutput(t *testing.T) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := Env{Args: []string{"policyexport", "man"}, Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	if code := Main(context.Background(), env); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	return stdout.Bytes()
}

// TestManPage checks the manual page against testdata/policyexport.1
// (-update rewrites it, to review the change).
func TestManPage(t *testing.T) {
	page := manOutput(t)
	if !bytes.HasPrefix(page, []byte(".TH policyexport 1\n")) {
		t.Errorf("the page starts %.40q, want .TH", page)
	}
	golden.Check(t, "testdata/policyexport.1", page)
}

// TestManPageKeepsText checks that the page says everything --help says,
// escaped for roff rather than read as markup: each command's usage,
// description lines and flags' text (with "<html>", "<url>", "\"), and
// the indented lines (examples, exit codes) in example blocks, as
// written.
func TestManPageKeepsText(t *testing.T) {
	page := string(manOutput(t))
	root := newApp(Env{Args: []string{"policyexport"}, Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}})
	// What --help shows comes from the same definitions, set up as for
	// a run.
	if err := root.Run(context.Background(), []string{"policyexport", "--help"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"without <html> and <head>", "(text <url>)"} {
		if !strings.Contains(page, roffEscape(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
	blocks := exampleBlocks(page)
	check := func(c *cli.Command) {
		for _, line := range strings.Split(c.Description, "\n") {
			switch {
			case strings.TrimSpace(line) == "":
			case line[0] == ' ':
				if !strings.Contains(blocks, "\n"+roffLine(roffEscape(line))+"\n") {
					t.Errorf("%s: the indented line %q is not in an example block as written", c.Name, line)
				}
			case !strings.Contains(page, "\n"+roffLine(roffEscape(line))+"\n"):
				t.Errorf("%s: the page lacks the line %q", c.Name, line)
			}
		}
		for _, f := range c.VisibleFlags() {
			_, text, _ := strings.Cut(f.String(), "\t")
			if f.Names()[0] != "help" && !strings.Contains(page, "\n"+roffLine(roffEscape(text))+"\n") {
				t.Errorf("%s: the page lacks the text of --%s, %q", c.Name, f.Names()[0], text)
			}
		}
	}
	check(root)
	for _, c := range manCommands(root) {
		check(c)
		if !strings.Contains(page, ".SS \""+roffEscape(c.Name)) {
			t.Errorf("the page has no section for %s", c.Name)
		}
	}
	if !strings.Contains(blocks, "\n   0  success: every output was written") {
		t.Error("the exit codes are not an example block")
	}
}

// exampleBlocks returns the lines of page's .EX/.EE blocks, each on a
// line of its own.
func exampleBlocks(page string) string {
	var b strings.Builder
	for _, m := range regexp.MustCompile(`(?s)\n\.EX\n(.*?)\n\.EE\n`).FindAllStringSubmatch(page, -1) {
		b.WriteString("\n" + m[1] + "\n")
	}
	return b.String()
}

// TestRoffEscape: what roff reads as markup is escaped, the rest is
// left alone.
func TestRoffEscape(t *testing.T) {
	for in, want := range map[string]string{
		`<html> and <head>`:   `<html> and <head>`,
		`--set KEY=VALUE`:     `\-\-set KEY=VALUE`,
		`a\b`:                 `a\eb`,
		`'{siteName} · {x}'`:  `\(aq{siteName} \[u00B7] {x}\(aq`,
		"`code` *bold* _x_ ~": `\(gacode\(ga *bold* _x_ ~`,
	} {
		if got := roffEscape(in); got != want {
			t.Errorf("roffEscape(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{".json files": `\&.json files`, "'x": `\&'x`, "a.b": "a.b"} {
		if got := roffLine(in); got != want {
			t.Errorf("roffLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestManPageFormats formats the page with groff, when it is installed:
// no warning, and the text as written (angle brackets, the exit codes
// one to a line).
func TestManPageFormats(t *testing.T) {
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("groff not found")
	}
	page := manOutput(t)
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-rLL=200n")
	cmd.Stdin = bytes.NewReader(page)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("groff: %v\n%s", err, stderr.String())
	}
	text := regexp.MustCompile(".\b").ReplaceAllString(out.String(), "") // bold and underline
	for _, want := range []string{
		"without <html> and <head>",
		"inline (text <url>)",
		"\n          0  success: every output was written (or, with batch --check, nothing differs)\n",
		"\n          2  a usage error on the command line: an unknown command or flag, a\n",
		"policyexport render --set siteName=\"Acme Imaging, Inc.\" --set email=privacy@acme.example \\\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("groff's page lacks %q", want)
		}
	}
}
