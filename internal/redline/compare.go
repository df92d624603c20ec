package redline

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// Kind is the kind of a Change.
type Kind string

// The kinds of change.
const (
	// Insert is text only the new version has.
	Insert Kind = "insert"
	// Delete is text only the old version has.
	Delete Kind = "delete"
	// Replace is old text whose place new text takes.
	Replace Kind = "replace"
	// Format is text that reads the same but is formatted differently:
	// emphasis added or removed, a link's title changed, a heading level.
	// Words that read the same whose link goes elsewhere are a Replace:
	// the destination is what changed (see Change.Destinations).
	Format Kind = "format"
	// Move is a block (a paragraph, a list item) that both versions have,
	// in different places; it is listed twice, where it went from (Old)
	// and where it went to (New), each end naming the other (MovedTo,
	// MovedFrom).
	Move Kind = "move"
)

// Change is one change between the old and the new version of a document.
type Change struct {
	Kind Kind
	// ID names the change ("change-3"); its anchor in the redline is
	// Anchor(ID).
	ID string
	// Section is the path of headings the change is under in the new
	// version, outermost first; empty before the first heading. A block
	// only the old version has (a deleted heading, and what was under it)
	// is under its path in the old version: a deleted heading's is its
	// old ancestors and itself. A change inside a footnote is in the
	// section that references the footnote first.
	Section []string
	// Old and New are the text the change takes out and puts in; both are
	// the same text for a Format change.
	Old, New string
	// OldPos and NewPos are where the change is in each template: where
	// the text it changes starts (the zero Pos when not known).
	OldPos, NewPos ast.Pos
	// OldWord and NewWord count the words (see Words) of each version
	// before the change.
	OldWord, NewWord int
	// Destinations are the destinations of links and images in the
	// change that go elsewhere in the new version, in reading order:
	// "here" linked to https://a.example before and https://b.example
	// now. Empty when none changed, and when the change adds or takes out
	// links or images (their destinations are then in Old's and New's
	// place in the redline).
	Destinations []DestinationChange
	// MovedTo and MovedFrom name the other end of a Move: MovedTo, on
	// the place a block went from (Old), the ID of the change where it
	// went to; MovedFrom, on that one, the ID of the first. Empty for
	// every other kind.
	MovedTo, MovedFrom string
}

// DestinationChange is a link's or an image's destination that changed.
type DestinationChange struct {
	Old, New string
}

// Result is a comparison of two documents.
type Result struct {
	// Changes are the changes in reading order of the redline.
	Changes []Change
	// Meta are the changes of the metadata, which the text does not
	// show.
	Meta []MetaChange
	// Redline is the new document with every change marked: deleted text
	// in an *ast.Change of kind ast.Deleted where it was, inserted and
	// reformatted text in Changes of their kinds. It shares nodes with the
	// new document.
	Redline *ast.Document
	// Warnings are the parts of the redline compared more coarsely than
	// word by word (see WarningKind), in the order of the new version:
	// one for each paragraph compared sentence by sentence, one for each
	// run of blocks aligned at anchors. Normal documents have none; a
	// paragraph needs some thousand words and a run some two thousand
	// blocks to have one, so that they are few for any input.
	Warnings []Warning
	// order is every section path (sectionKey) in the order the
	// comparison entered it, which is the documents' order: the sections
	// of the summary and notice are listed in it, not in the order of
	// their first change, which put a section whose only change is in a
	// footnote (the notes come last) after the sections that follow it.
	order []string
	// sides are the stretches of the redline's texts that only one
	// version has, shown unmarked (see sideRange), for View.
	sides map[*ast.Text][]sideRange
}

// minMoveWords is the fewest words a block must have for a deletion and
// an insertion of it to be taken for a move: "Yes." deleted in one place
// and written in another is two changes.
const minMoveWords = 4

