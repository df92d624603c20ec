package txt

import (
	"strings"

	"github.com/policyexport/policyexport/internal/linebreak"
)

// sepKind is what stands between a word and the word before it.
type sepKind uint8

const (
	// sepNone: nothing; the line may break there (between wide
	// characters) but no space is written when it does not.
	sepNone sepKind = iota
	// sepGlue: a space that is kept with both words when they fit on a
	// line together.
	sepGlue
	// sepSpace: a space at which the line may break.
	sepSpace
)

// word is an unbreakable piece of a flat text: a run of grapheme clusters
// with no break opportunity inside.
type word struct {
	s     string
	width int     // display width
	sep   sepKind // what comes before it, when breaks is 0
	// breaks is the number of forced line breaks before it.
	breaks int
}

// wrapper wraps flat texts into lines. It keeps the words of the last
// text it cut, so that their slice serves the next text: a document's
// paragraphs are cut one after the other. The zero wrapper is ready.
type wrapper struct {
	buf []word
}

// separators finds the hard breaks and glue of a flat text in order,
// each byte of it looked at once.
type separators struct {
	s string
	// breakAt and glueAt are the next hard break and glue at or after
	// where the last search started, len(s) for none; searched is
	// whether they have been looked for.
	breakAt, glueAt int
	searched        bool
}

// next returns the index of the first hard break or glue of s at or
// after at, or len(s). at never goes back from one call to the next.
func (p *separators) next(at int) int {
	if !p.searched || p.breakAt < at {
		p.breakAt = indexFrom(p.s, hardBreak, at)
	}
	if !p.searched || p.glueAt < at {
		p.glueAt = indexFrom(p.s, glue, at)
	}
	p.searched = true
	return min(p.breakAt, p.glueAt)
}

// indexFrom returns the index of the first c in s at or after at, or
// len(s).
func indexFrom(s string, c byte, at int) int {
	if i := strings.IndexByte(s[at:], c); i >= 0 {
		return at + i
	}
	return len(s)
}

// words cuts a flat text into words. Runs of spaces are one separator;
// separators at the start and end are dropped. A run of non-space text is
// cut further where linebreak allows a break without a space (beside a
// wide character, so that CJK text, which has no spaces, can wrap; never
// before "、。」" nor after "「"). Words and URLs stay whole, and grapheme
// clusters are never split. Each word's text is a substring of s. The
// words are valid until the next call of one of wr's methods.
func (wr *wrapper) words(s string) []word {
	var (
		out     = wr.buf[:0]
		next    word // the word being built; its text is s[start:end]
		start   int
		end     int
		sep     sepKind
		breaks  int
		started bool
		sc      linebreak.Scanner
	)
	flush := func() {
		if started {
			next.s = s[start:end]
			out = append(out, next)
			started = false
		}
	}
	// The text is scanned a piece at a time between the hard breaks and
	// glue, which are separators here whatever UAX #14 says of them: a
	// control character makes the Scanner ask uniseg again from the last
	// cluster it saw, which would be most of a paragraph when a link
	// number comes at its end.
	seps := separators{s: s}
	for at := 0; ; {
		i := seps.next(at)
		if linebreak.PrintableASCII(s[at:i]) {
			// Cut at the spaces, as the Scanner would. No word is under
			// way after a separator.
			for at < i {
				n := strings.IndexByte(s[at:i], breakSpace)
				switch {
				case n == 0:
					sep = sepSpace
					at++
					continue
				case n < 0:
					n = i - at
				}
				out = append(out, word{s: s[at : at+n], width: n, sep: sep, breaks: breaks})
				sep, breaks = sepNone, 0
				at += n
			}
		} else {
			sc.Continue(s[at:i])
			for {
				cluster, w, breakBefore, ok := sc.Next()
				if !ok {
					break
				}
				at += len(cluster)
				if cluster == string(breakSpace) {
					flush()
					sep = sepSpace
					continue
				}
				if started && breakBefore {
					flush()
				}
				if !started {
					next = word{sep: sep, breaks: breaks}
					sep, breaks = sepNone, 0
					started = true
					start = at - len(cluster)
				}
				end = at
				next.width += w
			}
		}
		if i == len(s) {
			break
		}
		flush()
		if s[i] == glue {
			sep = max(sep, sepGlue)
		} else {
			breaks++
		}
		at = i + 1
	}
	flush()
	if len(out) > 0 {
		out[0].sep, out[0].breaks = sepNone, 0
	}
	wr.buf = out
	return out
}

