package template

import (
	"bytes"
	"fmt"
)

// checkCost is a fast guard run before goldmark. It refuses templates
// that would take goldmark minutes: too deep nesting (see below) and long
// paragraphs full of brackets or delimiters (see bracketRun).
//
// Nesting: goldmark's time grows
// with the square of the nesting depth on each line, so a template of
// thousands of nested block quotes or list items would take minutes before
// the converter could refuse it. checkCost estimates, line by line, how
// many lists and block quotes are open (the list items continued by
// indentation from earlier lines plus the markers at the start of this
// line) and refuses the template at the first marker that goes past
// maxDepth.
//
// The estimate is too high only for a line of more than maxDepth markers
// that Markdown reads otherwise (TestNestingGuard finds none in the
// CommonMark spec examples, the test templates and the corpus), and the
// converter's exact check catches whatever this one misses.
func checkCost(s *source, body []byte, maxDepth, maxCost int) error {
	// Inside a fenced code block, markers are code, not containers, but
	// the block may have been closed by its container without this
	// estimate noticing; there, only an absurd depth is refused.
	fenceLimit := max(2*maxDepth, maxDepth+64)
	var items []int // content columns of the list items still open
	var fence []byte
	run := bracketRun{limit: maxCost}
	for off := 0; off < len(body); {
		end := off
		for end < len(body) && body[end] != '\n' {
			end++
		}
		line := body[off:end]
		lineStart := off
		off = end + 1

		ind := indentation(line)
		if ind == len(line) { // blank: list items stay open
			if err := run.end(s); err != nil {
				return err
			}
			continue
		}
		if fence == nil {
			if startsItem(line, ind) || startsHeading(line, ind) {
				run.split()
			}
			run.add(s.bodyStart+lineStart, line)
		}
		for len(items) > 0 && items[len(items)-1] > ind {
			items = items[:len(items)-1]
		}
		base := 0
		if len(items) > 0 {
			base = items[len(items)-1]
		}
		if fence == nil && ind-base >= 4 { // indented code
			continue
		}
		limit := maxDepth
		if fence != nil {
			limit = fenceLimit
		}
		depth := len(items)
		i := ind
		for i < len(line) {
			n, content := containerMarker(line, i)
			if n == 0 {
				break
			}
			depth++
			if depth > limit {
				return &Error{File: s.file, Pos: s.posNorm(s.bodyStart + lineStart + i),
					Msg: fmt.Sprintf("lists and block quotes nested more than %d deep (the limit; Options.MaxDepth raises it)", maxDepth)}
			}
			if content > 0 && fence == nil {
				items = append(items, content)
			}
			i += n
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
		}
		rest := line[i:]
		switch {
		case fence != nil && isClosingFence(rest, fence):
			fence = nil
		case fence == nil:
			fence = openingFence(rest)
		}
	}
	return run.end(s)
}

// The parse cost of a template estimates goldmark's work where it grows
// faster than the input. It is the sum of two terms over the template,
// and Options.MaxCost (default DefaultMaxCost, 2e8, about a second of
// goldmark's time) bounds it:
//
//   - for each paragraph (see below), its line count times its count of
//     ']'. goldmark looks up the line of every link label from the end of
//     its paragraph, and parses link reference definitions by re-copying
//     the rest of their paragraph, so a single paragraph of many lines
//     holding many brackets takes time that grows with this product: 4 MiB
//     of "[a]: /u" lines took ten minutes.
//   - for each paragraph, twice the square of its
//     count of inline delimiters (* _ ~ [ ( < and backquote). goldmark
//     matches each closing delimiter and each "](" against the openers
//     before it in the paragraph: 64 KiB of "*a_ " or "[a](b" took
//     seconds, 1 MiB would take minutes.
//
//   - for each table, cellCost per cell: goldmark gives every row as many
//     cells as the delimiter row has columns, padding short rows, so a
//     row of two bytes ("x\n") under a header of a hundred columns costs
//     a hundred cells, each a few hundred bytes of goldmark's tree and of
//     the model. 1 MiB of such rows would take tens of gigabytes; even
//     two columns (a million cells) took two seconds and 800 MiB.
//
// A paragraph here is a run of non-blank lines up to a list item or a
// heading; each row of a table is one on its own.
//
// Real documents stay far below the limit: the most any of the corpus
// files needs is a few thousand.

// cellCost is the parse cost of one table cell: with DefaultMaxCost, a
// template may hold up to 500,000 cells (about 400 MiB at the peak).
const cellCost = 400

// bracketRun counts the lines and ']' of the current run of non-blank
// lines, the delimiters of its current paragraph, and the cost of the
// runs before it.
type bracketRun struct {
	limit           int
	start           int // offset in norm of the run's first line
	lines, brackets int // of the run
	// plines, pbrackets and delims count the lines, ']' and inline
	// delimiters of the run's current paragraph.
	plines, pbrackets, delims int
	table                     bool // the run is a table: each row is its own paragraph
	// columns is the column count of the run's table, from its delimiter
	// row (0 before one is seen); rows counts the lines after it.
	columns, rows int
	// cellTotal is the part of total that comes from table cells.
	cellTotal int
	total     int
	started   bool
}

// isDelim reports whether b opens or closes an inline element that
// goldmark matches against earlier ones in the paragraph.
func isDelim(b byte) bool {
	switch b {
	case '*', '_', '~', '[', '(', '<', '`':
		return true
	}
	return false
}

