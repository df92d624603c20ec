package txt

import (
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
)

// list lays out a list's items under their markers. Ordered lists number
// from Start; the numbers are right-aligned so that the items' text lines
// up. Loose lists have a blank line between items.
func (r *renderer) list(n *ast.List, width int) []string {
	r.depth++
	defer func() { r.depth-- }()

	markers := make([]string, len(n.Items))
	if n.Ordered {
		delim := "."
		if n.Marker == ')' {
			delim = ")"
		}
		nums := make([]string, len(n.Items))
		w := 0
		for i := range n.Items {
			nums[i] = strconv.Itoa(n.Start + i)
			w = max(w, len(nums[i]))
		}
		for i, num := range nums {
			markers[i] = strings.Repeat(" ", w-len(num)) + num + delim + " "
		}
	} else {
		for i := range markers {
			markers[i] = bullet(r.depth)
		}
	}

	var out []string
	for i, it := range n.Items {
		if i > 0 && !n.Tight {
			out = append(out, "")
		}
		out = append(out, r.listItem(it, markers[i], width, n.Tight)...)
	}
	return out
}

// listItem lays out an item's blocks in the width left after its marker
// (and task box) and hangs them under it.
func (r *renderer) listItem(n *ast.ListItem, marker string, width int, tight bool) []string {
	switch n.Task {
	case ast.TaskOpen:
		marker += "[ ] "
	case ast.TaskDone:
		marker += "[x] "
	}
	body := r.blocks(n.Blocks, width-len(marker), tight)
	return hang(marker, body)
}

// bullet is the bullet marker of a bullet list at nesting depth d (1 for a
// top-level list): "- " and "* " by turns.
func bullet(d int) string {
	if d%2 == 0 {
		return "* "
	}
	return "- "
}