// comparer holds what a comparison has found so far.
type comparer struct {
	changes []Change
	// new and old are the section paths reached in each version: a
	// change is in new's, unless it is a block only the old version has,
	// which is in old's (a deleted heading's ancestors are those it had).
	new, old         sections
	oldWord, newWord int
	err              error
	// work is the work of the alignments so far, as Myers' algorithm
	// costs it: for each, its elements times its differences (see
	// comparer.align).
	work int
	// warnings are the parts compared more coarsely than word by word,
	// in the order they were compared.
	warnings []Warning
	// sides is Result.sides.
	sides map[*ast.Text][]sideRange
	// interrupt, when not nil, stops the comparison with its error
	// (CompareInterrupt).
	interrupt func() error
}

// interrupted records interrupt's error in c.err, and reports whether
// the comparison is to stop.
func (c *comparer) interrupted() bool {
	if c.err == nil && c.interrupt != nil {
		c.err = c.interrupt()
	}
	return c.err != nil
}

// sections is a section path of one version as its headings are passed.
type sections struct {
	section []string
	levels  []int
	title   string // the version's title heading's text
	// notes is the section path of each footnote by its number: the
	// section of its first reference (see noteSections).
	notes map[int][]string
	// order, when not nil, gets each section path as it is entered (see
	// Result.order), the old version's and the new's into one list.
	order *[]string
}

// Compare compares two filled documents, old and new, word by word within
// the blocks they share, and returns the changes and the redline. It
// never changes old or new. A panic inside (a bug, never expected) is
// returned as an error, so that no caller needs its own guard.
func Compare(old, new *ast.Document) (*Result, error) {
	return compare(old, new, &comparer{})
}

// CompareInterrupt is Compare stopping with interrupt's error when it
// returns one: it is called between blocks (nested ones too), never per
// word; nil is Compare.
func CompareInterrupt(old, new *ast.Document, interrupt func() error) (*Result, error) {
	return compare(old, new, &comparer{interrupt: interrupt})
}

// compare is Compare with c, an empty comparer, to find the changes.
func compare(old, new *ast.Document, c *comparer) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("internal error while comparing (please report it with this input): %v", p)
		}
	}()
	if h := ast.Title(new); h != nil {
		c.new.title = ast.PlainText(h.Inlines)
	}
	if h := ast.Title(old); h != nil {
		c.old.title = ast.PlainText(h.Inlines)
	}
	c.new.notes = noteSections(new, c.new.title)
	c.old.notes = noteSections(old, c.old.title)
	var order []string
	c.new.order, c.old.order = &order, &order
	c.sides = map[*ast.Text][]sideRange{}
	blocks := c.blocks(old.Blocks, new.Blocks)
	if c.err != nil {
		return nil, c.err
	}
	doc := *new
	doc.Blocks = notesLast(blocks)
	return &Result{Changes: c.changes, Meta: compareMeta(old.Meta, new.Meta), Redline: &doc, Warnings: c.warnings, order: order, sides: c.sides}, nil
}

// notesLast returns bs with its footnote definitions after every other
// block, in order: a deleted footnote's text (see markBlock), which is no
// definition, stays with the text and out of the notes.
func notesLast(bs []ast.Block) []ast.Block {
	if !slices.ContainsFunc(bs, isNote) {
		return bs
	}
	var text, notes []ast.Block
	for _, b := range bs {
		if _, ok := b.(*ast.FootnoteDefinition); ok {
			notes = append(notes, b)
		} else {
			text = append(text, b)
		}
	}
	return append(text, notes...)
}

// isNote reports whether b is a footnote definition.
func isNote(b ast.Block) bool {
	_, ok := b.(*ast.FootnoteDefinition)
	return ok
}

// Changed reports whether the versions differ at all: in their text or
// their metadata.
func (r *Result) Changed() bool { return len(r.Changes) > 0 || len(r.Meta) > 0 }

// anchorPrefix starts every id the redline gives its own anchors: the
// changes' and the summary's. Heading ids are slugs, which never hold an
// underscore (template's slug drops it), so that no heading of the
// document ("Change 1", "Summary of changes") can take one: the HTML had
// id="change-1" twice.
const anchorPrefix = "redline_"

