package template

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
)

// docStrings returns every string of a document.
func docStrings(doc *ast.Document) []string {
	m := doc.Meta
	out := append([]string{m.Title, m.Lang, m.Description, m.Author, m.Subject, m.Date}, m.Keywords...)
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Heading:
			out = append(out, n.ID)
		case *ast.CodeBlock:
			out = append(out, n.Language, n.Text)
		case *ast.HTMLBlock:
			out = append(out, n.Text)
		case *ast.FootnoteDefinition:
			out = append(out, n.Label)
		case *ast.Text:
			out = append(out, n.Text)
		case *ast.Code:
			out = append(out, n.Text)
		case *ast.Link:
			out = append(out, n.Destination, n.Title)
		case *ast.Image:
			out = append(out, n.Destination, n.Title, n.Alt)
		case *ast.RawHTML:
			out = append(out, n.Text)
		case *ast.FootnoteRef:
			out = append(out, n.Label)
		}
		return true
	})
	return out
}

func hasReserved(s string) bool {
	for _, r := range s {
		if isNonchar(r) {
			return true
		}
	}
	return false
}

// checkParseFill parses and fills src and checks what must always hold.
func checkParseFill(t *testing.T, src []byte, commonMark bool) {
	opts := Options{}
	if len(src)%2 == 1 {
		opts.MaxDepth = 3 // exercise the nesting limit as well
	}
	if commonMark {
		opts.Profile = ProfileCommonMark
	}
	tp, err := Parse("f.md", src, opts)
	if err != nil {
		norm, nerr := normalize("f.md", src)
		_, _, hasFM := splitFrontMatter(norm)
		switch {
		case nerr != nil:
		case strings.Contains(err.Error(), "nested more than"):
			if _, exact := parse("f.md", src, opts, parseConfig{placeholders: !commonMark}); exact == nil {
				t.Fatalf("Parse(%q): the nesting guard refuses what the converter accepts: %v", src, err)
			}
		case !commonMark && hasFM:
		case !commonMark && onlyUnknownFilters(err):
		case !commonMark && strings.Contains(err.Error(), ") is refused: "):
			// A control character (values.Unshowable) or one that
			// draws nothing (values.Invisibles), written as itself,
			// as a reference or as a front matter escape.
		default:
			t.Fatalf("Parse(%q): unexpected error %v", src, err)
		}
		return
	}
	// Every placeholder gets a hostile value, except every third name,
	// which is missing, and a name with the date filter, which gets a
	// date.
	dated := map[string]bool{}
	for _, p := range tp.Placeholders() {
		if p.Filter == "date" {
			dated[p.Name] = true
		}
	}
	vals := map[string]string{}
	missing := false
	seen := map[string]bool{}
	for _, p := range tp.Placeholders() {
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		switch {
		case len(seen)%3 == 0:
			missing = true
			vals[p.Name+"_unused"] = "u"
		case dated[p.Name]:
			vals[p.Name] = "2026-12-05"
		default:
			vals[p.Name] = hostileValues[len(p.Name)%len(hostileValues)]
		}
	}
	datedInFrontMatter := false
	for k := range dated {
		_, ok := tp.FrontMatter().Values[k]
		datedInFrontMatter = datedInFrontMatter || ok
	}
	for k := range vals {
		if _, ok := tp.FrontMatter().Values[k]; ok {
			delete(vals, k)
		}
	}
	doc, _, err := tp.Fill(vals, FillOptions{Missing: MissingKeep})
	if langRefused(tp, err) {
		return
	}
	if datedInFrontMatter && err != nil && strings.Contains(err.Error(), " is not a date (use ") {
		return // the front matter's value for a dated name is not a date
	}
	if err != nil {
		t.Fatalf("Fill with MissingKeep: %v", err)
	}
	srcReserved := hasReserved(string(src))
	for _, s := range docStrings(doc) {
		if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
			t.Fatalf("invalid string %q in document", s)
		}
		if !srcReserved && hasReserved(s) && !hasReservedValue(vals) {
			t.Fatalf("sentinel leaked into %q", s)
		}
	}
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		if tx, ok := n.(*ast.Text); ok && tx.Text == "" {
			t.Fatalf("empty Text in document")
		}
		return true
	})
	again, _, _ := tp.Fill(vals, FillOptions{Missing: MissingKeep})
	if dump(again) != dump(doc) {
		t.Fatalf("Fill is not deterministic")
	}
	checkQuotesOnlyChangeMarks(t, tp, src, vals)
	_, _, err = tp.Fill(vals, FillOptions{})
	if missing && err == nil && len(tp.FrontMatter().Values) == 0 {
		t.Fatalf("MissingError: no error with a value missing")
	}
	if !missing && err != nil {
		t.Fatalf("MissingError: %v with every value given", err)
	}
}

