// Package redline compares two versions of a filled document and shows
// what changed: the changes, each with its kind, its section and its
// place in both templates, and a redline, the new document with deleted,
// inserted and reformatted words marked by ast.Change inlines, for any
// backend to render.
//
// It compares what the reader reads, not the Markdown: blocks first
// (headings, paragraphs, list items, table rows, code blocks), then the
// words of blocks that changed, so that one changed word in a long
// paragraph is one small change, a new list item is an inserted item and
// a moved paragraph is a move. The sequence alignment is diffmatchpatch's
// (github.com/sergi/go-diff), run without a deadline so that the result
// is the same on every machine.
//
// It also writes the summary of changes and the email notice as blocks
// of the model, and the change list as JSON (WriteJSON, with its schema
// in Schema), their fixed text in the document's language (package
// l10n's labels). It imports only the model, the label table and the
// diff library: it never parses templates, renders a format or touches
// a file.
package redline
