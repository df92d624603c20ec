package pdf_test

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/testutil/pdfrules"
	"github.com/policyexport/policyexport/internal/testutil/validate"
)

// TestRightToLeftInLogicalOrder renders an Arabic, a Hebrew and a mixed
// paragraph with the built-in fonts (Noto Naskh Arabic, DejaVu Sans) and
// checks that poppler gives their words as written, in logical order:
// pdftotext, and pdfinfo -struct-text, which reads each marked-content
// sequence's glyphs in the order they are drawn (it ignores /ActualText),
// so it holds the structure tree's kids and each run's glyphs to logical
// order. Hebrew comes out exactly. Arabic is drawn in presentation forms
// (ﻧﺤﻦ for نحن), and comes out as its letters, which the ToUnicode maps
// give each form of one letter; a lam-alef ligature (ﻻ) comes out as
// itself (see fpdfout's codeText), so the text is compared after NFKC,
// which maps it to its two letters, and must hold no form of one letter.
func TestRightToLeftInLogicalOrder(t *testing.T) {
	arabic := "نحن نحترم خصوصيتك ولا نبيع بياناتك"
	hebrew := "אנחנו מכבדים את פרטיותך ולא מוכרים את המידע"
	mixed := "שלום hello world 2026 עולם"
	doc := &ast.Document{Meta: ast.Meta{Title: "RTL"}, Blocks: []ast.Block{
		para(txt(arabic)), para(txt(hebrew)), para(txt(mixed)),
	}}
	file := writeTemp(t, render(t, pdf.Options{NoFooter: true}, doc))

	text := run(t, "pdftotext", "-enc", "UTF-8", file, "-")
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		// pdftotext wraps right-to-left lines in directional marks.
		if l = strings.Trim(l, "\u202a\u202b\u202c\u200e\u200f \f"); l != "" {
			lines = append(lines, l)
		}
	}
	// A mixed line is pdftotext's own bidi (it drops the space after
	// the embedded left-to-right words): only the structure text below
	// is held to it.
	if len(lines) != 3 || norm.NFKC.String(lines[0]) != arabic || lines[1] != hebrew {
		t.Fatalf("pdftotext lines %q, want %q (Arabic after NFKC), %q, and the mixed line", lines, arabic, hebrew)
	}
	if letterForms(lines[0]) {
		t.Errorf("pdftotext gives presentation forms of single letters, not the letters: %q", lines[0])
	}

	paras := structParas(t, file)
	checkParas(t, paras, arabic, hebrew, mixed)
	if letterForms(strings.Join(paras[0], "")) {
		t.Errorf("the structure text has presentation forms of single letters, not the letters: %q", paras[0])
	}
	for c := range drawnCodes(t, render(t, pdf.Options{NoFooter: true}, doc)) {
		if c >= 0x0600 && c <= 0x06FF {
			t.Errorf("the PDF draws the Arabic letter %U itself, not a presentation form", c)
		}
	}
}

// letterForms reports whether s has an Arabic presentation form of a
// single letter (one whose NFKC form is one character).
func letterForms(s string) bool {
	return strings.ContainsFunc(s, func(c rune) bool {
		return (c >= 0xFB50 && c <= 0xFDFF || c >= 0xFE70 && c < 0xFEFF) && utf8.RuneCountInString(norm.NFKC.String(string(c))) == 1
	})
}

// structParas returns the text of each P element of the PDF file as
// pdfinfo -struct-text gives it: the text of each marked-content
// sequence (its glyphs, in the order they are drawn, through the fonts'
// ToUnicode maps; poppler ignores /ActualText there), in the order of
// the structure tree.
func structParas(t *testing.T, file string) [][]string {
	t.Helper()
	var paras [][]string
	for _, l := range strings.Split(run(t, "pdfinfo", "-enc", "UTF-8", "-struct-text", file), "\n") {
		switch s := strings.TrimSpace(l); {
		case strings.HasPrefix(s, "P "):
			paras = append(paras, nil)
		case strings.HasPrefix(s, `"`) && len(paras) > 0:
			paras[len(paras)-1] = append(paras[len(paras)-1], strings.Trim(s, `"`))
		}
	}
	return paras
}

// checkParas checks that the structure text of each paragraph, its
// sequences joined by a space (a right-to-left line draws no spaces)
// and after NFKC (Arabic ligatures), is the text written.
func checkParas(t *testing.T, paras [][]string, want ...string) {
	t.Helper()
	if len(paras) != len(want) {
		t.Fatalf("pdfinfo -struct-text has %d paragraphs %q, want %d", len(paras), paras, len(want))
	}
	for i, p := range paras {
		got := strings.Join(strings.Fields(strings.Join(p, " ")), " ")
		if norm.NFKC.String(got) != want[i] {
			t.Errorf("structure text of paragraph %d: %q (kids %q), want %q", i+1, norm.NFKC.String(got), p, want[i])
		}
	}
}

// TestArabicIndicDigitsInLogicalOrder: Arabic-Indic digits (bidi class
// AN) are left to right inside right-to-left text, as European and
// Persian digits are, so the structure text gives them in the order
// written: ١٢٣, not ٣٢١.
func TestArabicIndicDigitsInLogicalOrder(t *testing.T) {
	want := []string{
		"المادة ١٢٣ لسنة ٢٠٢٤ تم",
		"المادة ۱۲۳ لسنة ۲۰۲۴ تم",
		"المادة 123 لسنة 2024 تم",
	}
	doc := &ast.Document{Meta: ast.Meta{Title: "AN", Lang: "ar"}}
	for _, s := range want {
		doc.Blocks = append(doc.Blocks, para(txt(s)))
	}
	file := writeTemp(t, render(t, pdf.Options{NoFooter: true}, doc))
	checkParas(t, structParas(t, file), want...)
}

