package app

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/batch"
)

// TestBatchGuide checks that bench/README.md, the batch user guide, keeps
// up with the command: its flag table (under "Running") names every flag
// of batch --help, and its manifest section names every key the manifest
// schema allows.
func TestBatchGuide(t *testing.T) {
	data, err := os.ReadFile("../../bench/README.md")
	if err != nil {
		t.Fatal(err)
	}
	guide := string(data)
	var table []string
	for line := range strings.SplitSeq(guideSection(t, guide, "## Running"), "\n") {
		if strings.HasPrefix(line, "| `-") {
			table = append(table, line)
		}
	}
	rows := strings.Join(table, "\n")
	for _, f := range batchCommand(Env{Getenv: func(string) string { return "" }}).Flags {
		for _, name := range f.Names() {
			flag := "--" + name
			if len(name) == 1 {
				flag = "-" + name
			}
			if !regexp.MustCompile("[`, ]" + regexp.QuoteMeta(flag) + "[`, ]").MatchString(rows) {
				t.Errorf("bench/README.md's flag table does not name %s", flag)
			}
		}
	}

	var schema struct {
		Properties map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
			Items      struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"items"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(batch.Schema, &schema); err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for key, p := range schema.Properties {
		keys = append(keys, key)
		for k := range p.Properties {
			keys = append(keys, k)
		}
		for k := range p.Items.Properties {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	manifest := guideSection(t, guide, "## The manifest")
	for _, key := range slices.Compact(keys) {
		if !strings.Contains(manifest, key+":") && !strings.Contains(manifest, "`"+key+"`") {
			t.Errorf("bench/README.md's manifest section does not name the key %s", key)
		}
	}
}

// guideSection returns the text of the section of the guide that starts
// with the heading, up to the next heading of its level.
func guideSection(t *testing.T, guide, heading string) string {
	t.Helper()
	_, rest, ok := strings.Cut(guide, "\n"+heading+"\n")
	if !ok {
		t.Fatalf("bench/README.md has no section %q", heading)
	}
	level := heading[:strings.IndexByte(heading, ' ')+1]
	if end := strings.Index(rest, "\n"+level); end >= 0 {
		rest = rest[:end]
	}
	return rest
}
