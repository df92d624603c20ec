package txt

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"golang.org/x/text/cases"

	"github.com/policyexport/policyexport/internal/ast"
)

// check renders d and compares the output with want, whose lines are
// given without line endings.
func check(t *testing.T, d *ast.Document, opts Options, want ...string) {
	t.Helper()
	got := render(t, d, opts)
	checkWords(t, d, got)
	exp := strings.Join(want, "\n") + "\n"
	if got != exp {
		t.Errorf("got:\n%s\nwant:\n%s", got, exp)
	}
}

func TestHeadings(t *testing.T) {
	check(t, doc(
		head(1, tx("Privacy "), &ast.Emphasis{Inlines: []ast.Inline{tx("policy")}}),
		head(2, tx("1. Data we collect")),
		head(3, tx("1.1 Cookies")),
		head(6, tx("Small print")),
		para(tx("Body.")),
	), Options{},
		"PRIVACY POLICY",
		"==============",
		"",
		"1. Data we collect",
		"------------------",
		"",
		"1.1 Cookies",
		"",
		"Small print",
		"",
		"Body.",
	)
}

func TestHeadingUnderlineDisplayWidth(t *testing.T) {
	// Wide characters count two columns, combining marks none.
	check(t, doc(
		head(1, tx("日本語")),
		head(2, tx("Cafe\u0301 cre\u0300me")),
	), Options{},
		"日本語",
		"======",
		"",
		"Cafe\u0301 cre\u0300me",
		"----------",
	)
}

func TestHeadingWrapsAndUnderlinesWidestLine(t *testing.T) {
	check(t, doc(head(2, tx("Information we collect about you"))), Options{Width: 20},
		"Information we",
		"collect about you",
		"-----------------",
	)
}

func TestHeadingUpperKeepsWordsAndCode(t *testing.T) {
	// "ı" has an upper case, "I", that case folding does not take for
	// it: it stays. Final "ς" and long "ſ" fold as "σ" and "s": they
	// become "Σ" and "S", as Greek and German capitals are written.
	// Code and URLs keep their case.
	d := doc(head(1, tx("kılıç ſtraße σοφός "), &ast.Code{Text: "getUser()"}, tx(" "),
		link("https://Example.com/A", tx("https://Example.com/A"))))
	got := render(t, d, Options{})
	first := lines(got)[0]
	if want := "KıLıÇ STRASSE ΣΟΦΌΣ getUser() https://Example.com/A"; strings.ReplaceAll(first, "ß", "SS") != want {
		t.Errorf("heading = %q, want %q (ß may stay)", first, want)
	}
	checkWords(t, d, got)
	fold := cases.Fold()
	for _, w := range []string{"kılıç", "ſtraße", "σοφός", "getUser()", "https://Example.com/A"} {
		if !strings.Contains(fold.String(got), fold.String(w)) {
			t.Errorf("%q not found case-insensitively (folding case) in %q", w, got)
		}
	}
}

func TestParagraphs(t *testing.T) {
	check(t, doc(
		para(tx("One"), &ast.SoftBreak{}, tx("two,  three"), &ast.HardBreak{}, tx("four.")),
		para(&ast.Strong{Inlines: []ast.Inline{tx("Bold")}}, tx(" and "),
			&ast.Emphasis{Inlines: []ast.Inline{tx("em")}}, tx("phasis, "),
			&ast.Strikethrough{Inlines: []ast.Inline{tx("struck")}}, tx(", "),
			&ast.Code{Text: "x := `y`"}, tx("."),
			&ast.RawHTML{Text: "<span>"}, tx("end"), &ast.RawHTML{Text: "</span>"}),
		&ast.HTMLBlock{Text: "<div>gone</div>\n"},
		para(tx("Last.")),
	), Options{},
		"One two, three",
		"four.",
		"",
		"Bold and emphasis, [deleted: struck], x := `y`.end",
		"",
		"Last.",
	)
}

func TestWrapGreedy(t *testing.T) {
	check(t, doc(para(tx("The quick brown fox jumps over the lazy dog and keeps running"))),
		Options{Width: 16},
		"The quick brown",
		"fox jumps over",
		"the lazy dog and",
		"keeps running",
	)
}

func TestWrapKeepsHyphenatedWordsAndURLsWhole(t *testing.T) {
	// Unicode allows breaks after hyphens and slashes; we do not use them.
	check(t, doc(para(tx("a well-known example.com/path/to/page"))), Options{Width: 8},
		"a",
		"well-known",
		"example.com/path/to/page",
	)
}

