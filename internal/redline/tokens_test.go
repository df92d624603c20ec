package redline_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/redline"
)

// marked writes the redline's paragraphs as the txt backend marks
// changes: [-deleted-], {+inserted+}, {~reformatted~}.
func marked(res *redline.Result) string {
	var b strings.Builder
	for _, bl := range res.Redline.Blocks {
		p, ok := bl.(*ast.Paragraph)
		if !ok {
			continue
		}
		for _, in := range p.Inlines {
			c, ok := in.(*ast.Change)
			if !ok {
				b.WriteString(ast.PlainText([]ast.Inline{in}))
				continue
			}
			m := map[ast.ChangeKind][2]string{ast.Deleted: {"[-", "-]"}, ast.Inserted: {"{+", "+}"}, ast.Reformatted: {"{~", "~}"}}[c.Kind]
			b.WriteString(m[0] + ast.PlainText(c.Inlines) + m[1])
		}
	}
	return b.String()
}

// TestPunctuationApart checks that words, punctuation and whitespace are
// compared apart, as a compare tool and git diff --word-diff-regex
// compare them: "our employees." changed to "our employees and
// contractors." showed "employees." deleted and "employees and
// contractors." inserted, and a comma taken out showed the word before
// it replaced. Apostrophes and full stops inside a word, numbers and
// addresses stay whole; Japanese, written without spaces, is compared a
// character at a time (one changed word replaced the whole sentence);
// and a rewritten clause is one change, not a change between every two
// commas both versions have ("[-collect-]{+keep+}, [-store-]{+as
// described+}").
func TestPunctuationApart(t *testing.T) {
	type change struct {
		kind     redline.Kind
		old, new string
	}
	cases := []struct {
		name, old, new string
		want           []change
		txt            string // the redline's text, as the txt backend marks it
	}{
		{"a word inserted before a full stop", "This applies to our employees.", "This applies to our employees and contractors.",
			[]change{{redline.Insert, "", "and contractors"}}, "This applies to our employees {+and contractors+}."},
		{"a comma taken out", "We collect data, including your name.", "We collect data including your name.",
			[]change{{redline.Delete, ",", ""}}, "We collect data[-,-] including your name."},
		{"a full stop made a semicolon", "We keep logs. They expire.", "We keep logs; they expire.",
			[]change{{redline.Replace, ". They", "; they"}}, "We keep logs[-. They-]{+; they+} expire."},
		{"an apostrophe inside a word", "Don't worry.", "Do not worry.",
			[]change{{redline.Replace, "Don’t", "Do not"}}, "[-Don’t-]{+Do not+} worry."},
		{"a French elision", "Les données de l'utilisateur.", "Les données de l'abonné.",
			[]change{{redline.Replace, "l’utilisateur", "l’abonné"}}, "Les données de [-l’utilisateur-]{+l’abonné+}."},
		{"a decimal number", "Logs are kept 1.5 years.", "Logs are kept 2.5 years.",
			[]change{{redline.Replace, "1.5", "2.5"}}, "Logs are kept [-1.5-]{+2.5+} years."},
		{"a date", "Updated 2026-06-01.", "Updated 2026-11-28.",
			[]change{{redline.Replace, "2026-06-01", "2026-11-28"}}, "Updated [-2026-06-01-]{+2026-11-28+}."},
		{"a web address", "See https://a.example/opt-out.", "See https://b.example/opt-out.",
			[]change{{redline.Replace, "https://a.example/opt-out", "https://b.example/opt-out"}}, "See [-https://a.example/opt-out-]{+https://b.example/opt-out+}."},
		{"an e-mail address", "Write to privacy@acme.example.", "Write to legal@acme.example.",
			[]change{{redline.Replace, "privacy@acme.example", "legal@acme.example"}}, "Write to [-privacy@acme.example-]{+legal@acme.example+}."},
		{"Japanese", "当社は個人情報を適切に管理します。", "当社は個人データを適切に管理します。",
			[]change{{redline.Replace, "情報", "データ"}}, "当社は個人[-情報-]{+データ+}を適切に管理します。"},
		{"a rewritten clause", "We collect, store, and share your data.", "We keep, as described, and sell your data.",
			[]change{{redline.Replace, "collect, store", "keep, as described"}, {redline.Replace, "share", "sell"}},
			"We [-collect, store-]{+keep, as described+}, and [-share-]{+sell+} your data."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := compareSources(t, tc.old+"\n", tc.new+"\n")
			var got []change
			for _, c := range res.Changes {
				got = append(got, change{c.Kind, c.Old, c.New})
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("changes %q, want %q", got, tc.want)
			}
			if txt := marked(res); txt != tc.txt {
				t.Errorf("redline %q, want %q", txt, tc.txt)
			}
			checkApply(t, tc.old+"\n", tc.new+"\n")
		})
	}
}

// TestWords checks what Words counts as a word: letters and digits with
// what joins them inside a word, addresses whole, and characters of
// scripts written without spaces one by one; not punctuation.
func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"our employees.":                                    "our|employees",
		"data, including — and/or":                          "data|including|and|or",
		"Don’t, l'utilisateur; l·l":                         "Don’t|l'utilisateur|l·l",
		"1.5 1,000 10:30 2026-06-01 e.g. U.S.A.":            "1.5|1,000|10:30|2026-06-01|e.g|U.S.A",
		"(see https://a.example/x_(y)).":                    "see|https://a.example/x_(y)",
		"<https://a.example/?q=1>, www.b.example":           "https://a.example/?q=1|www.b.example",
		"mail privacy@acme.example, or mailto:x@y.example.": "mail|privacy@acme.example|or|mailto:x@y.example",
		"https:// alone":                                    "https|alone",
		"当社は個人情報":                                           "当|社|は|個|人|情|報",
		"ภาษาไทย":                                           "ภ|า|ษ|า|ไ|ท|ย",
		"$100 50% © 2026 👍🏽":                                "100|50|2026",
		"naïve café":                                        "naïve|café",
	} {
		if got := strings.Join(redline.TextWords(in), "|"); got != want {
			t.Errorf("words of %q = %q, want %q", in, got, want)
		}
	}
}
