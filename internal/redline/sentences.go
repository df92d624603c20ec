package redline

import (
	"strings"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
)

// wordBudget is the most units (words, punctuation marks and the
// whitespace between them, old and new together) that one alignment of
// words may take: Myers' algorithm costs the units times the
// differences, so that one paragraph of 37,500 words with 30% of them
// replaced took 1.55 s to compare word by word, 75,000 words 5.4 s and
// 150,000 19.5 s. A pair of blocks within the budget (a paragraph of 900
// words of prose, its full stops and commas, and its new version) is
// aligned word by word as it always was; a longer one is
// aligned by sentences first (alignUnits). The budget is a count, not a
// deadline, so that the result is the same on every machine.
const wordBudget = 4000

// alignUnits aligns the units of two runs of inlines (see inlines). Runs
// of at most wordBudget units together are aligned word by word, as
// every paragraph of a normal document is. Longer ones are cut into
// sentences (see sentences), and the sentences aligned first, by their
// words: the sentences both start and end with are kept, and the rest
// aligned when they are at most wordBudget sentences together, else
// taken as one run of changed sentences. Then each run of changed
// sentences within the budget is aligned word by word; one beyond it has
// its deleted and inserted sentences paired in order, the first deleted
// with the first inserted and so on, each pair aligned word by word, and
// a pair beyond the budget (a "sentence" of a thousand words without a
// full stop) is replaced whole, a correct but coarser redline. No
// alignment is then of more than wordBudget elements, so that the work
// grows linearly with the words: a paragraph of 150,000 words with 30%
// of them replaced took 19.5 s and takes 1.4 s, with the same redline.
// A run aligned by sentences is a BySentence warning at at, where the
// new version's run starts.
func (c *comparer) alignUnits(ka, kb []string, ua, ub []unit, at ast.Pos) ([]op, error) {
	if len(ka)+len(kb) <= wordBudget {
		return c.align(ka, kb)
	}
	whole := 0
	defer func() { c.warnings = append(c.warnings, bySentence(at, len(ka)+len(kb), whole)) }()
	sa, sb := sentences(ua), sentences(ub)
	var ops opList
	// The sentences both runs start and end with are kept, however many
	// there are; the rest is aligned sentence by sentence when the
	// sentences are within the budget, else taken as one run of changes.
	pre := 0
	for pre < len(sa) && pre < len(sb) && sa[pre].key == sb[pre].key {
		pre++
	}
	suf := 0
	for suf < len(sa)-pre && suf < len(sb)-pre && sa[len(sa)-1-suf].key == sb[len(sb)-1-suf].key {
		suf++
	}
	ops.add(opEqual, unitsIn(sa[:pre]))
	ma, mb := sa[pre:len(sa)-suf], sb[pre:len(sb)-suf]
	sops := []op{{kind: opDelete, n: len(ma)}, {kind: opInsert, n: len(mb)}}
	if len(ma)+len(mb) <= wordBudget {
		ska, skb := make([]string, len(ma)), make([]string, len(mb))
		for i, s := range ma {
			ska[i] = s.key
		}
		for i, s := range mb {
			skb[i] = s.key
		}
		var err error
		if sops, err = c.align(ska, skb); err != nil {
			return nil, err
		}
	}
	i, j := 0, 0
	for x := 0; x < len(sops); {
		if sops[x].kind == opEqual {
			ops.add(opEqual, unitsIn(ma[i:i+sops[x].n]))
			i, j = i+sops[x].n, j+sops[x].n
			x++
			continue
		}
		di, dj := i, j
		x, i, j = skipChanges(sops, x, i, j)
		if err := c.changedSentences(&ops, ka, kb, ma[di:i], mb[dj:j], &whole); err != nil {
			return nil, err
		}
	}
	ops.add(opEqual, unitsIn(sa[len(sa)-suf:]))
	return ops, nil
}

