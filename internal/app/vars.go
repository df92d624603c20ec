package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport/internal/template"
)

// varsConfig is everything the vars command was told.
type varsConfig struct {
	template string
	json     bool
	maxBytes int
}

func varsCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "vars",
		Usage:     "list the placeholders of a template with their positions",
		ArgsUsage: "[TEMPLATE | -]",
		Description: `Lists every {placeholder} of TEMPLATE (default: the embedded privacy
policy) in document order as FILE:LINE:COL: {name}, then the distinct names.
Placeholders inside code are text, not placeholders, and are not listed.
With --json the same as one JSON object, for CI checks of a values file.

Examples:
   policyexport vars
   policyexport vars terms.md --json | jq -r '.names[]'`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "write a JSON object: template, placeholders (name, line, col) and names"},
			&cli.IntFlag{Name: "max-size", Value: defaultMaxBytes, Usage: "refuse templates larger than `BYTES`"},
		},
		Action: func(_ context.Context, cmd *cli.Command) error {
			if err := atMostOneArg(cmd, "template"); err != nil {
				return err
			}
			if err := emptyArg(cmd, emptyTemplate); err != nil {
				return err
			}
			c := varsConfig{template: cmd.Args().First(), json: cmd.Bool("json"), maxBytes: cmd.Int("max-size")}
			return c.run(env)
		},
	}
}

// placeholderJSON is one placeholder in the --json listing.
type placeholderJSON struct {
	Name string `json:"name"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// varsJSON is the --json listing.
type varsJSON struct {
	Template     string            `json:"template"`
	Placeholders []placeholderJSON `json:"placeholders"`
	Names        []string          `json:"names"`
}

func (c *varsConfig) run(env Env) error {
	if err := atLeast("--max-size", c.maxBytes, 1); err != nil {
		return err
	}
	tmpl, src, err := parseTemplate(env, c.template, template.Options{MaxBytes: c.maxBytes})
	if err != nil {
		return err
	}
	list := varsJSON{Template: src.name, Placeholders: []placeholderJSON{}, Names: []string{}}
	seen := map[string]bool{}
	for _, p := range tmpl.Placeholders() {
		list.Placeholders = append(list.Placeholders, placeholderJSON{Name: p.Name, Line: p.Pos.Line, Col: p.Pos.Col})
		if !seen[p.Name] {
			seen[p.Name] = true
			list.Names = append(list.Names, p.Name)
		}
	}
	sort.Strings(list.Names)
	var out bytes.Buffer
	if c.json {
		data, err := json.MarshalIndent(list, "", "  ")
		if err != nil {
			return err
		}
		out.Write(data)
		out.WriteByte('\n')
		return writeStdout(env, out.Bytes())
	}
	for _, p := range list.Placeholders {
		fmt.Fprintf(&out, "%s:%d:%d: {%s}\n", src.name, p.Line, p.Col, p.Name)
	}
	fmt.Fprintf(&out, "%s, %s", counted(len(list.Placeholders), "placeholder"), counted(len(list.Names), "name"))
	if len(list.Names) > 0 {
		out.WriteByte(':')
	}
	for _, n := range list.Names {
		fmt.Fprintf(&out, " %s", n)
	}
	out.WriteByte('\n')
	return writeStdout(env, out.Bytes())
}
