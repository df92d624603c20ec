package txt

import (
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/l10n"
)

// notesSection lays out the footnotes met in the text under a "Notes"
// heading, each hanging under its "[^n] " marker. Footnotes are written in
// the order they were met; a footnote met inside another one is written
// after it. The notes are separated by blank lines when any of them has
// more than one block.
func (r *renderer) notesSection(width int) []string {
	if len(r.notes) == 0 {
		return nil
	}
	var items [][]string
	loose := false
	for i := 0; i < len(r.notes); i++ { // r.notes grows while notes are laid out
		n := r.notes[i]
		marker := "[^" + strconv.Itoa(n.Index) + "] "
		items = append(items, hang(marker, r.blocks(n.Blocks, width-len(marker), false)))
		loose = loose || len(n.Blocks) > 1
	}
	out := underlined(r.lang.Label(l10n.Notes))
	for i, it := range items {
		if i == 0 || loose {
			out = append(out, "")
		}
		out = append(out, it...)
	}
	return out
}

// underlined returns the heading of an end section, a label of package
// l10n, and its underline of as many dashes as the label is wide.
func underlined(label string) []string {
	return []string{label, strings.Repeat("-", displayWidth(label))}
}

// linksSection lists the numbered link destinations under a "Links"
// heading: "[n] URL", the numbers right-aligned. A URL too long to follow
// its number within the width stands alone on the next line, so that the
// only lines over the width are single unbreakable URLs.
func (r *renderer) linksSection(width int) []string {
	if len(r.urls) == 0 {
		return nil
	}
	out := append(underlined(r.lang.Label(l10n.Links)), "")
	w := len("[" + strconv.Itoa(len(r.urls)) + "] ")
	for i, u := range r.urls {
		if r.opts.Redline {
			u = escapeMarks(u)
		}
		marker := "[" + strconv.Itoa(i+1) + "] "
		marker = strings.Repeat(" ", w-len(marker)) + marker
		lines := r.wrap(u, width-w)
		if len(lines) == 1 && displayWidth(u) > width-w {
			out = append(out, strings.TrimRight(marker, " "), u)
			continue
		}
		out = append(out, hang(marker, lines)...)
	}
	return out
}
