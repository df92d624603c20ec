package ast

import (
	"reflect"
	"testing"
)

func TestRawHTMLPositions(t *testing.T) {
	p := func(line, col int) Pos { return Pos{Line: line, Col: col} }
	blocks := []Block{
		&HTMLBlock{Text: "<div>\n", At: p(1, 1)},
		&Paragraph{Inlines: []Inline{&Text{Text: "a"}, &RawHTML{Text: "<b>", At: p(3, 3)},
			&Emphasis{Inlines: []Inline{&RawHTML{Text: "<i>", At: p(3, 9)}}}, &RawHTML{Text: "</b>", At: p(3, 3)}}},
		&List{Items: []*ListItem{{Blocks: []Block{&HTMLBlock{Text: "<hr>", At: p(5, 3)}}}}},
		&Table{Align: []Alignment{AlignNone}, Header: []*TableCell{{Inlines: []Inline{&RawHTML{Text: "<br>", At: p(7, 5)}}}}},
		&BlockQuote{Blocks: []Block{&FootnoteDefinition{Blocks: []Block{&Paragraph{Inlines: []Inline{&RawHTML{Text: "<u>", At: p(9, 7)}}}}}}},
		&Paragraph{Inlines: []Inline{&RawHTML{Text: "<s>"}}}, // no position: left out
		&CodeBlock{Text: "<p>code is not HTML</p>\n", At: p(11, 1)},
	}
	want := []Pos{p(1, 1), p(3, 3), p(3, 9), p(5, 3), p(7, 5), p(9, 7)}
	if got := RawHTMLPositions(blocks); !reflect.DeepEqual(got, want) {
		t.Errorf("RawHTMLPositions = %v, want %v", got, want)
	}
	if got := RawHTMLPositions(nil); got != nil {
		t.Errorf("RawHTMLPositions(nil) = %v, want nil", got)
	}
}

// TestOnlyComments: raw HTML that is comments and white space alone is
// nothing a reader loses when it is dropped; anything else is.
func TestOnlyComments(t *testing.T) {
	for in, want := range map[string]bool{
		"<!-- x -->":               true,
		"<!-- a -->\n<!-- b -->\n": true,
		"  <!-- {x}\n## Heading\n": true, // not closed: to the end
		"<!-- a --> <b>y</b>":      false,
		"<b>y</b><!-- a -->":       false,
		"":                         false,
		"\n":                       false,
		"<!-- a --> x":             false,
		"<!---->":                  true,
		"<? processing ?>":         false,
		"<!-- a -- b -->":          true,
	} {
		if got := OnlyComments(in); got != want {
			t.Errorf("OnlyComments(%q) = %v, want %v", in, got, want)
		}
	}
	blocks := []Block{
		&HTMLBlock{Text: "<!-- note -->\n", At: Pos{Line: 1, Col: 1}},
		&Paragraph{Inlines: []Inline{&RawHTML{Text: "<!-- x -->", At: Pos{Line: 3, Col: 6}}, &RawHTML{Text: "<br>", At: Pos{Line: 3, Col: 20}}}},
	}
	if got := RawHTMLPositions(blocks); len(got) != 1 || got[0] != (Pos{Line: 3, Col: 20}) {
		t.Errorf("RawHTMLPositions = %v, want only 3:20", got)
	}
}
