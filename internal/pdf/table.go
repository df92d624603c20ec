package pdf

import (
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/bidi"
	"github.com/policyexport/policyexport/internal/colfit"
	"github.com/policyexport/policyexport/internal/srcerr"
)

// table lays out a table: column widths from content within the text
// width, wrapped cells, borders, a shaded header row that is repeated at
// the top of every page the table continues on (none when the header row
// is empty, ast.Table.NoHeader). A row taller than a page is cut between
// lines.
func (l *layout) table(t *ast.Table) error {
	ncol := len(t.Align)
	if ncol == 0 {
		return nil
	}
	if most := int(l.width() / (2 * cellPadX)); ncol > most {
		return &TableError{Columns: ncol, Max: most, At: srcerr.At{Pos: t.At}}
	}
	l.space(lineHeight(l.baseSize) * 0.7)
	size := l.baseSize * 0.93
	// Every row is at least one line high: refuse a table that cannot fit
	// before measuring any of it.
	if err := l.wouldFill(len(t.Rows)+1, lineHeight(size)+2*cellPadY); err != nil {
		return err
	}
	// Every cell is at least a box.
	if n := l.items + (len(t.Rows)+1)*ncol; n > itemsPerPage*l.maxPages {
		return &PageLimitError{Limit: l.maxPages, At: srcerr.At{Pos: l.pos}, Items: itemsPerPage * l.maxPages}
	}
	hdrSt := style{size: size, bold: true, color: colorText}
	bodySt := style{size: size, color: colorText}
	// The structure: Table, THead and TBody, a TR per row, a TH (scope
	// Column) or TD per cell, made before the cells' text.
	tbl, closeTable := l.tagBlocks("Table")
	defer closeTable()
	saveTag := l.tag
	defer func() { l.tag = saveTag }()
	rowTags := func(group int, role string) []int {
		tr := l.tags.add("TR", group)
		out := make([]int, ncol)
		for c := range out {
			out[c] = l.tags.add(role, tr)
			if role == "TH" {
				l.tags.elems[out[c]].Scope = "Column"
			}
		}
		return out
	}
	cellWords := func(row []*ast.TableCell, st style, tags []int) ([][]word, error) {
		out := make([][]word, ncol)
		for c := 0; c < ncol && c < len(row); c++ {
			l.tag = tags[c]
			ws, err := l.words(l.spansOf(row[c].Inlines, st))
			if err != nil {
				return nil, err
			}
			out[c] = ws
		}
		return out, nil
	}
	// An empty header row (ast.Table.NoHeader) is left out: no THead,
	// no shaded row above the body, nothing repeated.
	noHeader := t.NoHeader()
	var hdrTags []int
	var hdr [][]word
	var err error
	if !noHeader {
		hdrTags = rowTags(l.tags.add("THead", tbl), "TH")
		if hdr, err = cellWords(t.Header, hdrSt, hdrTags); err != nil {
			return err
		}
	}
	rows := make([][][]word, len(t.Rows))
	tags := make([][]int, len(t.Rows))
	tbody := 0
	if len(t.Rows) > 0 {
		tbody = l.tags.add("TBody", tbl)
	}
	for i, row := range t.Rows {
		tags[i] = rowTags(tbody, "TD")
		if rows[i], err = cellWords(row, bodySt, tags[i]); err != nil {
			return err
		}
	}
	measured := rows
	if !noHeader {
		measured = append([][][]word{hdr}, rows...)
	}
	widths := l.columnWidths(measured, ncol)
	aligns := make([]align, ncol)
	for c, a := range t.Align {
		switch a {
		case ast.AlignLeft:
			aligns[c] = alignLeftEdge
		case ast.AlignCenter:
			aligns[c] = alignCenter
		case ast.AlignRight:
			aligns[c] = alignRight
		}
	}
	// The baseline of a row's first line, where a list item's marker
	// goes when the table starts the item.
	rowBase := cellPadY + baseline(lineHeight(size), size)
	// The tallest row piece: leave room for the repeated header.
	maxH := (l.r.pageH - l.r.margin.Top - l.r.margin.Bottom) * 0.7
	var hdrUnits []*unit
	if !noHeader {
		if hdrUnits, err = l.tableRow(hdr, hdrTags, widths, aligns, size, true, maxH); err != nil {
			return err
		}
		l.rowChangeAnchors(t.Header)
		for _, u := range hdrUnits {
			u.keep = true
			l.add(u, rowBase)
		}
	}
	// The header is repeated on every page the table continues on, unless
	// it is taller than a quarter of the text height: a header of pages
	// (long words in narrow columns) repeated on every page would make the
	// table's pages and work grow with the square of its size.
	repeat := hdrUnits
	hdrH := 0.0
	for _, u := range hdrUnits {
		hdrH += u.h
	}
	if hdrH > (l.r.pageH-l.r.margin.Top-l.r.margin.Bottom)/4 {
		repeat = nil
	}
	for i, row := range rows {
		if err := l.full(); err != nil {
			return err
		}
		units, err := l.tableRow(row, tags[i], widths, aligns, size, false, maxH)
		if err != nil {
			return err
		}
		l.rowChangeAnchors(t.Rows[i])
		for _, u := range units {
			u.header = repeat
			l.add(u, rowBase)
		}
	}
	l.space(lineHeight(l.baseSize) * 0.7)
	return nil
}

