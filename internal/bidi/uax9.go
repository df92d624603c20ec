package bidi

import (
	xbidi "golang.org/x/text/unicode/bidi"
)

// This file resolves embedding levels by the Unicode Bidirectional
// Algorithm (UAX #9, revision for Unicode 15.0): rules P1–P3, X1–X10,
// W1–W7, N0–N2, I1–I2 and L1. It is written from the text of the standard
// and checked against the standard's conformance files (BidiTest.txt and
// BidiCharacterTest.txt, see uax9_test.go).
//
// golang.org/x/text/unicode/bidi supplies the Bidi_Class of each rune. Its
// Paragraph/Ordering API is not used: in v0.44.0 it reports only the parity
// of each run (not its level), returns runs in logical rather than visual
// order (no rule L2), cannot force a left-to-right paragraph, and resolves
// wrong levels for about one case in six of BidiCharacterTest.txt.

// level is an embedding level, 0 to maxDepth+1.
type level uint8

// maxDepth is the deepest explicit embedding level (BD2).
const maxDepth = 125

// autoLevel asks resolveLevels to find each paragraph's level by P2–P3.
const autoLevel = -1

// bracketKind is the Bidi_Paired_Bracket_Type of a character.
type bracketKind uint8

const (
	notBracket bracketKind = iota
	openBracket
	closeBracket
)

// bracketInfo is what rule N0 needs to know of a character: whether it is a
// paired bracket, and an id shared by an opening bracket and its closing
// counterpart (the opening bracket, after canonical equivalence).
type bracketInfo struct {
	kind bracketKind
	id   rune
}

// canonicalBracket maps the two brackets that have canonical decompositions
// to their decompositions (U+2329 ≡ U+3008, U+232A ≡ U+3009), as BD16
// requires when matching pairs.
func canonicalBracket(r rune) rune {
	switch r {
	case 0x2329:
		return 0x3008
	case 0x232A:
		return 0x3009
	}
	return r
}

// bracketInfoOf returns the N0 bracket data of r.
func bracketInfoOf(r rune) bracketInfo {
	b := bracketOf(r)
	if b == nil {
		return bracketInfo{}
	}
	if b.open {
		return bracketInfo{kind: openBracket, id: canonicalBracket(r)}
	}
	return bracketInfo{kind: closeBracket, id: canonicalBracket(b.pair)}
}

// resolveLevels returns the embedding level of each character of a line
// whose characters have the bidi classes cls and the bracket data br (nil
// when there are no paired brackets). paraLevel is 0 or 1, or autoLevel to
// apply P2–P3 to each paragraph. The text is split into paragraphs after
// each paragraph separator (P1). Rule L1 is applied, taking the whole text
// as one line. Characters removed by rule X9 get the level of the
// character before them (the paragraph level at the start), before L1.
func resolveLevels(cls []xbidi.Class, br []bracketInfo, paraLevel int) []level {
	levels := make([]level, len(cls))
	resolveLevelsInto(levels, cls, br, paraLevel)
	return levels
}

// resolveLevelsInto is resolveLevels writing into levels, which has the
// length of cls. It returns the level of the first paragraph.
func resolveLevelsInto(levels []level, cls []xbidi.Class, br []bracketInfo, paraLevel int) level {
	n := len(cls)
	types := make([]xbidi.Class, n)
	copy(types, cls)
	match := make([]int, n)
	var first level
	for start := 0; start < n; {
		end := start
		for end < n && cls[end] != xbidi.B {
			end++
		}
		if end < n {
			end++ // the separator belongs to the paragraph it ends
		}
		p := paragraph{
			initial: cls[start:end],
			types:   types[start:end],
			levels:  levels[start:end],
			match:   match[start:end],
		}
		if br != nil {
			p.br = br[start:end]
		}
		switch {
		case paraLevel == autoLevel:
			if firstStrong(p.initial) == xbidi.R {
				p.level = 1
			}
		case paraLevel > 0:
			p.level = 1
		}
		if start == 0 {
			first = p.level
		}
		p.resolve()
		start = end
	}
	return first
}

// paragraph holds one paragraph while its levels are resolved. All slices
// have the paragraph's length.
type paragraph struct {
	initial []xbidi.Class // the classes as given
	types   []xbidi.Class // the classes as the rules change them
	br      []bracketInfo // bracket data, or nil
	levels  []level       // the result
	match   []int         // BD9: for an isolate initiator its matching PDI, for a PDI its initiator; -1 if none
	level   level         // the paragraph embedding level
}

