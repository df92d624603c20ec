package pdf_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// TestKoreanBreaksBetweenWords renders a Korean paragraph with a Hangul
// font and reads its lines back with pdftotext: every line is made of
// whole words of the paragraph, in order, so the PDF broke at spaces
// only, never between the syllables of a word (internal/linebreak),
// wherever the line ends fall.
func TestKoreanBreaksBetweenWords(t *testing.T) {
	font := validate.File(t, hangulFont, "fonts-nanum")
	var b strings.Builder
	for i := range 12 {
		// A word of growing length moves the line ends.
		b.WriteString(strings.Repeat("가", 1+i%9) + " 개인정보처리방침에 동의합니다 (개인정보 보호법). 회사는 정보주체의 개인정보를 안전하게 관리합니다. ")
	}
	words := strings.Fields(b.String())
	doc := &ast.Document{Meta: ast.Meta{Title: "개인정보"}, Blocks: []ast.Block{para(txt(b.String()))}}
	text := checkPDF(t, render(t, pdf.Options{Fonts: [][]byte{font}}, doc), "개인정보")
	if strings.Contains(text, "\f") && strings.Index(text, "\f") < len(text)-1 {
		t.Fatalf("the paragraph takes more than one page:\n%s", text)
	}
	// The paragraph's lines, then the footer: each line of the paragraph
	// holds the next words, whole.
	next, lines := 0, 0
	for _, l := range strings.Split(text, "\n") {
		fields := strings.Fields(l)
		if len(fields) == 0 || next == len(words) {
			continue
		}
		lines++
		for _, f := range fields {
			if f != words[next] {
				t.Fatalf("line %d: %q where the word %q was due (a break inside a word): %q", lines, f, words[next], l)
			}
			if next++; next == len(words) {
				break
			}
		}
	}
	if lines < 10 {
		t.Errorf("only %d lines of text:\n%s", lines, text)
	}
}

// Kinsoku: the characters a Japanese or Chinese line never starts with
// (UAX #14 classes CL, CP, EX, IS, NS, and CJ, the small kana, which it
// resolves to NS) and those it never ends with (OP).
const (
	noLineStart = "、。，．・：；？！ー）」』】〕］｝〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ"
	noLineEnd   = "（「『【〔［｛〈《"
)

// TestKinsoku checks that Japanese and Chinese lines break between
// characters but never before closing punctuation, small kana or the
// prolonged sound mark, nor after opening punctuation
// (internal/linebreak), wherever the line ends fall.
func TestKinsoku(t *testing.T) {
	font := validate.File(t, pdf.DroidFont, "fonts-droid-fallback")
	var b strings.Builder
	for i := range 40 {
		// A growing prefix moves the punctuation to every place on a line.
		b.WriteString(strings.Repeat("あ", i%7) + "当社は、個人情報を「適切に」（必要な期間のみ）管理します。我们，你们！" +
			"『ユーザー』のデータ・ファイルは【重要】です：ちょっと待ってください？")
	}
	doc := &ast.Document{Meta: ast.Meta{Title: "禁則"}, Blocks: []ast.Block{para(txt(b.String()))}}
	text := checkPDF(t, render(t, pdf.Options{Fonts: [][]byte{font}}, doc), "禁則")
	lines := 0
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if !strings.ContainsAny(l, "当个あ") {
			continue // the footer
		}
		lines++
		if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune(noLineStart, r) {
			t.Errorf("line starts with %q: %q", r, l)
		}
		if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune(noLineEnd, r) {
			t.Errorf("line ends with %q: %q", r, l)
		}
	}
	if lines < 20 {
		t.Errorf("only %d lines of text:\n%s", lines, text)
	}
}

// TestLongWordNotCutAfterHyphen renders addresses too long for a line,
// whose path words are joined by hyphens, with a first word of growing
// length that moves the cuts along them: no line ends in a hyphen, which a reader
// takes for a word broken by the typesetter and pdftotext drops, joining
// the lines ("anfragen-zu-" "personenbezogenen" came out
// "anfragen-zupersonenbezogenen", an address that does not exist).
// A cut goes before the hyphen instead, so that the line after it starts
// with it, and every address is read back whole.
func TestLongWordNotCutAfterHyphen(t *testing.T) {
	var blocks []ast.Block
	var urls []string
	for i := range 30 {
		url := "https://www.muster.example/d" + strings.Repeat("a", i) + "tenschutz-kontakt-formular-fuer-anfragen-zu-personenbezogenen-daten-und-zur-auskunft-nach-artikel-fuenfzehn?quelle=pdf"
		urls = append(urls, url)
		blocks = append(blocks, para(txt("Siehe "+url+" bitte.")))
	}
	doc := &ast.Document{Meta: ast.Meta{Title: "Bindestriche"}, Blocks: blocks}
	text := checkPDF(t, render(t, pdf.Options{}, doc), "Bindestriche")
	cuts := 0
	var body strings.Builder // the text without the footers
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimPrefix(l, "\f"); l == "Bindestriche" || strings.HasPrefix(l, "Page ") {
			continue
		}
		body.WriteString(l)
		if strings.HasSuffix(l, "-") {
			t.Errorf("a line ends in a hyphen: %q", l)
		}
		if strings.HasPrefix(l, "-") {
			cuts++
		}
	}
	if cuts == 0 {
		t.Errorf("no address was cut before a hyphen:\n%s", text)
	}
	for _, url := range urls {
		if !strings.Contains(body.String(), url) {
			t.Errorf("%s is not read back whole:\n%s", url, text)
		}
	}
}