// SummaryID is the id of the summary of changes' heading.
const SummaryID = anchorPrefix + "summary"

// Anchor returns the id of the anchor in the redline of the change whose
// ID is id: "redline_change-3" for "change-3".
func Anchor(id string) string { return anchorPrefix + id }

// add records a change in the new version's current section and returns
// its anchor (Anchor).
func (c *comparer) add(ch Change) string { return c.addIn(ch, &c.new) }

// addIn records a change in the current section of in and returns its
// anchor (Anchor).
func (c *comparer) addIn(ch Change, in *sections) string {
	ch.ID = "change-" + strconv.Itoa(len(c.changes)+1)
	ch.Old, ch.New = strings.TrimSpace(ch.Old), strings.TrimSpace(ch.New)
	ch.Section = append([]string(nil), in.section...)
	ch.OldWord, ch.NewWord = c.oldWord, c.newWord
	c.changes = append(c.changes, ch)
	return Anchor(ch.ID)
}

// enter updates the section path for a heading of its version. The
// document's title is no section of its own.
func (s *sections) enter(h *ast.Heading) {
	if h.Level == 1 && s.title != "" && ast.PlainText(h.Inlines) == s.title {
		return
	}
	s.push(h.Level, ast.PlainText(h.Inlines))
}

// clauseLevel is the level of a clause heading written as a paragraph of
// bold text ("**4.2 Retention Period**"): below every real heading.
const clauseLevel = 7

// clause updates the section path for a paragraph of its version that
// is a clause heading: bold text alone that starts with a number.
func (s *sections) clause(p *ast.Paragraph) {
	if len(p.Inlines) != 1 {
		return
	}
	b, ok := p.Inlines[0].(*ast.Strong)
	if !ok {
		return
	}
	if t := strings.TrimSpace(ast.PlainText(b.Inlines)); t != "" && t[0] >= '0' && t[0] <= '9' {
		s.push(clauseLevel, t)
	}
}

// noteSections returns the section path of each footnote of doc, whose
// title heading's text is title, by its number: the section whose text
// references it first, as the comparison follows the sections (see
// comparer.equal), or for a footnote first referenced in another
// footnote that one's section. Footnotes come at the end of the
// document, and a change in one was filed under the document's last
// section, which says nothing of it: a reader looks for it where the
// note is referenced. A footnote referenced nowhere has none.
func noteSections(doc *ast.Document, title string) map[int][]string {
	if !slices.ContainsFunc(doc.Blocks, isNote) {
		return nil
	}
	notes := map[int][]string{}
	s := sections{title: title}
	refs := func(b ast.Block, in []string) {
		ast.Walk(b, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Heading:
				if in == nil {
					s.enter(n)
				}
			case *ast.FootnoteRef:
				if _, ok := notes[n.Index]; !ok {
					at := in
					if at == nil {
						at = s.section
					}
					notes[n.Index] = slices.Clip(slices.Clone(at))
				}
			}
			return true
		})
	}
	var defs []*ast.FootnoteDefinition
	for _, b := range doc.Blocks {
		if f, ok := b.(*ast.FootnoteDefinition); ok {
			defs = append(defs, f)
			continue
		}
		if p, ok := b.(*ast.Paragraph); ok {
			s.clause(p)
		}
		refs(b, nil)
	}
	// A note referenced only from another note: that note's section, in
	// as many rounds as notes refer to notes in a chain.
	for range defs {
		n := len(notes)
		for _, f := range defs {
			if at, ok := notes[f.Index]; ok {
				refs(f, at)
			}
		}
		if len(notes) == n {
			break
		}
	}
	return notes
}

// inNote makes the section of s, until the function it returns is
// called, the one that references footnote n of its version (see
// noteSections), when one does.
func (s *sections) inNote(n int) func() {
	at, ok := s.notes[n]
	if !ok {
		return func() {}
	}
	section, levels := s.section, s.levels
	s.section, s.levels = at, make([]int, len(at))
	return func() { s.section, s.levels = section, levels }
}