// wrap lays a flat text out in lines of at most width display columns
// (at least 1), filling each line greedily. A word wider than width
// stands alone on its line. Glued words are kept together when they fit
// in width together.
func (wr *wrapper) wrap(s string, width int) []string { return wr.wrapHanging(s, width, width) }

// wrapHanging is wrap with a first line of first columns and the others
// of width columns. The lines are substrings of one string: a line is
// never longer than the text that it holds (one space for one separator
// or more), so that string is at most as long as s; but a line that an
// isolate crosses, which closeIsolates ends and starts with its
// controls, is a string of its own.
func (wr *wrapper) wrapHanging(s string, first, width int) []string {
	first, width = max(first, 1), max(width, 1)
	ws := joinGlued(wr.words(s), min(first, width))
	var (
		lines   = make([]string, 0, len(s)/width+1)
		text    strings.Builder // every line's text, one after the other
		lineAt  int             // where the line being built starts in text
		lineW   int
		started bool
	)
	text.Grow(len(s))
	limit := first
	end := func() {
		limit = width
		lines = append(lines, text.String()[lineAt:])
		lineAt = text.Len()
		lineW, started = 0, false
	}
	for _, w := range ws {
		if w.breaks > 0 {
			end()
			for range w.breaks - 1 {
				lines = append(lines, "")
			}
		}
		gap := 0
		if w.sep != sepNone {
			gap = 1
		}
		switch {
		case !started:
		case lineW+gap+w.width <= limit:
			if gap > 0 {
				text.WriteByte(' ')
				lineW++
			}
		default:
			end()
		}
		text.WriteString(w.s)
		lineW += w.width
		started = true
	}
	if started {
		end()
	}
	if strings.Contains(s, fsi) {
		closeIsolates(lines)
	}
	return lines
}

// The first strong isolate and its end, which the plain text writes
// around a value whose direction is not the document's (text).
const (
	fsi = "\u2068" // FIRST STRONG ISOLATE
	pdi = "\u2069" // POP DIRECTIONAL ISOLATE
)

// closeIsolates ends each line inside an isolate (FSI … PDI) that goes
// on to the next with a PDI, and starts the next with an FSI: a bidi
// viewer takes each line as a paragraph of its own, which ends every
// isolate (UAX #9 X8), so the rest of a value cut by a line break read
// as the text around it.
func closeIsolates(lines []string) {
	open := 0
	for i, ln := range lines {
		prefix := strings.Repeat(fsi, open)
		for j := 0; j < len(ln); {
			switch {
			case strings.HasPrefix(ln[j:], fsi):
				open++
				j += len(fsi)
			case strings.HasPrefix(ln[j:], pdi):
				open = max(open-1, 0)
				j += len(pdi)
			default:
				j++
			}
		}
		if prefix != "" || open > 0 {
			lines[i] = prefix + ln + strings.Repeat(pdi, open)
		}
	}
}

// joinGlued joins each glued word to the word before it when both fit in
// width together; otherwise the glue becomes an ordinary space. A space
// where linebreak allows no break (linebreak.SpaceJoins: "Contact :",
// "« droit") is glue.
func joinGlued(ws []word, width int) []word {
	out := ws[:0]
	for _, w := range ws {
		if w.sep == sepSpace && w.breaks == 0 && len(out) > 0 && linebreak.SpaceJoins(out[len(out)-1].s, w.s) {
			w.sep = sepGlue
		}
		if w.sep == sepGlue && w.breaks == 0 && len(out) > 0 {
			last := &out[len(out)-1]
			if last.width+1+w.width <= width {
				last.s += " " + w.s
				last.width += 1 + w.width
				continue
			}
			w.sep = sepSpace
		}
		out = append(out, w)
	}
	return out
}

// naturalWidth is the width of the widest line of s when it is not
// wrapped at all.
func (wr *wrapper) naturalWidth(s string) int {
	w, lineW := 0, 0
	for i, wd := range wr.words(s) {
		switch {
		case wd.breaks > 0:
			lineW = 0
		case i > 0 && wd.sep != sepNone:
			lineW++
		}
		lineW += wd.width
		w = max(w, lineW)
	}
	return w
}

// minWidth is the width of the widest unbreakable word of s: the
// narrowest s can be wrapped without a line overflowing.
func (wr *wrapper) minWidth(s string) int {
	w := 0
	for _, wd := range wr.words(s) {
		w = max(w, wd.width)
	}
	return w
}