// TestWrapKeepsSpacedPunctuationWithItsWord: French puts a space before
// : ; ! ? and inside « »; the line breaks at neither, as UAX #14 has it
// (linebreak.SpaceJoins), where it broke before ";" and "?" and after
// "«". "10 %" may break: UAX #14 allows it.
func TestWrapKeepsSpacedPunctuationWithItsWord(t *testing.T) {
	check(t, doc(para(tx("Aaaa bbbb cccc dd : eeee ; ffff ? gggg ! « hhhh » 10 % iiii"))), Options{Width: 24},
		"Aaaa bbbb cccc dd :",
		"eeee ; ffff ? gggg !",
		"« hhhh » 10 % iiii",
	)
	check(t, doc(para(tx("Aaaa bbbb cccc dd : eeee ; ffff ? gggg ! « hhhh » 10 % iiii"))), Options{Width: 31},
		"Aaaa bbbb cccc dd : eeee ;",
		"ffff ? gggg ! « hhhh » 10 %",
		"iiii",
	)
}

func TestLinksReference(t *testing.T) {
	check(t, doc(
		para(tx("Read "), link("https://example.com/terms", tx("the terms")),
			tx(" and "), link("https://example.com/faq", tx("FAQ")), tx(".")),
		para(tx("Again "), link("https://example.com/terms", tx("terms")), tx(", "),
			link("https://auto.example/", tx("https://auto.example/")), tx(", "),
			link("mailto:dpo@example.com", tx("dpo@example.com")), tx(", "),
			link("https://empty.example/"), tx(", "),
			&ast.Image{Destination: "logo.png", Alt: "Company logo"}, tx(" "),
			&ast.Image{Destination: "https://example.com/faq"}),
	), Options{},
		"Read the terms [1] and FAQ [2].",
		"",
		"Again terms [1], https://auto.example/, dpo@example.com,",
		"<https://empty.example/>, [Image: Company logo] [3] [Image] [2]",
		"",
		"Links",
		"-----",
		"",
		"[1] https://example.com/terms",
		"[2] https://example.com/faq",
		"[3] logo.png",
	)
}

// TestLinksInsideTheDocument: a link to a heading of the document (#id)
// is its words alone, in either style, as the PDF and the printed HTML
// show it: the corpus's terms of service listed "[1] #a-definitions"
// for its table of sections, which names nothing to a reader of plain
// text.
func TestLinksInsideTheDocument(t *testing.T) {
	d := doc(para(tx("See "), link("#a-definitions", tx("A. Definitions")), tx(" and "),
		link(" #s3a1", tx("Section 3(a)(1)")), tx(", "), link("https://example.com/faq", tx("FAQ")), tx(".")))
	check(t, d, Options{},
		"See A. Definitions and Section 3(a)(1), FAQ [1].",
		"",
		"Links",
		"-----",
		"",
		"[1] https://example.com/faq",
	)
	check(t, d, Options{Links: LinksInline},
		"See A. Definitions and Section 3(a)(1), FAQ <https://example.com/faq>.",
	)
}

func TestLinkNumberStaysWithItsWord(t *testing.T) {
	// "aaaa cccc" fits in 10 columns, "aaaa cccc [1]" does not: the number
	// takes its word along to the next line.
	check(t, doc(para(tx("aaaa "), link("u", tx("cccc")))), Options{Width: 10},
		"aaaa",
		"cccc [1]",
		"",
		"Links",
		"-----",
		"",
		"[1] u",
	)
}

func TestLinksListAlignsNumbers(t *testing.T) {
	var ins []ast.Inline
	for i := range 10 {
		ins = append(ins, link("https://example.com/"+string(rune('a'+i)), tx("l")), tx(" "))
	}
	got := lines(render(t, doc(para(ins...)), Options{}))
	if got[len(got)-10] != " [1] https://example.com/a" || got[len(got)-1] != "[10] https://example.com/j" {
		t.Errorf("link list not right-aligned:\n%s", strings.Join(got, "\n"))
	}
}

func TestLinksInline(t *testing.T) {
	check(t, doc(
		para(tx("Read "), link("https://example.com/terms", tx("the terms")), tx("; "),
			link("https://auto.example/", tx("https://auto.example/")), tx("; "),
			&ast.Image{Destination: "logo.png", Alt: "logo"}, tx(".")),
	), Options{Links: LinksInline},
		"Read the terms <https://example.com/terms>; https://auto.example/;",
		"[Image: logo] <logo.png>.",
	)
}

