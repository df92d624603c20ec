package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/srcerr"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/values"
)

// MaxManifestBytes is the largest manifest Load accepts.
const MaxManifestBytes = 64 << 20

// Manifest is a parsed batch manifest: the documents to render and the
// defaults they start from. Paths in it are as written, relative to the
// manifest's directory.
type Manifest struct {
	// File is the manifest's name, as given to Load, for messages.
	File string
	// SHA256 is the hex SHA-256 of the manifest's bytes.
	SHA256 string
	// Output is the output path pattern; empty means DefaultPattern.
	Output string
	// OutputPos is where the output key is written; zero when absent.
	OutputPos ast.Pos
	// Defaults apply to every document: a document's own settings win,
	// and its values are merged over the default values.
	Defaults Settings
	// Documents are the documents in manifest order.
	Documents []Document
}

// Settings are what a document (or the defaults) may say about how it is
// rendered. An empty field is unset.
type Settings struct {
	// Template is the template's path; "" means unset (and, after the
	// defaults, the embedded privacy policy).
	Template string
	// TemplatePos is where the template key is written; zero when
	// absent (or in a CSV manifest).
	TemplatePos ast.Pos
	// Formats are format names (pdf, html, txt, json); nil is unset.
	Formats []string
	// Values are placeholder values, each literal text as written.
	Values map[string]string
	// ValuesAt is where each name of Values is written (its key in
	// YAML, its cell in CSV), for a warning about a value no
	// placeholder uses.
	ValuesAt map[string]ast.Pos
	// ValuesFile is the path of a YAML or JSON values file.
	ValuesFile string
	// ValuesFilePos is where the valuesFile key is written; zero when
	// absent (or in a CSV manifest).
	ValuesFilePos ast.Pos
	// Locale is the document's language tag.
	Locale string
	// PDFStandard is the document's --pdf-standard list, in canonical form
	// ("a-3u,ua-1"); "" is the command line's --pdf-standard.
	PDFStandard string
	// PDFStandardSet is true when the pdfStandard key is written, even
	// as "": a document's empty pdfStandard means the command line's
	// --pdf-standard, not the defaults', as the schema says; a document
	// without the key takes the defaults'.
	PDFStandardSet bool
	// Metadata is free-form text recorded in the index.
	Metadata map[string]string
}

// Document is one entry of a manifest.
type Document struct {
	// Name is the document's name (unique in the manifest).
	Name string
	// Pos is where the entry starts in the manifest.
	Pos ast.Pos
	Settings
}

// Error is a problem at a position in a manifest; it formats as
// "file:line:col: msg".
type Error = srcerr.Error

// ErrorList is several manifest errors, in manifest order.
type ErrorList = srcerr.List

// Load parses a manifest. A name ending in ".csv" is read as CSV (a header
// row, then one row a document: the column "name", the optional columns
// "template", "formats" (separated by spaces, commas or semicolons),
// "locale", "valuesFile" and "pdfStandard", and every other column a
// placeholder value; an empty cell leaves that value unset). Anything
// else is YAML or JSON checked against the manifest JSON Schema. Every
// error names the manifest's file, line and column. Load never reads
// another file.
func Load(name string, data []byte) (*Manifest, error) {
	return load(name, data, keepDocuments)
}

// LoadPlan is Load then NewPlan, with each document planned as soon as
// it is read, so that the manifest's documents are never in memory all
// at once: 10,000 of them, read whole, took 5.6 MB of heap (their values
// maps most of it) next to the plan being made, and this was the peak
// of a whole batch run's memory. Its errors are Load's, then NewPlan's.
func LoadPlan(name string, data []byte, opts PlanOptions) (*Plan, error) {
	var (
		pl       *planner
		startErr error
	)
	_, err := load(name, data, func(head *Manifest) func(Document) {
		if pl, startErr = newPlanner(head, opts); startErr != nil {
			return func(Document) {} // reported once the manifest is read
		}
		return pl.add
	})
	switch {
	case err != nil:
		return nil, err
	case startErr != nil:
		return nil, startErr
	}
	return pl.finish()
}

// startFunc receives a manifest as it is read: it is called with the
// head (the manifest without its Documents) before the first document,
// and returns the function that takes each document, in manifest order.
// A reading that gives up midway (loadItems) is followed by another,
// which calls it again with a new head.
type startFunc func(head *Manifest) func(Document)

