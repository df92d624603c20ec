package ast

import (
	"reflect"
	"testing"
)

// TestPlainSegments: an isolated value (Text.Isolate) is a segment of
// its own, wherever it is nested, and the text between values is one
// segment; joined, the segments are PlainText, and IsolatedText puts
// FSI … PDI around the values alone.
func TestPlainSegments(t *testing.T) {
	ins := []Inline{
		&Text{Text: "About "},
		&Strong{Inlines: []Inline{&Text{Text: "שלום", Isolate: true}}},
		&Text{Text: " "},
		&Change{Kind: Deleted, Inlines: []Inline{&Text{Text: "old", Isolate: true}}},
		&Emphasis{Inlines: []Inline{&Text{Text: "20"}, &Code{Text: "26"}}},
	}
	want := []Segment{{Text: "About "}, {Text: "שלום", Isolate: true}, {Text: " 2026"}}
	got := PlainSegments(ins)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("PlainSegments = %+v, want %+v", got, want)
	}
	joined := ""
	for _, s := range got {
		joined += s.Text
	}
	if joined != PlainText(ins) {
		t.Errorf("joined segments %q, PlainText %q", joined, PlainText(ins))
	}
	if s := IsolatedText(got); s != "About \u2068שלום\u2069 2026" {
		t.Errorf("IsolatedText = %+q", s)
	}
	plain := []Inline{&Text{Text: "Cookies"}, &SoftBreak{}, &Text{Text: "used"}}
	if s := IsolatedText(PlainSegments(plain)); s != PlainText(plain) {
		t.Errorf("IsolatedText without values = %q, want PlainText %q", s, PlainText(plain))
	}
	if PlainSegments(nil) != nil {
		t.Errorf("PlainSegments(nil) is not nil")
	}
}

// TestTitleSegments: the metadata title takes the title heading's
// segments when the heading shows it, spaces aside, and is one segment
// otherwise.
func TestTitleSegments(t *testing.T) {
	h := &Heading{Level: 1, Inlines: []Inline{&Text{Text: "שלום", Isolate: true}, &Text{Text: "  2026"}}}
	doc := &Document{Meta: Meta{Title: "שלום 2026"}, Blocks: []Block{h}}
	if got := IsolatedText(TitleSegments(doc)); got != "\u2068שלום\u2069  2026" {
		t.Errorf("from the heading: %+q", got)
	}
	doc.Meta.Title = "Other"
	if got := TitleSegments(doc); !reflect.DeepEqual(got, []Segment{{Text: "Other"}}) {
		t.Errorf("another title: %+v", got)
	}
	if TitleSegments(&Document{Blocks: []Block{h}}) != nil {
		t.Errorf("no metadata title gives segments")
	}
}