// push makes title, a heading of level, the innermost section.
func (s *sections) push(level int, title string) {
	for len(s.levels) > 0 && s.levels[len(s.levels)-1] >= level {
		s.levels, s.section = s.levels[:len(s.levels)-1], s.section[:len(s.section)-1]
	}
	s.levels = append(s.levels, level)
	s.section = append(s.section, strings.Join(strings.Fields(title), " "))
	if s.order != nil {
		*s.order = append(*s.order, sectionKey(s.section))
	}
}

// sectionKey is a section path as one string, to compare and look up.
func sectionKey(section []string) string { return strings.Join(section, "\x00") }

// blocks aligns two runs of blocks (or of list items) and returns the
// redline's blocks.
func (c *comparer) blocks(old, new []ast.Block) []ast.Block {
	if c.interrupted() {
		return nil
	}
	ka, wa := keys(old)
	kb, wb := keys(new)
	ops, err := c.alignLong(ka, kb, "block", "blocks", func(j int) ast.Pos {
		if j < len(new) {
			return new[j].Pos()
		}
		return ast.Pos{}
	})
	if err != nil {
		c.err = err
		return nil
	}
	mv := findMoves(ops, ka, kb, wa)
	var out []ast.Block
	i, j := 0, 0
	for x := 0; x < len(ops); {
		if c.interrupted() {
			return out
		}
		if ops[x].kind == opEqual {
			for k, b := range new[j : j+ops[x].n] {
				c.equal(b)
				out = append(out, b)
				c.oldWord += wa[i+k]
				c.newWord += wb[j+k]
			}
			i, j = i+ops[x].n, j+ops[x].n
			x++
			continue
		}
		di, dj := i, j
		x, i, j = skipChanges(ops, x, i, j)
		out = c.hunk(out, hunk{old[di:i], di, wa[di:i]}, hunk{new[dj:j], dj, wb[dj:j]}, mv)
	}
	if c.err != nil {
		return out // a change of a pair may not have been made
	}
	// Each end of a move names the other: the pairs are made here, where
	// the blocks are, not later by their text.
	for _, p := range mv.pairs {
		from, to := &c.changes[p.fromChange], &c.changes[p.toChange]
		from.MovedTo, to.MovedFrom = to.ID, from.ID
	}
	return out
}

// moves are the moves of one alignment of blocks: blocks deleted whole
// at one place and inserted whole at another.
type moves struct {
	// del and ins give the pair (an index in pairs) of each moved block
	// of each version, by its index in its run of blocks.
	del, ins map[int]int
	pairs    []movePair
}

// movePair is a moved block: its index in the old run of blocks and in
// the new one, and the index in comparer.changes of the change of each
// end, once made.
type movePair struct{ from, to, fromChange, toChange int }

// findMoves pairs the blocks an alignment deletes with those it inserts
// that are the same (equal keys) and long enough (minMoveWords), the
// first deleted with the first inserted and so on: a block deleted twice
// and inserted once is one move and one deletion.
func findMoves(ops []op, ka, kb []string, wa []int) moves {
	deleted := map[string][]int{}
	i, j := 0, 0
	for _, o := range ops {
		switch o.kind {
		case opDelete:
			for k := i; k < i+o.n; k++ {
				if wa[k] >= minMoveWords {
					deleted[ka[k]] = append(deleted[ka[k]], k)
				}
			}
			i += o.n
		case opInsert:
			j += o.n
		default:
			i, j = i+o.n, j+o.n
		}
	}
	mv := moves{del: map[int]int{}, ins: map[int]int{}}
	if len(deleted) == 0 {
		return mv
	}
	j = 0
	for _, o := range ops {
		if o.kind == opDelete {
			continue
		}
		if o.kind == opInsert {
			for k := j; k < j+o.n; k++ {
				if d := deleted[kb[k]]; len(d) > 0 {
					mv.del[d[0]], mv.ins[k] = len(mv.pairs), len(mv.pairs)
					mv.pairs = append(mv.pairs, movePair{from: d[0], to: k})
					deleted[kb[k]] = d[1:]
				}
			}
		}
		j += o.n
	}
	return mv
}

