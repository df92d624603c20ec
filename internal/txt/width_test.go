package txt

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/policyexport/policyexport/internal/ast"
)

func TestWidthCJK(t *testing.T) {
	const ja = "個人情報の取り扱いについて、当社は法令を遵守し、適切に管理します。お客様の同意なく第三者に提供することはありません。"
	for _, width := range []int{10, 17, 30, 72} {
		got := lines(render(t, doc(para(tx(ja))), Options{Width: width}))
		if len(got) < 2 && uniseg.StringWidth(ja) > width {
			t.Errorf("width %d: CJK text was not wrapped: %q", width, got)
		}
		for _, l := range got {
			if w := uniseg.StringWidth(l); w > width {
				t.Errorf("width %d: line %q is %d columns", width, l, w)
			}
			// Kinsoku (as uniseg implements UAX #14): no line starts with
			// closing punctuation.
			if strings.HasPrefix(l, "、") || strings.HasPrefix(l, "。") {
				t.Errorf("width %d: line starts with closing punctuation: %q", width, l)
			}
		}
		// Breaking between ideographs adds no spaces and loses nothing.
		if joined := strings.Join(got, ""); joined != ja {
			t.Errorf("width %d: lines join to %q, want %q", width, joined, ja)
		}
	}
}

func TestWidthMixedScripts(t *testing.T) {
	const s = "Contact 株式会社サンプル at support, 中文客服 or 한국어 지원 팀."
	for _, width := range []int{8, 12, 20} {
		for _, l := range lines(render(t, doc(para(tx(s))), Options{Width: width})) {
			if w := uniseg.StringWidth(l); w > width {
				t.Errorf("width %d: line %q is %d columns", width, l, w)
			}
		}
	}
}

func TestWidthCombiningMarks(t *testing.T) {
	// "e" plus U+0301 is one column; a line of 10 such words of 4
	// letters takes 49 columns, not 89.
	w := "e\u0301e\u0301e\u0301e\u0301"
	text := strings.TrimSpace(strings.Repeat(w+" ", 10))
	got := lines(render(t, doc(para(tx(text))), Options{Width: 49}))
	if len(got) != 1 {
		t.Fatalf("combining marks counted as columns: %q", got)
	}
	// A narrow width never separates a mark from its letter.
	d := doc(para(tx(strings.Repeat("a\u0308", 30) + " " + text)))
	for _, l := range lines(render(t, d, Options{Width: 5})) {
		r, _ := utf8.DecodeRuneInString(l)
		if unicode.Is(unicode.Mn, r) {
			t.Errorf("line starts with a combining mark: %q", l)
		}
	}
}

func TestWidthZeroWidthCharacters(t *testing.T) {
	// U+200B and U+2060 take no columns.
	word := "ab\u200bcd\u2060ef"
	text := strings.TrimSpace(strings.Repeat(word+" ", 8))
	got := lines(render(t, doc(para(tx(text))), Options{Width: 55}))
	if len(got) != 1 {
		t.Errorf("zero-width characters counted as columns: %q", got)
	}
}

func TestWidthEmoji(t *testing.T) {
	// Each emoji is two columns; a family joined with ZWJ is one cluster
	// of two columns, and flags are two regional indicators, one cluster.
	family := "👨\u200d👩\u200d👧"
	flag := "🇨🇭"
	text := strings.TrimSpace(strings.Repeat("ok👍 "+family+" "+flag+" ", 6))
	const width = 11
	got := lines(render(t, doc(para(tx(text))), Options{Width: width}))
	for _, l := range got {
		if w := uniseg.StringWidth(l); w > width {
			t.Errorf("line %q is %d columns", l, w)
		}
		if strings.HasPrefix(l, "\u200d") || strings.HasPrefix(l, "👩") || strings.HasPrefix(l, "🇭") {
			t.Errorf("line starts inside a grapheme cluster: %q", l)
		}
	}
	if n := strings.Count(strings.Join(got, " "), family); n != 6 {
		t.Errorf("%d whole families in the output, want 6:\n%s", n, strings.Join(got, "\n"))
	}
	if n := strings.Count(strings.Join(got, " "), flag); n != 6 {
		t.Errorf("%d whole flags in the output, want 6", n)
	}
}

func TestWidthLongURL(t *testing.T) {
	url := "https://example.com/" + strings.Repeat("very-long-path-segment/", 8) + "end?" + strings.Repeat("q", 16)
	if len(url) < 200 {
		t.Fatalf("test URL is %d bytes", len(url))
	}
	d := doc(
		para(tx("See "), link(url, tx("the long page")), tx(" or "), link(url, tx(url)), tx(" now.")),
		bullets(true, item(para(tx("item "), link(url, tx(url))))),
	)
	for _, opts := range []Options{{}, {Links: LinksInline}, {Width: 30}} {
		out := render(t, d, opts)
		checkWords(t, d, out)
		alone := 0
		for _, l := range lines(out) {
			if strings.Contains(l, url) {
				rest := strings.TrimLeft(prefixRE.ReplaceAllString(l, ""), " ")
				// The URL stands alone, with at most the punctuation and
				// brackets that are attached to it.
				if trimmed := strings.Trim(rest, "<>.,"); trimmed != url {
					t.Errorf("%+v: long URL shares its line: %q", opts, l)
				}
				alone++
			}
		}
		if alone < 3 {
			t.Errorf("%+v: long URL found on %d lines, want at least 3:\n%s", opts, alone, out)
		}
	}
}

func TestWidthNarrowNesting(t *testing.T) {
	// Deep containers leave less than one column: every word goes on a
	// line of its own, and nothing is lost.
	var b ast.Block = para(tx("deep words here"))
	for range 12 {
		b = quote(bullets(true, item(b)))
	}
	d := doc(b)
	out := render(t, d, Options{Width: 20})
	checkWords(t, d, out)
}
