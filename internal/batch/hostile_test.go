package batch

import (
	"runtime"
	"strings"
	"testing"
)

// TestLoadHostileManifests checks that malformed and hostile manifests
// (YAML, JSON and CSV) give an error naming the file, line and column,
// quickly.
func TestLoadHostileManifests(t *testing.T) {
	tests := []struct{ name, file, data, want string }{
		{"deep flow", "m.yaml", "documents: " + strings.Repeat("[", 100000), "m.yaml:1:43: maps and lists nested deeper than 32 levels"},
		{"deep JSON", "m.json", `{"documents": [{"name": "a", "metadata": {"x": ` + strings.Repeat("[", 50000), "m.json:1:"},
		{"billion laughs", "m.yaml", "defaults: &d {formats: [html]}\nx1: &x1 [*d, *d, *d, *d]\ndocuments: [*x1]\n", "m.yaml:1:11: anchors (&name) are not allowed"},
		{"too many items", "m.yaml", "documents:\n" + strings.Repeat("  - {name: a}\n", 300000), "m.yaml:83335: more than 250000 items"},
		{"duplicate key", "m.yaml", "documents: [{name: a}]\ndocuments: [{name: b}]\n", `m.yaml:2:1: duplicate key "documents"`},
		{"wrong type", "m.yaml", "documents: {name: a}\n", "m.yaml:1:12: /documents: "},
		{"tab", "m.yaml", "documents:\n\t- name: a\n", "m.yaml:2:1: found"},
		{"non-UTF-8 YAML", "m.yaml", "documents: [{name: caf\xe9}]\n", "m.yaml:1:23: invalid UTF-8"},
		{"non-UTF-8 CSV", "m.csv", "name\ncaf\xe9\n", "m.csv:2:4: invalid UTF-8 at byte offset 8 (byte 0xE9 is \"é\" in Windows-1252 and Latin-1, which the file is likely saved in: save it as UTF-8)"},
		{"UTF-16 CSV", "m.csv", "\xff\xfen\x00a\x00", "m.csv:1:1: invalid UTF-8 at byte offset 0 (the file is UTF-16, by its byte order mark: save it as UTF-8)"},
		{"CSV with semicolons, a row short", "m.csv", "name;template;siteName\na;t.md\n", `m.csv:2:1: this row has 2 columns, the header 3 (every row has every column, an empty one too: a;;c)`},
		{"CSV with tabs, a row long", "m.csv", "name\tsiteName\na\tb\tc\n", `m.csv:2:1: this row has 3 columns, the header 2 (a value that holds a tab needs double quotes)`},
		{"CSV duplicate column", "m.csv", "name,siteName,siteName\na,b,c\n", `m.csv:1:15: column "siteName" appears twice`},
		{"CSV bare quote", "m.csv", "name\na\"b\n", `m.csv:2:2: bare " in non-quoted-field`},
		{"CSV hidden character", "m.csv", "name,siteName\na,x\u202Ey\n", `m.csv:2:3: value "siteName" contains U+202E`},
		// A file name with a line feed or an escape was printed as
		// written in the message that it is missing: a line of its own
		// in a CI log ("::error::", a GitHub Actions command).
		{"template with a line feed", "m.yaml", "documents:\n  - {name: a, template: \"x\\n::error::y.md\"}\n", `m.yaml:2:25: template "x\n::error::y.md" holds the control character U+000A, which no file name needs`},
		{"defaults valuesFile with an escape", "m.json", `{"defaults": {"valuesFile": "v\u001b[2J.yaml"}, "documents": [{"name": "a"}]}`, `m.json:1:29: valuesFile "v\x1b[2J.yaml" holds the control character U+001B, which no file name needs`},
		{"CSV template with a line feed", "m.csv", "name,template\na,\"t\n::error::x.md\"\n", `m.csv:2:3: template "t\n::error::x.md" holds the control character U+000A, which no file name needs`},
		{"CSV valuesFile with a CR", "m.csv", "name,valuesFile\r\na,\"v\r.yaml\"\r\n", `m.csv:2:3: valuesFile "v\n.yaml" holds the control character U+000A`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Load(tt.file, []byte(tt.data))
			runtime.ReadMemStats(&after)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got  %v\nwant %s…", err, tt.want)
			}
			// What the refusal allocates bounds its work (a wall-clock
			// limit fails on a busy machine): a hostile manifest is
			// refused without building what it describes.
			if n := after.TotalAlloc - before.TotalAlloc; n > 256<<20 {
				t.Errorf("allocated %d MiB (at most 6 MiB expected)", n>>20)
			}
		})
	}
	// A BOM and a 4 MiB cell are fine.
	m, err := Load("m.csv", []byte("\uFEFFname,siteName\na,"+strings.Repeat("x", 4<<20)+"\n"))
	if err != nil || len(m.Documents) != 1 || len(m.Documents[0].Values["siteName"]) != 4<<20 {
		t.Errorf("BOM and a 4 MiB cell: %v", err)
	}
}