func hasReservedValue(vals map[string]string) bool {
	for _, v := range vals {
		if hasReserved(v) {
			return true
		}
	}
	return false
}

func FuzzParseFill(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.md")
	more, _ := filepath.Glob(corpusDir + "/*/*.md")
	for _, p := range append(append(paths, seedPath), more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, false)
		f.Add(data, true)
	}
	for _, s := range []string{
		"{a} *{b}* [{c}](x/{d}) `{e}` <{f}@x.example> www.x.example/{g}",
		"| {a} | b |\n|---|---|\n| c | {d} |\n",
		"---\ntitle: \"{a}\"\nvalues:\n  a: b\n---\n# {a}\n",
		"- [ ] {a}\n  > {b}\n",
		"[^{a}]\n\n[^{a}]: {b}\n",
		"\uFDD0{\uFDEF}{x}\r\n\uFEFF",
		"{{a}} { b } {{ c|date }} \\{ d } `{{e}}` \\\\{{f}}\n\n    {{ g }}\n",
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, src []byte, commonMark bool) {
		if len(src) > 64<<10 {
			return
		}
		checkParseFill(t, bytes.Clone(src), commonMark)
	})
}

// onlyUnknownFilters reports whether err lists only placeholders whose
// filter does not exist ("{A|e}"), which Parse must refuse.
func onlyUnknownFilters(err error) bool {
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return false
	}
	for _, e := range list {
		if !strings.Contains(e.Msg, ": unknown filter ") {
			return false
		}
	}
	return true
}

// langRefused reports whether err is Fill refusing tp's front matter lang,
// which is not a BCP 47 tag: bad input, refused at its place.
func langRefused(tp *Template, err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Pos == tp.FrontMatter().LangPos && strings.Contains(e.Msg, "not a BCP 47 language tag")
}

// swissMarks are Swiss German's quotation marks, which no English mark
// is, and englishMarks English's for them.
var swissMarks = strings.NewReplacer("«", "“", "»", "”", "‹", "‘", "›", "’")

// checkQuotesOnlyChangeMarks: filled in Swiss German, the document is
// the English one with other quotation marks, and nothing else changed
// (when neither the template nor a value holds those marks, and no
// filter writes a value in the language).
func checkQuotesOnlyChangeMarks(t *testing.T, tp *Template, src []byte, vals map[string]string) {
	t.Helper()
	held := strings.ContainsAny(string(src), "«»‹›<>")
	for _, v := range vals {
		held = held || strings.ContainsAny(v, "«»‹›")
	}
	for _, p := range tp.Placeholders() {
		held = held || p.Filter != "" // {d|date} is written in the language
	}
	if held {
		return
	}
	en, _, err := tp.Fill(vals, FillOptions{Missing: MissingKeep, Lang: "en"})
	if err != nil {
		return
	}
	ch, _, err := tp.Fill(vals, FillOptions{Missing: MissingKeep, Lang: "de-CH"})
	if err != nil {
		t.Fatalf("Fill in de-CH: %v, in en none", err)
	}
	if got, want := swissMarks.Replace(dump(&ast.Document{Blocks: ch.Blocks})), dump(&ast.Document{Blocks: en.Blocks}); got != want {
		t.Fatalf("de-CH's document is not en's with other quotation marks:\n%s\nwant\n%s", got, want)
	}
}
