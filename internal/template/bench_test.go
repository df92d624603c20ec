package template

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
	"time"
)

var large = flag.Bool("large", false, "run TestLargeInputs: inputs near the size limit (slow)")

// TestLargeInputs parses inputs near the size limit and reports how long
// each takes; it fails only when one takes far too long.
func TestLargeInputs(t *testing.T) {
	if !*large {
		t.Skip("large inputs: run with -large")
	}
	seed, err := os.ReadFile("../defaulttemplate/privacy-policy.md")
	if err != nil {
		t.Fatal(err)
	}
	const size = DefaultMaxBytes - 64
	fill := func(unit string) []byte {
		b := bytes.Repeat([]byte(unit), size/len(unit))
		return b
	}
	cases := map[string][]byte{
		"seed repeated":        fill(string(seed) + "\n"),
		"placeholders":         fill("{a} "),
		"block quotes":         fill("> "),
		"nested lists":         fill("- "),
		"brackets":             fill("["),
		"emphasis":             fill("*a "),
		"backticks":            fill("`a"),
		"table":                []byte("| a | b |\n|---|---|\n" + strings.Repeat("| {x} | y |\n", size/12-4)),
		"long line":            fill("abc{def}"),
		"link refs":            fill("[a]: /u\n"),
		"html":                 fill("<a x='{b}'>"),
		"entities and escapes": fill("&amp;\\*"),
	}
	for _, name := range []string{"seed repeated", "placeholders", "block quotes", "nested lists", "brackets", "emphasis", "backticks", "table", "long line", "link refs", "html", "entities and escapes"} {
		src := cases[name]
		start := time.Now()
		tp, err := Parse(name, src, Options{})
		parsed := time.Since(start)
		if err == nil {
			_, _, err = tp.Fill(map[string]string{"a": "A", "x": "X", "b": "B", "def": "D"}, FillOptions{Missing: MissingKeep})
		}
		total := time.Since(start)
		t.Logf("%-22s %7d bytes: parse %v, parse+fill %v, err %v", name, len(src), parsed.Round(time.Millisecond), total.Round(time.Millisecond), err)
		if total > 20*time.Second {
			t.Errorf("%s: %v", name, total)
		}
	}
}
