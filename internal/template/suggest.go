package template

import (
	"fmt"
	"sort"
	"strings"
)

// Suggest returns the name among candidates that name was probably meant
// to be, or "" when none is close: one that differs only in case, else the
// one fewest edits away (a letter inserted, deleted, replaced, or two
// neighbours swapped), at most two edits and fewer than the shorter name
// has letters, so that "x" never suggests "y". Ties go to the first in
// sorted order; name itself is never suggested.
func Suggest(name string, candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	best, bestDist := "", 3
	for _, c := range sorted {
		if c == name {
			continue
		}
		if strings.EqualFold(c, name) {
			return c
		}
		d := editDistance(name, c)
		if d < bestDist && d < min(len(name), len(c)) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of adjacent bytes;
// placeholder names are ASCII). Names longer than 64 bytes are never
// close to anything, which bounds the work.
func editDistance(a, b string) int {
	const far = 1 << 30
	if len(a) > 64 || len(b) > 64 {
		return far
	}
	// rows[i%3] is row i of the table: the distance between a[:i] and
	// each prefix of b.
	var rows [3][65]int
	for j := 0; j <= len(b); j++ {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur, prev := &rows[i%3], &rows[(i-1)%3]
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], rows[(i-2)%3][j-2]+1)
			}
		}
	}
	return rows[len(a)%3][len(b)]
}

// UnusedMessage describes values that no placeholder of t uses, for a
// warning or (with --strict) an error, each with a hint when it looks
// like a mistyped placeholder name:
//
//	terms.md: 2 values not used by any placeholder: {sitename} (did you mean {siteName}?), {spare}
//
// It returns "" when unused is empty.
func (t *Template) UnusedMessage(unused []string) string {
	if len(unused) == 0 {
		return ""
	}
	names := t.placeholderNames()
	parts := make([]string, len(unused))
	for i, u := range unused {
		parts[i] = "{" + u + "}" + t.spacedHint(u)
		if parts[i] == "{"+u+"}" {
			parts[i] += hint(u, names)
		}
	}
	noun := "values"
	if len(unused) == 1 {
		noun = "value"
	}
	return fmt.Sprintf("%s: %d %s not used by any placeholder: %s", t.name, len(unused), noun, strings.Join(parts, ", "))
}

// missingMessage is the error message for a placeholder without a value,
// with a hint when one of the unused value names looks like a mistyped
// name (given "sitename" for "{siteName}"). Either may be the typo, the
// value's name or the placeholder's, and the hint gives both fixes:
// "(a value is named sitename: name it siteName, or write {sitename})".
// It said "did you mean {siteName}?", which for "{siteurl}" with a
// value siteUrl was "did you mean {siteurl}?", the very text written.
func missingMessage(name string, unused []string) string {
	msg := fmt.Sprintf("missing value for {%s}", name)
	if typo := Suggest(name, unused); typo != "" {
		msg += fmt.Sprintf(" (a value is named %s: name it %s, or write {%s})", typo, name, typo)
	}
	return msg
}

// hint returns " (did you mean {x}?)" for the placeholder name x that the
// value name was probably meant to be, or "".
func hint(name string, placeholders []string) string {
	if m := Suggest(name, placeholders); m != "" {
		return fmt.Sprintf(" (did you mean {%s}?)", m)
	}
	return ""
}

// spacedHint returns, for a value name that a placeholder typed with
// spaces was meant to use, " (terms.md:3:7 writes { siteUrl }, which is
// no placeholder because of the spaces inside its braces: write
// {siteUrl})", else "": with --strict the unused value is the error,
// and the warning about the spaces may be far above it, or not shown.
func (t *Template) spacedHint(name string) string {
	for _, l := range t.spaced {
		key, _, _ := strings.Cut(l.Key, "|")
		if key == name {
			return fmt.Sprintf(" (%s:%s writes %s, which is no placeholder %s: write {%s})", t.name, l.Pos, l.Text, l.why(), l.Key)
		}
	}
	return ""
}

// placeholderNames returns the distinct names of t's placeholders.
func (t *Template) placeholderNames() []string {
	seen := map[string]bool{}
	var names []string
	for _, p := range t.live {
		if !seen[p.Name] {
			seen[p.Name] = true
			names = append(names, p.Name)
		}
	}
	return names
}
