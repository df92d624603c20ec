package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/values"
)

// defaultMaxBytes is the input size limit when --max-size is not given.
const defaultMaxBytes = 4 << 20

// maxFontBytes bounds a --font file: the largest TrueType CJK fonts are
// about 20 MiB.
const maxFontBytes = 256 << 20

// stdinName is how a template read from standard input is named in messages.
const stdinName = "<stdin>"

// source is a template's bytes and the name messages give it.
type source struct {
	name string // file name for messages
	stem string // base name without extension, for output files
	data []byte
}

// readSource reads the template at path: "" is the embedded default, "-"
// standard input. At most limit bytes are read; a larger input is an error
// naming the limit.
func readSource(env Env, path string, limit int) (source, error) {
	switch path {
	case "":
		return source{name: defaulttemplate.Name, stem: stem(defaulttemplate.Name), data: defaulttemplate.Source()}, nil
	case "-":
		data, err := readInput(env, "template", path, limit, "--max-size")
		return source{name: stdinName, stem: "document", data: data}, err
	}
	data, err := readInput(env, "template", path, limit, "--max-size")
	return source{name: path, stem: stem(path), data: data}, err
}

// readFont reads the font a --font value names, FILE or FILE#N (face N
// of a TrueType collection, .ttc; 0 when no #N is given), and returns
// the bytes of that one TrueType face (pdf.FontFace). Errors name the
// value: "--font NotoSansCJK-Regular.ttc: an OpenType font with CFF …".
func readFont(env Env, spec string) ([]byte, error) {
	path, index := spec, 0
	hash := strings.LastIndexByte(spec, '#')
	if hash > 0 {
		if n, err := strconv.Atoi(spec[hash+1:]); err == nil && spec[hash+1:] == strconv.Itoa(n) && n >= 0 {
			path, index = spec[:hash], n
		}
	}
	data, err := readInput(env, "--font", path, maxFontBytes, "")
	if errors.Is(err, fs.ErrNotExist) && path == spec && hash > 0 {
		// "NotoSansCJK.ttc#x": no file has that name, but the file
		// before the # is there: its face is what is wrong.
		if info, serr := os.Stat(spec[:hash]); serr == nil && info.Mode().IsRegular() {
			return nil, fmt.Errorf("--font %s: %q is not a face number: write %s#N, N a face of the collection counted from 0", spec, spec[hash+1:], spec[:hash])
		}
	}
	if err != nil {
		return nil, err
	}
	face, err := pdf.FontFace(data, index)
	if err != nil {
		return nil, fmt.Errorf("--font %s: %w", spec, err)
	}
	return face, nil
}

// readInput reads the input file at path ("-" is standard input), which
// the command line names as what ("template", "--values", "manifest").
// Errors say each thing once: "--values dirt: no such file or
// directory". At most limit bytes are read (0 means defaultMaxBytes); a
// larger input is an error naming raise, the flag that raises the limit,
// if there is one.
func readInput(env Env, what, path string, limit int, raise string) ([]byte, error) {
	if limit <= 0 {
		limit = defaultMaxBytes
	}
	if path == "-" || batch.Waits(path) {
		data, err := batch.UntilDone(env.done, func() ([]byte, error) { return readAll(env, what, path, limit, raise) })
		if errors.Is(err, batch.ErrCancelledWait) {
			name := path
			if path == "-" {
				name = stdinName
			}
			return nil, fmt.Errorf("%s %s: %w", what, name, batch.ErrInterruptedWait)
		}
		return data, err
	}
	return readAll(env, what, path, limit, raise)
}

// readAll is readInput without the wait for a cancellation.
func readAll(env Env, what, path string, limit int, raise string) ([]byte, error) {
	name, r := path, io.Reader(env.Stdin)
	if path == "-" {
		name = stdinName
		// Someone who gave "-" at a terminal is told why the command
		// waits, and how to end the input.
		if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			noun := what
			if strings.HasPrefix(what, "-") {
				noun += " file"
			}
			fmt.Fprintf(env.Stderr, "policyexport: reading the %s from the terminal; end it with Ctrl-D (Ctrl-Z, Enter on Windows)\n", noun)
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", what, path, pathErr(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("%s %s: is a directory, not a file", what, path)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", what, name, pathErr(err))
	}
	if len(data) > limit {
		fix := ""
		if raise != "" {
			fix = " (raise it with " + raise + ")"
		}
		return nil, fmt.Errorf("%s: input is larger than the limit of %d bytes%s", name, limit, fix)
	}
	return data, nil
}

