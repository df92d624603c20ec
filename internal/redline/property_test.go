package redline_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/redline"
)

// apply applies changes to the old words: the words up to each change,
// then its new words in place of its old ones.
func apply(old []string, changes []redline.Change) ([]string, bool) {
	var out []string
	i := 0
	for _, c := range changes {
		if c.OldWord < i || c.OldWord > len(old) {
			return nil, false
		}
		out = append(out, old[i:c.OldWord]...)
		ow := redline.TextWords(c.Old)
		if c.OldWord+len(ow) > len(old) || !slices.Equal(old[c.OldWord:c.OldWord+len(ow)], ow) {
			return nil, false
		}
		out = append(out, redline.TextWords(c.New)...)
		i = c.OldWord + len(ow)
	}
	return append(out, old[i:]...), true
}

// checkApply checks that applying the changes of old→new to old's words
// gives new's words, and that the redline has every word of new.
func checkApply(t *testing.T, oldSrc, newSrc string) {
	t.Helper()
	vals := map[string]string{"siteName": "Acme", "email": "a@b.example", "lastUpdated": "2026-01-01"}
	old := fillSource(t, "old.md", []byte(oldSrc), vals)
	new := fillSource(t, "new.md", []byte(newSrc), vals)
	res, err := redline.Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := apply(redline.Words(old), res.Changes)
	if want := redline.Words(new); !ok || !slices.Equal(got, want) {
		t.Fatalf("applying %d changes to the old words does not give the new words (ok=%v)\nold:\n%s\nnew:\n%s", len(res.Changes), ok, oldSrc, newSrc)
	}
}

// TestApplyChangesGivesNew is the property that the change list is
// complete and placed right: for random edits of the seed (words and
// lines deleted, inserted, replaced, moved), the old words with every
// change applied are the new words.
func TestApplyChangesGivesNew(t *testing.T) {
	seed := string(defaulttemplate.Source())
	vocab := []string{"data", "**bold**", "*soft*", "[link](https://example.com)", "`code`", "privacy", "we", "you", "12", "months"}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 150
	if testing.Short() {
		n = 20
	}
	for range n {
		lines := strings.Split(seed, "\n")
		for range 1 + rng.IntN(6) {
			i := rng.IntN(len(lines))
			switch rng.IntN(5) {
			case 0: // delete a line
				lines = slices.Delete(lines, i, i+1)
			case 1: // insert a line
				lines = slices.Insert(lines, i, "- "+vocab[rng.IntN(len(vocab))]+" "+vocab[rng.IntN(len(vocab))])
			case 2: // move a line
				l := lines[i]
				lines = slices.Delete(lines, i, i+1)
				j := rng.IntN(len(lines))
				lines = slices.Insert(lines, j, l)
			default: // edit a word
				ws := strings.Fields(lines[i])
				if len(ws) == 0 {
					continue
				}
				k := rng.IntN(len(ws))
				switch rng.IntN(3) {
				case 0:
					ws = slices.Delete(ws, k, k+1)
				case 1:
					ws = slices.Insert(ws, k, vocab[rng.IntN(len(vocab))])
				default:
					ws[k] = vocab[rng.IntN(len(vocab))]
				}
				prefix := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " "))]
				lines[i] = prefix + strings.Join(ws, " ")
			}
		}
		checkApply(t, seed, strings.Join(lines, "\n"))
	}
}

// FuzzApply is the property over any pair of templates.
func FuzzApply(f *testing.F) {
	f.Add("# T\n\nOne two three.\n", "# T\n\nOne 2 three.\n")
	f.Add("- a\n- b\n", "- a\n- c\n- b\n")
	f.Add("| a | b |\n|---|---|\n| 1 | 2 |\n", "| a | b |\n|---|---|\n| 1 | 3 |\n| 4 | 5 |\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []string{a, b} {
			if strings.ContainsRune(s, '{') || len(s) > 2000 {
				t.Skip()
			}
		}
		old := fillOrSkip(t, a)
		new := fillOrSkip(t, b)
		res, err := redline.Compare(old, new)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := apply(redline.Words(old), res.Changes)
		if want := redline.Words(new); !ok || !slices.Equal(got, want) {
			t.Fatalf("applying the changes does not give the new words:\n%q\n%q", a, b)
		}
	})
}

// longEdit returns a paragraph too long to align word by word alone (see
// redline's wordBudget) and an edit of it, as an rng seeded with seed
// chooses: sentences of up to maxLen words (one of 1,100 words without a
// full stop when long is set, too long to align even alone), some
// deleted, inserted, repeated or edited word by word, full stops among
// the edits.
func longEdit(seed uint64, maxLen int, long bool) (old, new string) {
	rng := rand.New(rand.NewPCG(seed, 11))
	maxLen = 1 + maxLen%40
	word := func() string { return fmt.Sprintf("w%d", rng.IntN(60)) }
	var a, b []string
	for len(a) < 2500 {
		n := 1 + rng.IntN(maxLen)
		if long && rng.IntN(20) == 0 {
			n, long = 1100, false
		}
		s := make([]string, n)
		for i := range s {
			s[i] = word()
		}
		s[n-1] += "."
		a = append(a, s...)
		r := rng.IntN(10)
		if n == 1100 {
			r = 2 // the long sentence is edited: a pair too long to align
		}
		switch r {
		case 0: // deleted
			continue
		case 1: // a new sentence after it
			b = append(b, s...)
			b = append(b, word(), word()+".")
			continue
		case 2, 3, 4: // edited
			s = slices.Clone(s)
			for range 1 + rng.IntN(3) {
				k := rng.IntN(len(s))
				switch rng.IntN(4) {
				case 0:
					s[k] = word()
				case 1:
					s = slices.Insert(s, k, word())
				case 2:
					if len(s) > 1 {
						s = slices.Delete(s, k, k+1)
					}
				default:
					s[k] = strings.TrimSuffix(s[k], ".")
					if rng.IntN(2) == 0 {
						s[k] += "."
					}
				}
			}
		}
		b = append(b, s...)
	}
	return strings.Join(a, " ") + "\n", strings.Join(b, " ") + "\n"
}

// TestApplyLongParagraph is the property for paragraphs too long to
// align word by word alone: aligned by sentences, pairs of sentences or
// replaced whole, their changes still give the new words.
func TestApplyLongParagraph(t *testing.T) {
	n := 12
	if testing.Short() {
		n = 3
	}
	for seed := range uint64(n) {
		a, b := longEdit(seed, int(seed)*7, seed%3 == 0)
		checkApply(t, a, b)
	}
}

// FuzzApplyLong is the property over edits of long paragraphs.
func FuzzApplyLong(f *testing.F) {
	f.Add(uint64(1), 20, false)
	f.Add(uint64(2), 3, true)
	f.Add(uint64(3), 1, false)
	f.Fuzz(func(t *testing.T, seed uint64, maxLen int, long bool) {
		if maxLen < 0 {
			t.Skip()
		}
		a, b := longEdit(seed, maxLen, long)
		checkApply(t, a, b)
	})
}
