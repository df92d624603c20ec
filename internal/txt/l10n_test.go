package txt_test

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
	"github.com/policyexport/policyexport/internal/txt"
)

// TestFixedTextLanguage: the "Notes" and "Links" headings,
// "[deleted: …]" and "[Image: …]" follow the document's language (the metadata, else
// Options.Lang), each heading underlined to its display width.
func TestFixedTextLanguage(t *testing.T) {
	doc := func(lang string) *ast.Document {
		d := asttest.Doc(
			asttest.P(asttest.T("See "), asttest.Link("https://x.example/", asttest.T("this")),
				&ast.FootnoteRef{Index: 1, Label: "n"}, asttest.T(" "), asttest.Strike(asttest.T("old")),
				asttest.T(" "), &ast.Image{Alt: "Logo"}, asttest.T(" "), &ast.Image{}),
			&ast.FootnoteDefinition{Index: 1, Label: "n", Blocks: []ast.Block{asttest.P(asttest.T("A note."))}},
		)
		d.Meta.Lang = lang
		return d
	}
	for _, tt := range []struct {
		lang, opt string
		want      []string
	}{
		{"", "", []string{"\nNotes\n-----\n", "\nLinks\n-----\n", "[deleted: old]", "[Image: Logo] [Image]"}},
		{"de-AT", "fr", []string{"\nAnmerkungen\n-----------\n", "\nLinks\n-----\n", "[gestrichen: old]", "[Bild: Logo] [Bild]"}},
		{"", "fr", []string{"\nNotes\n-----\n", "\nLiens\n-----\n", "[supprimé: old]", "[Image: Logo]"}},
		{"ja", "", []string{"\n注\n--\n", "\nリンク\n------\n", "[削除: old]", "[画像: Logo] [画像]"}},
	} {
		var b strings.Builder
		if err := txt.Render(&b, doc(tt.lang), txt.Options{Lang: tt.opt}); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("lang %q, option %q: want %q in\n%s", tt.lang, tt.opt, w, b.String())
			}
		}
	}
}