func TestFootnotes(t *testing.T) {
	check(t, doc(
		para(tx("Claim"), &ast.FootnoteRef{Index: 1, Label: "a"}, tx(" and another"),
			&ast.FootnoteRef{Index: 2, Label: "b"}, tx(".")),
		&ast.FootnoteDefinition{Index: 1, Label: "a", Blocks: []ast.Block{
			para(tx("First note, with "), link("https://example.com", tx("a link")), tx(" and a long tail that wraps.")),
		}},
		&ast.FootnoteDefinition{Index: 2, Label: "b", Blocks: []ast.Block{para(tx("Second."))}},
	), Options{Width: 40},
		"Claim[^1] and another[^2].",
		"",
		"Notes",
		"-----",
		"",
		"[^1] First note, with a link [1] and a",
		"     long tail that wraps.",
		"[^2] Second.",
		"",
		"Links",
		"-----",
		"",
		"[1] https://example.com",
	)
}

func TestFootnoteWithBlocksIsLoose(t *testing.T) {
	check(t, doc(
		para(tx("A"), &ast.FootnoteRef{Index: 1}, tx(" B"), &ast.FootnoteRef{Index: 2}),
		&ast.FootnoteDefinition{Index: 1, Blocks: []ast.Block{para(tx("One.")), para(tx("Two."))}},
		&ast.FootnoteDefinition{Index: 2, Blocks: []ast.Block{para(tx("Three."))}},
	), Options{},
		"A[^1] B[^2]",
		"",
		"Notes",
		"-----",
		"",
		"[^1] One.",
		"",
		"     Two.",
		"",
		"[^2] Three.",
	)
}

func TestNestedLists(t *testing.T) {
	check(t, doc(bullets(true,
		item(para(tx("level one item with enough words to wrap"))),
		item(para(tx("parent")), bullets(true,
			item(para(tx("level two"))),
			item(para(tx("parent two")), bullets(true,
				item(para(tx("level three item that wraps as well"))),
			)),
		)),
	)), Options{Width: 24},
		"- level one item with",
		"  enough words to wrap",
		"- parent",
		"  * level two",
		"  * parent two",
		"    - level three item",
		"      that wraps as well",
	)
}

func TestOrderedListNumbers(t *testing.T) {
	var items []*ast.ListItem
	for _, s := range []string{"nine", "ten", "eleven"} {
		items = append(items, item(para(tx(s+" has a continuation line"))))
	}
	check(t, doc(ordered(9, true, items...)), Options{Width: 21},
		" 9. nine has a",
		"    continuation line",
		"10. ten has a",
		"    continuation line",
		"11. eleven has a",
		"    continuation line",
	)
	l := ordered(0, true, item(para(tx("zero"))), item(para(tx("one"))))
	l.Marker = ')'
	check(t, doc(l), Options{}, "0) zero", "1) one")
}

func TestTaskAndLooseLists(t *testing.T) {
	open, done := item(para(tx("open task that wraps around"))), item(para(tx("done")), para(tx("more")))
	open.Task, done.Task = ast.TaskOpen, ast.TaskDone
	check(t, doc(bullets(false, open, done, item())), Options{Width: 20},
		"- [ ] open task that",
		"      wraps around",
		"",
		"- [x] done",
		"",
		"      more",
		"",
		"-",
	)
}

func TestBlockQuotes(t *testing.T) {
	check(t, doc(quote(
		para(tx("Quoted words that wrap inside the quote")),
		quote(para(tx("nested quote text"))),
		bullets(true, item(para(tx("list in quote")))),
	)), Options{Width: 20},
		"> Quoted words that",
		"> wrap inside the",
		"> quote",
		">",
		"> > nested quote",
		"> > text",
		">",
		"> - list in quote",
	)
}

func TestCodeBlock(t *testing.T) {
	long := strings.Repeat("x", 100)
	check(t, doc(
		para(tx("Code:")),
		&ast.CodeBlock{Language: "go", Text: "\nfunc f() {\n\treturn   \n\n\t" + long + "\n}\n\n"},
		bullets(true, item(para(tx("in a list")), &ast.CodeBlock{Text: "a\n  b\n"})),
	), Options{Width: 20},
		"Code:",
		"",
		"    func f() {",
		"    \treturn",
		"",
		"    \t"+long,
		"    }",
		"",
		"- in a list",
		"      a",
		"        b",
	)
}

func TestThematicBreak(t *testing.T) {
	check(t, doc(para(tx("a")), &ast.ThematicBreak{}, para(tx("b"))), Options{Width: 11},
		"a", "", "   * * *", "", "b")
	check(t, doc(&ast.ThematicBreak{}), Options{Width: 3}, "*")
}