// changedSentences adds to ops the alignment of a run of deleted
// sentences and one of inserted sentences (see alignUnits); ka and kb
// are the keys of every unit of each run of inlines. It adds to *whole
// the pairs of sentences it shows replaced whole.
func (c *comparer) changedSentences(ops *opList, ka, kb []string, del, ins []sentenceSpan, whole *int) error {
	if unitsIn(del)+unitsIn(ins) <= wordBudget {
		return ops.align(c, ka[span0(del):span1(del)], kb[span0(ins):span1(ins)])
	}
	n := min(len(del), len(ins))
	for k := range n {
		d, s := del[k], ins[k]
		if (d.end-d.start)+(s.end-s.start) > wordBudget {
			*whole++
			ops.add(opDelete, d.end-d.start)
			ops.add(opInsert, s.end-s.start)
			continue
		}
		if err := ops.align(c, ka[d.start:d.end], kb[s.start:s.end]); err != nil {
			return err
		}
	}
	ops.add(opDelete, unitsIn(del[n:]))
	ops.add(opInsert, unitsIn(ins[n:]))
	return nil
}

// sentenceSpan is a run of units, start:end, that ends with a word ending a
// sentence (see endsSentence) and the whitespace after it, or with a
// full stop of a script written without spaces ("。"), or with the last
// unit; key is what makes two sentences the same words.
type sentenceSpan struct {
	start, end int
	key        string
}

// sentences cuts units into sentences.
func sentences(us []unit) []sentenceSpan {
	var out []sentenceSpan
	var key strings.Builder
	start, word := 0, 0 // word: where the text since the last whitespace starts
	for i, u := range us {
		key.WriteString(u.key)
		key.WriteByte(0)
		last := i == len(us)-1
		end := last
		switch {
		case u.space:
			end = end || i > start && i > word && endsSentence(us[word:i])
			word = i + 1
		case fullStop(u.text()):
			end = true
			word = i + 1
		}
		if !end {
			continue
		}
		out = append(out, sentenceSpan{start: start, end: i + 1, key: key.String()})
		key.Reset()
		start = i + 1
	}
	return out
}

// fullStop reports whether t is the full stop, question or exclamation
// mark of a script written without spaces, which ends a sentence with
// no space after it.
func fullStop(t string) bool {
	return t == "。" || t == "？" || t == "！"
}

// endsSentence reports whether a word, us, ends a sentence: it ends in a
// full stop, a question or an exclamation mark, before any closing
// quotes and brackets ("end." and "(end.)" do).
func endsSentence(us []unit) bool {
	for k := len(us) - 1; k >= 0; k-- {
		t := us[k].text()
		for t != "" {
			r, n := utf8.DecodeLastRuneInString(t)
			switch r {
			case '"', '\'', ')', ']', '}', '»', '”', '’':
				t = t[:len(t)-n]
				continue
			case '.', '?', '!', '。', '？', '！':
				return true
			}
			return false
		}
	}
	return false
}

// unitsIn is how many units the sentences ss, one after another, hold.
func unitsIn(ss []sentenceSpan) int { return span1(ss) - span0(ss) }

// span0 and span1 are where the sentences ss, one after another, start
// and end among the units (0 for none).
func span0(ss []sentenceSpan) int {
	if len(ss) == 0 {
		return 0
	}
	return ss[0].start
}

func span1(ss []sentenceSpan) int {
	if len(ss) == 0 {
		return 0
	}
	return ss[len(ss)-1].end
}

// opList is an alignment being built, a run of ops of one kind being
// one op.
type opList []op

// add adds n elements of kind k.
func (l *opList) add(k opKind, n int) {
	if n == 0 {
		return
	}
	if last := len(*l) - 1; last >= 0 && (*l)[last].kind == k {
		(*l)[last].n += n
		return
	}
	*l = append(*l, op{kind: k, n: n})
}

// align adds the alignment of a and b.
func (l *opList) align(c *comparer, a, b []string) error {
	ops, err := c.align(a, b)
	if err != nil {
		return err
	}
	for _, o := range ops {
		l.add(o.kind, o.n)
	}
	return nil
}
