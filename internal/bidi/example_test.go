package bidi_test

import (
	"fmt"
	"strings"

	"github.com/policyexport/policyexport/internal/bidi"
)

// The order of use in a backend: direction of the paragraph, shaping in
// logical order, line breaking (here: one line), then reordering of each
// line for drawing left to right.
func Example() {
	para := "سلام (2024) world"
	base := bidi.BaseDirection(para)
	runs := bidi.ShapeRuns([]bidi.Run{{Text: "سلام (2024) ", Style: 0}, {Text: "world", Style: 1}})
	for _, r := range bidi.Reorder(runs, base) {
		fmt.Printf("%d %+q\n", r.Style, r.Text)
	}
	// Output:
	// 1 "world"
	// 0 " (2024) \ufee1\ufefc\ufeb3"
}

func ExampleShape() {
	fmt.Printf("%+q\n", bidi.Shape("لا"))
	fmt.Printf("%+q\n", bidi.Shape("بَب"))
	// Output:
	// "\ufefb"
	// "\ufe91\u064e\ufe90"
}

// A number after a Hebrew word belongs to the right-to-left text (W7, N1):
// it is drawn to the left of the word, its digits in their usual order.
func ExampleReorder() {
	var b strings.Builder
	for _, r := range bidi.Reorder([]bidi.Run{{Text: "abc שלום 123"}}, bidi.LeftToRight) {
		b.WriteString(r.Text)
	}
	fmt.Println(b.String() == "abc 123 םולש")
	// Output: true
}
