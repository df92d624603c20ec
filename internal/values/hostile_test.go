package values

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// laughs is a "billion laughs" document: n levels of anchors, each a list
// of nine aliases of the one before, so that expanding it would make 9^n
// values.
func laughs(n int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// nestedMaps is n maps, each indented one more space than its parent.
func nestedMaps(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	return b.String()
}

// hostileYAML are malformed or hostile values files, each with the error
// it must give (exactly, position included).
var hostileYAML = []struct {
	name, data, want string
}{
	{"100,000 [", strings.Repeat("[", 100000), "v.yaml:1:33: maps and lists nested deeper than 32 levels"},
	{"100,000 {", strings.Repeat("{", 100000), "v.yaml:1:33: maps and lists nested deeper than 32 levels"},
	{"value of 100,000 [", "a: b\nc: " + strings.Repeat("[", 100000), "v.yaml:2:35: maps and lists nested deeper than 32 levels"},
	{"100,000 - ", strings.Repeat("- ", 100000), "v.yaml:1:65: maps and lists nested deeper than 32 levels"},
	{"a map and 32 [", "a: " + strings.Repeat("[", 32) + strings.Repeat("]", 32), "v.yaml:1:35: maps and lists nested deeper than 32 levels"},
	{"a map and 31 [", "a: " + strings.Repeat("[", 31) + strings.Repeat("]", 31), "v.yaml:1:4: a: want a single value (text, number, date, true/false), found a list"},
	{"3,000 nested maps", nestedMaps(3000), "v.yaml:33:33: maps and lists nested deeper than 32 levels"},
	{"billion laughs", laughs(10), "v.yaml:1:5: anchors (&name) are not allowed"},
	{"alias to a scalar", "a: &x 1\nb: *x\n", "v.yaml:1:4: anchors (&name) are not allowed"},
	{"merge key", "base: &b {x: 1}\nc:\n  <<: *b\n", "v.yaml:1:7: anchors (&name) are not allowed"},
	{"duplicate keys", "a: 1\nb: 2\na: 3\n", `v.yaml:3:1: duplicate key "a" (first at 1:1; keep one of them)`},
	{"duplicate keys, JSON", `{"a": 1, "b": 2, "a": 3}`, `v.yaml:1:18: duplicate key "a" (first at 1:2; keep one of them)`},
	{"list value", "a: [1, 2]\n", "v.yaml:1:4: a: want a single value (text, number, date, true/false), found a list"},
	{"map value", "a: {b: 1}\n", "v.yaml:1:4: a: want a single value (text, number, date, true/false), found a map"},
	{"top-level list", "- a\n", "v.yaml:1:1: want a map of names to values (a \"name: value\" line each), found a list"},
	{"top-level number", "42\n", "v.yaml:1:1: want a map of names to values (a \"name: value\" line each), found a single value"},
	{"number key", "1: a\n", `v.yaml:1:1: "1" is not a valid placeholder name (a letter or _ then letters, digits or _)`},
	{"non-UTF-8", "a: b\nc: caf\xe9\n", "v.yaml:2:7: invalid UTF-8 at byte offset 11 (byte 0xE9 is \"é\" in Windows-1252 and Latin-1, which the file is likely saved in: save it as UTF-8)"},
	{"UTF-16 file", "\xff\xfea\x00:\x00", "v.yaml:1:1: invalid UTF-8 at byte offset 0 (the file is UTF-16, by its byte order mark: save it as UTF-8)"},
	{"UTF-16 file, big-endian", "\xfe\xff\x00a\x00:", "v.yaml:1:1: invalid UTF-8 at byte offset 0 (the file is UTF-16, by its byte order mark: save it as UTF-8)"},
	{"NUL", "a: b\x00\n", "v.yaml:1:5: NUL byte"},
	// A value refused for its content, at its place in the values file
	// (it was "template t.md: value ...", found when filled in).
	{"bidi override", "a: 1\nb: \"x\\u202Ey\"\n", `v.yaml:2:4: value "b" contains U+202E (bidirectional embedding or override) at byte 1: refused, because a reader would see the text in another order than the data or not see it at all`},
	{"zero width space, JSON", "{\"a\": \"x\u200by\"}", `v.yaml:1:7: value "a" contains U+200B (zero width space) at byte 1: refused, because a reader would see the text in another order than the data or not see it at all`},
	{"tab indentation", "a:\n\tb: c\n", "v.yaml:2:1: found character that cannot start any token (a tab: YAML indents with spaces only)"},
	{"BOM inside", "a: b\n\uFEFFc: d\n", `v.yaml:2:1: "\ufeffc" is not a valid placeholder name (a letter or _ then letters, digits or _)`},
	{"tab after a key", "a:\tb\n\tc: d\n", "v.yaml:2:1: found a tab character that violates indentation (a tab: YAML indents with spaces only)"},
	{"too many items", strings.Repeat("[x],", MaxItems), "v.yaml:1: more than 250000 items (lines, commas, brackets, list dashes): too large to read as YAML; split the file, or use a CSV manifest"},
	{"too many lines", strings.Repeat("a: b\n", MaxItems+1), "v.yaml:250001: more than 250000 items (lines, commas, brackets, list dashes): too large to read as YAML; split the file, or use a CSV manifest"},
	{"second document", "a: b\n---\nc: d\n", "v.yaml:2:1: more than one YAML document"},
}

func TestHostileYAML(t *testing.T) {
	for _, tt := range hostileYAML {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("v.yaml", []byte(tt.data))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestHostileYAMLLineOffset checks that front matter (which starts on line
// 2 of its template) gets positions in the template.
func TestHostileYAMLLineOffset(t *testing.T) {
	_, err := Document("t.md", []byte("title: x\nvalues: "+strings.Repeat("[", 50000)), 1)
	if want := "t.md:3:40: maps and lists nested deeper than 32 levels"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	_, err = Document("t.md", []byte("title: x\nvalues:\n\tx: 1\n"), 1)
	if want := "t.md:4:1: found character that cannot start any token (a tab: YAML indents with spaces only)"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestHostileYAMLBoundedWork parses large hostile values files (4 MiB, the
// default --max-size) and requires each to allocate at most a fixed
// multiple of its size, with a generous hang guard. The allocation bound
// is what catches a nonlinear parse; the clock is only a guard.
func TestHostileYAMLBoundedWork(t *testing.T) {
	if testing.Short() {
		t.Skip("4 MiB inputs")
	}
	const size = 4 << 20
	keys := func(line func(i int) string) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			b.WriteString(line(i))
		}
		return b.String()
	}
	cases := []struct {
		name, data string
		maxAlloc   int // bytes allocated per input byte
	}{
		{"huge scalar", "a: " + strings.Repeat("x", size) + "\n", 16},
		{"huge quoted scalar", "a: \"" + strings.Repeat(`\u0041`, size/6) + "\"\n", 16},
		{"many keys", keys(func(i int) string { return fmt.Sprintf("k%d: v\n", i) }), 100},
		{"keys up to MaxItems", strings.Repeat("k: v\n", 1) + func() string {
			var b strings.Builder
			for i := 1; i < MaxItems; i++ {
				fmt.Fprintf(&b, "k%d: v\n", i)
			}
			return b.String()
		}(), 100},
		{"many duplicate keys", keys(func(i int) string { return fmt.Sprintf("k%d: v\n", i%1000) }), 100},
		{"long flow list", "a: [" + strings.Repeat("x,", size/2) + "]", 200},
		{"many aliases", "a: &a x\n" + keys(func(i int) string { return fmt.Sprintf("b%d: *a\n", i) }), 100},
		{"deep lists then text", strings.Repeat("[", size), 16},
		{"comments", keys(func(int) string { return "# a comment line\n" }), 16},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := Parse("v.yaml", []byte(c.data))
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes: %v, %d MiB allocated, err=%.80v", len(c.data), took, alloc>>20, err)
			if limit := uint64(c.maxAlloc * len(c.data)); alloc > limit {
				t.Errorf("allocated %d bytes, more than %d× the input (%d)", alloc, c.maxAlloc, limit)
			}
			if took > 30*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
}