func TestTableGrid(t *testing.T) {
	check(t, doc(&ast.Table{
		Align:  []ast.Alignment{ast.AlignNone, ast.AlignRight, ast.AlignCenter},
		Header: textCells("Name", "Days", "Why"),
		Rows: [][]*ast.TableCell{
			textCells("Session", "1", "Login"),
			{cell(link("https://example.com/c", tx("Pref"))), cell(tx("365")), cell(&ast.Code{Text: "lang"})},
		},
	}), Options{},
		"+----------+------+-------+",
		"| Name     | Days |  Why  |",
		"+==========+======+=======+",
		"| Session  |    1 | Login |",
		"| Pref [1] |  365 | lang  |",
		"+----------+------+-------+",
		"",
		"Links",
		"-----",
		"",
		"[1] https://example.com/c",
	)
}

func TestTableShrinksWidestColumn(t *testing.T) {
	check(t, doc(&ast.Table{
		Align:  []ast.Alignment{ast.AlignLeft, ast.AlignLeft},
		Header: textCells("Data", "Purpose"),
		Rows: [][]*ast.TableCell{
			textCells("Email", "To send you receipts and, with your consent, news"),
			textCells("IP address", "Security"),
		},
	}), Options{Width: 40},
		"+------------+-------------------------+",
		"| Data       | Purpose                 |",
		"+============+=========================+",
		"| Email      | To send you receipts    |",
		"|            | and, with your consent, |",
		"|            | news                    |",
		"+------------+-------------------------+",
		"| IP address | Security                |",
		"+------------+-------------------------+",
	)
}

func TestTableShrinksEvenly(t *testing.T) {
	long := "alpha beta gamma delta epsilon zeta eta theta"
	got := render(t, doc(&ast.Table{
		Align:  make([]ast.Alignment, 2),
		Header: textCells("A", "B"),
		Rows:   [][]*ast.TableCell{textCells(long, long)},
	}), Options{Width: 50})
	first := lines(got)[0]
	if first != "+-----------------------+------------------------+" {
		t.Errorf("columns not shrunk evenly to 50 columns: %q", first)
	}
}

func TestTableTooNarrowBecomesRecords(t *testing.T) {
	check(t, doc(&ast.Table{
		Align:  make([]ast.Alignment, 3),
		Header: textCells("Category", "Retention", ""),
		Rows: [][]*ast.TableCell{
			textCells("Identifiers", "Twelve months after closure", "note"),
			textCells("Logs", "", ""),
		},
	}), Options{Width: 24},
		"Category: Identifiers",
		"Retention: Twelve months",
		"  after closure",
		"note",
		"",
		"Category: Logs",
		"Retention:",
	)
}

func TestTableRaggedRows(t *testing.T) {
	// A hand-built table with missing and surplus cells loses no text.
	check(t, doc(&ast.Table{
		Align:  []ast.Alignment{ast.AlignNone},
		Header: textCells("H"),
		Rows:   [][]*ast.TableCell{{}, textCells("a", "b")},
	}), Options{},
		"+---+---+",
		"| H |   |",
		"+===+===+",
		"|   |   |",
		"| a | b |",
		"+---+---+",
	)
}

func TestCRLF(t *testing.T) {
	got := render(t, doc(head(2, tx("Title")), &ast.CodeBlock{Text: "a\r\nb\n"}, para(tx("x"), &ast.HardBreak{}, tx("y"))),
		Options{CRLF: true})
	want := "Title\r\n-----\r\n\r\n    a\r\n    b\r\n\r\nx\r\ny\r\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEmptyDocument(t *testing.T) {
	for _, d := range []*ast.Document{doc(), doc(&ast.HTMLBlock{Text: "<br>"}, para(), head(1), bullets(true))} {
		if got := render(t, d, Options{}); got != "" {
			t.Errorf("got %q, want empty output", got)
		}
	}
}

func TestControlCharacters(t *testing.T) {
	check(t, doc(
		para(tx("bell\a esc\x1b[31m tab\there nul\x00 bad\xff line\u2028sep")),
		&ast.CodeBlock{Text: "keep\ttab\x1b\n"},
	), Options{},
		"bell\ufffd esc\ufffd[31m tab here nul\ufffd bad\ufffd line sep",
		"",
		"    keep\ttab\ufffd",
	)
}

type failWriter struct{}

var errFail = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errFail }

func TestErrors(t *testing.T) {
	if err := Render(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("nil document: no error")
	}
	if err := Render(&bytes.Buffer{}, doc(), Options{Links: 7}); err == nil || !strings.Contains(err.Error(), "LinkStyle(7)") {
		t.Errorf("unknown link style: err = %v", err)
	}
	if err := Render(failWriter{}, doc(para(tx("x"))), Options{}); !errors.Is(err, errFail) {
		t.Errorf("failed write: err = %v, want it to wrap %v", err, errFail)
	}
}