// TestNeutralsAndNumbersInLogicalOrder: in right-to-left text, a period
// after a number or a Latin word is at another level than the word (it
// is drawn to the left of "17", and of "Acme Ltd"), yet the structure
// text and the /ActualText give it where it is written: each word is one
// marked-content sequence, its pieces drawn in logical order, with the
// word as written as its /ActualText (a word drawn as written, "Acme",
// needs none), on a /Span, so that pdftotext reads "17." too.
func TestNeutralsAndNumbersInLogicalOrder(t *testing.T) {
	for _, c := range []struct {
		lang  string
		paras []string
		mixed []string // words of two levels, which need /ActualText
		read  []string // what pdftotext gives on one line with them
	}{
		{"he", []string{
			"ראו סעיף 17.",
			"החברה Acme Ltd. נמצאת כאן.",
			"עודכן לאחרונה: 28 בנובמבר 2026.",
		}, []string{"17.", "Ltd.", "2026."}, []string{"סעיף 17.", "Acme Ltd.", "בנובמבר 2026."}},
		{"ar", []string{
			"انظر المادة 17.",
			"المادة ١٢٣ لسنة ٢٠٢٤ تم.",
		}, []string{"17."}, []string{"المادة 17."}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			doc := &ast.Document{Meta: ast.Meta{Title: "Neutrals", Lang: c.lang}}
			for _, s := range c.paras {
				doc.Blocks = append(doc.Blocks, para(txt(s)))
			}
			data := render(t, pdf.Options{NoFooter: true}, doc)
			checkParas(t, structParas(t, writeTemp(t, data)), c.paras...)
			words := strings.Fields(strings.Join(c.paras, " "))
			actual := actualTexts(t, data)
			for _, a := range actual {
				if !slices.Contains(words, a) {
					t.Errorf("/ActualText %q is no word of the text %q", a, words)
				}
			}
			for _, w := range c.mixed {
				if !slices.Contains(actual, w) {
					t.Errorf("no /ActualText %q; the sequences have %q", w, actual)
				}
			}
			// pdftotext honours /ActualText on a /Span only, and read
			// the glyphs where they are without it: ".17". Without the
			// last glyph's spacing, it put the Span's text on a line of
			// its own.
			for _, opts := range []pdf.Options{{NoFooter: true}, {NoFooter: true, Standard: mustStandard(t, "a-3u,ua-1")}} {
				file := writeTemp(t, render(t, opts, doc))
				text := strings.Map(func(c rune) rune {
					if c >= 0x202A && c <= 0x202C {
						return -1
					}
					return c
				}, run(t, "pdftotext", "-enc", "UTF-8", file, "-"))
				for _, w := range c.read {
					if !strings.Contains(text, w) {
						t.Errorf("%s: pdftotext gives no %q:\n%s", cmp.Or(opts.Standard.String(), "plain"), w, text)
					}
				}
				checkParas(t, structParas(t, file), c.paras...)
			}
		})
	}
}

