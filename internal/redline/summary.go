package redline

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/l10n"
)

// kinds are the kinds of change in the order summaries count them, each
// with its labels for one and for several.
var kinds = [...]struct {
	kind      Kind
	one, many l10n.Key
}{
	{Insert, l10n.InsertionOne, l10n.InsertionMany},
	{Delete, l10n.DeletionOne, l10n.DeletionMany},
	{Replace, l10n.ReplacementOne, l10n.ReplacementMany},
	{Format, l10n.FormatChangeOne, l10n.FormatChangeMany},
	{Move, l10n.MoveOne, l10n.MoveMany},
}

// Counts says how many changes of each kind changes has, in English, as
// "3 insertions, 1 deletion and 2 replacements", or "no changes" (see
// CountsIn).
func Counts(changes []Change) string { return CountsIn(l10n.Lang{}, changes) }

// CountsIn is Counts in the language lang. A moved block is one move,
// although changes lists it twice, where it went from and where it went
// to (Move); a list with only one of the two (a section's) counts that
// one.
func CountsIn(lang l10n.Lang, changes []Change) string {
	return countsOf(lang, changes, nil)
}

// countsOf is CountsIn for the changes of changes at the indices in, in
// order, or for all of them when in is nil.
func countsOf(lang l10n.Lang, changes []Change, in []int) string {
	var parts []string
	for _, k := range kinds {
		n := 0
		for c := range each(changes, in) {
			if c.Kind == k.kind {
				n++
			}
		}
		if k.kind == Move {
			n -= movePairs(changes, in)
		}
		switch n {
		case 0:
		case 1:
			parts = append(parts, lang.Label(k.one))
		default:
			parts = append(parts, expand(lang.Label(k.many), "n", strconv.Itoa(n)))
		}
	}
	switch len(parts) {
	case 0:
		return lang.Label(l10n.NoChanges)
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], lang.Label(l10n.ListSep)) + lang.Label(l10n.ListAnd) + parts[len(parts)-1]
}

// movePairs counts the moved blocks that the changes of changes at the
// indices in (all with in nil) list at both ends: each place a block
// went to whose place it went from (MovedFrom) is among them too.
func movePairs(changes []Change, in []int) int {
	from := map[string]bool{}
	for c := range each(changes, in) {
		if c.Kind == Move && c.MovedTo != "" {
			from[c.ID] = true
		}
	}
	n := 0
	for c := range each(changes, in) {
		if c.Kind == Move && from[c.MovedFrom] {
			n++
		}
	}
	return n
}

// each yields the changes of changes at the indices in, in order, or
// every one when in is nil.
func each(changes []Change, in []int) iter.Seq[*Change] {
	return func(yield func(*Change) bool) {
		if in == nil {
			for i := range changes {
				if !yield(&changes[i]) {
					return
				}
			}
			return
		}
		for _, i := range in {
			if !yield(&changes[i]) {
				return
			}
		}
	}
}

// expand fills the one field of a label.
func expand(label, field, value string) string {
	return l10n.Expand(label, func(f string) (string, bool) { return value, f == field })
}

// SectionName writes a section path as readers see it: "4. Data Storage
// and Security › 4.2 Retention Period"; the text before the first
// heading is "Preamble" (see sectionName).
func SectionName(section []string) string { return sectionName(l10n.Lang{}, section) }

// sectionName is SectionName with the preamble named in lang.
func sectionName(lang l10n.Lang, section []string) string {
	if len(section) == 0 {
		return lang.Label(l10n.Preamble)
	}
	return strings.Join(section, " › ")
}

// sectionGroup is the changes of one section, in order of first change:
// their indices in the list of changes grouped. Copies of the changes
// themselves, some 200 bytes each, made a summary of 250,000 changes
// allocate 280 MB.
type sectionGroup struct {
	name    string
	changes []int
	rank    int // the place of its section in the documents (bySection)
}

// bySection groups changes by section, named in lang, the sections in
// the documents' order (order, Result.order): the text before the
// first heading first, then each section where the comparison entered
// it, and a section it did not enter after them, in the order of its
// first change.
func bySection(lang l10n.Lang, changes []Change, order []string) []sectionGroup {
	rank := make(map[string]int, len(order))
	for i, k := range order {
		if _, ok := rank[k]; !ok {
			rank[k] = i
		}
	}
	var groups []sectionGroup
	index := map[string]int{}
	for x, c := range changes {
		name := sectionName(lang, c.Section)
		i, ok := index[name]
		if !ok {
			i = len(groups)
			index[name] = i
			r, known := rank[sectionKey(c.Section)]
			switch {
			case len(c.Section) == 0:
				r = -1
			case !known:
				r = len(order)
			}
			groups = append(groups, sectionGroup{name: name, rank: r})
		}
		groups[i].changes = append(groups[i].changes, x)
	}
	slices.SortStableFunc(groups, func(a, b sectionGroup) int { return cmp.Compare(a.rank, b.rank) })
	return groups
}