func (r *bracketRun) add(start int, line []byte) {
	if !r.started {
		r.start, r.started = start, true
	}
	r.lines++
	r.plines++
	if r.lines == 2 && isTableDelimiterRow(line) {
		r.table = true
	}
	switch {
	case r.columns > 0:
		r.rows++
		r.cellTotal += r.columns * cellCost
		r.total += r.columns * cellCost
	case r.lines >= 2 && isTableDelimiterRow(line):
		// goldmark takes the first delimiter row after the first line
		// of a paragraph as a table's, whatever came before it.
		r.columns = tableColumns(line)
	}
	n := bytes.Count(line, []byte("]"))
	r.brackets += n
	r.pbrackets += n
	for _, b := range line {
		if isDelim(b) {
			r.delims++
		}
	}
	if r.table {
		r.split()
	}
}

// split ends the current paragraph of the run and adds its cost to the
// total.
func (r *bracketRun) split() {
	r.total += r.plines*r.pbrackets + 2*r.delims*r.delims
	r.plines, r.pbrackets, r.delims = 0, 0, 0
}

// end closes the run and refuses the template when the cost so far is
// over the limit.
func (r *bracketRun) end(s *source) error {
	if !r.started {
		return nil
	}
	r.split()
	if r.total > r.limit && r.columns > 0 && r.cellTotal > r.limit/2 {
		return &Error{File: s.file, Pos: s.posNorm(r.start),
			Msg: fmt.Sprintf("table too costly to parse: %d rows of %d columns, %d cells, and goldmark pads every short row to the full width (the parse cost so far is %d, over the limit of %d; Options.MaxCost raises it)", r.rows, r.columns, r.rows*r.columns, r.total, r.limit)}
	}
	if r.total > r.limit {
		return &Error{File: s.file, Pos: s.posNorm(r.start),
			Msg: fmt.Sprintf("paragraph too costly to parse: its %d lines hold %d ']' and many of * _ ~ [ ( < ` (the parse cost so far is %d, over the limit of %d; Options.MaxCost raises it)", r.lines, r.brackets, r.total, r.limit)}
	}
	r.lines, r.brackets, r.table, r.started = 0, 0, false, false
	r.columns, r.rows = 0, 0
	return nil
}

// startsItem reports whether line, indented by ind, starts with a list
// marker, possibly after block quote markers: a new list item, so a new
// paragraph.
func startsItem(line []byte, ind int) bool {
	for i := ind; i < len(line); {
		n, content := containerMarker(line, i)
		if n == 0 {
			return false
		}
		if content > 0 {
			return true
		}
		i += n
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	return false
}

// startsHeading reports whether line, indented by ind, is an ATX heading
// line, which is a paragraph of its own.
func startsHeading(line []byte, ind int) bool {
	return ind < len(line) && line[ind] == '#'
}

// isTableDelimiterRow reports whether line looks like the delimiter row of
// a table: only '|', '-', ':', spaces and tabs, with a '-'.
func isTableDelimiterRow(line []byte) bool {
	dash := false
	for _, b := range line {
		switch b {
		case '-':
			dash = true
		case '|', ':', ' ', '\t':
		default:
			return false
		}
	}
	return dash
}

// tableColumns returns the number of columns of a table delimiter row:
// its cells between '|', without an empty first or last one.
func tableColumns(line []byte) int {
	line = bytes.TrimSpace(line)
	n := bytes.Count(line, []byte("|")) + 1
	if bytes.HasPrefix(line, []byte("|")) {
		n--
	}
	if len(line) > 1 && bytes.HasSuffix(line, []byte("|")) {
		n--
	}
	return max(n, 1)
}

// openingFence returns the fence ("```" or "~~~", three or more) that rest
// opens, or nil.
func openingFence(rest []byte) []byte {
	if len(rest) < 3 || (rest[0] != '`' && rest[0] != '~') {
		return nil
	}
	n := 0
	for n < len(rest) && rest[n] == rest[0] {
		n++
	}
	if n < 3 || (rest[0] == '`' && bytes.IndexByte(rest[n:], '`') >= 0) {
		return nil
	}
	return rest[:n]
}

// isClosingFence reports whether rest closes fence: at least as many of
// the same character, then only spaces and tabs.
func isClosingFence(rest, fence []byte) bool {
	n := 0
	for n < len(rest) && rest[n] == fence[0] {
		n++
	}
	return n >= len(fence) && indentation(rest[n:]) == len(rest)-n
}

// indentation returns the number of leading spaces and tabs of line.
func indentation(line []byte) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

// containerMarker reads a block quote marker ">" or a list marker ("-",
// "+", "*", "1." or "1)" followed by a space, a tab or the end of the
// line) at line[i]. It returns the marker's length (0 when there is
// none) and, for a list marker, the column where the item's content
// starts.
func containerMarker(line []byte, i int) (n, content int) {
	c := line[i]
	if c == '>' {
		return 1, 0
	}
	j := i
	switch {
	case c == '-' || c == '+' || c == '*':
		if isThematicBreak(line[i:]) {
			return 0, 0
		}
		j++
	case c >= '0' && c <= '9':
		for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
			j++
		}
		if j >= len(line) || (line[j] != '.' && line[j] != ')') {
			return 0, 0
		}
		j++
	default:
		return 0, 0
	}
	if j < len(line) && line[j] != ' ' && line[j] != '\t' {
		return 0, 0
	}
	return j - i, j + 1
}

// isThematicBreak reports whether rest is a thematic break: three or more
// of the same '-', '*' or '_', with only spaces and tabs between.
func isThematicBreak(rest []byte) bool {
	c := rest[0]
	count := 0
	for _, b := range rest {
		switch b {
		case c:
			count++
		case ' ', '\t':
		default:
			return false
		}
	}
	return count >= 3
}