// keepDocuments is the startFunc that keeps the documents in the head.
func keepDocuments(head *Manifest) func(Document) {
	return func(d Document) { head.Documents = append(head.Documents, d) }
}

// load parses a manifest (see Load) and hands its documents to start's
// function; it returns the head.
func load(name string, data []byte, start startFunc) (*Manifest, error) {
	if len(data) > MaxManifestBytes {
		return nil, &Error{File: name, Msg: fmt.Sprintf("manifest is larger than %d bytes", MaxManifestBytes)}
	}
	sum := sha256.Sum256(data)
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	head := Manifest{File: name, SHA256: hex.EncodeToString(sum[:])}
	if strings.EqualFold(path.Ext(name), ".csv") {
		return loadCSV(head, data, start)
	}
	if m, ok := loadItems(head, data, start); ok {
		return m, nil
	}
	return loadWhole(head, data, start)
}

// loadWhole parses a YAML manifest as one tree; head holds the file's
// name and hash.
func loadWhole(head Manifest, data []byte, start startFunc) (*Manifest, error) {
	name := head.File
	root, err := values.Document(name, data, 0)
	if err != nil {
		var ve *values.Error
		if errors.As(err, &ve) {
			return nil, &Error{File: name, Pos: ve.Pos, Msg: ve.Msg}
		}
		return nil, &Error{File: name, Msg: err.Error()}
	}
	if root == nil {
		return nil, &Error{File: name, Pos: ast.Pos{Line: 1, Col: 1}, Msg: "empty manifest: want a map with a documents list"}
	}
	if err := checkSchema(name, root); err != nil {
		return nil, err
	}
	m := &head
	var docs []Document // the head may come after them
	for k, v := range values.Pairs(root) {
		switch k.Value {
		case "output":
			m.Output, m.OutputPos = v.Value, values.NodePos(k, 0)
		case "defaults":
			s, err := settings(name, v)
			if err != nil {
				return nil, err
			}
			m.Defaults = s
		case "documents":
			for _, d := range v.Content {
				doc, err := document(name, d)
				if err != nil {
					return nil, err
				}
				docs = append(docs, doc)
			}
		}
	}
	add := start(m)
	for _, d := range docs {
		add(d)
	}
	return m, nil
}

// document reads an item of the documents list that the schema has
// already checked.
func document(file string, d *yaml.Node) (Document, error) {
	doc := Document{Pos: values.NodePos(d, 0)}
	for dk, dv := range values.Pairs(d) {
		if dk.Value == "name" {
			doc.Name = dv.Value
		}
	}
	s, err := settings(file, d)
	doc.Settings = s
	return doc, err
}

// settings reads the settings keys of a defaults or document mapping that
// the schema has already checked.
func settings(file string, n *yaml.Node) (Settings, error) {
	var s Settings
	for k, v := range values.Pairs(n) {
		switch k.Value {
		case "template":
			if err := checkInputPath(file, "template", v.Value, values.NodePos(v, 0)); err != nil {
				return s, err
			}
			s.Template, s.TemplatePos = v.Value, values.NodePos(k, 0)
		case "formats":
			s.Formats = []string{}
			for _, f := range v.Content {
				s.Formats = append(s.Formats, f.Value)
			}
		case "values":
			vals, err := values.Flat(file, v, 0)
			if err != nil {
				return s, valuesError(file, err)
			}
			for k, val := range vals {
				if err := values.CheckValue(k, val); err != nil {
					return s, &Error{File: file, Pos: values.NodePos(v, 0), Msg: err.Error()}
				}
			}
			s.Values = vals
			s.ValuesAt = make(map[string]ast.Pos, len(vals))
			for k := range values.Pairs(v) {
				if _, ok := vals[k.Value]; ok {
					s.ValuesAt[k.Value] = values.NodePos(k, 0)
				}
			}
		case "valuesFile":
			if err := checkInputPath(file, "valuesFile", v.Value, values.NodePos(v, 0)); err != nil {
				return s, err
			}
			s.ValuesFile, s.ValuesFilePos = v.Value, values.NodePos(k, 0)
		case "locale":
			s.Locale = v.Value
		case "pdfStandard":
			std, err := pdfStandard(v.Value)
			if err != nil {
				return s, &Error{File: file, Pos: ast.Pos{Line: v.Line, Col: v.Column}, Msg: err.Error()}
			}
			s.PDFStandard, s.PDFStandardSet = std, true
		case "metadata":
			s.Metadata = map[string]string{}
			for mk, mv := range values.Pairs(v) {
				s.Metadata[mk.Value] = mv.Value
			}
		}
	}
	return s, nil
}

