// Package redline compares two versions of a filled document and shows
// what changed: the changes, each with its kind, its section and its
// place in both templates, and a redline, the new document with deleted,
// inserted and reformatted words marked by ast.Change inlines, for any
// backend to render.
//
// It compares what the reader reads, not the Markdown: blocks first
// (headings, paragraphs, list items, table rows, code blocks), then the
// words of blocks that changed, punctuation and spaces apart from them
// (see nextToken), so that one changed word in a long paragraph is one
// small change, a comma taken out is that comma deleted, a new list item is an inserted item and
// a moved paragraph is a move. The sequence alignment is diffmatchpatch's
// (github.com/sergi/go-diff), run without a deadline so that the result
// is the same on every machine.
//
// Myers' algorithm costs the words times the differences, so the words
// of one very long paragraph are aligned within a fixed budget of work,
// a count and not a time (wordBudget, alignUnits): a pair of blocks of
// at most 4,000 words, punctuation marks and spaces together (a
// paragraph of 900 words of prose and its new version) is aligned word
// by word; a longer one by its
// sentences first, then word by word within each run of changed
// sentences, a run beyond the budget pairing its deleted and inserted
// sentences in order, and a pair of sentences beyond it (a thousand
// words without a full stop) is shown replaced whole. The redline is as
// correct, if coarser, and the work grows linearly with the words.
// Runs of blocks (and of table rows) beyond blockBudget are bounded the
// same way (alignLong): the blocks both runs share are matched by those
// that occur once in each (patience diff's anchors), and a stretch
// between two that is still too long is shown changed whole. Each
// paragraph aligned by its sentences and each run of blocks aligned at
// anchors is a Warning of the Result, at its place in the new version,
// so that the user can be told where the redline is coarser.
//
// It also writes the summary of changes and the email notice as blocks
// of the model, and the change list as JSON (WriteJSON, with its schema
// in Schema), their fixed text in the document's language (package
// l10n's labels). It imports only the model, the label table and the
// diff library: it never parses templates, renders a format or touches
// a file.
package redline