func (p *paragraph) resolve() {
	p.matchIsolates()
	p.explicitLevels()
	seqs := p.isolatingRunSequences()
	for i := range seqs {
		seqs[i].resolve(p)
	}
	// Characters removed by X9 take the level of the character before
	// them, so that they stay next to it when reordered.
	for i, c := range p.initial {
		if removedByX9(c) {
			if i == 0 {
				p.levels[i] = p.level
			} else {
				p.levels[i] = p.levels[i-1]
			}
		}
	}
	p.lineRule()
}

// firstStrong applies P2: it returns L, R (for R and AL) or ON (none found)
// for the first strong character of cls outside isolates, stopping at a
// paragraph separator.
func firstStrong(cls []xbidi.Class) xbidi.Class {
	depth := 0
	for _, c := range cls {
		if d, ok := p2(c, &depth); ok {
			return d
		}
	}
	return xbidi.ON
}

// p2 is one step of rule P2 (and of BaseDirection): the next character's
// class c at isolate depth *depth, which it updates. ok is true when c
// decides, with d L, R (for R and AL) or ON (a paragraph separator before
// any strong character outside isolates).
func p2(c xbidi.Class, depth *int) (d xbidi.Class, ok bool) {
	switch c {
	case xbidi.L:
		return xbidi.L, *depth == 0
	case xbidi.R, xbidi.AL:
		return xbidi.R, *depth == 0
	case xbidi.LRI, xbidi.RLI, xbidi.FSI:
		*depth++
	case xbidi.PDI:
		if *depth > 0 {
			*depth--
		}
	case xbidi.B:
		return xbidi.ON, true
	}
	return xbidi.ON, false
}

func isIsolateInitiator(c xbidi.Class) bool {
	return c == xbidi.LRI || c == xbidi.RLI || c == xbidi.FSI
}

// removedByX9 reports whether rule X9 removes characters of class c.
func removedByX9(c xbidi.Class) bool {
	switch c {
	case xbidi.RLE, xbidi.LRE, xbidi.RLO, xbidi.LRO, xbidi.PDF, xbidi.BN:
		return true
	}
	return false
}

// matchIsolates finds the matching PDI of each isolate initiator (BD9).
func (p *paragraph) matchIsolates() {
	var open []int
	for i, c := range p.initial {
		p.match[i] = -1
		switch c {
		case xbidi.LRI, xbidi.RLI, xbidi.FSI:
			open = append(open, i)
		case xbidi.PDI:
			if k := len(open); k > 0 {
				p.match[open[k-1]] = i
				p.match[i] = open[k-1]
				open = open[:k-1]
			}
		}
	}
}

// status is an entry of the directional status stack (X1).
type status struct {
	level    level
	override xbidi.Class // ON (neutral), L or R
	isolate  bool
}

// explicitLevels applies rules X1–X8.
func (p *paragraph) explicitLevels() {
	stack := make([]status, 1, maxDepth+2)
	stack[0] = status{level: p.level, override: xbidi.ON}
	overflowIsolates, overflowEmbeddings, validIsolates := 0, 0, 0
	for i, c := range p.initial {
		top := stack[len(stack)-1]
		switch c {
		case xbidi.RLE, xbidi.LRE, xbidi.RLO, xbidi.LRO: // X2–X5
			p.levels[i] = top.level
			next := nextLevel(top.level, c == xbidi.RLE || c == xbidi.RLO)
			if next <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				s := status{level: next, override: xbidi.ON}
				switch c {
				case xbidi.RLO:
					s.override = xbidi.R
				case xbidi.LRO:
					s.override = xbidi.L
				}
				stack = append(stack, s)
			} else if overflowIsolates == 0 {
				overflowEmbeddings++
			}
		case xbidi.RLI, xbidi.LRI, xbidi.FSI: // X5a–X5c
			p.levels[i] = top.level
			if top.override != xbidi.ON {
				p.types[i] = top.override
			}
			rtl := c == xbidi.RLI
			if c == xbidi.FSI {
				end := p.match[i]
				if end < 0 {
					end = len(p.initial)
				}
				rtl = firstStrong(p.initial[i+1:end]) == xbidi.R
			}
			next := nextLevel(top.level, rtl)
			if next <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				validIsolates++
				stack = append(stack, status{level: next, override: xbidi.ON, isolate: true})
			} else {
				overflowIsolates++
			}
		case xbidi.PDI: // X6a
			switch {
			case overflowIsolates > 0:
				overflowIsolates--
			case validIsolates == 0:
			default:
				overflowEmbeddings = 0
				for !stack[len(stack)-1].isolate {
					stack = stack[:len(stack)-1]
				}
				stack = stack[:len(stack)-1]
				validIsolates--
			}
			top = stack[len(stack)-1]
			p.levels[i] = top.level
			if top.override != xbidi.ON {
				p.types[i] = top.override
			}
		case xbidi.PDF: // X7
			p.levels[i] = top.level
			switch {
			case overflowIsolates > 0:
			case overflowEmbeddings > 0:
				overflowEmbeddings--
			case !top.isolate && len(stack) >= 2:
				stack = stack[:len(stack)-1]
			}
		case xbidi.B: // X8
			p.levels[i] = p.level
		case xbidi.BN: // removed by X9; level assigned afterwards
			p.levels[i] = top.level
		default: // X6
			p.levels[i] = top.level
			if top.override != xbidi.ON {
				p.types[i] = top.override
			}
		}
	}
}

