package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport/internal/atomicfile"
	"github.com/policyexport/policyexport/internal/defaulttemplate"
	"github.com/policyexport/policyexport/internal/template"
)

// initValuesName is the values file init writes next to the template.
const initValuesName = "values.yaml"

// initConfig is everything the init command was told.
type initConfig struct {
	dir string
}

func initCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write the embedded template and a values file to edit",
		ArgsUsage: "[DIR]",
		Description: `Writes DIR/` + defaulttemplate.Name + ` (the embedded privacy policy, to edit) and
DIR/` + initValuesName + ` (every placeholder of it, with where it is used, each
~ until you give it a value) into DIR (default: the current directory,
created when missing). It never overwrites: when either file exists,
nothing is written. Then render with
   policyexport render DIR/` + defaulttemplate.Name + ` --values DIR/` + initValuesName + ` --out out/

Examples:
   policyexport init
   policyexport init legal/`,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if err := atMostOneArg(cmd, "directory"); err != nil {
				return err
			}
			if err := emptyArg(cmd, func(int) string {
				return "the directory is an empty name (give a directory, or none for the current one)"
			}); err != nil {
				return err
			}
			c := initConfig{dir: cmd.Args().First()}
			if c.dir == "" {
				c.dir = "."
			}
			return c.run(env)
		},
	}
}

func (c *initConfig) run(env Env) error {
	src := defaulttemplate.Source()
	tmpl, err := template.Parse(defaulttemplate.Name, src, template.Options{})
	if err != nil {
		return fmt.Errorf("the embedded template: %w", err)
	}
	files := []struct {
		path string
		data []byte
	}{
		{filepath.Join(c.dir, defaulttemplate.Name), src},
		{filepath.Join(c.dir, initValuesName), valuesFile(tmpl)},
	}
	if st, err := os.Stat(c.dir); err == nil && !st.IsDir() {
		return fmt.Errorf("init %s: is a file, not a directory", c.dir)
	}
	var g atomicfile.Group
	for _, f := range files {
		if _, err := os.Lstat(f.path); err == nil {
			return fmt.Errorf("%s already exists; init never overwrites (remove it, or give another directory: policyexport init DIR); nothing was written", f.path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", f.path, pathErr(err))
		}
		g.Add(f.path, f.data, 0o644)
	}
	if err := g.Commit(); err != nil {
		return fmt.Errorf("%w; nothing was written", err)
	}
	tpath, vpath := shellQuote(files[0].path), shellQuote(files[1].path)
	return writeStdout(env, fmt.Appendf(nil, "wrote %s and %s\nnext: give each value in %s, then\n   policyexport render %s --values %s --out out/\n", tpath, vpath, vpath, tpath, vpath))
}

// valuesFile is the YAML values file for tmpl that init writes: every
// placeholder name once, in the order the template first uses it, with a
// comment that says where it is used, and ~ (no value yet), so that
// rendering lists each one not yet given. A front matter default is
// written as a comment.
func valuesFile(tmpl *template.Template) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# Values for %[1]s: one line per {placeholder}.
# Replace each ~ (no value yet) with the text to fill in; a value is always
# literal text, never Markdown. Quote a value that YAML would read as
# something else ("yes", "2026-11-28" stays text either way, "~").
# Then render:
#   policyexport render %[1]s --values %[2]s --out out/
# and "policyexport vars %[1]s" lists every placeholder again.
`, tmpl.Name(), initValuesName)
	lines := map[string][]string{}
	var order []string
	for _, p := range tmpl.Placeholders() {
		if _, ok := lines[p.Name]; !ok {
			order = append(order, p.Name)
		}
		lines[p.Name] = append(lines[p.Name], strconv.Itoa(p.Pos.Line))
	}
	defaults := tmpl.FrontMatter().Values
	for _, name := range order {
		where := "line"
		if len(lines[name]) > 1 {
			where = "lines"
		}
		fmt.Fprintf(&b, "\n# {%s}: %s %s\n", name, where, strings.Join(dedupe(lines[name]), ", "))
		if d, ok := defaults[name]; ok {
			fmt.Fprintf(&b, "# default from the front matter: %s\n", strconv.Quote(d))
		}
		fmt.Fprintf(&b, "%s: ~\n", name)
	}
	return b.Bytes()
}

// dedupe drops repeats from a sorted list.
func dedupe(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
