package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// TestPagination checks keep-with-next, widows and orphans and the bottom
// margin on documents whose headings and paragraph breaks fall at many
// different places on the page.
func TestPagination(t *testing.T) {
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	bottom := r.pageH - r.margin.Bottom
	for shift := range 12 {
		doc := &ast.Document{}
		for i := range 40 {
			lines := []int{1, 2, 3, 4, 5, 7}[(i+shift)%6]
			text := strings.Repeat("word ", 14*lines)
			doc.Blocks = append(doc.Blocks,
				&ast.Heading{Level: 2 + i%2, Inlines: []ast.Inline{&ast.Text{Text: fmt.Sprintf("Heading %d", i)}}},
				&ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: text}}})
			if (i+shift)%4 == 0 {
				doc.Blocks = append(doc.Blocks, &ast.Paragraph{Inlines: []ast.Inline{&ast.Text{Text: strings.Repeat("more ", 3*shift+1)}}})
			}
		}
		l := newLayout(r, doc)
		if err := l.document(); err != nil {
			t.Fatal(err)
		}
		pages := l.paginate()
		if len(pages) < 4 {
			t.Fatalf("only %d pages", len(pages))
		}
		// Lines of each block per page.
		count := map[int]map[int]int{}
		total := map[int]int{}
		for pi, pg := range pages {
			for _, pu := range pg.units {
				if pu.y+pu.u.h > bottom+1e-6 {
					t.Errorf("shift %d page %d: unit ends at %.1f mm, below the text area (%.1f)", shift, pi+1, pu.y+pu.u.h, bottom)
				}
				if b := pu.u.block; b != 0 && !pu.u.heading {
					if count[b] == nil {
						count[b] = map[int]int{}
					}
					count[b][pi]++
					total[b]++
				}
			}
			if pi < len(pages)-1 && len(pg.units) > 0 && pg.units[len(pg.units)-1].u.heading {
				t.Errorf("shift %d: page %d ends with a heading", shift, pi+1)
			}
			if pi < len(pages)-1 && len(pg.units) > 0 {
				// The first lines after a heading are on the heading's page.
				last := pg.units[len(pg.units)-1].u
				if last.heading {
					t.Errorf("shift %d: heading alone at the foot of page %d", shift, pi+1)
				}
			}
		}
		for b, per := range count {
			if len(per) < 2 {
				continue
			}
			if total[b] < 4 {
				t.Errorf("shift %d: a paragraph of %d lines is split across pages", shift, total[b])
			}
			for pi, n := range per {
				if n < 2 {
					t.Errorf("shift %d: page %d holds %d line of a %d-line paragraph", shift, pi+1, n, total[b])
				}
			}
		}
	}
}
