package template

import (
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// quotesSource has the typographer's double and single quotes around
// text, emphasis and a placeholder, in a heading, a table cell, a task
// item and a footnote, next to what must never change: apostrophes,
// curly quotes typed as such, code, and a value holding straight
// quotes.
const quotesSource = `# The "Service"

He said "we *store* 'only' here" and doesn't, l'utilisateur, Hans' Buch.
Typed “as is” and „so“. Code ` + "`\"x\"`" + `. Name "{name}".

| A |
|---|
| "cell" |

- [ ] "task" 'one'

Note[^1].

[^1]: The "note".
`

// fillQuotes parses src and fills it in with opts, and returns the text
// of every paragraph, heading and code of the document, one a line.
func fillQuotes(t *testing.T, src string, opts FillOptions) string {
	t.Helper()
	tp, err := Parse("q.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := tp.Fill(map[string]string{"name": `Va"lue' "x"`}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Heading:
			lines = append(lines, ast.PlainText(n.Inlines))
		case *ast.Paragraph:
			lines = append(lines, ast.PlainText(n.Inlines))
		case *ast.Table:
			for _, row := range append([][]*ast.TableCell{n.Header}, n.Rows...) {
				for _, cell := range row {
					lines = append(lines, ast.PlainText(cell.Inlines))
				}
			}
		}
		return true
	})
	return strings.Join(lines, "\n")
}

