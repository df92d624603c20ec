package redline_test

import (
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
		ow := strings.Fields(c.Old)
		if c.OldWord+len(ow) > len(old) || !slices.Equal(old[c.OldWord:c.OldWord+len(ow)], ow) {
			return nil, false
		}
		out = append(out, strings.Fields(c.New)...)
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