// equal passes a block both versions have over, following its headings
// in both.
func (c *comparer) equal(b ast.Block) {
	if p, ok := b.(*ast.Paragraph); ok {
		c.new.clause(p)
		c.old.clause(p)
	}
	ast.WalkHeadings([]ast.Block{b}, func(h *ast.Heading) bool {
		c.new.enter(h)
		c.old.enter(h)
		return true
	})
}

// hunk is a run of blocks of one version, from index start of its run
// of blocks, with their word counts.
type hunk struct {
	blocks []ast.Block
	start  int
	words  []int
}

// pairWindow is how many inserted blocks, from the first not yet
// placed, a deleted block of a hunk is tried against (see hunk). Trying
// every one made a hunk of n deleted and n inserted blocks take n² pair
// tests: 8,000 paragraphs replaced by 8,000 others took 44–75 s to
// compare (their render, 0.03 s), 10,000 list items 107 s. With the
// window the same comparison takes well under a second, and a deleted
// block whose new version is more than pairWindow inserted blocks
// further on, which no edit of a normal document makes, is shown as a
// deletion and an insertion instead of compared inside.
const pairWindow = 64

// hunk adds the redline of a run of deleted blocks and a run of inserted
// ones to out: blocks of a kind paired in order and compared inside,
// moves, and whole deletions and insertions. Each deleted block is tried
// against at most pairWindow inserted blocks, and each block's words are
// found once, so that a hunk costs time linear in its length.
func (c *comparer) hunk(out []ast.Block, del, ins hunk, mv moves) []ast.Block {
	insWords := make([][]string, len(ins.blocks))
	found := make([]bool, len(ins.blocks))
	wordsOf := func(k int) []string {
		if !found[k] {
			insWords[k], found[k] = pairWords(ins.blocks[k]), true
		}
		return insWords[k]
	}
	j := 0
	for i, d := range del.blocks {
		if p, ok := mv.del[del.start+i]; ok {
			mv.pairs[p].fromChange = len(c.changes)
			out = c.whole(out, d, ast.Deleted, Move)
			continue
		}
		// The next inserted block it pairs with, if any.
		p := -1
		dw := pairWords(d)
		for k := j; k < len(ins.blocks) && k < j+pairWindow; k++ {
			if _, moved := mv.ins[ins.start+k]; !moved && pairs(d, ins.blocks[k], dw, wordsOf(k)) {
				p = k
				break
			}
		}
		if p < 0 {
			out = c.whole(out, d, ast.Deleted, Delete)
			continue
		}
		for ; j < p; j++ {
			out = c.inserted(out, ins, j, mv)
		}
		out = append(out, c.pair(d, ins.blocks[p]))
		j = p + 1
	}
	for ; j < len(ins.blocks); j++ {
		out = c.inserted(out, ins, j, mv)
	}
	return out
}

// inserted adds block j of ins, which only the new version has at this
// place.
func (c *comparer) inserted(out []ast.Block, ins hunk, j int, mv moves) []ast.Block {
	kind := Insert
	if p, ok := mv.ins[ins.start+j]; ok {
		kind = Move
		mv.pairs[p].toChange = len(c.changes)
	}
	return c.whole(out, ins.blocks[j], ast.Inserted, kind)
}

// pairWords returns the words pairs compares b by: a paragraph's or a
// list item's words, nil for any other block.
func pairWords(b ast.Block) []string {
	switch b.(type) {
	case *ast.Paragraph, *ast.ListItem:
		return blockWords(b)
	case *ast.Heading, *ast.List, *ast.BlockQuote, *ast.CodeBlock, *ast.ThematicBreak,
		*ast.Table, *ast.HTMLBlock, *ast.FootnoteDefinition:
		return nil
	}
	return nil
}