// actualTexts returns the /ActualText of each marked-content sequence
// of the PDF's pages, in the order they are drawn, read from qpdf's
// uncompressed copy.
func actualTexts(t *testing.T, data []byte) []string {
	t.Helper()
	out := run(t, "qpdf", "--qdf", "--object-streams=disable", writeTemp(t, data), "-")
	var texts []string
	for _, m := range regexp.MustCompile(`/ActualText (?:<feff([0-9a-fA-F]*)>|\(((?:[^()\\]|\\.)*)\))`).FindAllStringSubmatch(out, -1) {
		if m[1] == "" {
			texts = append(texts, strings.NewReplacer(`\(`, "(", `\)`, ")", `\\`, `\`).Replace(m[2]))
			continue
		}
		var units []uint16
		for h := m[1]; len(h) >= 4; h = h[4:] {
			v, err := strconv.ParseUint(h[:4], 16, 16)
			if err != nil {
				t.Fatal(err)
			}
			units = append(units, uint16(v))
		}
		texts = append(texts, string(utf16.Decode(units)))
	}
	return texts
}

// TestMirroredBracketsReadAsWritten: a right-to-left piece draws "(" as
// the glyph of ")" (rule L4), and that glyph now stands for "(" (a
// private-use code whose ToUnicode text is the bracket as written), so
// that pdfinfo -struct-text and pdftotext, which read the glyphs' text,
// give the brackets as written, with and without a standard (whose pass
// writes the ToUnicode maps itself).
func TestMirroredBracketsReadAsWritten(t *testing.T) {
	paras := []string{
		"החוק חל [כאן] (בישראל).",
		"انظر (المادة) و«النص».",
	}
	doc := &ast.Document{Meta: ast.Meta{Title: "Brackets", Lang: "he"}}
	for _, s := range paras {
		doc.Blocks = append(doc.Blocks, para(txt(s)))
	}
	for _, opts := range []pdf.Options{{NoFooter: true}, {NoFooter: true, Standard: mustStandard(t, "a-3u,ua-1")}} {
		t.Run(cmp.Or(opts.Standard.String(), "plain"), func(t *testing.T) {
			file := writeTemp(t, render(t, opts, doc))
			checkParas(t, structParas(t, file), paras...)
			text := norm.NFKC.String(run(t, "pdftotext", "-enc", "UTF-8", file, "-"))
			for _, w := range []string{"[כאן]", "(בישראל)", "(المادة)", "«النص»"} {
				if !strings.Contains(text, w) {
					t.Errorf("pdftotext gives no %q:\n%s", w, text)
				}
			}
		})
	}
}

// wordBox is a word of pdftotext -bbox, in points from the page's top
// left (a right-to-left run drawn glyph by glyph gives a box a glyph).
type wordBox struct {
	text             string
	xMin, yMin, xMax float64
}

// wordBoxes returns the words of the PDF's first page with their boxes.
func wordBoxes(t *testing.T, data []byte) []wordBox {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", "-f", "1", "-l", "1", "-enc", "UTF-8", writeTemp(t, data), "-")
	var boxes []wordBox
	for _, m := range regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>`).FindAllStringSubmatch(out, -1) {
		var b wordBox
		b.text = m[4]
		for i, p := range []*float64{&b.xMin, &b.yMin, &b.xMax} {
			v, err := strconv.ParseFloat(m[i+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			*p = v
		}
		boxes = append(boxes, b)
	}
	return boxes
}

// box returns the first box of text, failing the test when there is none.
func box(t *testing.T, boxes []wordBox, text string) wordBox {
	t.Helper()
	for _, b := range boxes {
		if b.text == text {
			return b
		}
	}
	t.Fatalf("no word %q in %v", text, boxes)
	return wordBox{}
}

// TestDirectionFromLanguage: every paragraph, list item and table cell
// of a document takes the document's direction from its language, as
// the HTML's dir does (l10n.Lang.RTL), whatever its first word. In a
// Hebrew document a paragraph that starts with "GDPR" is right to left:
// "GDPR" at the right margin, the period at the left end; a list item
// that starts with "Cookies" has its bullet on the right; a cell that
// starts with "Session" has it on the right of the Hebrew word after
// it. In an English document a Hebrew paragraph is left to right: its
// period at the right end.
func TestDirectionFromLanguage(t *testing.T) {
	rightMargin := 595.28 - 25/25.4*72
	doc := &ast.Document{Meta: ast.Meta{Title: "Direction", Lang: "he"}, Blocks: []ast.Block{
		para(txt("GDPR חל על הנתונים שלנו.")),
		&ast.List{Tight: true, Items: []*ast.ListItem{{Blocks: []ast.Block{para(txt("Cookies נשמרים שנה"))}}}},
		&ast.Table{Align: []ast.Alignment{ast.AlignNone, ast.AlignNone},
			Header: []*ast.TableCell{{Inlines: []ast.Inline{txt("שם")}}, {Inlines: []ast.Inline{txt("תיאור")}}},
			Rows:   [][]*ast.TableCell{{{Inlines: []ast.Inline{txt("Session cookie נשמרת")}}, {Inlines: []ast.Inline{txt("עוגייה")}}}}},
	}}
	boxes := wordBoxes(t, render(t, pdf.Options{NoFooter: true}, doc))
	gdpr, period := box(t, boxes, "GDPR"), box(t, boxes, ".")
	if math.Abs(gdpr.xMax-rightMargin) > 0.5 || period.xMax > gdpr.xMin {
		t.Errorf("Hebrew document: GDPR %+v, want it at the right margin (%.2f), with the period %+v left of it", gdpr, rightMargin, period)
	}
	if cookies, bullet := box(t, boxes, "Cookies"), box(t, boxes, "•"); bullet.xMin < cookies.xMax {
		t.Errorf("Hebrew document: the bullet %+v is not right of its item's first word %+v", bullet, cookies)
	}
	session := box(t, boxes, "Session")
	for _, b := range boxes {
		// On its line (another face's box starts a little higher).
		if math.Abs(b.yMin-session.yMin) < 3 && strings.ContainsAny(b.text, "נשמרת") && b.xMin > session.xMin {
			t.Errorf("Hebrew document: %+v of the cell's Hebrew word is right of Session %+v", b, session)
		}
	}

	// A column Markdown aligns left (":--") is aligned left, as the
	// HTML's text-align: left does; one without, at its start.
	for _, c := range []struct {
		align ast.Alignment
		left  bool
	}{{ast.AlignLeft, true}, {ast.AlignNone, false}} {
		doc := &ast.Document{Meta: ast.Meta{Title: "Direction", Lang: "he"}, Blocks: []ast.Block{&ast.Table{Align: []ast.Alignment{c.align},
			Header: []*ast.TableCell{{Inlines: []ast.Inline{txt("Header")}}},
			Rows:   [][]*ast.TableCell{{{Inlines: []ast.Inline{txt("A")}}}}}}}
		boxes := wordBoxes(t, render(t, pdf.Options{NoFooter: true}, doc))
		header, cell := box(t, boxes, "Header"), box(t, boxes, "A")
		if left := math.Abs(cell.xMin-header.xMin) < 0.5; left != c.left || !left && math.Abs(cell.xMax-header.xMax) > 0.5 {
			t.Errorf("Hebrew document, a column aligned %q: the cell %+v under its header %+v", c.align, cell, header)
		}
	}

	doc = &ast.Document{Meta: ast.Meta{Title: "Direction", Lang: "en"}, Blocks: []ast.Block{para(txt("הנתונים שלנו."))}}
	boxes = wordBoxes(t, render(t, pdf.Options{NoFooter: true}, doc))
	period = box(t, boxes, ".")
	for _, b := range boxes {
		if b.text != "." && b.xMin > period.xMin {
			t.Errorf("English document: %+v is right of the period %+v", b, period)
		}
	}
}

// TestJustifiedRightToLeft: Options.Justify justifies the lines of a
// right-to-left paragraph, Latin ones in a Hebrew document included, as
// it does left-to-right ones: every line but the last fills the width.
// They were aligned to the right, as if not justified.
func TestJustifiedRightToLeft(t *testing.T) {
	leftMargin, rightMargin := 25/25.4*72, 595.28-25/25.4*72
	text := strings.Repeat("מילה ארוכה קצר ועוד טקסט ", 30) + strings.Repeat("Latin words set in a Hebrew document ", 12)
	doc := &ast.Document{Meta: ast.Meta{Title: "Justify", Lang: "he"}, Blocks: []ast.Block{para(txt(text))}}
	lines := map[int][2]float64{} // by yMin, rounded: the line's leftmost and rightmost x
	for _, b := range wordBoxes(t, render(t, pdf.Options{NoFooter: true, Justify: true}, doc)) {
		y := int(math.Round(b.yMin))
		for other := range lines {
			// On the same line (another face's box starts a little higher).
			if math.Abs(float64(other-y)) < 4 {
				y = other
			}
		}
		l, ok := lines[y]
		if !ok {
			l = [2]float64{b.xMin, b.xMax}
		}
		lines[y] = [2]float64{min(l[0], b.xMin), max(l[1], b.xMax)}
	}
	ys := slices.Sorted(maps.Keys(lines))
	if len(ys) < 4 {
		t.Fatalf("%d lines, want several", len(ys))
	}
	for _, y := range ys[:len(ys)-1] {
		if l := lines[y]; math.Abs(l[0]-leftMargin) > 1 || math.Abs(l[1]-rightMargin) > 1 {
			t.Errorf("line at y %d spans %.2f to %.2f, want the width (%.2f to %.2f)", y, l[0], l[1], leftMargin, rightMargin)
		}
	}
}

// TestArabicJoinedInTablesAndContents: the text of a table cell and of
// a table of contents entry is shaped like a paragraph's: Arabic letters
// are drawn in their joined presentation forms, never as the letters
// themselves (which draw unjoined).
func TestArabicJoinedInTablesAndContents(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "سياسة", Lang: "ar"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("سياسة الخصوصية")}},
		&ast.Heading{Level: 2, Inlines: []ast.Inline{txt("مقدمة")}},
		&ast.Table{Align: []ast.Alignment{ast.AlignNone},
			Header: []*ast.TableCell{{Inlines: []ast.Inline{txt("الاسم")}}},
			Rows:   [][]*ast.TableCell{{{Inlines: []ast.Inline{txt("تعريف الارتباط")}}}}},
	}}
	for c := range drawnCodes(t, render(t, pdf.Options{TOC: true, NoFooter: true}, doc)) {
		if c >= 0x0600 && c <= 0x06FF {
			t.Errorf("the PDF draws the Arabic letter %U itself, not a presentation form", c)
		}
	}
}

// TestContentsRightToLeft: a right-to-left document's table of contents
// runs right to left, as its paragraphs do: each entry's text at the
// right margin (a Latin heading too), its page number at the left
// margin, the leader between them.
func TestContentsRightToLeft(t *testing.T) {
	leftMargin, rightMargin := 25/25.4*72, 595.28-25/25.4*72
	doc := &ast.Document{Meta: ast.Meta{Title: "מדיניות", Lang: "he"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("מדיניות פרטיות")}},
		&ast.Heading{Level: 2, Inlines: []ast.Inline{txt("מבוא")}},
		&ast.Heading{Level: 2, Inlines: []ast.Inline{txt("Contact us")}},
	}}
	boxes := wordBoxes(t, render(t, pdf.Options{TOC: true, NoFooter: true}, doc))
	var nums, dots []wordBox
	for _, b := range boxes {
		switch {
		case b.text == "2":
			nums = append(nums, b)
		case strings.Trim(b.text, ".") == "":
			dots = append(dots, b)
		}
	}
	if len(nums) != 2 {
		t.Fatalf("page numbers %v, want two", nums)
	}
	for _, n := range nums {
		if math.Abs(n.xMin-leftMargin) > 0.5 {
			t.Errorf("page number %+v, want it at the left margin (%.2f)", n, leftMargin)
		}
	}
	if us := box(t, boxes, "us"); math.Abs(us.xMax-rightMargin) > 0.5 {
		t.Errorf("the entry %+v, want it at the right margin (%.2f)", us, rightMargin)
	}
	for _, d := range dots {
		if d.xMin < nums[0].xMax || d.xMax > box(t, boxes, "Contact").xMin && math.Abs(d.yMin-nums[1].yMin) < 1 {
			t.Errorf("leader %+v is not between the number and the text", d)
		}
	}
}

