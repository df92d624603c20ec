package pdf_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/asttest"
)

// TestHeadingTagsNeverSkip checks that headings are tagged by their
// outline level: the first is H1 and a level is never skipped.
func TestHeadingTagsNeverSkip(t *testing.T) {
	doc := asttest.Doc(asttest.H(2, asttest.T("Two")), asttest.H(4, asttest.T("Four")), asttest.H(1, asttest.T("One")), asttest.H(3, asttest.T("Three")))
	out := run(t, "pdfinfo", "-struct-text", writeTemp(t, render(t, pdf.Options{}, doc)))
	var got []string
	for _, m := range regexp.MustCompile(`(?m)^\s*(H\d?)\b`).FindAllStringSubmatch(out, -1) {
		got = append(got, m[1])
	}
	if want := []string{"H1", "H2", "H1", "H2"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("heading tags %v, want %v\n%s", got, want, out)
	}
}

// TestLangMustBeBCP47 checks that a document language that is not a BCP
// 47 tag is refused (it is written into the catalog), and that a valid
// one is written in canonical form.
func TestLangMustBeBCP47(t *testing.T) {
	r, err := pdf.New(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := asttest.Doc(asttest.P(asttest.T("x")))
	doc.Meta.Lang = "en) /OpenAction (x"
	if err := r.Render(&bytes.Buffer{}, doc); err == nil || !strings.Contains(err.Error(), "BCP 47") {
		t.Errorf("bad lang: got %v, want a BCP 47 error", err)
	}
	doc.Meta.Lang = "de-ch"
	if out := render(t, pdf.Options{}, doc); !bytes.Contains(out, []byte("/Lang (de-CH)")) {
		t.Error("lang de-ch not written as /Lang (de-CH)")
	}
}

// TestLinkNotes checks each Options.Links style: the destination of a
// link whose text is not its URL is numbered and listed, written inline,
// or left out; a link whose text is its URL is never repeated.
func TestLinkNotes(t *testing.T) {
	doc := asttest.Doc(asttest.P(asttest.T("Read "), asttest.Link("https://example.com/privacy", asttest.T("the policy")), asttest.T(" or "),
		asttest.Link("https://example.com/x", asttest.T("https://example.com/x")), asttest.T(".")))
	for _, c := range []struct {
		links      pdf.LinkNotes
		want, lose []string
	}{
		{pdf.LinksFootnote, []string{"the policy [1]", "Links", "[1] https://example.com/privacy"}, []string{"[2]"}},
		{pdf.LinksInline, []string{"the policy <https://example.com/privacy>"}, []string{"[1]", "Links"}},
		{pdf.LinksNone, []string{"the policy or"}, []string{"example.com/privacy", "Links"}},
	} {
		text := run(t, "pdftotext", writeTemp(t, render(t, pdf.Options{Links: c.links, NoFooter: true}, doc)), "-")
		text = strings.Join(strings.Fields(text), " ")
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("links %d: %q not in %q", c.links, w, text)
			}
		}
		for _, w := range c.lose {
			if strings.Contains(text, w) {
				t.Errorf("links %d: %q in %q", c.links, w, text)
			}
		}
	}
	if _, err := pdf.New(pdf.Options{Links: 7}); err == nil {
		t.Error("unknown link notes style accepted")
	}
}
