// Package pathological generates hostile Markdown: the inputs that make
// Markdown parsers and document writers take more than linear time or
// memory, at any requested size.
//
// The classes follow the public pathological tests of cmark
// (test/pathological_tests.py), cmark-gfm (its table and extension
// cases), markdown-it (test/pathological.js) and the hang and panic
// reproducers fixed in goldmark, plus inputs aimed at this project's own
// stages (placeholders, typographic quotes, long words for line breaking,
// wide tables for the PDF layout). Each class is written here from its
// description; no test file is copied.
//
// The package owns only the generators: it never parses, renders or
// writes anything, and it holds no state, so generated inputs are the
// same on every run. Tests elsewhere (this package's tests, fuzz seeds)
// feed the inputs to the pipeline.
package pathological

import (
	"bytes"
	"strconv"
	"strings"
)

// Case is one class of pathological input.
type Case struct {
	// Name identifies the class in test and benchmark names; it holds
	// only lower-case letters, digits and '-'.
	Name string
	// Origin says where the class comes from (a test suite or an issue).
	Origin string
	// Guard names the limit, as the library's messages name it
	// (Options.MaxCost), that refuses the class before its super-linear
	// work grows large, for a class whose work is known to grow faster
	// than its size below that limit; "" for every other class, whose
	// work must grow linearly.
	Guard string
	// gen returns an input of about size bytes.
	gen func(size int) []byte
}

// Generate returns an input of the class of about size bytes (never more
// than size, and at least one repetition of its pattern).
func (c Case) Generate(size int) []byte {
	b := c.gen(size)
	if len(b) > size && size > 0 {
		// A generator overshoots by at most one unit; cut back to size
		// at a UTF-8 boundary so the input stays valid where it was.
		cut := size
		for cut > 0 && b[cut]&0xC0 == 0x80 {
			cut--
		}
		b = b[:cut]
	}
	return b
}

// repeat returns unit repeated to fill size bytes (at least once).
func repeat(unit string) func(int) []byte {
	return func(size int) []byte {
		n := max(1, size/len(unit))
		return bytes.Repeat([]byte(unit), n)
	}
}

// around returns open repeated n times, then middle, then close repeated
// n times, with n chosen to fill size bytes.
func around(open, middle, close string) func(int) []byte {
	return func(size int) []byte {
		n := max(1, (size-len(middle))/(len(open)+len(close)))
		var b bytes.Buffer
		b.Grow(n*(len(open)+len(close)) + len(middle))
		for range n {
			b.WriteString(open)
		}
		b.WriteString(middle)
		for range n {
			b.WriteString(close)
		}
		return b.Bytes()
	}
}

// lines returns line(i) for i = 0, 1, … until size bytes are filled.
func lines(line func(i int) string) func(int) []byte {
	return func(size int) []byte {
		var b bytes.Buffer
		for i := 0; b.Len() < size; i++ {
			b.WriteString(line(i))
		}
		return b.Bytes()
	}
}

