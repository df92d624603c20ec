package fpdfout

import "testing"

func TestTextString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://example.com/a(b)", `(https://example.com/a\(b\))`},
		{`back\slash`, `(back\\slash)`},
		{"Zürich", "<FEFF005A00FC0072006900630068>"},
		{"", "()"},
	} {
		if got := textString(c.in); got != c.want {
			t.Errorf("textString(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestPlaceUnseen checks that an element without content (an empty table
// cell) goes into its parent's kids after the sibling made before it.
func TestPlaceUnseen(t *testing.T) {
	tg := newTags([]Elem{{Role: "Document"}, {Role: "TR"}, {Role: "TD", Parent: 1}, {Role: "TD", Parent: 1}, {Role: "TD", Parent: 1}})
	tg.add(2, kid{page: 1, mcid: 0, annot: -1})
	tg.add(4, kid{page: 1, mcid: 1, annot: -1})
	tg.group()
	tg.placeUnseen()
	var got []int
	for _, k := range tg.kids[1] {
		got = append(got, k.elem)
	}
	if len(got) != 3 || got[0] != 2 || got[1] != 3 || got[2] != 4 {
		t.Errorf("TR kids %v, want [2 3 4]", got)
	}
}
