package template

import (
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// TestTitleBlock checks when Fill begins the document with the front
// matter's title as a level-1 heading (the title block), and when not.
func TestTitleBlock(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		vals      map[string]string
		opts      FillOptions
		profile   Profile
		want      string // the title block's text; "" for none
		wantID    string
		wantAt    ast.Pos
	}{
		{name: "title and ##", src: "---\ntitle: Privacy Policy\n---\n## Scope\n\nText.\n",
			want: "Privacy Policy", wantID: "privacy-policy", wantAt: ast.Pos{Line: 2, Col: 8}},
		{name: "filled title", src: "---\nlang: en\ntitle: \"{site} Terms\"\n---\n## Scope\n", vals: map[string]string{"site": "Acme"},
			want: "Acme Terms", wantID: "acme-terms", wantAt: ast.Pos{Line: 3, Col: 8}},
		{name: "line breaks", src: "---\ntitle: |\n  Terms\n  of Use\n---\nText.\n",
			want: "Terms of Use", wantID: "terms-of-use", wantAt: ast.Pos{Line: 2, Col: 8}},
		{name: "id after the body's", src: "---\ntitle: Scope\n---\n## Scope\n\nSee [scope](#scope).\n",
			want: "Scope", wantID: "scope-1", wantAt: ast.Pos{Line: 2, Col: 8}},
		{name: "no front matter", src: "## Scope\n\nText.\n"},
		{name: "no title", src: "---\nlang: en\n---\n## Scope\n"},
		{name: "null title", src: "---\ntitle: ~\n---\n## Scope\n"},
		{name: "empty title", src: "---\ntitle: \"\"\n---\n## Scope\n"},
		{name: "title empty after filling", src: "---\ntitle: \"{t} \"\n---\n## Scope\n", vals: map[string]string{"t": ""}},
		{name: "H1 later", src: "---\ntitle: Terms\n---\n## Scope\n\n# Terms of Use\n"},
		{name: "H1 in a list", src: "---\ntitle: Terms\n---\n- # Terms\n"},
		{name: "no-title-block", src: "---\ntitle: Terms\n---\n## Scope\n", opts: FillOptions{NoTitleBlock: true}},
		{name: "commonmark", src: "---\ntitle: Terms\n---\n## Scope\n", profile: ProfileCommonMark},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tp := mustParse(t, tc.src, Options{Profile: tc.profile})
			doc, _, err := tp.Fill(tc.vals, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var blocks []*ast.Heading
			ast.WalkHeadings(doc.Blocks, func(h *ast.Heading) bool {
				if h.TitleBlock {
					blocks = append(blocks, h)
				}
				return true
			})
			if tc.want == "" {
				if len(blocks) != 0 {
					t.Fatalf("title block %q added", ast.PlainText(blocks[0].Inlines))
				}
				return
			}
			if len(blocks) != 1 || doc.Blocks[0] != ast.Block(blocks[0]) {
				t.Fatalf("want one title block, first; blocks %#v", doc.Blocks)
			}
			h := blocks[0]
			if got := ast.PlainText(h.Inlines); got != tc.want || h.Level != 1 || h.ID != tc.wantID || h.At != tc.wantAt || h.Inlines[0].Pos() != tc.wantAt {
				t.Errorf("title block %q level %d id %q at %s (text at %s); want %q level 1 id %q at %s",
					got, h.Level, h.ID, h.At, h.Inlines[0].Pos(), tc.want, tc.wantID, tc.wantAt)
			}
			if got := ast.Title(doc); got != h {
				t.Errorf("ast.Title is %v, not the title block", got)
			}
		})
	}
}

// TestTitleBlockKeepsBodyIDs checks that the title block takes no id a
// body heading has without it.
func TestTitleBlockKeepsBodyIDs(t *testing.T) {
	src := "---\ntitle: Scope\n---\n## Scope\n\n## Scope\n"
	tp := mustParse(t, src, Options{})
	with, _, err := tp.Fill(nil, FillOptions{})
	if err != nil {
		t.Fatal(err)
	}
	without, _, err := tp.Fill(nil, FillOptions{NoTitleBlock: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(with.Blocks) != len(without.Blocks)+1 {
		t.Fatalf("%d blocks with the title block, %d without", len(with.Blocks), len(without.Blocks))
	}
	for i, b := range without.Blocks {
		if got, want := with.Blocks[i+1].(*ast.Heading).ID, b.(*ast.Heading).ID; got != want {
			t.Errorf("heading %d: id %q with the title block, %q without", i, got, want)
		}
	}
	if id := with.Blocks[0].(*ast.Heading).ID; id != "scope-2" {
		t.Errorf("title block id %q, want scope-2", id)
	}
}

// TestSkippedHeadingsTitleBlock checks that "##" after the title block
// skips no level, and does without it.
func TestSkippedHeadingsTitleBlock(t *testing.T) {
	tp := mustParse(t, "---\ntitle: Terms\n---\n## Scope\n\n#### Deep\n", Options{})
	with := tp.SkippedHeadings(FillOptions{})
	if len(with) != 1 || with[0].At.Line != 6 || with[0].Before != 2 {
		t.Errorf("with the title block: %+v, want only line 6 after H2", with)
	}
	without := tp.SkippedHeadings(FillOptions{NoTitleBlock: true})
	if len(without) != 2 || without[0].At.Line != 4 || without[0].Before != 0 {
		t.Errorf("without the title block: %+v, want line 4 first, then line 6", without)
	}
}
