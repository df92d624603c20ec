package pdf

// placed is a unit placed on a page; y is the absolute top in mm.
type placed struct {
	u      *unit
	y      float64
	repeat bool // a table header repeated on a new page: an artifact
}

// page is the units of one page, top to bottom.
type page struct {
	units []placed
}

// paginate places the units on pages. A chain of units joined by keep
// (a heading and the first two lines after it, the first or last two lines
// of a paragraph, a paragraph that ends in a colon and the line after it,
// a table header and its first row) moves to the next page
// as a whole when it does not fit but would fit on an empty page. Space
// above a unit is dropped at the top of a page. When a table continues on a
// new page its header row is repeated there.
func (l *layout) paginate() []page {
	top := l.r.margin.Top
	bottom := l.r.pageH - l.r.margin.Bottom
	avail := bottom - top
	var pages []page
	cur := page{}
	y := top
	newPage := func() {
		pages = append(pages, cur)
		cur = page{}
		y = top
	}
	put := func(u *unit, repeat bool) {
		if len(cur.units) > 0 {
			y += u.before
		}
		cur.units = append(cur.units, placed{u: u, y: y, repeat: repeat})
		y += u.h
	}
	// fits reports whether u fits below y on the current page.
	fits := func(u *unit) bool {
		before := u.before
		if len(cur.units) == 0 {
			before = 0
		}
		return y+before+u.h <= bottom+1e-6
	}
	breakFor := func(u *unit) {
		newPage()
		for _, h := range u.header {
			put(h, true)
		}
	}
	for i := 0; i < len(l.units); {
		u := l.units[i]
		if u.breakBefore && len(cur.units) > 0 {
			breakFor(u)
		}
		// The chain starting at i.
		j := i
		h := u.h
		if len(cur.units) > 0 {
			h += u.before
		}
		for l.units[j].keep && j+1 < len(l.units) && !l.units[j+1].breakBefore {
			j++
			h += l.units[j].before + l.units[j].h
		}
		headerH := 0.0
		for _, hu := range u.header {
			headerH += hu.h
		}
		if y+h > bottom+1e-6 && len(cur.units) > 0 && h-u.before+headerH <= avail {
			breakFor(u)
		}
		for k := i; k <= j; k++ {
			if !fits(l.units[k]) && len(cur.units) > 0 {
				breakFor(l.units[k])
			}
			put(l.units[k], false)
		}
		i = j + 1
	}
	pages = append(pages, cur)
	return pages
}
