package ast_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

func TestGitHubSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Terms & Conditions":           "terms--conditions",
		"Section 2(b) - Scope":         "section-2b---scope",
		"snake_case and  two spaces":   "snake_case-and--two-spaces",
		"Datenschutzerklärung (DSGVO)": "datenschutzerklärung-dsgvo",
		" Trim? ":                      "-trim-",
		"A\u00a0B\tC":                  "abc", // only " " becomes "-"
		"Ἀρχή":                         "ἀρχή",
		"!!!":                          "",
	} {
		if got := ast.GitHubSlug(in); got != want {
			t.Errorf("GitHubSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGitHubAnchors(t *testing.T) {
	a, b, c := asttest.H(2, asttest.T("A & B")), asttest.H(2, asttest.T("A & B")), asttest.H(2, asttest.T("A & B-1"))
	got := ast.GitHubAnchors(asttest.Doc(a, b, c))
	// github-slugger: "a--b", then "a--b-1"; the third's own "a--b-1" is
	// taken, so it is "a--b-1-1".
	want := map[string]*ast.Heading{"a--b": a, "a--b-1": b, "a--b-1-1": c}
	if !maps.Equal(got, want) {
		t.Errorf("GitHubAnchors = %v, want %v", got, want)
	}
}

func TestAnchors(t *testing.T) {
	h := asttest.H(1, asttest.T("Intro"))
	h.ID = "intro"
	inner := asttest.H(3, asttest.T("Inner"))
	inner.ID = "inner"
	doc := asttest.Doc(h,
		asttest.Quote(inner),
		asttest.P(&ast.FootnoteRef{Index: 1}, &ast.FootnoteRef{Index: 2}, &ast.Change{Kind: ast.Inserted, ID: "change-1"}),
		asttest.P(&ast.FootnoteRef{Index: 1}),
		&ast.CodeBlock{Change: ast.Deleted, ChangeID: "change-2"},
		&ast.FootnoteDefinition{Index: 1, Blocks: []ast.Block{asttest.P(asttest.T("note"))}},
	)
	got := slices.Sorted(maps.Keys(ast.Anchors(doc)))
	// Footnote 2 has no definition: neither it nor its reference is an
	// anchor (the HTML writes no id for either). The second reference to
	// footnote 1 is fnref-1-2.
	want := []string{"change-1", "change-2", "fn-1", "fnref-1", "fnref-1-2", "inner", "intro"}
	if !slices.Equal(got, want) {
		t.Errorf("Anchors = %v, want %v", got, want)
	}
}

func TestInternalLinks(t *testing.T) {
	in := asttest.Link("#x", asttest.T("x"))
	cell := asttest.Link(" #y ", asttest.T("y"))
	doc := asttest.Doc(
		asttest.P(in, asttest.Link("#"), asttest.Link("https://e.com/#z"), asttest.Link("p.html#z")),
		&ast.Table{Align: []ast.Alignment{ast.AlignNone}, Header: []*ast.TableCell{asttest.Cell(cell)}},
	)
	got := ast.InternalLinks(doc)
	if len(got) != 2 || got[0].Link != in || got[0].ID != "x" || got[1].Link != cell || got[1].ID != "y" {
		t.Errorf("InternalLinks = %+v, want #x and #y", got)
	}
}

func TestRawHTMLAnchors(t *testing.T) {
	doc := asttest.Doc(
		&ast.HTMLBlock{Text: "<div id=\"a\" data-id=\"no\"><a NAME='b'></a><p id=c>", At: ast.Pos{Line: 1, Col: 1}},
		asttest.P(&ast.RawHTML{Text: `<span id="">`, At: ast.Pos{Line: 3, Col: 1}}, &ast.RawHTML{Text: `<a name = "d">`, At: ast.Pos{Line: 3, Col: 13}}),
	)
	var got []string
	for _, a := range ast.RawHTMLAnchors(doc) {
		got = append(got, a.ID+"@"+a.At.String())
	}
	want := []string{"a@1:1", "b@1:1", "c@1:1", "d@3:13"}
	if !slices.Equal(got, want) {
		t.Errorf("RawHTMLAnchors = %v, want %v", got, want)
	}
}

func TestLinkPos(t *testing.T) {
	l := asttest.Link("#x", asttest.TAt("x", 2, 6))
	if got := l.Pos(); got != (ast.Pos{Line: 2, Col: 6}) {
		t.Errorf("Pos without At = %v, want its text's", got)
	}
	l.At = ast.Pos{Line: 2, Col: 5}
	if got := l.Pos(); got != l.At {
		t.Errorf("Pos = %v, want At", got)
	}
}
