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
