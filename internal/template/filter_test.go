package template

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// TestDateFilter formats a value for the document's language: the front
// matter's lang, FillOptions.Lang over it, DefaultLang without either;
// the plain placeholder stays the literal text.
func TestDateFilter(t *testing.T) {
	tests := []struct {
		lang, fill, def string
		want            string
	}{
		{"", "", "", "28 November 2026"},
		{"en-US", "", "", "November 28, 2026"},
		{"de-CH", "", "", "28. November 2026"},
		{"fr", "", "", "28 novembre 2026"},
		{"ja", "", "", "2026年11月28日"},
		{"", "", "fr", "28 novembre 2026"},
		{"de", "ja", "", "2026年11月28日"},
		{"{l}", "", "en", "28. November 2026"},
	}
	for _, d := range []string{"2026-11-28T01:30:00+09:00", "2026-11-28T23:30:00-05:00"} {
		// An RFC 3339 value is the day as written, in its own offset.
		tp, err := Parse("p.md", []byte("Updated {d|date}.\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := tp.Fill(map[string]string{"d": d}, FillOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := ast.PlainText(doc.Blocks[0].(*ast.Paragraph).Inlines); got != "Updated 28 November 2026." {
			t.Errorf("{d|date} with d=%s: %q, want the day as written, 28 November 2026", d, got)
		}
	}
	for _, tt := range tests {
		src := "Updated {d|date}; raw {d}.\n"
		if tt.lang != "" {
			src = "---\nlang: \"" + tt.lang + "\"\n---\n" + src
		}
		tp, err := Parse("p.md", []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := tp.Fill(map[string]string{"d": "2026-11-28", "l": "de"}, FillOptions{Lang: tt.fill, DefaultLang: tt.def})
		if err != nil {
			t.Fatalf("%+v: %v", tt, err)
		}
		got := ast.PlainText(doc.Blocks[0].(*ast.Paragraph).Inlines)
		if want := "Updated " + tt.want + "; raw 2026-11-28."; got != want {
			t.Errorf("lang %q fill %q default %q: %q, want %q", tt.lang, tt.fill, tt.def, got, want)
		}
	}
}

// TestDateFilterErrors: a value that is not a date, and an unknown
// filter, are errors at the placeholder; inside code a filter is text.
func TestDateFilterErrors(t *testing.T) {
	tp, err := Parse("p.md", []byte("# T\n\nOn {d|date}.\n\n[x](https://x.example/{d|date})\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = tp.Fill(map[string]string{"d": "soon"}, FillOptions{})
	if want := `p.md:3:4: {d|date}: the value of d: "soon" is not a date (use 2006-01-02 or RFC 3339)`; err == nil || err.Error() != want {
		t.Errorf("Fill error %v, want %s", err, want)
	}
	tp, err = Parse("p.md", []byte("[x](https://x.example/{d|date})\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err = tp.Fill(map[string]string{"d": "soon"}, FillOptions{}); err == nil || !strings.HasPrefix(err.Error(), "p.md:1:23: {d|date}") {
		t.Errorf("Fill error in a link %v, want it at 1:23", err)
	}
	_, err = Parse("p.md", []byte("A `{d|dat}`.\n\nOn {d|dat}.\n"), Options{})
	if want := `p.md:3:4: {d|dat}: unknown filter "dat" (known: date); did you mean {d|date}?`; err == nil || err.Error() != want {
		t.Errorf("Parse error %v, want %s", err, want)
	}
}

// TestDateFilterKeep: with MissingKeep a filtered placeholder without a
// value stays as written, and the value is literal text, never markup.
func TestDateFilterKeep(t *testing.T) {
	tp, err := Parse("p.md", []byte("On {d|date} and `{d|date}`.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := tp.Fill(nil, FillOptions{Missing: MissingKeep})
	if err != nil {
		t.Fatal(err)
	}
	if got := ast.PlainText(doc.Blocks[0].(*ast.Paragraph).Inlines); got != "On {d|date} and {d|date}." {
		t.Errorf("%q", got)
	}
	if got := tp.Missing(nil); len(got) != 1 || got[0] != "d" {
		t.Errorf("Missing = %q, want [d]", got)
	}
}

func TestScanFilter(t *testing.T) {
	for src, want := range map[string]string{
		"{a|date}": "a|date", "{a|}": "", "{a|1}": "", "{a|b|c}": "", "{|date}": "", "{a|b": "", "\\{a|b}": "",
	} {
		var got []string
		for _, sp := range scanPlaceholders([]byte(src)) {
			got = append(got, sp.Key())
		}
		if strings.Join(got, ",") != want {
			t.Errorf("scan %q = %q, want %q", src, got, want)
		}
	}
}
