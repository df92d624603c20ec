package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/html"
	"github.com/policyexport/policyexport/internal/template"
)

// specFile is the spec's examples, relative to the shared directory.
const specFile = "conformance/commonmark/spec-0.31.2.json"

// specExamples is the number of examples in spec 0.31.2, and minPass the
// fewest that must pass.
const (
	specExamples = 655
	minPass      = 645
)

// knownFailures lists the examples that are expected to fail, with the
// reason. An example that fails and is not listed fails the test; a
// listed example that passes is reported so that it can be removed.
var knownFailures = map[int]string{}

// example is one spec example as in spec.json.
type example struct {
	Markdown  string `json:"markdown"`
	HTML      string `json:"html"`
	Example   int    `json:"example"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	Section   string `json:"section"`
}

// sharedDir is $POLICYEXPORT_SHARED, else the shared directory next to
// the repository.
func sharedDir() string {
	if d := os.Getenv("POLICYEXPORT_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

func loadExamples(t *testing.T) []example {
	t.Helper()
	path := filepath.Join(sharedDir(), specFile)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("SKIPPING CommonMark conformance: %s not found (set POLICYEXPORT_SHARED to the shared directory)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	var exs []example
	if err := json.Unmarshal(data, &exs); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(exs) != specExamples {
		t.Fatalf("%s: %d examples, want %d", path, len(exs), specExamples)
	}
	return exs
}

// toHTML converts markdown to HTML the way the tool does, in the
// CommonMark profile and mode. A panic is returned as an error.
func toHTML(name, markdown string) (out string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	tmpl, err := template.Parse(name, []byte(markdown), template.Options{Profile: template.ProfileCommonMark})
	if err != nil {
		return "", fmt.Errorf("parse: %w", err)
	}
	doc, _, err := tmpl.Fill(nil, template.FillOptions{})
	if err != nil {
		return "", fmt.Errorf("fill: %w", err)
	}
	var b strings.Builder
	if err := html.Render(&b, doc, html.Options{CommonMark: true}); err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	return b.String(), nil
}

func TestCommonMark(t *testing.T) {
	exs := loadExamples(t)
	pass, exact, ran := 0, 0, 0
	failedBySection := map[string][]int{}
	var sections []string
	for _, ex := range exs {
		t.Run(fmt.Sprintf("example-%03d", ex.Example), func(t *testing.T) {
			ran++
			got, err := toHTML(fmt.Sprintf("example-%d.md", ex.Example), ex.Markdown)
			ok := err == nil && normalizeHTML(got) == normalizeHTML(ex.HTML)
			if err == nil && got == ex.HTML {
				exact++
			}
			reason, known := knownFailures[ex.Example]
			switch {
			case ok && known:
				pass++
				t.Logf("example %d now passes: remove it from knownFailures (%s)", ex.Example, reason)
			case ok:
				pass++
			default:
				if len(failedBySection[ex.Section]) == 0 {
					sections = append(sections, ex.Section)
				}
				failedBySection[ex.Section] = append(failedBySection[ex.Section], ex.Example)
				msg := fmt.Sprintf("example %d (%s, spec lines %d-%d)\nmarkdown: %q\nwant:     %q\ngot:      %q",
					ex.Example, ex.Section, ex.StartLine, ex.EndLine, ex.Markdown, ex.HTML, got)
				if err != nil {
					msg += "\nerror: " + err.Error()
				}
				if known {
					t.Skipf("known failure: %s\n%s", reason, msg)
				}
				t.Error(msg)
			}
		})
	}
	for _, s := range sections {
		t.Logf("failing in %s: %v", s, failedBySection[s])
	}
	if ran < len(exs) {
		t.Logf("CommonMark: %d/%d selected examples pass", pass, ran)
		return
	}
	t.Logf("CommonMark: %d/%d examples pass", pass, specExamples)
	t.Logf("CommonMark: %d/%d examples byte-identical before normalisation", exact, specExamples)
	if pass < minPass {
		t.Errorf("CommonMark: %d examples pass, want at least %d", pass, minPass)
	}
}