// Summary returns the summary of the changes of res as blocks of the
// model, in the language lang: a heading, the counts, the metadata that
// changed, and a list of the sections that changed with their counts.
// With linked, each section's entry links to those of its changes
// whose anchor ("redline_change-3", see Anchor) linked reports the
// redline to have ("#redline_change-3"); with nil, to none.
func Summary(res *Result, linked func(anchor string) bool, lang l10n.Lang) []ast.Block {
	changes := res.Changes
	out := []ast.Block{
		&ast.Heading{Level: 2, ID: SummaryID, Inlines: []ast.Inline{&ast.Text{Text: lang.Label(l10n.SummaryOfChanges)}}},
		&ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: sentence(lang, upperFirst(CountsIn(lang, changes)))}}},
	}
	if len(res.Meta) > 0 {
		var parts []string
		for _, m := range res.Meta {
			parts = append(parts, fmt.Sprintf("%s %q → %q", m.Field, m.Old, m.New))
		}
		out = append(out, &ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: expand(lang.Label(l10n.MetadataChanged), "list", strings.Join(parts, "; "))}}})
	}
	if len(changes) == 0 {
		return out
	}
	if linked == nil {
		linked = func(string) bool { return false }
	}
	list := &ast.List{Marker: '-', Tight: true}
	for _, g := range bySection(lang, changes, res.order) {
		ins := []ast.Inline{&ast.Text{Text: g.name + ": " + countsOf(lang, changes, g.changes)}}
		var refs []ast.Inline
		for c := range each(changes, g.changes) {
			if !linked(Anchor(c.ID)) {
				continue
			}
			if len(refs) > 0 {
				refs = append(refs, &ast.Text{Text: lang.Label(l10n.ListSep)})
			}
			n := strings.TrimPrefix(c.ID, "change-")
			refs = append(refs, &ast.Link{Destination: "#" + Anchor(c.ID), Inlines: []ast.Inline{&ast.Text{Text: n}}})
		}
		if len(refs) > 0 {
			label := lang.Label(l10n.ChangeRef)
			if len(refs) > 1 {
				label = lang.Label(l10n.ChangeRefs)
			}
			// A no-break space keeps the label with the first number: a
			// line of the PDF or a narrow HTML page ended in "(change"
			// and the next began with "3)".
			ins = append(ins, &ast.Text{Text: " (" + label + "\u00a0"})
			ins = append(ins, refs...)
			ins = append(ins, &ast.Text{Text: ")"})
		}
		list.Items = append(list.Items, &ast.ListItem{Blocks: []ast.Block{&ast.Paragraph{Inlines: ins}}})
	}
	return append(out, list)
}

// Anchors returns whether doc, a redline (or a View of one, or both
// sides of one), has the anchor of a change: every change marked in it
// has, on its first Change inline or its code block (as HTML writes
// them). For Summary.
func Anchors(doc *ast.Document) func(anchor string) bool {
	anchors := map[string]bool{}
	ast.WalkBlocks(doc.Blocks, func(n ast.Node) bool {
		if c, ok := n.(*ast.Change); ok && c.ID != "" {
			anchors[c.ID] = true
		}
		if cb, ok := n.(*ast.CodeBlock); ok && cb.ChangeID != "" {
			anchors[cb.ChangeID] = true
		}
		return true
	})
	return func(anchor string) bool { return anchors[anchor] }
}

// upperFirst upper-cases the first letter of a sentence.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// sentence ends s with the full stop of lang (l10n.FullStop): "。" in
// Japanese and Chinese, "।" in Hindi, "." in the others.
func sentence(lang l10n.Lang, s string) string {
	return s + lang.Label(l10n.FullStop)
}

// WithSummary returns a copy of doc with summary put in: after the title
// heading (or first) when first is true, else at the end, before the
// footnotes.
func WithSummary(doc *ast.Document, summary []ast.Block, first bool) *ast.Document {
	d := *doc
	at := len(doc.Blocks)
	if first {
		at = 0
		if t := ast.Title(doc); t != nil {
			for i, b := range doc.Blocks {
				if b == ast.Block(t) {
					at = i + 1
					break
				}
			}
		}
	} else {
		for i, b := range doc.Blocks {
			if _, ok := b.(*ast.FootnoteDefinition); ok {
				at = i
				break
			}
		}
	}
	d.Blocks = make([]ast.Block, 0, len(doc.Blocks)+len(summary))
	d.Blocks = append(d.Blocks, doc.Blocks[:at]...)
	if !first && at > 0 {
		d.Blocks = append(d.Blocks, &ast.ThematicBreak{})
	}
	d.Blocks = append(d.Blocks, summary...)
	d.Blocks = append(d.Blocks, doc.Blocks[at:]...)
	return &d
}

