package template

import (
	"unicode/utf8"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newTypographer returns goldmark's typographer extension (as
// extension.NewTypographer, at its priority) with quoteRuns around its
// inline parser.
func newTypographer(opts ...extension.TypographerOption) goldmark.Extender {
	return inlineExtension{&quoteRuns{inner: extension.NewTypographerParser(opts...)}, 9999}
}

// inlineExtension is an extension that adds one inline parser at a
// priority: how the templates' parser puts its wrappers of goldmark's
// own parsers (quoteRuns, linkifyGate) in their place.
type inlineExtension struct {
	parser   parser.InlineParser
	priority int
}

// Extend adds the inline parser to m's parser.
func (e inlineExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(e.parser, e.priority)))
}

// quoteRuns wraps goldmark's typographer inline parser so that a long run
// of one quote character takes linear time, with exactly the typographer's
// output.
//
// goldmark's typographer (extension/typographer.go, v1.8.7) is called for
// every ' and " and calls parser.ScanDelimiter on the rest of the line,
// which walks the whole run of the same character to find the character
// after it. A run of n quotes therefore costs n²/2 steps: 160,000 " took
// 3.3 s to parse and 320,000 took 13 s, and the parse cost guard
// (checkCost) does not see quotes. The typographer looks only at the
// first four bytes of the line (the quote and the three after it) and,
// through ScanDelimiter, at the character after the run; the run's length
// itself is never used. So when the run is longer than quoteRunKeep, the
// typographer is handed a short line: quoteRunKeep quotes, then the
// first character after the run. It decides exactly as it would on the
// whole line, and the end of the run is found once per run, not once per
// quote.
type quoteRuns struct {
	inner parser.InlineParser
}

// quoteRunKeep is how many quotes of a long run the typographer is shown:
// more than the four bytes it reads.
const quoteRunKeep = 8

// quoteRunKey is the parser.Context key of the per-parse quoteRunState.
var quoteRunKey = parser.NewContextKey()

// quoteRunState remembers the run being parsed, and holds the reader and
// buffer handed to the typographer so that a call allocates nothing.
type quoteRunState struct {
	// seg is the segment of the line at the last long-run call, and end
	// the offset in the source where its run ends.
	seg text.Segment
	end int
	c   byte
	buf [quoteRunKeep + utf8.UTFMax]byte
	r   shortLineReader
	// scanned counts the bytes compared to find the ends of runs, so that
	// a test can count this work rather than time it.
	scanned int
}

// shortLineReader is the reader the typographer sees for a long run: the
// parser's own reader, except that PeekLine returns the short line.
type shortLineReader struct {
	text.Reader
	line []byte
	seg  text.Segment
}

// PeekLine returns the short line in place of the reader's line.
func (r *shortLineReader) PeekLine() ([]byte, text.Segment) { return r.line, r.seg }

// Trigger returns the typographer's trigger characters.
func (q *quoteRuns) Trigger() []byte { return q.inner.Trigger() }

// Parse calls the typographer, with a short line when the line starts
// with a run of more than quoteRunKeep of one quote character.
func (q *quoteRuns) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, seg := block.PeekLine()
	if len(line) <= quoteRunKeep || (line[0] != '"' && line[0] != '\'') || line[quoteRunKeep] != line[0] {
		return q.inner.Parse(parent, block, pc)
	}
	st, _ := pc.Get(quoteRunKey).(*quoteRunState)
	if st == nil {
		st = &quoteRunState{}
		pc.Set(quoteRunKey, st)
	}
	c := line[0]
	// Within one run the calls come for each next byte of the same line
	// (whether the typographer advanced or goldmark kept the quote as
	// text), so the run's end is already known.
	var n int
	if st.c == c && seg.Stop == st.seg.Stop && seg.Start > st.seg.Start && seg.Start < st.end {
		n = min(st.end-seg.Start, len(line))
	} else {
		for n < len(line) && line[n] == c {
			n++
		}
		st.scanned += n
	}
	st.seg, st.end, st.c = seg, seg.Start+n, c
	if n <= quoteRunKeep {
		return q.inner.Parse(parent, block, pc)
	}
	short := append(st.buf[:0], line[:quoteRunKeep]...)
	if n < len(line) {
		_, size := utf8.DecodeRune(line[n:])
		short = append(short, line[n:n+size]...)
	}
	st.r = shortLineReader{Reader: block, line: short, seg: seg}
	node := q.inner.Parse(parent, &st.r, pc)
	st.r.Reader = nil // keep no reader past the call
	return node
}

// CloseBlock passes the end of a block on to the typographer when it
// wants to know (goldmark v1.8.7's typographer does not: its CloseBlock
// has another signature, so its counts of unclosed quotes carry over
// from one paragraph to the next, and so they do here).
func (q *quoteRuns) CloseBlock(parent gast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := q.inner.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}