// pairs reports whether an old block and a new one are to be compared
// inside rather than shown as a deletion and an insertion: blocks of one
// kind, headings of any level, paragraphs and list items that share at
// least a third of their words, tables of as many columns. wa and wb are
// the blocks' pairWords.
func pairs(a, b ast.Block, wa, wb []string) bool {
	switch a := a.(type) {
	case *ast.Heading:
		_, ok := b.(*ast.Heading)
		return ok
	case *ast.Paragraph:
		_, ok := b.(*ast.Paragraph)
		return ok && similarWords(wa, wb)
	case *ast.List:
		bl, ok := b.(*ast.List)
		return ok && a.Ordered == bl.Ordered
	case *ast.ListItem:
		_, ok := b.(*ast.ListItem)
		return ok && similarWords(wa, wb)
	case *ast.BlockQuote:
		_, ok := b.(*ast.BlockQuote)
		return ok
	case *ast.Table:
		bt, ok := b.(*ast.Table)
		return ok && len(a.Align) == len(bt.Align)
	case *ast.FootnoteDefinition:
		_, ok := b.(*ast.FootnoteDefinition)
		return ok
	case *ast.CodeBlock, *ast.ThematicBreak, *ast.HTMLBlock:
		return false
	}
	return false
}

// similarWords reports whether two lists of words share at least a third
// of the longer one.
func similarWords(wa, wb []string) bool {
	count := map[string]int{}
	for _, w := range wa {
		count[w]++
	}
	shared := 0
	for _, w := range wb {
		if count[w] > 0 {
			count[w]--
			shared++
		}
	}
	return 3*shared >= max(len(wa), len(wb))
}

// pair compares two blocks that pairs accepted and returns the redline's
// block.
func (c *comparer) pair(a, b ast.Block) ast.Block {
	switch a := a.(type) {
	case *ast.Heading:
		h := *b.(*ast.Heading)
		c.new.enter(&h)
		c.old.enter(a)
		id := ""
		if a.Level != h.Level {
			if t := strings.Join(fields(h.Inlines), " "); t == strings.Join(fields(a.Inlines), " ") {
				id = c.add(Change{Kind: Format, Old: t, New: t, OldPos: a.At, NewPos: h.At})
			}
		}
		h.Inlines = c.inlines(a.Inlines, h.Inlines, a.At, h.At)
		if id != "" {
			// The level is the heading's formatting: its text is marked
			// reformatted, as emphasis added would be.
			h.Inlines = []ast.Inline{&ast.Change{Kind: ast.Reformatted, ID: id, Inlines: h.Inlines}}
		}
		return &h
	case *ast.Paragraph:
		p := *b.(*ast.Paragraph)
		c.new.clause(&p)
		c.old.clause(a)
		p.Inlines = c.inlines(a.Inlines, p.Inlines, a.At, p.At)
		return &p
	case *ast.List:
		l := *b.(*ast.List)
		olds, news := make([]ast.Block, len(a.Items)), make([]ast.Block, len(l.Items))
		for i, it := range a.Items {
			olds[i] = it
		}
		for i, it := range l.Items {
			news[i] = it
		}
		items := c.blocks(olds, news)
		l.Items = make([]*ast.ListItem, len(items))
		for i, it := range items {
			l.Items[i] = it.(*ast.ListItem)
		}
		return &l
	case *ast.ListItem:
		it := *b.(*ast.ListItem)
		it.Blocks = c.blocks(a.Blocks, it.Blocks)
		return &it
	case *ast.BlockQuote:
		q := *b.(*ast.BlockQuote)
		q.Blocks = c.blocks(a.Blocks, q.Blocks)
		return &q
	case *ast.Table:
		return c.table(a, b.(*ast.Table))
	case *ast.FootnoteDefinition:
		f := *b.(*ast.FootnoteDefinition)
		// Its changes are in the section that references it in each
		// version, not the last one.
		defer c.new.inNote(f.Index)()
		defer c.old.inNote(a.Index)()
		f.Blocks = c.blocks(a.Blocks, f.Blocks)
		return &f
	case *ast.CodeBlock, *ast.ThematicBreak, *ast.HTMLBlock:
		return b
	}
	c.err = fmt.Errorf("cannot compare a %T", a)
	return b
}