func TestDefaultWidthIs72(t *testing.T) {
	words := strings.Repeat("abcd ", 42)
	for _, w := range []int{0, -5} {
		for _, l := range lines(render(t, doc(para(tx(words))), Options{Width: w})) {
			if uniseg.StringWidth(l) != 69 { // 14 words of 4 and 13 spaces
				t.Errorf("Width %d: line %q is %d columns, want 69", w, l, uniseg.StringWidth(l))
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	d := everything()
	first := render(t, d, Options{})
	for range 5 {
		if got := render(t, d, Options{}); got != first {
			t.Fatal("two renderings of the same document differ")
		}
	}
}

// TestRecordsDoNotRepeatLongHeaders checks that a table laid out as
// records names columns by number when repeating the headers in every
// row would multiply the table's size: long headers over rows of short
// or empty cells.
func TestRecordsDoNotRepeatLongHeaders(t *testing.T) {
	const cols, nrows = 20, 2000
	var headers []string
	for c := range cols {
		headers = append(headers, fmt.Sprintf("Header%d %s", c, strings.Repeat("h", 200)))
	}
	tab := &ast.Table{Header: textCells(headers...), Align: make([]ast.Alignment, cols)}
	size := 0
	for r := range nrows {
		row := make([]*ast.TableCell, cols)
		for c := range cols {
			row[c] = &ast.TableCell{}
		}
		row[r%cols] = cell(tx(fmt.Sprintf("v%d", r)))
		tab.Rows = append(tab.Rows, row)
		size += 3
	}
	out := render(t, doc(tab), Options{})
	if len(out) > 64<<10+20*size+cols*300 {
		t.Errorf("%d bytes of records for %d rows of short cells", len(out), nrows)
	}
	for _, want := range []string{"(1) Header0\n", "(20) Header19\n", "(1) v0\n", "(8) v1987\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the records", want)
		}
	}
	if strings.Count(out, "Header3\n") != 1 {
		t.Errorf("header repeated %d times", strings.Count(out, "Header3\n"))
	}
	// A small table keeps the headers in every entry.
	small := &ast.Table{Header: textCells(headers[:2]...), Align: make([]ast.Alignment, 2),
		Rows: [][]*ast.TableCell{textCells("a", "b"), textCells("c", "d")}}
	if out := render(t, doc(small), Options{}); strings.Count(out, "Header1") != 2 {
		t.Errorf("small table: header 1 appears %d times, want 2:\n%s", strings.Count(out, "Header1"), out)
	}
}

// TestStrikethrough checks that struck text is marked as deleted, never
// left to read as live text, nested or empty.
func TestStrikethrough(t *testing.T) {
	check(t, doc(
		para(tx("We "), &ast.Strikethrough{Inlines: []ast.Inline{tx("sell "), &ast.Strong{Inlines: []ast.Inline{tx("your")}}, tx(" data")}}, tx(" never sell data.")),
		para(&ast.Strikethrough{Inlines: []ast.Inline{tx("a "), &ast.Strikethrough{Inlines: []ast.Inline{tx("b")}}}}),
		para(tx("x"), &ast.Strikethrough{Inlines: []ast.Inline{tx(" ")}}, tx("y")),
	), Options{},
		"We [deleted: sell your data] never sell data.",
		"",
		"[deleted: a [deleted: b]]",
		"",
		"x[deleted]y",
	)
}

// TestBlockedLinksAreText: a link whose address no output makes live
// (safeurl: javascript:, file:, …) is its text alone, as in the HTML and
// the PDF, in either style: the link list printed "[1]
// file:///C:/Users/bob/p.pdf" and "[2] javascript:alert(1)", and an
// image's blocked address was listed too.
func TestBlockedLinksAreText(t *testing.T) {
	d := doc(para(link("file:///C:/Users/bob/p.pdf", tx("p")), tx(" and "),
		link(" JaVa\tScript:alert(1)", tx("j")), tx(", "), link("vbscript:x"), tx(", "),
		link("https://example.com/", tx("ok")), tx(" "),
		&ast.Image{Destination: "data:image/png;base64,AAAA", Alt: "logo"}, tx(".")))
	check(t, d, Options{},
		"p and j, , ok [1] [Image: logo].",
		"",
		"Links",
		"-----",
		"",
		"[1] https://example.com/",
	)
	check(t, d, Options{Links: LinksInline},
		"p and j, , ok <https://example.com/> [Image: logo].",
	)
}
