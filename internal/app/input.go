package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/policyexport/policyexport/internal/ast"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/template"
	"github.com/policyexport/policyexport/internal/values"
)

// defaultMaxBytes is the input size limit when --max-size is not given.
const defaultMaxBytes = 4 << 20

// stdinName is how a template read from standard input is named in messages.
const stdinName = "<stdin>"

// source is a template's bytes and the name messages give it.
type source struct {
	name string // file name for messages
	stem string // base name without extension, for output files
	data []byte
	// datePos is where the front matter's "date:" is, once parsed.
	datePos ast.Pos
}

// readSource reads the template at path: "" is the embedded default, "-"
// standard input. At most limit bytes are read; a larger input is an error
// naming the limit.
func readSource(env Env, path string, limit int) (source, error) {
	switch path {
	case "":
		return source{name: defaulttemplate.Name, stem: stem(defaulttemplate.Name), data: defaulttemplate.Source()}, nil
	case "-":
		data, err := readLimited(env.Stdin, stdinName, limit)
		return source{name: stdinName, stem: "document", data: data}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return source{}, fmt.Errorf("read template: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return source{}, fmt.Errorf("read template: %s is a directory", path)
	}
	data, err := readLimited(f, path, limit)
	return source{name: path, stem: stem(path), data: data}, err
}

func readLimited(r io.Reader, name string, limit int) ([]byte, error) {
	if limit <= 0 {
		limit = defaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s: input is larger than the limit of %d bytes (raise it with --max-size)", name, limit)
	}
	return data, nil
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
	src.datePos = t.FrontMatter().DatePos
	return t, src, nil
}

// loadValues merges the values file (if any) and the --set assignments;
// --set wins.
func loadValues(valuesFile string, sets []string, limit int) (map[string]string, error) {
	merged := map[string]string{}
	if valuesFile != "" {
		f, err := os.Open(valuesFile)
		if err != nil {
			return nil, fmt.Errorf("read values: %w", err)
		}
		data, err := readLimited(f, valuesFile, limit)
		f.Close()
		if err != nil {
			return nil, err
		}
		vals, err := values.Parse(valuesFile, data)
		if err != nil {
			return nil, err
		}
		for k, v := range vals {
			merged[k] = v
		}
	}
	for _, s := range sets {
		k, v, err := values.ParseAssignment(s)
		if err != nil {
			return nil, usageError{fmt.Errorf("--set %q: %w", s, err)}
		}
		merged[k] = v
	}
	return merged, nil
}
