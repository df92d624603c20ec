package txt

import (
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/colfit"
)

// table lays a table out as a grid that fits width, or, when the longest
// words of the columns cannot stand side by side in width, as records.
func (r *renderer) table(n *ast.Table, width int) []string {
	ncol := max(len(n.Align), len(n.Header))
	for _, row := range n.Rows {
		ncol = max(ncol, len(row))
	}
	if ncol == 0 {
		return nil
	}
	// Flatten every cell once, in reading order, so link numbers follow
	// the text.
	head := r.cells(n.Header, ncol)
	rows := make([][]string, len(n.Rows))
	for i, row := range n.Rows {
		rows[i] = r.cells(row, ncol)
	}
	if n.NoHeader() {
		head = nil
	}
	if cols, ok := r.columnWidths(head, rows, width, ncol); ok {
		return r.grid(head, rows, cols, n.Align)
	}
	return r.records(head, rows, width)
}

// cells flattens a row into ncol cell texts; missing cells are empty.
func (r *renderer) cells(row []*ast.TableCell, ncol int) []string {
	out := make([]string, ncol)
	for i := range min(len(row), ncol) {
		if row[i] == nil {
			continue
		}
		out[i] = r.flatten(row[i].Inlines, false)
	}
	return out
}

// columnWidths chooses the content width of each column by colfit's
// rule: its natural width when the whole grid fits in width, else the
// widest columns give way, never below their longest word. ok is false
// when even that does not fit.
func (wr *wrapper) columnWidths(head []string, rows [][]string, width, ncol int) (cols []int, ok bool) {
	fit := make([]colfit.Column[int], ncol)
	for c := range fit {
		fit[c] = colfit.Column[int]{Min: 1, Pref: 1}
		if head != nil {
			fit[c] = colfit.Column[int]{Min: max(1, wr.minWidth(head[c])), Pref: max(1, wr.naturalWidth(head[c]))}
		}
		for _, row := range rows {
			fit[c].Min = max(fit[c].Min, wr.minWidth(row[c]))
			fit[c].Pref = max(fit[c].Pref, wr.naturalWidth(row[c]))
		}
	}
	// "| " before each column and " " after it, then a closing "|".
	return colfit.Fit(fit, width-1, 3)
}

// grid draws the table with "|" and "+---+" borders. The header row is
// closed by a "=" rule (a nil head is no header row: ast.Table.NoHeader);
// body rows get rules between them when any cell takes more than one
// line.
func (wr *wrapper) grid(head []string, rows [][]string, cols []int, align []ast.Alignment) []string {
	rule := func(c byte) string {
		var b strings.Builder
		b.WriteByte('+')
		for _, w := range cols {
			b.WriteString(strings.Repeat(string(c), w+2))
			b.WriteByte('+')
		}
		return b.String()
	}
	laidOut := make([][]string, len(rows))
	multi := false
	for i, row := range rows {
		laidOut[i] = wr.gridRow(row, cols, align)
		multi = multi || len(laidOut[i]) > 1
	}
	out := []string{rule('-')}
	if head != nil {
		out = append(out, wr.gridRow(head, cols, align)...)
		if len(rows) == 0 {
			return append(out, rule('-'))
		}
		out = append(out, rule('='))
	}
	for i, lines := range laidOut {
		if i > 0 && multi {
			out = append(out, rule('-'))
		}
		out = append(out, lines...)
	}
	return append(out, rule('-'))
}

// gridRow lays out one row: each cell wrapped to its column and aligned,
// the row as tall as its tallest cell.
func (wr *wrapper) gridRow(row []string, cols []int, align []ast.Alignment) []string {
	cells := make([][]string, len(row))
	height := 1
	for c, s := range row {
		cells[c] = wr.wrap(s, cols[c])
		height = max(height, len(cells[c]))
	}
	out := make([]string, height)
	for i := range height {
		var b strings.Builder
		b.WriteByte('|')
		for c := range row {
			line := ""
			if i < len(cells[c]) {
				line = cells[c][i]
			}
			a := ast.AlignNone
			if c < len(align) {
				a = align[c]
			}
			b.WriteByte(' ')
			b.WriteString(pad(line, cols[c], a))
			b.WriteString(" |")
		}
		out[i] = b.String()
	}
	return out
}

// pad fills s with spaces to width columns as a says.
func pad(s string, width int, a ast.Alignment) string {
	gap := max(0, width-displayWidth(s))
	left := 0
	switch a {
	case ast.AlignRight:
		left = gap
	case ast.AlignCenter:
		left = gap / 2
	}
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", gap-left)
}

// records lays out a table too wide for a grid: for each row, one
// "Header: value" entry per non-empty cell, hanging two spaces, and a
// blank line between rows (a nil head: the values alone). A table
// without body rows lists its header cells.
func (wr *wrapper) records(head []string, rows [][]string, width int) []string {
	var out []string
	// entry wraps s in the width left after a two-space hanging indent.
	entry := func(lines []string, s string) []string {
		for i, l := range wr.wrapHanging(s, width, width-2) {
			if i > 0 && l != "" {
				l = "  " + l
			}
			lines = append(lines, l)
		}
		return lines
	}
	if len(rows) == 0 {
		for _, h := range head {
			out = entry(out, h)
		}
		return out
	}
	if recordsTooLong(head, rows) {
		return numberedRecords(head, rows, entry)
	}
	for _, row := range rows {
		var rec []string
		for c, v := range row {
			h, v := "", trimSeps(v)
			if head != nil {
				h = trimSeps(head[c])
			}
			switch {
			case h == "":
				rec = entry(rec, v)
			case v == "":
				rec = entry(rec, h+":")
			default:
				rec = entry(rec, h+":"+string(breakSpace)+v)
			}
		}
		out = appendSection(out, rec)
	}
	return out
}

// recordsTooLong reports whether repeating the header in every entry
// would make the records far longer than the table's own text: a row of
// two-byte cells under long headers, or one padded to a hundred empty
// cells, would repeat every header in every row (500 KB of Markdown made
// gigabytes). The records then name columns by number (numberedRecords).
func recordsTooLong(head []string, rows [][]string) bool {
	size, headers, repeated := 0, 0, 0
	for _, h := range head {
		size += len(h) + 1
		headers += len(h) + 1
	}
	for _, row := range rows {
		for _, v := range row {
			size += len(v) + 1
		}
		repeated += headers
	}
	return repeated > 4*size+64<<10
}

// numberedRecords lays out records without repeating the headers: the
// headers once, numbered "(1) Header", then for each row one "(1) value"
// entry per non-empty cell, a blank line between rows.
func numberedRecords(head []string, rows [][]string, entry func([]string, string) []string) []string {
	number := func(c int) string { return "(" + strconv.Itoa(c+1) + ")" + string(breakSpace) }
	var legend []string
	for c, h := range head {
		legend = entry(legend, number(c)+trimSeps(h))
	}
	out := legend
	for _, row := range rows {
		var rec []string
		for c, v := range row {
			if v = trimSeps(v); v != "" {
				rec = entry(rec, number(c)+v)
			}
		}
		out = appendSection(out, rec)
	}
	return out
}

// trimSeps removes separators from both ends of a flat text.
func trimSeps(s string) string {
	return strings.Trim(s, string([]byte{breakSpace, hardBreak, glue}))
}