// table compares two tables of as many columns: the header cell by cell,
// rows aligned as blocks are, and paired rows cell by cell.
func (c *comparer) table(a, b *ast.Table) ast.Block {
	t := *b
	t.Header = c.row(a.Header, b.Header)
	ka, kb := make([]string, len(a.Rows)), make([]string, len(b.Rows))
	for i, r := range a.Rows {
		ka[i] = rowKey(r)
	}
	for i, r := range b.Rows {
		kb[i] = rowKey(r)
	}
	ops, err := c.alignLong(ka, kb, "row", "rows", func(int) ast.Pos { return b.At })
	if err != nil {
		c.err = err
		return b
	}
	t.Rows = nil
	i, j := 0, 0
	for x := 0; x < len(ops); {
		if ops[x].kind == opEqual {
			for k := 0; k < ops[x].n; k++ {
				c.oldWord += rowWords(a.Rows[i+k])
				c.newWord += rowWords(b.Rows[j+k])
				t.Rows = append(t.Rows, b.Rows[j+k])
			}
			i, j = i+ops[x].n, j+ops[x].n
			x++
			continue
		}
		di, dj := i, j
		x, i, j = skipChanges(ops, x, i, j)
		t.Rows = c.rowHunk(t.Rows, a.Rows[di:i], b.Rows[dj:j], t.At)
	}
	return &t
}

// rowHunk adds to rows the redline of a run of deleted rows and a run of
// inserted ones, as hunk adds blocks: each deleted row is compared cell
// by cell with the next inserted row (of at most pairWindow) that shares
// at least a third of its words, the inserted rows before that one are
// insertions, and a deleted row that pairs with none is a deletion.
// Paired in order, a row added above a changed one ("Acme" above
// "Cloudflare", whose description changed) read as the changed row's
// cells replaced by the new row's, and the changed row as inserted.
func (c *comparer) rowHunk(rows, del, ins [][]*ast.TableCell, at ast.Pos) [][]*ast.TableCell {
	insWords := make([][]string, len(ins))
	for k, r := range ins {
		insWords[k] = cellsWords(r)
	}
	j := 0
	for _, d := range del {
		dw, p := cellsWords(d), -1
		for k := j; k < len(ins) && k < j+pairWindow; k++ {
			if similarWords(dw, insWords[k]) {
				p = k
				break
			}
		}
		if p < 0 {
			rows = append(rows, c.wholeRow(d, ast.Deleted, at))
			continue
		}
		for ; j < p; j++ {
			rows = append(rows, c.wholeRow(ins[j], ast.Inserted, at))
		}
		rows = append(rows, c.row(d, ins[p]))
		j = p + 1
	}
	for ; j < len(ins); j++ {
		rows = append(rows, c.wholeRow(ins[j], ast.Inserted, at))
	}
	return rows
}

// row compares two rows of as many cells, cell by cell.
func (c *comparer) row(a, b []*ast.TableCell) []*ast.TableCell {
	out := make([]*ast.TableCell, len(b))
	for i := range b {
		out[i] = &ast.TableCell{Inlines: c.inlines(a[i].Inlines, b[i].Inlines, ast.Pos{}, ast.Pos{})}
	}
	return out
}

// wholeRow marks every cell of a row that only one version has, as one
// change.
func (c *comparer) wholeRow(r []*ast.TableCell, kind ast.ChangeKind, at ast.Pos) []*ast.TableCell {
	var texts []string
	n := 0
	for _, cell := range r {
		texts = append(texts, fields(cell.Inlines)...)
		n += len(words(cell.Inlines))
	}
	ch := Change{Kind: Insert, New: strings.Join(texts, " "), NewPos: at}
	if kind == ast.Deleted {
		ch = Change{Kind: Delete, Old: ch.New, OldPos: at}
	}
	id := c.add(ch)
	out := markRow(r, kind, &id)
	if kind == ast.Deleted {
		c.oldWord += n
	} else {
		c.newWord += n
	}
	return out
}
