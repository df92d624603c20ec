package bidi

import (
	"unicode"
	"unicode/utf8"
)

// Shape returns s with its Arabic letters replaced by the presentation
// form their position in a word calls for (U+FB50–U+FDFF, U+FE70–U+FEFF):
// isolated, initial, medial or final, by the Joining_Type of each letter and
// of its neighbours (Unicode ArabicShaping.txt). Lam followed by alef (with
// or without madda or hamza) becomes the mandatory lam-alef ligature,
// unless the lam or the alef carries a mark (لَا, لِأَ): then they keep
// their forms (lam initial or medial, alef final), which a shaping
// engine ligates with the marks placed on the font's anchors, where a
// mark after a ligature's presentation form has no place.
// Transparent characters (harakat and other marks) do not break joining;
// ZWJ and tatweel cause joining, ZWNJ prevents it. The text stays in
// logical order. A non-joining letter with a presentation form (hamza)
// takes its isolated form. Letters without a presentation form (most of
// Arabic Extended, Syriac, N'Ko, …) and all other text are kept as they
// are.
//
// Bytes that are not valid UTF-8 come back as U+FFFD. When s is valid and
// has nothing to shape, Shape returns it without allocating.
func Shape(s string) string {
	if !needsShaping(s) && utf8.ValidString(s) {
		return s
	}
	out, _ := shapeRunes([]rune(s), false)
	return string(out)
}

// ShapeRuns shapes the concatenated text of runs, so that letters join
// across style changes inside a word, and returns it split back into runs
// with the same styles. A lam-alef ligature whose two letters lie in
// different runs goes to the lam's run. Runs that end up empty are dropped.
// Bytes that are not valid UTF-8 come back as U+FFFD. When no run has
// anything to shape (and all are valid UTF-8), ShapeRuns returns runs
// itself.
func ShapeRuns(runs []Run) []Run {
	need := false
	for _, r := range runs {
		if needsShaping(r.Text) || !utf8.ValidString(r.Text) {
			need = true
			break
		}
	}
	if !need {
		return runs
	}
	var text []rune
	var owner []int
	for i, r := range runs {
		for _, c := range r.Text {
			text = append(text, c)
			owner = append(owner, i)
		}
	}
	out, src := shapeRunes(text, true)
	result := make([]Run, 0, len(runs))
	for k := 0; k < len(out); {
		run := owner[src[k]]
		end := k
		for end < len(out) && owner[src[end]] == run {
			end++
		}
		result = append(result, Run{Text: string(out[k:end]), Style: runs[run].Style})
		k = end
	}
	return result
}

// needsShaping reports whether s has a rune that Shape may change: one
// with presentation forms, which all lie in U+0600–U+06FF.
func needsShaping(s string) bool {
	for i := 0; i < len(s); i++ {
		// U+0600–U+06FF encode with lead byte D8–DB.
		if s[i] >= 0xD8 && s[i] <= 0xDB {
			return true
		}
	}
	return false
}

// joinsBefore reports whether a character of joining type t can connect to
// the character before it in logical order (the one on its right).
func joinsBefore(t joiningType) bool { return t == joinD || t == joinR || t == joinC }

// joinsAfter reports whether a character of joining type t can connect to
// the character after it in logical order (the one on its left).
func joinsAfter(t joiningType) bool { return t == joinD || t == joinL || t == joinC }

// shapeRunes shapes text. If withSource, it also returns for each output
// rune the index of the input rune it comes from (the lam, for a lam-alef
// ligature).
func shapeRunes(text []rune, withSource bool) (out []rune, src []int) {
	n := len(text)
	types := make([]joiningType, n)
	for i, r := range text {
		types[i] = joiningTypeOf(r)
	}
	// next[i] is the index of the first non-transparent character after
	// i, or n.
	next := make([]int, n)
	for i, j := n-1, n; i >= 0; i-- {
		next[i] = j
		if types[i] != joinT {
			j = i
		}
	}
	out = make([]rune, 0, n)
	if withSource {
		src = make([]int, 0, n)
	}
	emit := func(r rune, from int) {
		out = append(out, r)
		if withSource {
			src = append(src, from)
		}
	}
	prev := joinU // joining type of the last non-transparent character
	for i := 0; i < n; i++ {
		r, t := text[i], types[i]
		if t != joinD && t != joinR && t != joinL {
			if t == joinU {
				// A non-joining letter with a presentation form (hamza)
				// takes its isolated form.
				r = chooseForm(r, false, false)
			}
			emit(r, i)
			if t != joinT {
				prev = t
			}
			continue
		}
		before := joinsBefore(t) && joinsAfter(prev)
		prev = t
		j := next[i]
		after := j < n && joinsAfter(t) && joinsBefore(types[j])

		if r == 0x0644 && j < n && !markAfter(text, i) && !markAfter(text, j) {
			if lig := lamAlefOf(text[j]); lig != nil {
				if before {
					emit(lig.final, i)
				} else {
					emit(lig.isolated, i)
				}
				// Characters between lam and alef (no mark: a
				// transparent format character) follow the ligature.
				for k := i + 1; k < j; k++ {
					emit(text[k], k)
				}
				i = j
				prev = types[j]
				continue
			}
		}
		emit(chooseForm(r, before, after), i)
	}
	return out, src
}

// markAfter reports whether the character after text[i] is a
// combining mark (a haraka, shadda, tanwin).
func markAfter(text []rune, i int) bool {
	return i+1 < len(text) && unicode.Is(unicode.Mn, text[i+1])
}

// chooseForm returns the presentation form of r for a letter joined to the
// character before it, after it, both or neither; if that form does not
// exist it falls back to a form that exists (medial to final or initial,
// those to isolated), and to r itself.
func chooseForm(r rune, before, after bool) rune {
	f := formsOf(r)
	if f == nil {
		return r
	}
	var order [3]int
	switch {
	case before && after:
		order = [3]int{formMedial, formFinal, formIsolated}
	case before:
		order = [3]int{formFinal, formIsolated, formIsolated}
	case after:
		order = [3]int{formInitial, formIsolated, formIsolated}
	default:
		order = [3]int{formIsolated, formIsolated, formIsolated}
	}
	for _, k := range order {
		if f.forms[k] != 0 {
			return f.forms[k]
		}
	}
	return r
}