// nextLevel returns the least odd (rtl) or even level greater than l.
func nextLevel(l level, rtl bool) level {
	if rtl {
		return (l + 1) | 1
	}
	return (l + 2) &^ 1
}

// isolatingRunSequence is a BD13 isolating run sequence: the positions of
// its characters in the paragraph, and its sos and eos (L or R).
type isolatingRunSequence struct {
	pos      []int
	sos, eos xbidi.Class
}

// isolatingRunSequences applies X9 and X10: it splits the characters that
// X9 keeps into level runs and chains the runs into isolating run
// sequences, computing sos and eos from the explicit levels.
func (p *paragraph) isolatingRunSequences() []isolatingRunSequence {
	// Level runs (BD7) over the characters not removed by X9.
	var runs [][]int
	runAt := make([]int, len(p.initial)) // first position of a run → run index + 1
	var cur []int
	for i, c := range p.initial {
		if removedByX9(c) {
			continue
		}
		if len(cur) > 0 && p.levels[i] != p.levels[cur[0]] {
			runAt[cur[0]] = len(runs) + 1
			runs = append(runs, cur)
			cur = nil
		}
		cur = append(cur, i)
	}
	if len(cur) > 0 {
		runAt[cur[0]] = len(runs) + 1
		runs = append(runs, cur)
	}
	// next[r] is the run that continues run r's sequence, or -1.
	next := make([]int, len(runs))
	continued := make([]bool, len(runs))
	for r, run := range runs {
		next[r] = -1
		last := run[len(run)-1]
		if !isIsolateInitiator(p.initial[last]) || p.match[last] < 0 {
			continue
		}
		if k := runAt[p.match[last]] - 1; k >= 0 {
			next[r] = k
			continued[k] = true
		}
	}
	var seqs []isolatingRunSequence
	for r := range runs {
		if continued[r] {
			continue
		}
		var pos []int
		for k := r; k >= 0; k = next[k] {
			pos = append(pos, runs[k]...)
		}
		first, last := pos[0], pos[len(pos)-1]
		before := p.level
		for i := first - 1; i >= 0; i-- {
			if !removedByX9(p.initial[i]) {
				before = p.levels[i]
				break
			}
		}
		after := p.level
		if !isIsolateInitiator(p.initial[last]) {
			for i := last + 1; i < len(p.initial); i++ {
				if !removedByX9(p.initial[i]) {
					after = p.levels[i]
					break
				}
			}
		}
		l := p.levels[first]
		seqs = append(seqs, isolatingRunSequence{
			pos: pos,
			sos: directionOf(max(before, l)),
			eos: directionOf(max(after, p.levels[last])),
		})
	}
	return seqs
}

// directionOf returns R for an odd level and L for an even one.
func directionOf(l level) xbidi.Class {
	if l&1 != 0 {
		return xbidi.R
	}
	return xbidi.L
}

