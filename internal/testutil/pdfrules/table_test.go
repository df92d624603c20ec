package pdfrules

import (
	"os"
	"strings"
	"testing"
)

// TestRulesTable keeps RULES.md and the code in step: each rule that a
// profile implements is a "checked" or "partly" row of its section, and
// each such row is implemented.
func TestRulesTable(t *testing.T) {
	data, err := os.ReadFile("RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{} // "A 6.6.4-1" or "UA 7.1-3" → status
	section := ""
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "## PDF/A"):
			section = "A"
		case strings.HasPrefix(line, "## PDF/UA"):
			section = "UA"
		case strings.HasPrefix(line, "| ") && section != "":
			cells := strings.Split(line, " | ")
			id := strings.TrimPrefix(cells[0], "| ")
			if id == "rule" || strings.HasPrefix(id, "---") {
				continue
			}
			listed[section+" "+id] = strings.TrimSpace(cells[len(cells)-2])
		}
	}
	implemented := map[string]bool{}
	for _, p := range Profiles() {
		section := "A"
		if p == PDFUA1 {
			section = "UA"
		}
		for _, r := range Rules(p) {
			key := section + " " + r.ID
			implemented[key] = true
			if s := listed[key]; s != "checked" && s != "partly" {
				t.Errorf("%s rule %s is implemented but RULES.md says %q", p, r.ID, s)
			}
		}
	}
	for key, s := range listed {
		if (s == "checked" || s == "partly") && !implemented[key] {
			t.Errorf("RULES.md lists %s as %s, but no profile implements it", key, s)
		}
	}
	if len(listed) < 200 {
		t.Errorf("RULES.md lists %d rules; the five profiles have more", len(listed))
	}
}