// TestBlocksMirroredRightToLeft: in a right-to-left document what the
// HTML puts at the start of the line is at the right: a block quote's
// indent (and rule), a footnote's indent and number, a table's first
// column.
func TestBlocksMirroredRightToLeft(t *testing.T) {
	rightMargin := 595.28 - 25/25.4*72
	mm := 72 / 25.4
	doc := &ast.Document{Meta: ast.Meta{Title: "Mirrored", Lang: "he"}, Blocks: []ast.Block{
		&ast.BlockQuote{Blocks: []ast.Block{para(txt("Quote ציטוט."))}},
		&ast.Table{Align: []ast.Alignment{ast.AlignNone, ast.AlignNone},
			Header: []*ast.TableCell{{Inlines: []ast.Inline{txt("First")}}, {Inlines: []ast.Inline{txt("Second")}}}},
		para(txt("טקסט"), &ast.FootnoteRef{Index: 1}),
		&ast.FootnoteDefinition{Index: 1, Label: "1", Blocks: []ast.Block{para(txt("Note הערה."))}},
	}}
	boxes := wordBoxes(t, render(t, pdf.Options{NoFooter: true}, doc))
	if q := box(t, boxes, "Quote"); math.Abs(q.xMax-(rightMargin-quoteIndentMM*mm)) > 0.5 {
		t.Errorf("quote %+v, want it %g mm from the right margin", q, quoteIndentMM)
	}
	if first, second := box(t, boxes, "First"), box(t, boxes, "Second"); first.xMin < second.xMax {
		t.Errorf("the first column %+v is left of the second %+v", first, second)
	}
	note, num := box(t, boxes, "Note"), box(t, boxes, "1.")
	if math.Abs(note.xMax-(rightMargin-footnoteIndentMM*mm)) > 0.5 || num.xMin < note.xMax {
		t.Errorf("footnote %+v with its number %+v, want it %g mm from the right margin, the number right of it", note, num, footnoteIndentMM)
	}
}

// The indents of a block quote and of a footnote's text, in millimetres.
const quoteIndentMM, footnoteIndentMM = 6.0, 7.0

// TestBidiControlsDropped: every bidi formatting character
// (bidi.IsControl) is dropped as invisible, the Arabic letter mark
// U+061C as the right-to-left mark U+200F is: it was refused as a
// character no font has.
func TestBidiControlsDropped(t *testing.T) {
	for _, c := range []rune{0x061C, 0x200E, 0x200F, 0x202B, 0x202C, 0x2067, 0x2069} {
		t.Run(fmt.Sprintf("%U", c), func(t *testing.T) {
			paras := []string{"انظر المادة 17 نص", "ראו סעיף 17 כאן"}
			doc := &ast.Document{Meta: ast.Meta{Title: "Controls", Lang: "ar"}}
			for _, s := range paras {
				w := strings.Fields(s)
				doc.Blocks = append(doc.Blocks, para(txt(w[0]+string(c)+" "+strings.Join(w[1:], " "))))
			}
			r, err := pdf.New(pdf.Options{NoFooter: true})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.Render(&buf, doc); err != nil {
				t.Fatalf("%U is not dropped: %v", c, err)
			}
			checkParas(t, structParas(t, writeTemp(t, buf.Bytes())), paras...)
		})
	}
}

