// Package colfit chooses the widths of a table's columns: the one rule
// that the PDF (widths in millimetres) and plain-text (widths in
// character columns) backends both follow.
//
// Each column has a minimum width (its widest unbreakable word) and a
// preferred width (its widest cell, unwrapped). When every column fits
// at its preferred width, that is its width. Otherwise the widest
// columns give way first: they are narrowed to a common width, and no
// column is narrowed below its minimum, so that short columns (dates,
// yes/no, amounts) stay on one line while long text wraps. When even the
// minimums do not fit, the caller decides (the PDF cuts long words, the
// plain text lays the table out as records).
//
// This package knows numbers only: it never measures text.
package colfit

import (
	"slices"
)

// Width is a unit of width: whole character columns or millimetres.
type Width interface{ ~int | ~float64 }

// Column is what Fit needs to know of a column's content.
type Column[W Width] struct {
	// Min is the width of the column's widest unbreakable word.
	Min W
	// Pref is the width of its widest cell without wrapping; a Pref below
	// Min counts as Min.
	Pref W
}

// Fit shares avail between cols, each of which also spends overhead
// (its borders and padding), and returns the width of each column's
// content:
//
//   - every column its preferred width, when they fit;
//   - else, for the largest level L at which they fit, each column
//     max(Min, min(Pref, L)). In whole columns the width left over
//     (less than one column for each column at level L) goes one each to
//     the last of the columns at level L, as narrowing the widest column
//     one column at a time, the first on a tie, would leave it.
//
// ok is false when the minimums do not fit; widths are then the
// minimums. Fit takes O(n log n) time for n columns.
func Fit[W Width](cols []Column[W], avail, overhead W) (widths []W, ok bool) {
	n := len(cols)
	widths = make([]W, n)
	room := avail - W(n)*overhead
	var sumMin, sumPref W
	for i, c := range cols {
		widths[i] = max(c.Pref, c.Min)
		sumMin += c.Min
		sumPref += widths[i]
	}
	if sumPref <= room {
		return widths, true
	}
	if sumMin > room {
		for i, c := range cols {
			widths[i] = c.Min
		}
		return widths, false
	}
	at := func(c Column[W], level W) W { return max(c.Min, min(c.Pref, level)) }
	total := func(level W) W {
		var t W
		for _, c := range cols {
			t += at(c, level)
		}
		return t
	}
	// The total is piecewise linear in the level, with its corners at the
	// columns' widths: find the last corner at which the columns fit, then
	// how far past it they still fit.
	corners := make([]W, 0, 2*n)
	for _, c := range cols {
		corners = append(corners, c.Min, c.Pref)
	}
	slices.Sort(corners)
	corners = slices.Compact(corners)
	k, _ := slices.BinarySearchFunc(corners, room, func(level, room W) int {
		if total(level) <= room {
			return -1
		}
		return 1
	})
	// corners[k-1] fits and corners[k] does not (the smallest corner, the
	// smallest minimum, fits because the minimums do).
	level := corners[k-1]
	var slope int // columns that widen with the level
	for _, c := range cols {
		if c.Min <= level && c.Pref > level {
			slope++
		}
	}
	extra := room - total(level)
	step := extra / W(slope)
	level += step
	left := int(extra - step*W(slope)) // 0 for millimetres
	for i := n - 1; i >= 0; i-- {
		c := cols[i]
		widths[i] = at(c, level)
		if left > 0 && c.Min <= level && c.Pref > level {
			widths[i]++
			left--
		}
	}
	return widths, true
}
