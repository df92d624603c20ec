package redline

import (
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// span is a stretch of an alignment of units: kept units (eq) or a
// change, units a0:a1 of the old run and b0:b1 of the new one.
type span struct {
	eq             bool
	a0, a1, b0, b1 int
}

// unitKeys returns the key of each unit of us, what aligning them
// compares.
func unitKeys(us []unit) []string {
	keys := make([]string, len(us))
	for i, u := range us {
		keys[i] = u.key
	}
	return keys
}

// inlines compares two runs of inlines word by word and returns the
// redline's inlines; pa and pb are their blocks' positions, for a change
// whose text has none.
func (c *comparer) inlines(a, b []ast.Inline, pa, pb ast.Pos) []ast.Inline {
	ua, ub := units(a), units(b)
	ka, kb := unitKeys(ua), unitKeys(ub)
	at := pb
	for k := 0; !at.IsValid() && k < len(ub); k++ {
		at = ub[k].pos()
	}
	ops, err := c.alignUnits(ka, kb, ua, ub, at)
	if err != nil {
		c.err = err
		return b
	}
	spans := joinSpans(ops, ua)
	var ms []marked
	for _, s := range spans {
		if s.eq {
			ms = c.kept(ms, ua[s.a0:s.a1], ub[s.b0:s.b1])
			continue
		}
		del, ins := ua[s.a0:s.a1], ub[s.b0:s.b1]
		// The whitespace around a word inserted or deleted alone is
		// shown unmarked: "Wayne {+Enterprises+}", not "Wayne{+
		// Enterprises+}". It is still of one version only (own), which
		// a View of the other leaves out: the old column of "a
		// footnote{+ now+}." read "a footnote .".
		var after []unit
		var own ast.ChangeKind
		a0, b0 := s.a0, s.b0 // where the change starts, after the whitespace
		if len(del) == 0 || len(ins) == 0 {
			side, start := &ins, &b0
			own = ast.Inserted
			if len(ins) == 0 {
				side, start, own = &del, &a0, ast.Deleted
			}
			for len(*side) > 0 && (*side)[0].space {
				ms = unmarked(ms, (*side)[0], own)
				*side = (*side)[1:]
				*start++
			}
			for n := len(*side); n > 0 && (*side)[n-1].space; n-- {
				after = append([]unit{(*side)[n-1]}, after...)
				*side = (*side)[:n-1]
			}
		}
		ch := Change{Kind: Replace, Old: unitsText(del), New: unitsText(ins),
			OldPos: unitsPos(ua, a0, pa), NewPos: unitsPos(ub, b0, pb), Destinations: destinationChanges(del, ins)}
		switch {
		case len(ins) == 0:
			ch.Kind = Delete
		case len(del) == 0:
			ch.Kind = Insert
		}
		id := c.add(ch)
		var dead []marked
		for _, u := range del {
			for _, p := range u.pieces {
				dead = append(dead, marked{piece: p, kind: ast.Deleted, id: id})
			}
			c.oldWord += u.words()
		}
		ms = append(ms, deadRefs(dead)...)
		if len(del) > 0 {
			id = ""
		}
		for _, u := range ins {
			for _, p := range u.pieces {
				ms = append(ms, marked{piece: p, kind: ast.Inserted, id: id})
			}
			c.newWord += u.words()
		}
		for _, u := range after {
			ms = unmarked(ms, u, own)
		}
	}
	return build(ms, c.sides)
}

// unmarked adds the pieces of u to ms as text no change holds, which
// only the version side has.
func unmarked(ms []marked, u unit, side ast.ChangeKind) []marked {
	for _, p := range u.pieces {
		ms = append(ms, marked{piece: p, side: side})
	}
	return ms
}

// joinSpans turns an alignment of units into spans, a change made of
// every change that only whitespace and punctuation separate: "[-five
// years-]{+three months+}", not two changes, and "[-We collect, store,
// and share data-]{+Information is kept, as described, for a year+}",
// not four changes between the commas both have.
func joinSpans(ops []op, ua []unit) []span {
	var spans []span
	i, j := 0, 0
	for x := 0; x < len(ops); {
		if ops[x].kind == opEqual {
			spans = append(spans, span{eq: true, a0: i, a1: i + ops[x].n, b0: j, b1: j + ops[x].n})
			i, j = i+ops[x].n, j+ops[x].n
			x++
			continue
		}
		s := span{a0: i, b0: j}
		for ; x < len(ops) && ops[x].kind != opEqual; x++ {
			if ops[x].kind == opDelete {
				i += ops[x].n
			} else {
				j += ops[x].n
			}
		}
		s.a1, s.b1 = i, j
		if n := len(spans); n >= 2 && spans[n-1].eq && !spans[n-2].eq && noWords(ua[spans[n-1].a0:spans[n-1].a1]) {
			s.a0, s.b0 = spans[n-2].a0, spans[n-2].b0
			spans = spans[:n-2]
		}
		spans = append(spans, s)
	}
	return spans
}

// noWords reports whether us hold no word: whitespace, punctuation and
// symbols only.
func noWords(us []unit) bool {
	for _, u := range us {
		if u.n > 0 {
			return false
		}
	}
	return true
}

// kept adds units both versions have (a the old ones, b the new) to ms:
// as they are, or, where their formatting differs, as one formatting
// change for each stretch of differently formatted words.
func (c *comparer) kept(ms []marked, a, b []unit) []marked {
	for k := 0; k < len(b); {
		if b[k].space || a[k].sig == b[k].sig {
			for _, p := range b[k].pieces {
				ms = append(ms, marked{piece: p})
			}
			c.oldWord += a[k].words()
			c.newWord += b[k].words()
			k++
			continue
		}
		// The stretch k:e of words formatted differently, with the
		// whitespace between them.
		e := k + 1
		for m := k + 1; m < len(b); m++ {
			if !b[m].space && a[m].sig == b[m].sig {
				break
			}
			if !b[m].space {
				e = m + 1
			}
		}
		t := unitsText(b[k:e])
		ch := Change{Kind: Format, Old: t, New: t, OldPos: a[k].pos(), NewPos: b[k].pos(), Destinations: destinationChanges(a[k:e], b[k:e])}
		if len(ch.Destinations) > 0 {
			// The words read the same, but a link goes elsewhere: a
			// replaced destination, not a formatting change (an opt-out
			// link moved from a.example to b.example is not cosmetic).
			ch.Kind = Replace
		}
		id := c.add(ch)
		for m := k; m < e; m++ {
			for _, p := range b[m].pieces {
				ms = append(ms, marked{piece: p, kind: ast.Reformatted, id: id})
			}
			c.oldWord += a[m].words()
			c.newWord += b[m].words()
		}
		ms = destinationMarks(ms, ch.Destinations)
		k = e
	}
	return ms
}

// destinationMarks adds to ms, after words whose links go elsewhere,
// each old destination deleted and the new one inserted, as a replaced
// word is shown: "{~here~} [-https://a.example-]{+https://b.example+}".
// Without them the redline showed only the new destination, and neither
// the text nor its formatting told that the old one was gone.
func destinationMarks(ms []marked, ds []DestinationChange) []marked {
	for _, d := range ds {
		ms = append(ms, marked{piece: piece{text: " "}})
		// An empty destination ("[here]()") is no mark at all: an empty
		// <del> told nothing.
		if d.Old != "" {
			ms = append(ms, marked{piece: piece{text: d.Old}, kind: ast.Deleted})
		}
		if d.New != "" {
			ms = append(ms, marked{piece: piece{text: d.New}, kind: ast.Inserted})
		}
	}
	return ms
}

// destinations returns the destinations of the links and images of us,
// in reading order, each link once however many pieces it holds.
func destinations(us []unit) []string {
	var out []string
	var last *ast.Link
	for _, u := range us {
		for _, p := range u.pieces {
			if img, ok := p.leaf.(*ast.Image); ok {
				out = append(out, img.Destination)
			}
			var l *ast.Link
			for _, w := range p.path {
				if lw, ok := w.(*ast.Link); ok {
					l = lw
				}
			}
			if l != nil && l != last {
				out = append(out, l.Destination)
			}
			last = l
		}
	}
	return out
}

// destinationChanges returns the destinations that differ between the
// links and images of a (old) and b (new), paired in reading order; none
// when the two have not as many links and images (one added or taken
// out is a change of the words or of their formatting, shown as such).
func destinationChanges(a, b []unit) []DestinationChange {
	da, db := destinations(a), destinations(b)
	if len(da) != len(db) {
		return nil
	}
	var out []DestinationChange
	for i := range da {
		if da[i] != db[i] {
			out = append(out, DestinationChange{Old: da[i], New: db[i]})
		}
	}
	return out
}

// unitsText is the text of us.
func unitsText(us []unit) string {
	var b strings.Builder
	for _, u := range us {
		b.WriteString(u.text())
	}
	return b.String()
}

// unitsPos is where the units from i on start: the first position among
// them; past the last one, just after the last text before i; else the
// block's position p.
func unitsPos(us []unit, i int, p ast.Pos) ast.Pos {
	for _, u := range us[i:] {
		if q := u.pos(); q.IsValid() {
			return q
		}
	}
	// Past the last unit with a position (text added at the end of a
	// block): just after the last piece of text, not the block's start.
	for k := min(i, len(us)) - 1; k >= 0; k-- {
		ps := us[k].pieces
		for m := len(ps) - 1; m >= 0; m-- {
			if q := ps[m].pos; q.IsValid() && ps[m].leaf == nil {
				q.Col += len(ps[m].text)
				return q
			}
		}
	}
	return p
}