// TestPersianZWNJ: a zero-width non-joiner inside a Persian word keeps
// the letters on either side unjoined (ی final, خ initial in
// می‌خواهم, where without it they would be medial) and is kept in the
// text read from the PDF, by pdftotext and pdfinfo -struct-text alike:
// it was dropped once shaping had used it (نحوهی for نحوه‌ی).
func TestPersianZWNJ(t *testing.T) {
	paras := []string{"نحوه\u200cی استفاده از داده\u200cها", "من می\u200cخواهم بدانم"}
	doc := &ast.Document{Meta: ast.Meta{Title: "ZWNJ", Lang: "fa"}}
	for _, s := range paras {
		doc.Blocks = append(doc.Blocks, para(txt(s)))
	}
	for _, opts := range []pdf.Options{{NoFooter: true}, {NoFooter: true, Standard: mustStandard(t, "a-3u,ua-1")}} {
		t.Run(cmp.Or(opts.Standard.String(), "plain"), func(t *testing.T) {
			data := render(t, opts, doc)
			file := writeTemp(t, data)
			checkParas(t, structParas(t, file), paras...)
			text := norm.NFKC.String(run(t, "pdftotext", "-enc", "UTF-8", file, "-"))
			for _, w := range []string{"نحوه\u200cی", "داده\u200cها", "می\u200cخواهم"} {
				if !strings.Contains(text, w) {
					t.Errorf("pdftotext gives no %q:\n%q", w, text)
				}
			}
			codes := drawnCodes(t, data)
			for _, c := range []rune{0xFBFD, 0xFEA7} { // ی final, خ initial
				if !codes[c] {
					t.Errorf("the PDF does not draw %U: the non-joiner did not keep the letters apart", c)
				}
			}
			if codes[0xFBFF] { // ی medial
				t.Errorf("the PDF draws ی medial (U+FBFF): joined across the non-joiner")
			}
		})
	}
}

// TestRightToLeftMarksInLogicalOrder: right-to-left words with marks,
// Arabic with vowel marks and Hebrew with points, which are drawn
// shaped (the marks placed by the font's mark positioning,
// TestShapedLikeHarfBuzz), keep their text as written: pdfinfo
// -struct-text reads each word's letters and marks in logical order
// (a letter, then its marks: مُ, not ُم; שָׁלוֹם, not םֹולָׁש), with its
// letters, not presentation forms, and each word's /ActualText is the
// word as written. Pointed Hebrew was read in visual order, the word
// reversed.
func TestRightToLeftMarksInLogicalOrder(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		paras []string
	}{
		{"ar", []string{"مُحَمَّد رَبِّ العَالَمِينَ", "كَتَبَ شكراً لِلْمُسْتَخْدِمِ الرَّحْمَٰنِ"}},
		// A letter with a dagesh alone (בּ), a shin dot and a vowel
		// (שָׁ), holam male (וֹ), a sheva and a dagesh on one letter
		// (בְּ), a hataf segol (אֱ), a sin dot (שׂ), a period.
		{"he", []string{"שָׁלוֹם בְּרֵאשִׁית בּ עוֹלָם.", "בָּרָא אֱלֹהִים מִצְוָה יִשָּׂא"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			paras := tc.paras
			doc := &ast.Document{Meta: ast.Meta{Title: "Marks", Lang: tc.lang}, Blocks: []ast.Block{
				para(txt(paras[0])), para(txt(paras[1])),
			}}
			for _, opts := range []pdf.Options{{NoFooter: true}, {NoFooter: true, Standard: mustStandard(t, "a-2u")}} {
				// Exactly, not only after NFKC: a glyph drawn with a
				// private-use code (a letter with the mark the font draws in
				// one glyph with it, ﻤَ) stands for the letter, as a
				// presentation form drawn as itself does, under a standard's
				// ToUnicode maps and fpdf's alike.
				for i, p := range structParas(t, writeTemp(t, render(t, opts, doc))) {
					if got := strings.Join(p, " "); i < len(paras) && got != paras[i] {
						t.Errorf("%s: structure text of paragraph %d: %q, want exactly %q", cmp.Or(opts.Standard.String(), "plain"), i+1, got, paras[i])
					}
				}
			}
			data := render(t, pdf.Options{NoFooter: true}, doc)
			checkParas(t, structParas(t, writeTemp(t, data)), paras...)
			actual := actualTexts(t, data)
			for _, w := range strings.Fields(strings.Join(paras, " ")) {
				if !slices.Contains(actual, w) {
					t.Errorf("no /ActualText %q; the sequences have %q", w, actual)
				}
			}
			for _, a := range actual {
				if strings.ContainsFunc(a, func(c rune) bool { return c >= 0xFB1D && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFF }) {
					t.Errorf("/ActualText %q has presentation forms", a)
				}
			}
		})
	}
}

// TestRightToLeftInCodeBlock: a code block stays left to right in a
// right-to-left document as in a left-to-right one (as the HTML's <pre>
// should, and as Typst and LaTeX set code), but right-to-left text in
// its lines is put in visual order and Arabic joined, as a browser shows
// <pre dir="ltr">: "# אבג דהו" has א at the right end, and the Arabic
// is drawn in presentation forms. Both were drawn as written, left to
// right, letter by letter: the Hebrew read backwards, the Arabic
// unjoined.
func TestRightToLeftInCodeBlock(t *testing.T) {
	for _, lang := range []string{"en", "he"} {
		t.Run(lang, func(t *testing.T) {
			doc := &ast.Document{Meta: ast.Meta{Title: "Code", Lang: lang}, Blocks: []ast.Block{
				&ast.CodeBlock{Text: "x = 1 # אבג דהו\nprint(\"مرحبا\")\n"},
			}}
			data := render(t, pdf.Options{NoFooter: true}, doc)
			boxes := wordBoxes(t, data)
			find := func(c string) wordBox {
				for _, b := range boxes {
					if strings.Contains(b.text, c) {
						return b
					}
				}
				t.Fatalf("no word with %q in %v", c, boxes)
				return wordBox{}
			}
			x, alef, vav := find("x"), find("א"), find("ו")
			if !(x.xMax < vav.xMin && vav.xMax <= alef.xMin) {
				t.Errorf("the code line is not x, then דהו, then אבג from the left: x %v, ו %v, א %v", x, vav, alef)
			}
			if x.xMin > 100 {
				t.Errorf("the code line starts at %.1f pt: not at the left margin", x.xMin)
			}
			codes := drawnCodes(t, data)
			if !codes[0xFEE3] || codes[0x0645] {
				t.Errorf("the Arabic of the code block is not drawn joined (meem initial U+FEE3 drawn: %v, meem U+0645 drawn: %v)", codes[0xFEE3], codes[0x0645])
			}
			file := writeTemp(t, data)
			var code []string
			for _, l := range strings.Split(run(t, "pdfinfo", "-enc", "UTF-8", "-struct-text", file), "\n") {
				if s := strings.TrimSpace(l); strings.HasPrefix(s, `"`) {
					code = append(code, norm.NFKC.String(strings.Trim(s, `"`)))
				}
			}
			if want := []string{"x = 1 # אבג דהו", `print("مرحبا")`}; !slices.Equal(code, want) {
				t.Errorf("structure text %q, want %q", code, want)
			}
		})
	}
}