// writeStdout writes data to standard output. A reader that went away
// before the end ("policyexport vars | head -n 1") is named as such, not
// as a write to /dev/stdout; the error still wraps syscall.EPIPE.
func writeStdout(env Env, data []byte) error {
	_, err := env.Stdout.Write(data)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.EPIPE):
		return fmt.Errorf("standard output was closed before everything was written: %w", syscall.EPIPE)
	}
	return fmt.Errorf("write to standard output: %w", pathErr(err))
}

// pathErr drops the operation and path from an *fs.PathError, which the
// caller's message already names.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func stem(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// parseTemplate reads and parses the template at path.
func parseTemplate(env Env, path string, opts template.Options) (*template.Template, source, error) {
	src, err := readSource(env, path, opts.MaxBytes)
	if err != nil {
		return nil, source{}, err
	}
	t, err := template.Parse(src.name, src.data, opts)
	if err != nil {
		return nil, source{}, err
	}
	return t, src, nil
}

// givenValues are the values of the command line, as loadValues merges
// them, and what it knows of where each comes from.
type givenValues struct {
	vals map[string]string
	// unset names the file of each name that a file leaves null and
	// nothing gives a value (as init writes every name, "~"), so that a
	// missing value's message can say to fill it in there.
	unset map[string]string
	// at is where the value used for each name is written in a values
	// file, "FILE:LINE:COL" (a name --set gives has none), so that an
	// unused value's warning can say where to correct it.
	at map[string]string
}

// loadValues merges the values files given to flag (--values or
// --new-values; "-" is standard input) in the order given, a later
// file's value for a name over an earlier one's, and then the
// assignments given to setFlag (--set or --new-set), which win over every
// file (as Helm's -f and --set). A null in a file is "not given there"
// (values.ParseFile leaves it out), so it never hides an earlier file's
// value. An assignment without "=" or with a bad name is a usage error
// naming setFlag; a value refused for its content is bad input.
func loadValues(env Env, flag string, files []string, setFlag string, sets []string, limit int) (givenValues, error) {
	g := givenValues{vals: map[string]string{}, unset: map[string]string{}, at: map[string]string{}}
	for _, file := range files {
		data, err := readInput(env, flag, file, limit, "--max-size")
		if err != nil {
			return givenValues{}, err
		}
		name := file
		if name == "-" {
			name = stdinName
		}
		f, err := values.ParseFile(name, data)
		if err != nil {
			switch {
			case isMarkdownName(file):
				// A template given where its values belong.
				return givenValues{}, fmt.Errorf("%w (%s %s is Markdown, a template? %s takes a YAML or JSON file of values; the template is the argument)", err, flag, file, flag)
			case strings.EqualFold(filepath.Ext(file), ".csv"):
				// A spreadsheet's rows, as a batch manifest has them.
				return givenValues{}, fmt.Errorf("%w (%s takes YAML or JSON, not CSV; a CSV of one row a document is a batch manifest: policyexport batch %s)", err, flag, shellQuote(file))
			}
			return givenValues{}, err
		}
		maps.Copy(g.vals, f.Values)
		for k := range f.Values {
			g.at[k] = fmt.Sprintf("%s:%d:%d", name, f.Keys[k].Line, f.Keys[k].Col)
		}
		for _, k := range f.Nulls {
			if _, given := g.vals[k]; !given {
				g.unset[k] = name
			}
		}
	}
	for _, s := range sets {
		k, v, err := values.ParseAssignment(s)
		if err != nil {
			err = fmt.Errorf("%s: %w", setFlag, err)
			name, value, _ := strings.Cut(s, "=")
			if values.IsName(name) && values.CheckValue(name, value) != nil {
				return givenValues{}, err // the content is refused, not the syntax
			}
			return givenValues{}, usageError{err}
		}
		g.vals[k] = v
		delete(g.at, k)
	}
	for k := range g.vals {
		delete(g.unset, k)
	}
	return g, nil
}

// placed returns ws with the places of the unused values (unusedPlaces)
// on the lines after an UnusedValues warning's message.
func (g givenValues) placed(ws []policyexport.Warning) []policyexport.Warning {
	out := slices.Clone(ws)
	for i, w := range out {
		if w.Kind != policyexport.UnusedValues {
			continue
		}
		if places := g.unusedPlaces(w.Names); places != "" {
			out[i].Message += "\n" + places
		}
	}
	return out
}

