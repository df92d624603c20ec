package html

import "github.com/policyexport/policyexport/internal/ast"

// walk calls visit for every block and inline of blocks, in document
// order. Unlike ast.WalkBlocks it allocates nothing: ast.Children builds
// a slice for every node, which on 1 MiB of one-line paragraphs cost more
// than writing the HTML.
func walk(blocks []ast.Block, visit func(ast.Node)) {
	for _, b := range blocks {
		visit(b)
		switch b := b.(type) {
		case *ast.Heading:
			walkInlines(b.Inlines, visit)
		case *ast.Paragraph:
			walkInlines(b.Inlines, visit)
		case *ast.List:
			for _, it := range b.Items {
				visit(it)
				walk(it.Blocks, visit)
			}
		case *ast.ListItem:
			walk(b.Blocks, visit)
		case *ast.BlockQuote:
			walk(b.Blocks, visit)
		case *ast.FootnoteDefinition:
			walk(b.Blocks, visit)
		case *ast.Table:
			for _, c := range b.Header {
				if c != nil {
					walkInlines(c.Inlines, visit)
				}
			}
			for _, row := range b.Rows {
				for _, c := range row {
					if c != nil {
						walkInlines(c.Inlines, visit)
					}
				}
			}
		}
	}
}

// walkInlines calls visit for every inline of ins and their descendants.
func walkInlines(ins []ast.Inline, visit func(ast.Node)) {
	for _, in := range ins {
		visit(in)
		switch in := in.(type) {
		case *ast.Emphasis:
			walkInlines(in.Inlines, visit)
		case *ast.Strong:
			walkInlines(in.Inlines, visit)
		case *ast.Strikethrough:
			walkInlines(in.Inlines, visit)
		case *ast.Link:
			walkInlines(in.Inlines, visit)
		}
	}
}