// Notice returns the short notice for the email that tells users of a
// change, res, to doc, as a document for the plain-text backend, in the
// language lang: that the document changed and from when (effective, ""
// when not known), and the sections that changed; or, when nothing
// changed, only that.
func Notice(res *Result, doc *ast.Document, effective string, lang l10n.Lang) *ast.Document {
	n := &ast.Document{Meta: doc.Meta, Values: doc.Values}
	title := doc.Meta.Title
	if !res.Changed() {
		// "We have updated our policy. Its text has not changed." told
		// of an update there was not.
		s := lang.Label(l10n.NoticeNoChangeUntitled)
		if title != "" {
			s = expandTitle(lang.TitleLabel(l10n.NoticeNoChange), title)
		}
		n.Blocks = append(n.Blocks, &ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: s}}})
		return n
	}
	changes := res.Changes
	first := lang.Label(l10n.NoticeUpdatedUntitled)
	if title != "" {
		first = expandTitle(lang.TitleLabel(l10n.NoticeUpdated), title)
	}
	if effective != "" {
		first = l10n.Sentences(first, expand(lang.Label(l10n.NoticeEffective), "date", effective))
	}
	n.Blocks = append(n.Blocks, &ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: first}}})
	if len(changes) == 0 {
		n.Blocks = append(n.Blocks, &ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: lang.Label(l10n.NoticeUnchanged)}}})
		return n
	}
	n.Blocks = append(n.Blocks, &ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: lang.Label(l10n.NoticeSections)}}})
	list := &ast.List{Marker: '-', Tight: true}
	for _, g := range bySection(lang, changes, res.order) {
		list.Items = append(list.Items, &ast.ListItem{Blocks: []ast.Block{&ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: g.name}}}}})
	}
	n.Blocks = append(n.Blocks, list)
	return n
}

// expandTitle is label with its {title} field written as title, and no
// second full stop after a title that ends in one: "We have updated our
// Terms of Acme, Inc." ended "Inc..", as English puts the title last,
// unquoted.
func expandTitle(label, title string) string {
	if strings.HasSuffix(title, ".") {
		label = strings.Replace(label, "{title}.", "{title}", 1)
	}
	return expand(label, "title", title)
}

// View returns one side of the redline of res for a side-by-side view:
// the old version (kind ast.Deleted: deleted words marked, inserted ones
// left out) or the new one (ast.Inserted: the other way round);
// reformatted words are marked on both. The whitespace that the redline
// shows unmarked around a word inserted or deleted alone is left out of
// the view of the version that never had it: the old side of "a
// footnote{+ now+}." read "a footnote .". The old side has no heading
// ids and no anchors of reformatted words (the new side has them), so
// that both sides fit in one page; it keeps its footnotes, numbered as
// in the redline (the page gives their ids a prefix of their own, see
// ast.NewFootnoteIDs), and the anchors of deleted words, which is where
// a deletion or a replacement is shown: without them the summary linked
// to no deletion and no replacement.
func View(res *Result, kind ast.ChangeKind) (*ast.Document, error) {
	redline := res.Redline
	old := kind == ast.Deleted
	blocks, err := ast.CopyBlocks(redline.Blocks, func(orig, cp ast.Node) bool {
		switch n := cp.(type) {
		case *ast.Text:
			if t, ok := orig.(*ast.Text); ok {
				n.Text = sideText(t.Text, res.sides[t], kind)
				return n.Text != "" || t.Text == ""
			}
		case *ast.Change:
			if n.Kind != kind && n.Kind != ast.Reformatted {
				return false
			}
			if old && n.Kind != ast.Deleted {
				n.ID = ""
			}
		case *ast.Heading:
			if old {
				n.ID = ""
			}
		case *ast.CodeBlock:
			if n.Change != 0 && n.Change != kind {
				return false
			}
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	d := *redline
	d.Blocks = prune(blocks)
	return &d, nil
}

// sideText is s, the text of an *ast.Text of a redline, without its
// stretches rs that only the version other than kind has.
func sideText(s string, rs []sideRange, kind ast.ChangeKind) string {
	if len(rs) == 0 {
		return s
	}
	var b strings.Builder
	at := 0
	for _, r := range rs {
		if r.side == kind {
			continue
		}
		b.WriteString(s[at:r.start])
		at = r.end
	}
	b.WriteString(s[at:])
	return b.String()
}

// prune leaves out the paragraphs and headings that a view emptied (a
// paragraph only the other version has) and the list items, block
// quotes and footnote definitions left with no blocks.
func prune(bs []ast.Block) []ast.Block {
	out := bs[:0]
	for _, b := range bs {
		if p, ok := b.(*ast.Paragraph); ok && len(p.Inlines) == 0 {
			continue
		}
		if h, ok := b.(*ast.Heading); ok && len(h.Inlines) == 0 {
			continue
		}
		if d, ok := b.(*ast.FootnoteDefinition); ok {
			if d.Blocks = prune(d.Blocks); len(d.Blocks) == 0 {
				continue
			}
		}
		if q, ok := b.(*ast.BlockQuote); ok {
			if q.Blocks = prune(q.Blocks); len(q.Blocks) == 0 {
				continue
			}
		}
		if l, ok := b.(*ast.List); ok {
			items := l.Items[:0]
			for _, it := range l.Items {
				if it.Blocks = prune(it.Blocks); len(it.Blocks) > 0 {
					items = append(items, it)
				}
			}
			if l.Items = items; len(items) == 0 {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}