// unusedPlaces is the lines that say where the values names (unused by
// any placeholder) are written in a values file, one a name,
// "acme.yaml:4:1: {emial} is given here", or "" when no name is from a
// file.
func (g givenValues) unusedPlaces(names []string) string {
	var lines []string
	for _, n := range names {
		if at, ok := g.at[n]; ok {
			lines = append(lines, fmt.Sprintf("%s: {%s} is given here", at, n))
		}
	}
	return strings.Join(lines, "\n")
}

// givenAt returns err, a problem at a placeholder's place in tmpl (a
// value that is not a date under {x|date}, a character of a value that
// no font has), with a line after it that says where a values file
// gives that value, "fr-CH.yaml:2:1: {effectiveDate} is given here":
// the fix is there, not at the placeholder the message names (for a
// character, when the value holds it). Any other error is returned as it
// is.
func (g givenValues) givenAt(tmpl *policyexport.Template, err error) error {
	var missing *policyexport.MissingValuesError
	var glyph *policyexport.GlyphError
	var source *policyexport.SourceError
	var file string
	var pos ast.Pos
	switch {
	case errors.As(err, &missing):
		return err
	case errors.As(err, &glyph):
		file, pos = glyph.Template, glyph.Pos
	case errors.As(err, &source):
		file, pos = source.File, source.Pos
	default:
		return err
	}
	if file != tmpl.Name() || !pos.IsValid() {
		return err
	}
	for _, p := range tmpl.Placeholders() {
		if p.Pos != pos {
			continue
		}
		if glyph != nil && !strings.ContainsRune(g.vals[p.Name], glyph.Rune) {
			break // a character of the value as filled: 年 of a Japanese {x|date}
		}
		if at, ok := g.at[p.Name]; ok {
			return fmt.Errorf("%w\n%s: {%s} is given here", err, at, p.Name)
		}
		break
	}
	return err
}

// setsWithoutValue refuses a value of the --set flags named (set,
// new-set) without "=", before the arguments are counted: "render t.md
// --set siteName Acme" left "Acme" an argument, and was refused as a
// second template instead of for its --set.
func setsWithoutValue(cmd *cli.Command, flags ...string) error {
	for _, flag := range flags {
		for _, s := range cmd.StringSlice(flag) {
			if strings.Contains(s, "=") {
				continue
			}
			if _, _, err := values.ParseAssignment(s); err != nil {
				return usagef("--%s: %w", flag, err)
			}
		}
	}
	return nil
}

// isMarkdownName reports whether name ends in a Markdown extension.
func isMarkdownName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return true
	}
	return false
}

// isValuesName reports whether name ends in the extension of a values
// file (YAML or JSON).
func isValuesName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// dirFlags are the flags that name a directory, for emptyNames' message.
var dirFlags = map[string]bool{"out": true, "dir": true}

// emptyNames refuses a file or directory name given as "" to any of the
// flags named (each its long name), and returns a usage error that names
// the flag: "--values: empty file name". Internally "" means "not
// given", so without this check "" would silently be the embedded
// template, the current directory or no stylesheet at all.
func emptyNames(cmd *cli.Command, flags ...string) error {
	for _, name := range flags {
		if !cmd.IsSet(name) {
			continue
		}
		var given []string
		switch v := cmd.Value(name).(type) {
		case string:
			given = []string{v}
		case []string:
			given = v
		}
		for _, v := range given {
			if v != "" {
				continue
			}
			what := "file"
			if dirFlags[name] {
				what = "directory"
			}
			flag := "--" + name
			if name == "output" {
				flag = "-o"
			}
			return usagef("%s: empty %s name", flag, what)
		}
	}
	return nil
}

// emptyArg refuses an argument given as "" (render "", diff old.md ""):
// a usage error "COMMAND: " followed by what says of argument i (from
// 0): which argument it is and what to give instead.
func emptyArg(cmd *cli.Command, what func(i int) string) error {
	for i, a := range cmd.Args().Slice() {
		if a == "" {
			return usagef("%s: %s", cmd.Name, what(i))
		}
	}
	return nil
}

// emptyTemplate is emptyArg's message for the template of render and
// vars.
func emptyTemplate(int) string {
	return `the template is an empty file name (give a file, "-" for standard input, or no template for the embedded one)`
}