func valuesError(file string, err error) error {
	var ve *values.Error
	if errors.As(err, &ve) {
		return &Error{File: file, Pos: ve.Pos, Msg: ve.Msg}
	}
	return &Error{File: file, Msg: err.Error()}
}

// checkInputPath refuses a file name of the manifest (its key's value, at
// pos) holding a control character: no file name needs one, and the
// messages that name the file (it is missing, unreadable, not a
// template) print it as written, so that a line feed in it began a line
// of its own in a CI log ("::error::…", which GitHub Actions reads as a
// command) and an escape sequence coloured or cleared the terminal.
func checkInputPath(file, key, p string, pos ast.Pos) error {
	for _, r := range p {
		if unicode.IsControl(r) {
			return &Error{File: file, Pos: pos, Msg: fmt.Sprintf("%s %q holds the control character %U, which no file name needs", key, p, r)}
		}
	}
	return nil
}

// csvReserved are the CSV columns that are not placeholder values.
var csvReserved = map[string]bool{"name": true, "template": true, "formats": true, "locale": true, "valuesFile": true, "pdfStandard": true}

// loadCSV reads a CSV manifest; head holds the file's name and hash.
func loadCSV(head Manifest, data []byte, start startFunc) (*Manifest, error) {
	name := head.File
	if !utf8.Valid(data) {
		// At the first byte that is not, as in a YAML manifest.
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		p := ast.Pos{Line: 1 + bytes.Count(data[:off], []byte("\n")), Col: off - bytes.LastIndexByte(data[:off], '\n')}
		return nil, &Error{File: name, Pos: p, Msg: values.InvalidUTF8(data, off)}
	}
	// encoding/csv ends a row at LF (or CR LF) alone, and kept a lone CR
	// as a character of the cell: a file saved with lone CRs was one row,
	// whose header ran into the first document ("column "url\rbad" is
	// not a valid placeholder name").
	data = values.LF(data)
	sep := csvSeparator(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = 0
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{File: name, Pos: ast.Pos{Line: 1, Col: 1}, Msg: "empty manifest: want a header row with a name column"}
		}
		return nil, csvError(name, err)
	}
	nameCol := -1
	seen := map[string]bool{}
	for i, h := range header {
		line, col := r.FieldPos(i)
		p := ast.Pos{Line: line, Col: col}
		switch {
		case seen[h]:
			return nil, &Error{File: name, Pos: p, Msg: fmt.Sprintf("column %q appears twice", h)}
		case h == "name":
			nameCol = i
		case !csvReserved[h] && !values.IsName(h):
			return nil, &Error{File: name, Pos: p, Msg: fmt.Sprintf("column %q is not a valid placeholder name (a letter or _ then letters, digits or _)", h)}
		}
		seen[h] = true
	}
	if nameCol < 0 {
		msg := "the header row has no name column (the column of each document's name, which a CSV manifest needs)"
		for i, h := range header {
			if template.Suggest(h, []string{"name"}) != "" {
				line, col := r.FieldPos(i)
				return nil, &Error{File: name, Pos: ast.Pos{Line: line, Col: col}, Msg: fmt.Sprintf("%s: did you mean \"name\" for %q?", msg, h)}
			}
		}
		return nil, &Error{File: name, Pos: ast.Pos{Line: 1, Col: 1}, Msg: msg}
	}
	m := &head
	add := start(m)
	docs := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.Is(err, csv.ErrFieldCount) && errors.As(err, &pe) {
				// The commonest cause of more: a value with a comma,
				// unquoted.
				fix := fmt.Sprintf(`a value that holds a %s needs double quotes`, separatorNames[sep])
				if sep != '\t' {
					fix += fmt.Sprintf(`: "Acme%s Inc."`, string(sep))
				}
				if len(rec) < len(header) {
					fix = "every row has every column, an empty one too"
					if sep != '\t' {
						fix += fmt.Sprintf(": a%[1]s%[1]sc", string(sep))
					}
				}
				return nil, &Error{File: name, Pos: ast.Pos{Line: pe.Line, Col: 1}, Msg: fmt.Sprintf("this row has %d columns, the header %d (%s)", len(rec), len(header), fix)}
			}
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		doc := Document{Pos: ast.Pos{Line: line, Col: 1}}
		for i, cell := range rec {
			l, c := r.FieldPos(i)
			p := ast.Pos{Line: l, Col: c}
			h := header[i]
			switch h {
			case "name":
				if cell == "" {
					return nil, &Error{File: name, Pos: p, Msg: "empty name"}
				}
				doc.Name = cell
			case "template":
				if err := checkInputPath(name, "template", cell, p); err != nil {
					return nil, err
				}
				doc.Template = cell
			case "locale":
				if cell != "" && !validLocale(cell) {
					return nil, &Error{File: name, Pos: p, Msg: fmt.Sprintf("locale %q is not a language tag such as en or pt-BR", cell) + localeFix(cell)}
				}
				doc.Locale = cell
			case "valuesFile":
				if err := checkInputPath(name, "valuesFile", cell, p); err != nil {
					return nil, err
				}
				doc.ValuesFile = cell
			case "pdfStandard":
				std, err := pdfStandard(cell)
				if err != nil {
					return nil, &Error{File: name, Pos: p, Msg: err.Error()}
				}
				doc.PDFStandard = std
			case "formats":
				if cell == "" {
					continue
				}
				fs := strings.FieldsFunc(cell, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
				for _, f := range fs {
					if !knownFormat(f) {
						return nil, &Error{File: name, Pos: p, Msg: fmt.Sprintf("unknown format %q (known: pdf, html, txt, json)", f)}
					}
				}
				doc.Formats = fs
			default:
				if cell == "" {
					continue
				}
				if err := values.CheckValue(h, cell); err != nil {
					return nil, &Error{File: name, Pos: p, Msg: err.Error()}
				}
				if doc.Values == nil {
					doc.Values, doc.ValuesAt = map[string]string{}, map[string]ast.Pos{}
				}
				doc.Values[h], doc.ValuesAt[h] = cell, p
			}
		}
		add(doc)
		docs++
	}
	if docs == 0 {
		return nil, &Error{File: name, Pos: ast.Pos{Line: 1, Col: 1}, Msg: "no documents: want one row a document after the header"}
	}
	return m, nil
}