// TestSpacedPunctuationStaysWithItsWord renders French text, which puts
// a space before : ; ! ? and inside « », with a first word of growing
// length that moves every mark to the end of a line: no line starts
// with one of : ; ! ? » ) nor ends with « or (, the breaks UAX #14 does
// not allow across a space (linebreak.SpaceJoins), wherever the line
// ends fall.
func TestSpacedPunctuationStaysWithItsWord(t *testing.T) {
	var blocks []ast.Block
	for i := range 40 {
		blocks = append(blocks, para(txt(strings.Repeat("a", i)+" Nous traitons vos données : nom et adresse ; pourquoi ? "+
			"Parce que la loi l’exige ! Le « droit à l’oubli » s’applique ( voir l’article 17 ) et / ou le droit d’accès.")))
	}
	doc := &ast.Document{Meta: ast.Meta{Title: "Ponctuation", Lang: "fr"}, Blocks: blocks}
	text := checkPDF(t, render(t, pdf.Options{}, doc), "Ponctuation")
	lines := 0
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimPrefix(l, "\f"); l == "" || l == "Ponctuation" || strings.HasPrefix(l, "Page ") {
			continue
		}
		lines++
		if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune(":;!?»)/", r) {
			t.Errorf("line starts with %q: %q", r, l)
		}
		if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune("«(", r) {
			t.Errorf("line ends with %q: %q", r, l)
		}
	}
	if lines < 80 {
		t.Errorf("only %d lines of text:\n%s", lines, text)
	}
}

// TestLineOfJoinedWordsEndsWhereFull: a paragraph where no space may end
// a line ("( ( ( …": no break after an opening parenthesis) ends each
// line where it is full, as it would at any space, rather than moving
// all but its first word down, line after line: a line of one word each
// took a thousand pages.
func TestLineOfJoinedWordsEndsWhereFull(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "Klammern"}, Blocks: []ast.Block{para(txt(strings.Repeat("( ", 2000)))}}
	text := checkPDF(t, render(t, pdf.Options{}, doc), "Klammern")
	var counts []int // the parentheses of each line
	for _, l := range strings.Split(text, "\n") {
		if n := strings.Count(l, "("); n > 0 {
			counts = append(counts, n)
		}
	}
	if len(counts) > 60 {
		t.Errorf("2000 words take %d lines: %v", len(counts), counts)
	}
}

// TestOverlongAddressStartsOnItsLine: an address wider than a line, which
// is cut anyway, starts on the line of the words before it when a cut
// after a slash fits there, as LaTeX's url package and Typst break one.
// Moved down whole, it left "uns unter datenschutz@muster.example oder"
// on a line of its own, stretched to gaps of a centimetre when
// justified. The address is read back whole.
func TestOverlongAddressStartsOnItsLine(t *testing.T) {
	const url = "https://www.muster.example/datenschutz/kontakt/formular-fuer-anfragen-zu-personenbezogenen-daten?quelle=pdf&version=2026-01-01"
	doc := &ast.Document{Meta: ast.Meta{Title: "Adresse", Lang: "de"}, Blocks: []ast.Block{
		para(txt("Verantwortlich ist die Muster GmbH, Musterstraße 12, 10115 Berlin. Sie erreichen uns unter " +
			"datenschutz@muster.example oder " + url + ".")),
	}}
	text := checkPDF(t, render(t, pdf.Options{Justify: true}, doc), "Adresse")
	lines := strings.Split(text, "\n")
	var body strings.Builder
	for _, l := range lines {
		if strings.Contains(l, "oder") && !strings.HasSuffix(l, "https://www.muster.example/") {
			t.Errorf("the address does not start on the line of the words before it: %q", l)
		}
		body.WriteString(l)
	}
	if !strings.Contains(body.String(), url) {
		t.Errorf("the address is not read back whole:\n%s", text)
	}
}