// Cases returns every class, in a fixed order.
func Cases() []Case {
	return []Case{
		// cmark test/pathological_tests.py
		{Name: "nested-strong-emph", Origin: "cmark", gen: around("*a **a ", "b", " a** a*")},
		{Name: "emph-closers-no-openers", Origin: "cmark", gen: repeat("a_ ")},
		{Name: "emph-openers-no-closers", Origin: "cmark", gen: repeat("_a ")},
		{Name: "triple-emph-closers", Origin: "cmark", gen: repeat("a***")},
		{Name: "link-closers-no-openers", Origin: "cmark", gen: repeat("a]")},
		{Name: "link-openers-no-closers", Origin: "cmark", gen: repeat("[a")},
		{Name: "mismatched-openers-closers", Origin: "cmark", gen: repeat("*a_ ")},
		{Name: "openers-closers-multiple-of-3", Origin: "cmark", gen: func(size int) []byte {
			return append([]byte("a**b"), repeat("c* ")(size-4)...)
		}},
		{Name: "link-openers-emph-closers", Origin: "cmark", gen: repeat("[ a_")},
		{Name: "bracket-paren-pattern", Origin: "cmark", gen: repeat("[ (](")},
		{Name: "hard-link-emph", Origin: "cmark", gen: repeat("**x [a*b**c*](d)")},
		{Name: "nested-brackets", Origin: "cmark", gen: around("[", "a", "]")},
		{Name: "nested-block-quotes", Origin: "cmark", gen: func(size int) []byte {
			return append(repeat("> ")(size-2), 'a', '\n')
		}},
		{Name: "deeply-nested-lists", Origin: "cmark", gen: lines(func(i int) string {
			return strings.Repeat("  ", i) + "* a\n"
		})},
		{Name: "nul-bytes", Origin: "cmark", gen: repeat("abc\x00de\x00")},
		{Name: "backticks", Origin: "cmark", gen: lines(func(i int) string {
			return "e" + strings.Repeat("`", i+1)
		})},
		{Name: "unclosed-links-angle", Origin: "cmark", gen: repeat("[a](<b")},
		{Name: "unclosed-links-plain", Origin: "cmark", gen: repeat("[a](b")},
		{Name: "unclosed-comments", Origin: "cmark", gen: func(size int) []byte {
			return append([]byte("</"), repeat("<!--")(size-2)...)
		}},
		// goldmark re-reads the rest of a paragraph for each link
		// reference definition in it: quadratic (16 KiB 3 ms, 64 KiB
		// 28 ms) until the cost limit (Options.MaxCost, --max-cost)
		// refuses it, at about 100 KiB.
		{Name: "many-references", Origin: "cmark", Guard: "Options.MaxCost", gen: lines(func(i int) string {
			return "[" + strconv.Itoa(i) + "]: u\n"
		})},
		{Name: "reference-same-label", Origin: "cmark", gen: func(size int) []byte {
			return append(repeat("[a]: u\n")(size/2), repeat("[a] ")(size/2)...)
		}},
		{Name: "nested-inline-links", Origin: "cmark", gen: around("[", "a", "](b)")},
		{Name: "nested-images", Origin: "cmark", gen: around("![", "a", "](b)")},
		{Name: "many-list-markers-one-line", Origin: "cmark", gen: repeat("- ")},
		{Name: "ordered-markers-one-line", Origin: "cmark", gen: repeat("1. ")},

		// cmark-gfm: tables, strikethrough, autolinks.
		{Name: "table-many-columns", Origin: "cmark-gfm", gen: func(size int) []byte {
			n := max(1, size/8)
			return []byte(strings.Repeat("|a", n) + "|\n" + strings.Repeat("|-", n) + "|\n" + strings.Repeat("|b", n) + "|\n")
		}},
		{Name: "table-many-rows", Origin: "cmark-gfm", gen: func(size int) []byte {
			return append([]byte("| a | b |\n|---|---|\n"), repeat("| x | y |\n")(size-20)...)
		}},
		{Name: "table-rows-no-pipes", Origin: "cmark-gfm", gen: func(size int) []byte {
			return append([]byte("a|b\n-|-\n"), repeat("x\n")(size-8)...)
		}},
		{Name: "table-delimiter-rows", Origin: "cmark-gfm", gen: repeat("aaa\rbbb\n-\v\n")},
		{Name: "strikethrough-runs", Origin: "cmark-gfm", gen: repeat("~~a ~")},
		{Name: "autolink-www-runs", Origin: "cmark-gfm", gen: repeat("www.a_b ")},
		{Name: "autolink-url-dots", Origin: "cmark-gfm", gen: func(size int) []byte {
			return append([]byte("http://a"), repeat(".b")(size-8)...)
		}},
		{Name: "email-like-runs", Origin: "cmark-gfm", gen: repeat("a@b.")},

		// markdown-it test/pathological.js and its fixed reports.
		{Name: "angle-autolink-openers", Origin: "markdown-it", gen: repeat("<a")},
		{Name: "autolink-openers-colon", Origin: "markdown-it", gen: repeat("<a:")},
		{Name: "entity-openers", Origin: "markdown-it", gen: repeat("&#")},
		{Name: "entity-long-names", Origin: "markdown-it", gen: repeat("&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")},
		{Name: "star-run", Origin: "markdown-it", gen: repeat("*")},
		{Name: "underscore-run", Origin: "markdown-it", gen: repeat("_")},
		{Name: "unclosed-strong", Origin: "markdown-it", gen: repeat("**a ")},
		{Name: "alternating-triple-emph", Origin: "markdown-it", gen: repeat("a***b***")},
		{Name: "backtick-run", Origin: "markdown-it", gen: repeat("`")},
		{Name: "tilde-fences", Origin: "markdown-it", gen: repeat("~~~\n")},
		{Name: "tilde-run", Origin: "markdown-it", gen: repeat("~")},
		{Name: "backslash-run", Origin: "markdown-it", gen: repeat("\\")},
		{Name: "link-title-unclosed", Origin: "markdown-it", gen: repeat("[a](b \"")},
		{Name: "reference-definitions-unclosed", Origin: "markdown-it", gen: repeat("[a]:\n")},
		{Name: "html-open-tags", Origin: "markdown-it", gen: repeat("<a ")},
		{Name: "html-attributes", Origin: "markdown-it", gen: func(size int) []byte {
			return append([]byte("<a"), repeat(" b='c'")(size-2)...)
		}},
		{Name: "setext-underlines", Origin: "markdown-it", gen: repeat("a\n=\n")},
		{Name: "headings-hashes", Origin: "markdown-it", gen: repeat("# ")},

		// goldmark: reproducers of fixed hangs and panics (nested block
		// quotes and lists, link labels across long paragraphs, emphasis
		// in link text, unclosed code spans in lists, footnotes).
		{Name: "quotes-with-lists", Origin: "goldmark", gen: repeat("> - ")},
		{Name: "lists-indented-continuation", Origin: "goldmark", gen: lines(func(i int) string {
			return strings.Repeat(" ", 2*(i%40)) + "- a\n"
		})},
		{Name: "link-label-paragraph", Origin: "goldmark", gen: repeat("[a]: /u\n")},
		{Name: "emphasis-in-link-text", Origin: "goldmark", gen: repeat("[*a*](")},
		{Name: "footnote-references", Origin: "goldmark", gen: repeat("[^a]")},
		{Name: "footnote-definitions", Origin: "goldmark", gen: lines(func(i int) string {
			return "[^" + strconv.Itoa(i) + "]: a [^" + strconv.Itoa(i+1) + "]\n"
		})},
		{Name: "task-list-markers", Origin: "goldmark", gen: repeat("- [ ] ")},
		{Name: "code-span-in-list", Origin: "goldmark", gen: repeat("- `a\n")},

		// This project's own stages.
		{Name: "typographer-quotes", Origin: "policyexport", gen: repeat(`"'`)},
		// One run of one quote character: goldmark's typographer scanned
		// the rest of the run for every quote in it.
		{Name: "double-quote-run", Origin: "policyexport", gen: repeat(`"`)},
		{Name: "single-quote-run", Origin: "policyexport", gen: repeat("'")},
		{Name: "quote-run-mixed", Origin: "policyexport", gen: repeat(`"'"''"""'`)},
		{Name: "quotes-spaced", Origin: "policyexport", gen: repeat(`" ' `)},
		{Name: "quotes-opening", Origin: "policyexport", gen: repeat(` "a 'b`)},
		{Name: "quotes-closing", Origin: "policyexport", gen: repeat(`a" b' `)},
		{Name: "quote-runs-words", Origin: "policyexport", gen: repeat(`a""""""""""""""""b `)},
		// Tabs: goldmark expands a tab to the next tab stop wherever it
		// measures indentation.
		{Name: "tab-run", Origin: "policyexport", gen: func(size int) []byte {
			return append(repeat("\t")(size-1), 'a')
		}},
		{Name: "tabs-in-quotes", Origin: "policyexport", gen: repeat(">\t")},
		{Name: "tab-indented-items", Origin: "policyexport", gen: lines(func(i int) string {
			return strings.Repeat("\t", i%16) + "- a\n"
		})},
		{Name: "space-run", Origin: "policyexport", gen: func(size int) []byte {
			return append(repeat(" ")(size-1), 'a')
		}},
		{Name: "typographer-dashes-dots", Origin: "policyexport", gen: repeat("--...")},
		{Name: "placeholders", Origin: "policyexport", gen: repeat("{a} ")},
		{Name: "placeholder-braces", Origin: "policyexport", gen: repeat("{{a}")},
		{Name: "long-word", Origin: "policyexport", gen: repeat("a")},
		{Name: "long-line-words", Origin: "policyexport", gen: repeat("word ")},
		{Name: "crlf-flood", Origin: "policyexport", gen: repeat("\r\n")},
		{Name: "cr-flood", Origin: "policyexport", gen: repeat("a\r")},
		{Name: "invalid-utf8", Origin: "policyexport", gen: repeat("a\xff\xfe")},
		{Name: "combining-marks", Origin: "policyexport", gen: func(size int) []byte {
			return append([]byte("a"), repeat("\u0301")(size-1)...)
		}},
		{Name: "right-to-left-mix", Origin: "policyexport", gen: repeat("abc \u05d0\u05d1\u05d2 (\u0627\u0644) ")},
		{Name: "heading-per-line", Origin: "policyexport", gen: lines(func(i int) string {
			return "# h" + strconv.Itoa(i%7) + "\n"
		})},
		{Name: "paragraph-per-line", Origin: "policyexport", gen: repeat("a\n\n")},
		{Name: "hard-breaks", Origin: "policyexport", gen: repeat("a\\\n")},
		{Name: "nested-lists-at-limit", Origin: "policyexport", gen: func(size int) []byte {
			var unit strings.Builder
			for d := range 30 {
				unit.WriteString(strings.Repeat("  ", d) + "- a\n")
			}
			return repeat(unit.String() + "\n")(size)
		}},
		{Name: "table-padded-rows", Origin: "policyexport", gen: func(size int) []byte {
			// goldmark pads every row to the header's 100 columns.
			head := "|" + strings.Repeat("a|", 100) + "\n|" + strings.Repeat("-|", 100) + "\n"
			return append([]byte(head), repeat("x\n")(size-len(head))...)
		}},
		{Name: "reference-repeated", Origin: "policyexport", gen: func(size int) []byte {
			// Every use of a reference copies its definition's destination.
			def := "[a]: https://example.com/" + strings.Repeat("p", size/4) + "\n\n"
			return append([]byte(def), repeat("[a]\n\n")(size-len(def))...)
		}},
		{Name: "records-long-headers", Origin: "policyexport", gen: func(size int) []byte {
			// Too wide for a text grid: records would repeat the headers.
			head := "|" + strings.Repeat(strings.Repeat("h", size/160)+"|", 40) + "\n|" + strings.Repeat("-|", 40) + "\n"
			return append([]byte(head), repeat(strings.Repeat("|x", 40)+"\n")(size-len(head))...)
		}},
		{Name: "footnote-prefix-headings", Origin: "policyexport", gen: lines(func(i int) string {
			// Heading ids "fn-x", "fn2-x", "fn3-x"… each take the next
			// footnote id prefix the HTML writer tries.
			if i == 0 {
				return "# fn x\n"
			}
			return "# fn" + strconv.Itoa(i+1) + " x\n"
		})},
		{Name: "table-wide-cells", Origin: "policyexport", gen: func(size int) []byte {
			cell := strings.Repeat("w", 2000)
			return append([]byte("| a | b | c |\n|---|---|---|\n"), repeat("| "+cell+" | "+cell+" | x |\n")(size-30)...)
		}},
	}
}