// separatorNames name the separators csvSeparator finds, for messages.
var separatorNames = map[rune]string{',': "comma", ';': "semicolon", '\t': "tab"}

// csvSeparator is the separator of a CSV manifest's columns, as its
// header row (the first line outside quotes) shows it: a comma, unless
// the row has none and has a semicolon or else a tab. A spreadsheet
// where the comma is the decimal separator (Excel in Germany, France
// or Switzerland) saves its "CSV" with semicolons, whichever CSV type
// is chosen; such a file was refused, its header one column.
func csvSeparator(data []byte) rune {
	quoted, semicolon, tab := false, false, false
scan:
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			break scan
		case c == ',':
			return ','
		case c == ';':
			semicolon = true
		case c == '\t':
			tab = true
		}
	}
	switch {
	case semicolon:
		return ';'
	case tab:
		return '\t'
	}
	return ','
}

// csvError is the error for a row encoding/csv could not read, with
// what to do about a quote, the commonest cause: its own words
// ("extraneous or missing \" in quoted-field") say neither.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			msg += fmt.Sprintf(` (a quoted field, of the row that starts on line %d, is never closed or has a " inside it: end it with ", and write a " inside it as "")`, pe.StartLine)
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg += ` (a field with a " in it must be quoted whole, its " written "": "say ""hi""")`
		}
		return &Error{File: file, Pos: ast.Pos{Line: pe.Line, Col: pe.Column}, Msg: msg}
	}
	return &Error{File: file, Msg: err.Error()}
}

func knownFormat(f string) bool {
	switch f {
	case "pdf", "html", "txt", "json":
		return true
	}
	return false
}

// pdfStandard checks a pdfStandard setting and returns it in canonical
// form.
func pdfStandard(s string) (string, error) {
	std, err := pdf.ParseStandard(s)
	if err != nil {
		return "", fmt.Errorf("pdfStandard: %w", err)
	}
	return std.String(), nil
}

func validLocale(s string) bool {
	parts := strings.Split(s, "-")
	for i, p := range parts {
		if len(p) < 1 || len(p) > 8 || (i == 0 && len(p) < 2) {
			return false
		}
		for _, c := range []byte(p) {
			isLetter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !isLetter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}