// TestRightToLeftInlineCode: inline code in a right-to-left paragraph
// reads left to right, as the HTML's <code dir="ltr"> does: "code();"
// followed by Arabic or Hebrew is drawn "code();", one word from the
// left; it was drawn ";()code", its punctuation taking the paragraph's
// direction. Two code spans with a space between are two isolates, in
// the paragraph's order: the first is right of the second, each read
// left to right.
func TestRightToLeftInlineCode(t *testing.T) {
	for _, c := range []struct{ lang, before, after string }{
		{"ar", "نص مع ", " و نص."},
		{"he", "טקסט עם ", " ועוד."},
	} {
		t.Run(c.lang, func(t *testing.T) {
			doc := &ast.Document{Meta: ast.Meta{Title: "Code", Lang: c.lang}, Blocks: []ast.Block{
				para(txt(c.before), &ast.Code{Text: "code();"}, txt(c.after)),
				para(txt(c.before), &ast.Code{Text: "f();"}, txt(" "), &ast.Code{Text: "a = b;"}, txt(c.after)),
			}}
			boxes := wordBoxes(t, render(t, pdf.Options{NoFooter: true}, doc))
			var words []string
			at := map[string]wordBox{}
			for _, b := range boxes {
				words = append(words, b.text)
				at[b.text] = b
			}
			for _, w := range []string{"code();", "f();", "a", "=", "b;"} {
				if _, ok := at[w]; !ok {
					t.Fatalf("no word %q drawn left to right among %q", w, words)
				}
			}
			if f, a, eq, b := at["f();"], at["a"], at["="], at["b;"]; !(a.xMax < eq.xMin && eq.xMax < b.xMin && b.xMax < f.xMin) {
				t.Errorf("the second paragraph's code is not a = b; then f(); from the left: %v %v %v %v", a, eq, b, f)
			}
		})
	}
}

// TestRightToLeftAddresses: an address reads left to right in a
// right-to-left paragraph, as a bidi isolate: a link whose text is its
// address, the link list's entry, and a link note in the inline style.
// "https://example.com/" was drawn "/https://example.com", its slash
// moved to the far side.
func TestRightToLeftAddresses(t *testing.T) {
	for _, links := range []pdf.LinkNotes{pdf.LinksFootnote, pdf.LinksInline} {
		doc := &ast.Document{Meta: ast.Meta{Title: "Links", Lang: "ar"}, Blocks: []ast.Block{
			para(txt("نص "), &ast.Link{Destination: "https://example.com/", Inlines: []ast.Inline{txt("رابط")}}, txt(" و "),
				&ast.Link{Destination: "https://acme.example/ar/", Inlines: []ast.Inline{txt("https://acme.example/ar/")}}, txt(" نهاية.")),
		}}
		boxes := wordBoxes(t, render(t, pdf.Options{NoFooter: true, Links: links}, doc))
		var words []string
		at := map[string]bool{}
		for _, b := range boxes {
			w := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(b.text)
			words = append(words, w)
			at[w] = true
		}
		want := []string{"https://example.com/", "https://acme.example/ar/"}
		if links == pdf.LinksInline {
			want[0] = "<https://example.com/>"
		}
		for _, w := range want {
			if !at[w] {
				t.Errorf("links %v: %q not drawn left to right, whole, among %q", links, w, words)
			}
		}
	}
}

// TestRightToLeftArchival: what right-to-left text adds to the content
// (a /Span with /ActualText nested in a word's MCID sequence and the
// character spacing of its last glyph, a Persian ZWNJ drawn as an empty
// glyph, a code line put in visual order, Arabic marks drawn shaped
// with private-use codes) passes our PDF/A-2u, PDF/A-3u
// and PDF/UA-1 rules and PDFBox Preflight (a-1b).
func TestRightToLeftArchival(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "RTL archival", Lang: "fa"}, Blocks: []ast.Block{
		para(txt("ראו סעיף 17.")),
		para(txt("החברה Acme Ltd. נמצאת כאן.")),
		para(txt("نحوه\u200cی استفاده از داده\u200cها در Acme Ltd.")),
		para(txt("مُحَمَّد رَبِّ كَتَبَ شكراً")),
		&ast.CodeBlock{Text: "x = 1 # אבג דהו\n"},
	}}
	for _, c := range []struct {
		std       string
		profile   pdfrules.Profile
		preflight bool
	}{{"a-2u", pdfrules.PDFA2U, false}, {"a-3u,ua-1", pdfrules.PDFUA1, false}, {"a-3u", pdfrules.PDFA3U, false}, {"a-1b,ua-1", 0, true}} {
		data := render(t, pdf.Options{Standard: mustStandard(t, c.std)}, doc)
		if !c.preflight {
			if vs := pdfrules.Check(data, c.profile); len(vs) > 0 {
				t.Errorf("%s: %v", c.std, vs)
			}
			continue
		}
		if p := validate.PreflightA1b(t, writeTemp(t, data)); !p.Valid {
			t.Errorf("%s: Preflight: %v", c.std, p.Errors)
		}
	}
}

// value is text filled from a value whose direction is not the
// document's (ast.Text.Isolate), at 1:1.
func value(s string) *ast.Text {
	v := txt(s)
	v.Isolate = true
	return v
}

// valueDocs are an English document with a Hebrew value and a Hebrew
// document with Latin values, each followed by punctuation and digits.
func valueDocs() map[string]*ast.Document {
	return map[string]*ast.Document{
		"en": {Meta: ast.Meta{Title: "Staff", Lang: "en"}, Blocks: []ast.Block{
			para(value("שלום"), txt(": 5 employees.")),
		}},
		"he": {Meta: ast.Meta{Title: "צוות", Lang: "he"}, Blocks: []ast.Block{
			para(txt("כתבו אל "), value("info@acme.example"), txt(": 5 ימים.")),
			para(txt("החברה "), value("ACME GmbH"), txt(", 12 עובדים.")),
		}},
	}
}