// resolve applies W1–W7, N0–N2 and I1–I2 to the sequence and stores the
// resulting levels (and types) in p.
func (s *isolatingRunSequence) resolve(p *paragraph) {
	n := len(s.pos)
	t := make([]xbidi.Class, n)
	for k, i := range s.pos {
		t[k] = p.types[i]
	}
	lvl := p.levels[s.pos[0]]
	embedding := directionOf(lvl)

	// W1: a nonspacing mark takes the type of the character before it, or
	// ON after an isolate initiator or PDI, or sos at the start.
	for k := range t {
		if t[k] != xbidi.NSM {
			continue
		}
		switch {
		case k == 0:
			t[k] = s.sos
		case isIsolateInitiator(t[k-1]) || t[k-1] == xbidi.PDI:
			t[k] = xbidi.ON
		default:
			t[k] = t[k-1]
		}
	}
	// W2: a European number after Arabic letters is an Arabic number.
	// W3: Arabic letters are R.
	strong := s.sos
	for k, c := range t {
		switch c {
		case xbidi.L, xbidi.R, xbidi.AL:
			strong = c
		case xbidi.EN:
			if strong == xbidi.AL {
				t[k] = xbidi.AN
			}
		}
	}
	for k, c := range t {
		if c == xbidi.AL {
			t[k] = xbidi.R
		}
	}
	// W4: a single separator between two numbers of one type joins them.
	for k := 1; k+1 < n; k++ {
		switch t[k] {
		case xbidi.ES:
			if t[k-1] == xbidi.EN && t[k+1] == xbidi.EN {
				t[k] = xbidi.EN
			}
		case xbidi.CS:
			if t[k-1] == xbidi.EN && t[k+1] == xbidi.EN {
				t[k] = xbidi.EN
			} else if t[k-1] == xbidi.AN && t[k+1] == xbidi.AN {
				t[k] = xbidi.AN
			}
		}
	}
	// W5: terminators next to a European number are European numbers.
	for k := 0; k < n; {
		if t[k] != xbidi.ET {
			k++
			continue
		}
		end := k
		for end < n && t[end] == xbidi.ET {
			end++
		}
		if (k > 0 && t[k-1] == xbidi.EN) || (end < n && t[end] == xbidi.EN) {
			for j := k; j < end; j++ {
				t[j] = xbidi.EN
			}
		}
		k = end
	}
	// W6: remaining separators and terminators are neutral.
	for k, c := range t {
		switch c {
		case xbidi.ES, xbidi.ET, xbidi.CS:
			t[k] = xbidi.ON
		}
	}
	// W7: a European number in left-to-right context is L.
	strong = s.sos
	for k, c := range t {
		switch c {
		case xbidi.L, xbidi.R:
			strong = c
		case xbidi.EN:
			if strong == xbidi.L {
				t[k] = xbidi.L
			}
		}
	}
	if p.br != nil {
		s.resolveBrackets(p, t, embedding)
	}
	// N1, N2: a run of neutrals between two strong types of one
	// direction takes it (numbers count as R); otherwise the embedding
	// direction.
	for k := 0; k < n; {
		if !isNeutral(t[k]) {
			k++
			continue
		}
		end := k
		for end < n && isNeutral(t[end]) {
			end++
		}
		before, after := s.sos, s.eos
		if k > 0 {
			before = strongDirection(t[k-1])
		}
		if end < n {
			after = strongDirection(t[end])
		}
		dir := embedding
		if before == after {
			dir = before
		}
		for j := k; j < end; j++ {
			t[j] = dir
		}
		k = end
	}
	// I1, I2.
	for k, i := range s.pos {
		l := p.levels[i]
		switch c := t[k]; {
		case l&1 == 0 && c == xbidi.R:
			l++
		case l&1 == 0 && (c == xbidi.AN || c == xbidi.EN):
			l += 2
		case l&1 != 0 && (c == xbidi.L || c == xbidi.EN || c == xbidi.AN):
			l++
		}
		p.levels[i] = l
		p.types[i] = t[k]
	}
}

// isNeutral reports whether c is a neutral or isolate formatting type (NI)
// for N1 and N2.
func isNeutral(c xbidi.Class) bool {
	switch c {
	case xbidi.B, xbidi.S, xbidi.WS, xbidi.ON, xbidi.LRI, xbidi.RLI, xbidi.FSI, xbidi.PDI:
		return true
	}
	return false
}

// strongDirection returns the direction a resolved type gives to the
// neutrals next to it: L for L, R for R, EN and AN.
func strongDirection(c xbidi.Class) xbidi.Class {
	if c == xbidi.L {
		return xbidi.L
	}
	return xbidi.R
}

