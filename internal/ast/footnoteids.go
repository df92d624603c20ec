package ast

import (
	"strconv"
	"strings"
)

// FootnoteIDs are the ids of a document's footnotes, the one rule of
// every backend that names them (the HTML's ids, the PDF's named
// destinations and structure ids) and of Anchors: footnote N's
// definition is "<prefix>-N", the k-th reference to it "<prefix>ref-N"
// (k = 1) or "<prefix>ref-N-k" (k > 1). The prefix is "fn" unless a
// heading id could collide, then "fn2", "fn3" and so on.
type FootnoteIDs struct {
	prefix string
}

// NewFootnoteIDs picks the footnote id prefix for the headings of
// blocks: the first of "fn", "fn2", "fn3"… that starts no heading id as
// "<prefix>-" or "<prefix>ref-" and is none of the prefixes of besides
// (the footnotes of another document in the same page: the old column of
// a side-by-side redline beside the new one). The prefixes the headings
// take are collected once, so that many headings named "fn2 …", "fn3 …"
// cost linear time, not a scan of every heading per candidate.
func NewFootnoteIDs(blocks []Block, besides ...FootnoteIDs) FootnoteIDs {
	taken := map[int]bool{}
	for _, b := range besides {
		if i, ok := footnotePrefixNumber(b.prefix + "-"); ok {
			taken[i] = true
		}
	}
	WalkHeadings(blocks, func(h *Heading) bool {
		if h.ID != "" {
			if i, ok := footnotePrefixNumber(h.ID); ok {
				taken[i] = true
			}
		}
		return true
	})
	i := 1
	for taken[i] {
		i++
	}
	if i == 1 {
		return FootnoteIDs{prefix: "fn"}
	}
	return FootnoteIDs{prefix: "fn" + strconv.Itoa(i)}
}

// Prefix is the prefix the ids start with: "fn", "fn2", ….
func (f FootnoteIDs) Prefix() string { return f.prefix }

// Definition is the id of footnote n's definition.
func (f FootnoteIDs) Definition(n int) string {
	return f.prefix + "-" + strconv.Itoa(n)
}

// Reference is the id of the k-th reference (from 1) to footnote n.
func (f FootnoteIDs) Reference(n, k int) string {
	id := f.prefix + "ref-" + strconv.Itoa(n)
	if k > 1 {
		id += "-" + strconv.Itoa(k)
	}
	return id
}

// ReferenceIDs gives each reference in blocks to a footnote that has a
// definition its id: the k-th such reference to footnote N, counted in
// document order, is Reference(N, k), as the HTML numbers them while it
// writes them. A reference to a footnote without a definition has none.
func (f FootnoteIDs) ReferenceIDs(blocks []Block) map[*FootnoteRef]string {
	defined := map[int]bool{}
	var refs []*FootnoteRef
	WalkBlocks(blocks, func(n Node) bool {
		switch n := n.(type) {
		case *FootnoteDefinition:
			defined[n.Index] = true
		case *FootnoteRef:
			refs = append(refs, n)
		}
		return true
	})
	ids := make(map[*FootnoteRef]string, len(refs))
	seen := map[int]int{}
	for _, r := range refs {
		if defined[r.Index] {
			seen[r.Index]++
			ids[r] = f.Reference(r.Index, seen[r.Index])
		}
	}
	return ids
}

// footnotePrefixNumber reports which prefix an id takes: i for
// "fn<i>-…" or "fn<i>ref-…" (1 for "fn-…" and "fnref-…"). Only the
// canonical spelling of i counts: "fn02-" is not "fn2-".
func footnotePrefixNumber(id string) (int, bool) {
	rest, ok := strings.CutPrefix(id, "fn")
	if !ok {
		return 0, false
	}
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	digits, rest := rest[:j], rest[j:]
	if !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "ref-") {
		return 0, false
	}
	if digits == "" {
		return 1, true
	}
	i, err := strconv.Atoi(digits)
	if err != nil || i < 2 || strconv.Itoa(i) != digits {
		return 0, false
	}
	return i, true
}