// TestValueIsolated: a value whose direction is not the document's is
// drawn as a bidi isolate, as the HTML's <bdi>, so that the punctuation
// and digits after it keep the paragraph's direction. In an English
// paragraph "שלום: 5 employees." was drawn "5 :שלום employees." (":" and
// "5" joined the Hebrew run), and read so by pdftotext; in a Hebrew one
// "info@acme.example: 5" and "ACME GmbH, 12" were drawn as one
// left-to-right run each, the digits right of the Latin words, where
// they come after them, at their left. The structure tree keeps the
// words in logical order.
func TestValueIsolated(t *testing.T) {
	docs := valueDocs()
	t.Run("en", func(t *testing.T) {
		data := render(t, pdf.Options{NoFooter: true}, docs["en"])
		// pdftotext marks right-to-left words with RLE … PDF.
		embeddings := strings.NewReplacer("\u202b", "", "\u202a", "", "\u202c", "")
		if got := embeddings.Replace(pdfText(t, data)); !strings.Contains(got, "שלום: 5 employees.") {
			t.Errorf("pdftotext gives %q, want \"שלום: 5 employees.\" in it", got)
		}
		// A right-to-left word is drawn a letter at a time: pdftotext
		// boxes each letter.
		at := map[string]wordBox{}
		var words []string
		hebrew := wordBox{xMin: math.Inf(1), xMax: math.Inf(-1)}
		for _, b := range wordBoxes(t, data) {
			at[b.text] = b
			words = append(words, b.text)
			if strings.Contains("שלום", b.text) {
				hebrew.xMin, hebrew.xMax = min(hebrew.xMin, b.xMin), max(hebrew.xMax, b.xMax)
			}
		}
		for _, w := range []string{"ש", "ם", ":", "5"} {
			if _, ok := at[w]; !ok {
				t.Fatalf("no word %q among %q", w, words)
			}
		}
		if colon, five := at[":"], at["5"]; !(hebrew.xMax <= colon.xMin+0.01 && colon.xMax < five.xMin) {
			t.Errorf("not drawn שלום, \":\", \"5\" from the left: %v %v %v", hebrew, colon, five)
		}
	})
	t.Run("he", func(t *testing.T) {
		data := render(t, pdf.Options{NoFooter: true}, docs["he"])
		at := map[string]wordBox{}
		var words []string
		for _, b := range wordBoxes(t, data) {
			at[b.text] = b
			words = append(words, b.text)
		}
		mail, five, acme, gmbh, twelve := at["info@acme.example:"], at["5"], at["ACME"], at["GmbH,"], at["12"]
		for _, w := range []string{"info@acme.example:", "5", "ACME", "GmbH,", "12"} {
			if _, ok := at[w]; !ok {
				t.Fatalf("no word %q among %q", w, words)
			}
		}
		if !(five.xMax < mail.xMin) {
			t.Errorf("\"5\" is not drawn left of the address, after it in a right-to-left line: %v %v", five, mail)
		}
		if !(twelve.xMax < acme.xMin && acme.xMax < gmbh.xMin) {
			t.Errorf("not drawn \"12\", then ACME GmbH read left to right, from the left: %v %v %v", twelve, acme, gmbh)
		}
		st := validate.PDFStructText(t, writeTemp(t, data))
		if i, j := strings.Index(st, "info@acme.example:"), strings.Index(st, `"5"`); i < 0 || j < i {
			t.Errorf("the structure tree does not read the address, then 5:\n%s", st)
		}
	})
}

// TestValueIsolatedArchival: the isolates of values add nothing to the
// content that our PDF/A-3u and PDF/UA-1 rules or PDFBox Preflight (a-1b)
// refuse, in either direction of document.
func TestValueIsolatedArchival(t *testing.T) {
	for lang, doc := range valueDocs() {
		if vs := pdfrules.Check(render(t, pdf.Options{Standard: mustStandard(t, "a-3u,ua-1")}, doc), pdfrules.PDFUA1); len(vs) > 0 {
			t.Errorf("%s: a-3u,ua-1: %v", lang, vs)
		}
		data := render(t, pdf.Options{Standard: mustStandard(t, "a-1b,ua-1")}, doc)
		if p := validate.PreflightA1b(t, writeTemp(t, data)); !p.Valid {
			t.Errorf("%s: a-1b,ua-1: Preflight: %v", lang, p.Errors)
		}
	}
}

// valueHeadingDoc is an English document whose heading holds a Hebrew
// value before digits: "## {company} 2026".
func valueHeadingDoc() *ast.Document {
	return &ast.Document{Meta: ast.Meta{Title: "Staff", Lang: "en"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, Inlines: []ast.Inline{txt("Staff")}},
		&ast.Heading{Level: 2, ID: "h", Inlines: []ast.Inline{value("שלום"), txt(" 2026")}},
		para(txt("Text.")),
	}}
}