// TestQuotesFollowLanguage: the typographer's quotation marks are the
// document's language's, from the front matter's lang, --lang
// (DefaultLang) or a manifest's locale (Lang); English, and a language
// with English's marks, keep “ ” ‘ ’. Apostrophes, typed curly quotes,
// code and values never change.
func TestQuotesFollowLanguage(t *testing.T) {
	want := func(o, c, io, ic string) string {
		r := strings.NewReplacer("“", o, "”", c, "‘", io, "’", ic)
		return r.Replace("The “Service”\n") +
			r.Replace("He said “we store ‘only’ here”") + " and doesn’t, l’utilisateur, Hans’ Buch. " +
			"Typed “as is” and „so“. Code \"x\". Name " + r.Replace("“") + `Va"lue' "x"` + r.Replace("”") + ".\n" +
			"A\n" + r.Replace("“cell”\n“task” ‘one’\n") + "Note.\n" + r.Replace("The “note”.")
	}
	for _, c := range []struct {
		name, src string
		opts      FillOptions
		want      string
	}{
		{"none", quotesSource, FillOptions{}, want("“", "”", "‘", "’")},
		{"en", "---\nlang: en\n---\n" + quotesSource, FillOptions{}, want("“", "”", "‘", "’")},
		{"es", "---\nlang: es\n---\n" + quotesSource, FillOptions{}, want("“", "”", "‘", "’")},
		{"de", "---\nlang: de\n---\n" + quotesSource, FillOptions{}, want("„", "“", "‚", "‘")},
		{"--lang de", quotesSource, FillOptions{DefaultLang: "de"}, want("„", "“", "‚", "‘")},
		{"--lang ignored", "---\nlang: en\n---\n" + quotesSource, FillOptions{DefaultLang: "de"}, want("“", "”", "‘", "’")},
		{"locale fr", "---\nlang: de\n---\n" + quotesSource, FillOptions{Lang: "fr"}, want("«\u202f", "\u202f»", "“", "”")},
		{"fr", "---\nlang: fr\n---\n" + quotesSource, FillOptions{}, want("«\u202f", "\u202f»", "“", "”")},
		{"de-CH", "---\nlang: de-CH\n---\n" + quotesSource, FillOptions{}, want("«", "»", "‹", "›")},
		{"ja", "---\nlang: ja\n---\n" + quotesSource, FillOptions{}, want("「", "」", "『", "』")},
		{"ru", "---\nlang: ru\n---\n" + quotesSource, FillOptions{}, want("«", "»", "„", "“")},
	} {
		if got := fillQuotes(t, c.src, c.opts); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestQuotesFillTwice: one template filled in two languages gives each
// its marks, and filling leaves the template as it was.
func TestQuotesFillTwice(t *testing.T) {
	tp, err := Parse("q.md", []byte(`Say "yes".`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, want string }{{"de", "Say „yes“."}, {"en", "Say “yes”."}, {"fr", "Say «\u202fyes\u202f»."}, {"", "Say “yes”."}} {
		doc, _, err := tp.Fill(nil, FillOptions{Lang: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		if got := ast.PlainText(doc.Blocks[0].(*ast.Paragraph).Inlines); got != c.want {
			t.Errorf("%q: %q, want %q", c.lang, got, c.want)
		}
	}
}

// TestQuotesInAltText: an image's description gets the document's
// quotation marks too, around a value that keeps its own.
func TestQuotesInAltText(t *testing.T) {
	tp, err := Parse("q.md", []byte("![a \"big\" {name} *'pic'*](x.png \"a \\\"title\\\"\")"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, want string }{{"en", "a “big” N\" ‘pic’"}, {"de", "a „big“ N\" ‚pic‘"}, {"fr", "a «\u202fbig\u202f» N\" “pic”"}} {
		doc, _, err := tp.Fill(map[string]string{"name": `N"`}, FillOptions{Lang: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		img := doc.Blocks[0].(*ast.Paragraph).Inlines[0].(*ast.Image)
		if img.Alt != c.want || img.Title != `a "title"` {
			t.Errorf("%s: alt %q, title %q; want alt %q", c.lang, img.Alt, img.Title, c.want)
		}
	}
}

// fillText parses src, fills it in lang and returns the plain text of
// its first paragraph.
func fillText(t *testing.T, src, lang string) string {
	t.Helper()
	tp, err := Parse("q.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := tp.Fill(map[string]string{"name": `ב"הכרחיות"`}, FillOptions{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return ast.PlainText(doc.Blocks[0].(*ast.Paragraph).Inlines)
}

// TestQuotesHebrewPrefix: in Hebrew a quotation that starts right after
// a one-letter prefix (ב"הכרחיות בלבד") gets Hebrew's marks, which the
// typographer, seeing '"' after a letter, left straight; a '"' in an
// acronym (צה"ל, ארה"ב, דו"ח, עו"ד, ב"ה) stays as typed, and so do an
// escaped '"', a value's and an opening with no closing one. Other
// languages keep every such '"' as typed.
func TestQuotesHebrewPrefix(t *testing.T) {
	for _, c := range []struct{ lang, src, want string }{
		{"he", `ובבחירה ב"הכרחיות בלבד" נשמרים רק הקבצים הדרושים.`,
			`ובבחירה ב”הכרחיות בלבד” נשמרים רק הקבצים הדרושים.`},
		{"he", `הודעה ש"המידע נמחק", ולאחר מכן כש"החשבון סגור".`,
			`הודעה ש”המידע נמחק”, ולאחר מכן כש”החשבון סגור”.`},
		{"he", `לפי דו"ח צה"ל וחוות דעת עו"ד מארה"ב, ב"ה.`,
			`לפי דו"ח צה"ל וחוות דעת עו"ד מארה"ב, ב"ה.`},
		{"he", `החברה, שהיא חברה בע"מ, מפרסמת ל"מדיניות הפרטיות" דו"ח שנתי.`,
			`החברה, שהיא חברה בע"מ, מפרסמת ל”מדיניות הפרטיות” דו"ח שנתי.`},
		{"he", `הוא אמר "שלום" ו\"לא\" ו{name}.`,
			`הוא אמר ”שלום” ו"לא" וב"הכרחיות".`},
		{"he", `ב"הכרחיות בלבד ללא סגירה.`, `ב"הכרחיות בלבד ללא סגירה.`},
		{"en", `ובבחירה ב"הכרחיות בלבד" ו-צה"ל.`, `ובבחירה ב"הכרחיות בלבד" ו-צה"ל.`},
		{"de", `ובבחירה ב"הכרחיות בלבד".`, `ובבחירה ב"הכרחיות בלבד".`},
	} {
		if got := fillText(t, c.src, c.lang); got != c.want {
			t.Errorf("%s %s:\n got %s\nwant %s", c.lang, c.src, got, c.want)
		}
	}
}

// TestQuotesTypedOpening: a quotation opened with the language's own
// mark typed as such („ in German) and closed with a straight '"' gets
// the language's closing mark, across emphasis in its paragraph too;
// a '"' with no such mark open before it in its paragraph stays
// straight, and so does one after a typed mark of another language.
func TestQuotesTypedOpening(t *testing.T) {
	for _, c := range []struct{ lang, src, want string }{
		{"de", `Wer auf „Alle akzeptieren" klickt, willigt ein.`,
			`Wer auf „Alle akzeptieren“ klickt, willigt ein.`},
		{"de", `Wer „*Alle* akzeptieren" wählt und danach „Ablehnen" klickt.`,
			`Wer „Alle akzeptieren“ wählt und danach „Ablehnen“ klickt.`},
		{"de", `Der „Dienst“ und ein 27" Monitor.`, `Der „Dienst“ und ein 27" Monitor.`},
		{"de", "Wer „Alle\n\nakzeptieren\" wählt.", `Wer „Alle`},
		{"de", `Wir nennen es "Daten" und „Inhalte" hier.`, `Wir nennen es „Daten“ und „Inhalte“ hier.`},
		{"de", `Typed «so" bleibt.`, `Typed «so" bleibt.`},
		{"fr", `Cliquez sur «Tout accepter" pour continuer.`, "Cliquez sur «Tout accepter\u202f» pour continuer."},
		{"sv", `Välj ”Godkänn alla" nu.`, `Välj ”Godkänn alla” nu.`},
		{"en", `Click “Accept all" to go on.`, `Click “Accept all” to go on.`},
	} {
		if got := fillText(t, c.src, c.lang); got != c.want {
			t.Errorf("%s %s:\n got %s\nwant %s", c.lang, c.src, got, c.want)
		}
	}
	// The next paragraph's '"' closes nothing.
	tp, err := Parse("q.md", []byte("Wer „Alle\n\nakzeptieren\" wählt."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := tp.Fill(nil, FillOptions{Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ast.PlainText(doc.Blocks[1].(*ast.Paragraph).Inlines); got != `akzeptieren" wählt.` {
		t.Errorf("second paragraph: %q", got)
	}
}