// columnWidths shares the text width between columns by colfit's rule:
// natural (one-line) widths when they fit, else the widest columns give
// way, none below its longest word. A word longer than a third of the
// line is cut anyway, so no column needs more than that; when even the
// longest words do not fit, every column is narrowed in proportion (and
// long words are cut between characters).
func (l *layout) columnWidths(rows [][][]word, ncol int) []float64 {
	pad := 2 * cellPadX
	avail := l.width()
	fit := make([]colfit.Column[float64], ncol)
	for _, row := range rows {
		for c, ws := range row {
			for _, wd := range ws {
				fit[c].Min = max(fit[c].Min, wd.w)
			}
			fit[c].Pref = max(fit[c].Pref, lineWidth(ws))
		}
	}
	for c := range fit {
		fit[c].Min = max(min(max(fit[c].Min, 2), avail/3-pad), 0)
	}
	out, ok := colfit.Fit(fit, avail, pad)
	total := 0.0
	for c := range out {
		out[c] += pad
		total += out[c]
	}
	if !ok {
		for c := range out {
			out[c] *= avail / total
		}
	}
	return out
}

// tableRow lays out one row as one unit, or several when it is taller than
// maxH; the text of cell c is content of structure element tags[c].
func (l *layout) tableRow(cells [][]word, tags []int, widths []float64, aligns []align, size float64, header bool, maxH float64) ([]*unit, error) {
	lh := lineHeight(size)
	cellLines := make([][]line, len(widths))
	n := 1
	for c := range widths {
		if c < len(cells) && len(cells[c]) > 0 {
			cellLines[c] = l.r.breakLines(cells[c], widths[c]-2*cellPadX, nil)
			for i := range cellLines[c] {
				cellLines[c][i].dir = l.dir
			}
		}
		n = max(n, len(cellLines[c]))
	}
	per := max(int((maxH-2*cellPadY)/lh), 1)
	var units []*unit
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		u := &unit{h: float64(end-start)*lh + 2*cellPadY}
		// A fill and a box per cell, and about a text item per line.
		u.items = make([]item, 0, len(widths)*(2+end-start))
		// The first column at the start: the left, or the right in a
		// right-to-left document (as an HTML table in dir="rtl").
		rtl := l.dir == bidi.RightToLeft
		x := l.left
		if rtl {
			x = l.right
		}
		for c, w := range widths {
			if rtl {
				x -= w
			}
			if header {
				u.items = append(u.items, item{kind: itemFill, x: x, y: 0, w: w, h: u.h, color: colorFill})
			}
			u.items = append(u.items, item{kind: itemBox, x: x, y: 0, w: w, h: u.h, width: 0.2, color: colorRule})
			l.tag = tags[c]
			for i := start; i < end && i < len(cellLines[c]); i++ {
				base := cellPadY + float64(i-start)*lh + baseline(lh, size)
				u.items = l.lineItems(cellLines[c][i], x+cellPadX, w-2*cellPadX, aligns[c], base, u.items)
			}
			// One row may be pages of lines (long words in narrow
			// columns): stop it at the drawing limit too.
			if l.items+len(u.items) > itemsPerPage*l.maxPages {
				return nil, &PageLimitError{Limit: l.maxPages, At: srcerr.At{Pos: l.pos}, Items: itemsPerPage * l.maxPages}
			}
			if !rtl {
				x += w
			}
		}
		units = append(units, u)
	}
	for i := 0; i < len(units)-1; i++ {
		units[i].keep = true
	}
	return units, nil
}