// TestValueIsolatedContents: a heading's value whose direction is not
// the document's is isolated in the contents page and the outline too,
// as in the heading. The contents entry of "## {company} 2026" with the
// Hebrew company "שלום" in an English document was drawn "2026 שלום"
// (UAX #9 takes the digits after Hebrew letters into their run), and
// its outline entry was the plain "שלום 2026", which a viewer lays out
// so; the entry is now drawn "שלום 2026" from the left and the outline
// title is "\u2068שלום\u2069 2026", which qpdf reads back as written.
func TestValueIsolatedContents(t *testing.T) {
	data := render(t, pdf.Options{NoFooter: true, TOC: true}, valueHeadingDoc())
	hebrew := wordBox{xMin: math.Inf(1), xMax: math.Inf(-1)}
	var year *wordBox
	var words []string
	for _, b := range wordBoxes(t, data) { // the contents page
		words = append(words, b.text)
		if strings.Contains("שלום", b.text) {
			hebrew.xMin, hebrew.xMax = min(hebrew.xMin, b.xMin), max(hebrew.xMax, b.xMax)
		}
		if b.text == "2026" {
			year = &b
		}
	}
	if year == nil || math.IsInf(hebrew.xMin, 1) {
		t.Fatalf("no contents entry among %q", words)
	}
	if !(hebrew.xMax < year.xMin) {
		t.Errorf("contents entry not drawn שלום, 2026 from the left: %v %v", hebrew, *year)
	}
	out := run(t, "qpdf", "--json", "--json-key=outlines", writeTemp(t, data))
	if want := "\"title\": \"\u2068שלום\u2069 2026\""; !strings.Contains(out, want) {
		t.Errorf("outline has no %+q:\n%s", want, out)
	}
	for _, s := range []string{"a-3u,ua-1", "a-1b,ua-1"} {
		data := render(t, pdf.Options{TOC: true, Standard: mustStandard(t, s)}, valueHeadingDoc())
		if vs := pdfrules.Check(data, pdfrules.PDFUA1); len(vs) > 0 {
			t.Errorf("%s: %v", s, vs)
		}
		if s == "a-1b,ua-1" {
			if p := validate.PreflightA1b(t, writeTemp(t, data)); !p.Valid {
				t.Errorf("%s: Preflight: %v", s, p.Errors)
			}
		}
	}
}

// TestValueIsolatedFooter: a value in --footer whose direction is not
// the document's is drawn as a bidi isolate, as in the body:
// "{company}: {page}" with the Hebrew company "שלום" in an English
// document was drawn "1 :שלום" (UAX #9 took ": 1" into the Hebrew run),
// and is now "שלום: 1" from the left. A value of the document's
// direction is drawn as before.
func TestValueIsolatedFooter(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "Staff", Lang: "en"}, Blocks: []ast.Block{para(txt("Text."))},
		Values: map[string]string{"company": "שלום"}}
	data := render(t, pdf.Options{FooterText: "{company}: {page}"}, doc)
	hebrew := wordBox{xMin: math.Inf(1), xMax: math.Inf(-1)}
	var page *wordBox
	var words []string
	for _, b := range wordBoxes(t, data) {
		words = append(words, b.text)
		if strings.ContainsAny(b.text, "שלום") {
			hebrew.xMin, hebrew.xMax = min(hebrew.xMin, b.xMin), max(hebrew.xMax, b.xMax)
		}
		if strings.HasSuffix(b.text, "1") {
			page = &b
		}
	}
	if page == nil || math.IsInf(hebrew.xMin, 1) {
		t.Fatalf("no footer among %q", words)
	}
	if !(hebrew.xMin < page.xMin) {
		t.Errorf("footer not drawn שלום, then the page number, from the left: %q %v %v", words, hebrew, *page)
	}
	if vs := pdfrules.Check(render(t, pdf.Options{FooterText: "{company}: {page}", Standard: mustStandard(t, "a-3u,ua-1")}, doc), pdfrules.PDFUA1); len(vs) > 0 {
		t.Errorf("a-3u,ua-1: %v", vs)
	}
}

// TestValueIsolatedTitle: a value in the title whose direction is not
// the document's is between FSI and PDI in the PDF's /Title and XMP
// dc:title, as in the HTML's <title>: the title block "שלום 2026" of
// "title: {company} 2026" in an English document was the plain string,
// shown "2026 שלום" in a viewer's title bar. pdfinfo reads it back, and
// the PDF/A and PDF/UA checks, which compare /Title with dc:title,
// pass.
func TestValueIsolatedTitle(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "שלום 2026", Lang: "en"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, TitleBlock: true, Inlines: []ast.Inline{value("שלום"), txt(" 2026")}},
		para(txt("Text.")),
	}}
	for _, s := range []string{"a-3u,ua-1", "a-1b,ua-1"} {
		data := render(t, pdf.Options{Standard: mustStandard(t, s)}, doc)
		file := writeTemp(t, data)
		if got := validate.PDFInfo(t, file)["Title"]; got != "\u2068שלום\u2069 2026" {
			t.Errorf("%s: pdfinfo Title %+q", s, got)
		}
		if !bytes.Contains(data, []byte("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\u2068שלום\u2069 2026<")) {
			t.Errorf("%s: XMP dc:title is not the isolated title", s)
		}
		if vs := pdfrules.Check(data, pdfrules.PDFUA1); len(vs) > 0 {
			t.Errorf("%s: %v", s, vs)
		}
		if s == "a-1b,ua-1" {
			if p := validate.PreflightA1b(t, file); !p.Valid {
				t.Errorf("%s: Preflight: %v", s, p.Errors)
			}
		}
	}
}

// TestValueIsolatedFooterTitle: the footer's title keeps the isolation
// of a value whose direction is not the document's, as the title block:
// "שלום 2026" from "title: {company} 2026" in an English document was
// drawn "2026 שלום" at the foot of every page, in the default footer
// and in --footer "{title}".
func TestValueIsolatedFooterTitle(t *testing.T) {
	doc := &ast.Document{Meta: ast.Meta{Title: "שלום 2026", Lang: "en"}, Blocks: []ast.Block{
		&ast.Heading{Level: 1, TitleBlock: true, Inlines: []ast.Inline{value("שלום"), txt(" 2026")}},
		para(txt("Text.")),
	}}
	for _, footer := range []string{"", "{title}"} {
		data := render(t, pdf.Options{FooterText: footer}, doc)
		hebrew := wordBox{xMin: math.Inf(1), xMax: math.Inf(-1)}
		var year *wordBox
		var words []string
		for _, b := range wordBoxes(t, data) {
			if b.yMin < 780 { // the footer only
				continue
			}
			words = append(words, b.text)
			if strings.ContainsAny(b.text, "שלום") {
				hebrew.xMin, hebrew.xMax = min(hebrew.xMin, b.xMin), max(hebrew.xMax, b.xMax)
			}
			if strings.Contains(b.text, "2026") {
				year = &b
			}
		}
		if year == nil || math.IsInf(hebrew.xMin, 1) {
			t.Fatalf("%q: no title in the footer among %q", footer, words)
		}
		if !(hebrew.xMax < year.xMin) {
			t.Errorf("%q: footer title not drawn שלום, 2026 from the left: %q %v %v", footer, words, hebrew, *year)
		}
	}
}