// maxBracketDepth is the size of the BD16 stack.
const maxBracketDepth = 63

// resolveBrackets applies N0 to the sequence's working types t.
func (s *isolatingRunSequence) resolveBrackets(p *paragraph, t []xbidi.Class, embedding xbidi.Class) {
	// BD16: find the bracket pairs, in order of their opening brackets.
	type opener struct {
		id rune
		k  int
	}
	type pair struct{ open, close int }
	var stack []opener
	var pairs []pair
scan:
	for k, i := range s.pos {
		b := p.br[i]
		if b.kind == notBracket || t[k] != xbidi.ON {
			continue
		}
		switch b.kind {
		case openBracket:
			if len(stack) == maxBracketDepth {
				break scan
			}
			stack = append(stack, opener{b.id, k})
		case closeBracket:
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].id == b.id {
					pairs = append(pairs, pair{stack[j].k, k})
					stack = stack[:j]
					break
				}
			}
		}
	}
	if len(pairs) == 0 {
		return
	}
	sortPairs(pairs, func(a, b pair) bool { return a.open < b.open })

	opposite := xbidi.L
	if embedding == xbidi.L {
		opposite = xbidi.R
	}
	for _, pr := range pairs {
		found := xbidi.ON
		for k := pr.open + 1; k < pr.close; k++ {
			d := strongOrNumber(t[k])
			if d == embedding {
				found = embedding
				break
			}
			if d == opposite {
				found = opposite
			}
		}
		var dir xbidi.Class
		switch found {
		case embedding: // N0 b
			dir = embedding
		case opposite: // N0 c
			context := s.sos
			for k := pr.open - 1; k >= 0; k-- {
				if d := strongOrNumber(t[k]); d != xbidi.ON {
					context = d
					break
				}
			}
			if context == opposite {
				dir = opposite
			} else {
				dir = embedding
			}
		default: // N0 d
			continue
		}
		for _, k := range [2]int{pr.open, pr.close} {
			t[k] = dir
			// Nonspacing marks after a bracket take its new type.
			for j := k + 1; j < len(t) && p.initial[s.pos[j]] == xbidi.NSM; j++ {
				t[j] = dir
			}
		}
	}
}

// strongOrNumber returns L for L, R for R, EN and AN (N0 treats numbers
// as R), and ON for anything else.
func strongOrNumber(c xbidi.Class) xbidi.Class {
	switch c {
	case xbidi.L:
		return xbidi.L
	case xbidi.R, xbidi.EN, xbidi.AN:
		return xbidi.R
	}
	return xbidi.ON
}

// sortPairs sorts a short slice by insertion; bracket pairs are found
// almost in order, so this is linear in practice.
func sortPairs[T any](a []T, less func(a, b T) bool) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && less(a[j], a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// lineRule applies L1: segment and paragraph separators, and any run of
// white space, isolate formatting characters and characters removed by X9
// before them or at the end of the line, go to the paragraph level.
func (p *paragraph) lineRule() {
	from := -1
	for i, c := range p.initial {
		switch {
		case c == xbidi.S || c == xbidi.B:
			if from < 0 {
				from = i
			}
			for j := from; j <= i; j++ {
				p.levels[j] = p.level
			}
			from = -1
		case c == xbidi.WS || isIsolateInitiator(c) || c == xbidi.PDI || removedByX9(c):
			if from < 0 {
				from = i
			}
		default:
			from = -1
		}
	}
	if from >= 0 {
		for j := from; j < len(p.initial); j++ {
			p.levels[j] = p.level
		}
	}
}

// reorderL2 applies rule L2 to items: from the highest level down to the
// lowest odd level, it reverses every maximal sequence of items at that
// level or higher.
func reorderL2[T any](items []T, levelOf func(T) level) {
	var highest level
	lowestOdd := level(maxDepth + 2)
	for _, it := range items {
		l := levelOf(it)
		highest = max(highest, l)
		if l&1 != 0 {
			lowestOdd = min(lowestOdd, l)
		}
	}
	for l := highest; l >= lowestOdd && l > 0; l-- {
		for i := 0; i < len(items); {
			if levelOf(items[i]) < l {
				i++
				continue
			}
			j := i
			for j < len(items) && levelOf(items[j]) >= l {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				items[a], items[b] = items[b], items[a]
			}
			i = j
		}
	}
}
