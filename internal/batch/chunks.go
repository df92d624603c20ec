package batch

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/policyexport/policyexport/internal/values"
)

// A YAML manifest parsed whole is a tree of about 1.9 KB a document
// (yaml.v3 nodes), all of it in memory at once: 19 MB for 10,000
// documents, whose heap then grew to twice that before the plan was
// made, the largest the run's memory ever was. So a manifest laid out
// plainly in block style (a "documents:" key at the start of a line and
// its items below it, each starting with "- " at one indentation) is
// read one item at a time, each parsed, checked and converted alone,
// with the lines of everything else (the head) parsed once. Anything
// else, and any error, goes to the whole parse, which then says what is
// wrong exactly as it always has: the item-by-item reading gives the
// same Manifest or gives up (see FuzzManifestItems).

// manifestItems is a manifest split into its head and its documents'
// items.
type manifestItems struct {
	// head is the manifest with the items' lines blanked (newlines kept,
	// so that every line keeps its number).
	head []byte
	// items are the documents' items, each its lines as written.
	items []itemLines
}

// itemLines are the lines of one item of the documents list.
type itemLines struct {
	text []byte
	line int // the line its first line is, 1-based
}

// splitItems splits data into its head and items, or reports false when
// data is not laid out plainly enough to be sure where each item ends.
func splitItems(data []byte) (manifestItems, bool) {
	var (
		out      manifestItems
		head     = bytes.Clone(data)
		inList   bool // between "documents:" and the list's end
		found    bool // "documents:" seen
		indent   = -1 // the items' indentation, once known
		start    = -1 // offset of the current item, or -1
		startLn  int
		lineNo   int
		endItem  = func(end int) { out.items = append(out.items, itemLines{data[start:end], startLn}); start = -1 }
		blankOut = func(from, to int) {
			for i := from; i < to; i++ {
				if head[i] != '\n' {
					head[i] = ' '
				}
			}
		}
	)
	for off := 0; off < len(data); {
		lineNo++
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		raw := data[off:next]
		if cr := bytes.IndexByte(raw, '\r'); cr >= 0 && !(cr == len(raw)-2 && raw[cr+1] == '\n') {
			// A carriage return that does not end a CRLF breaks a line for
			// YAML, not here: the whole parse numbers such lines.
			return out, false
		}
		line := bytes.TrimRight(raw, "\r\n")
		body := bytes.TrimLeft(line, " ")
		ind := len(line) - len(body)
		switch {
		case bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")) || bytes.HasPrefix(line, []byte("%")):
			return out, false // document markers and directives: the whole parse decides
		case bytes.ContainsRune(line, '\t'):
			return out, false
		case !inList && ind == 0 && bytes.HasPrefix(body, []byte("documents:")):
			rest := bytes.TrimLeft(body[len("documents:"):], " ")
			if found || len(rest) > 0 && rest[0] != '#' {
				return out, false // twice, or a value on the line
			}
			found, inList = true, true
		case !inList:
		case len(body) == 0 || body[0] == '#':
			if start >= 0 {
				blankOut(off, next)
			}
		case indent < 0 && ind == 0 && body[0] != '-':
			return out, false // a key right after "documents:": an empty list
		case indent < 0 || ind == indent && (bytes.HasPrefix(body, []byte("- ")) || len(body) == 1 && body[0] == '-'):
			if indent < 0 {
				if body[0] != '-' || !(len(body) == 1 || body[1] == ' ') {
					return out, false
				}
				indent = ind
			}
			if start >= 0 {
				endItem(off)
			}
			start, startLn = off, lineNo
			blankOut(off, next)
		case ind > indent:
			blankOut(off, next)
		default: // back to the head
			if start >= 0 {
				endItem(off)
			}
			inList = false
			if ind != 0 {
				return out, false
			}
		}
		off = next
	}
	if start >= 0 {
		endItem(len(data))
	}
	if !found || len(out.items) == 0 {
		return out, false
	}
	out.head = head
	return out, true
}

// loadItems reads a YAML manifest item by item (see splitItems), handing
// each document to start's function as soon as it is read, or reports
// false when it cannot: then the whole parse must read it. head holds the
// file's name and hash.
func loadItems(head Manifest, data []byte, start startFunc) (*Manifest, bool) {
	name := head.File
	if strings.EqualFold(path.Ext(name), ".json") || values.CheckText(name, data, 0) != nil {
		return nil, false
	}
	split, ok := splitItems(data)
	if !ok {
		return nil, false
	}
	top, err := values.Document(name, split.head, 0)
	split.head = nil // as large as the manifest, and read
	if err != nil || top == nil {
		return nil, false
	}
	// The schema checks the head once, with an empty documents list in
	// place of the items, then each item alone against the schema of the
	// list's items.
	schema, err := compiledSchema()
	if err != nil {
		return nil, false
	}
	itemSchema := schema.Property("documents").Items()
	if itemSchema == nil {
		return nil, false
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Content: slices.Clone(top.Content)}
	m := &head
	for i := 0; i+1 < len(top.Content); i += 2 {
		switch k, v := top.Content[i], top.Content[i+1]; k.Value {
		case "documents":
			if !values.IsNull(v) {
				return nil, false
			}
			root.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode}
		case "output":
			m.Output, m.OutputPos = v.Value, values.NodePos(k, 0)
		case "defaults":
			if m.Defaults, err = settings(name, v); err != nil {
				return nil, false
			}
		}
	}
	if checkSchema(name, root) != nil {
		return nil, false
	}
	add := start(m)
	for _, it := range split.items {
		item, ok := parseItem(name, it)
		if !ok {
			return nil, false
		}
		if len(itemSchema.Check(item, 1)) > 0 {
			return nil, false
		}
		doc, err := document(name, item)
		if err != nil {
			return nil, false
		}
		add(doc)
	}
	return m, true
}

// parseItem parses one item of the documents list: its "- " becomes a
// space, so that its lines are a mapping at the same columns, and its
// nodes are moved to the lines they are on in the manifest.
func parseItem(name string, it itemLines) (*yaml.Node, bool) {
	text := bytes.Clone(it.text)
	text[bytes.IndexByte(text, '-')] = ' '
	n, err := values.Document(name, text, 0)
	if err != nil || n == nil {
		return nil, false
	}
	var shift func(*yaml.Node)
	shift = func(n *yaml.Node) {
		n.Line += it.line - 1
		for _, c := range n.Content {
			shift(c)
		}
	}
	shift(n)
	return n, true
}
