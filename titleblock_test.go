package policyexport_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/model"
)

// TestOptionsNoTitleBlock checks Options.NoTitleBlock: by default a
// template whose front matter gives a title and whose body starts at
// "##" begins with the title as its first heading, and its PDF has no
// HeadingLevel warning; with NoTitleBlock the title is on no page and
// the first "##" is a HeadingLevel warning at its place.
func TestOptionsNoTitleBlock(t *testing.T) {
	src := []byte("---\ntitle: Terms of {siteName}\n---\n## Use\n\nText.\n")
	for _, noTitle := range []bool{false, true} {
		r := newRenderer(t, policyexport.Options{NoTitleBlock: noTitle})
		tmpl, err := r.Parse("terms.md", src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.RenderResult(tmpl, map[string]string{"siteName": "Acme"}, policyexport.Text, policyexport.PDF)
		if err != nil {
			t.Fatal(err)
		}
		txt := string(res.Outputs[policyexport.Text])
		if got := strings.HasPrefix(txt, "TERMS OF ACME\n=============\n"); got == noTitle {
			t.Errorf("NoTitleBlock %v: plain text starts %q", noTitle, txt[:min(len(txt), 40)])
		}
		var levels []model.Pos
		for _, w := range res.Warnings {
			if w.Kind == policyexport.HeadingLevel {
				levels = append(levels, w.Pos)
			}
		}
		var want []model.Pos
		if noTitle {
			want = []model.Pos{{Line: 4, Col: 1}}
		}
		if !slices.Equal(levels, want) {
			t.Errorf("NoTitleBlock %v: HeadingLevel warnings at %v, want %v", noTitle, levels, want)
		}
	}
}
