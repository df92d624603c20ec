package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/policyexport/policyexport/internal/atomicfile"
	"github.com/policyexport/policyexport/internal/batch"
	"github.com/policyexport/policyexport/internal/render"
)

// write puts the outputs where the flags say: standard output, one file
// (-o), or one file per format in the output directory. The files are
// written as one atomicfile.Group: every one of them, or, when any cannot
// be written, none. A device, FIFO or /dev/fd/N given to -o is written
// through; a symbolic link keeps being a link.
func (c *renderConfig) write(env Env, src source, outs []render.Output) error {
	if c.output == "-" {
		return writeStdout(env, outs[0].Data)
	}
	inputs := append([]string{src.name, c.cssFile}, c.valuesFiles...)
	var g atomicfile.Group
	if c.output != "" {
		if err := addOutput(&g, inputs, c.output, outs[0].Data); err != nil {
			return err
		}
	} else {
		for _, o := range outs {
			path := filepath.Join(c.outDir, src.stem+"."+o.Format.Ext())
			if err := addOutput(&g, inputs, path, o.Data); err != nil {
				return err
			}
		}
	}
	if c.output != "" && batch.Waits(c.output) {
		// A named pipe waits in open for a reader.
		_, err := batch.UntilDone(env.done, func() (struct{}, error) { return struct{}{}, g.Commit() })
		switch {
		case errors.Is(err, batch.ErrCancelledWait):
			return fmt.Errorf("-o %s: interrupted while waiting for a program to read it; no output was written", c.output)
		case err != nil:
			return fmt.Errorf("%w; no output was written", err)
		}
		return nil
	}
	if err := g.Commit(); err != nil {
		return fmt.Errorf("%w; no output was written", err)
	}
	return nil
}

// checkTargets checks, before anything is read or rendered, that -o
// (output) names a file and --out (outDir) a directory, as far as the
// names and what stands there tell: an -o that is a directory, or ends
// in a separator as only a directory's name does ("-o out/"), and an
// --out that is a file are refused with what to give instead. Without
// it, "-o out/" was first asked for a --format, then, with one, made a
// directory out/ and failed to write into it, leaving the directory.
// An -o that is an existing Markdown file is refused too, unless it is
// one of the templates, which addOutput refuses as an input.
func checkTargets(output, outDir string, templates ...string) error {
	if output != "" && output != "-" {
		st, err := os.Stat(output)
		isDir := err == nil && st.IsDir()
		if isDir || strings.HasSuffix(output, "/") || strings.HasSuffix(output, string(filepath.Separator)) {
			what := "is a directory"
			if !isDir {
				what = "names a directory (it ends in " + output[len(output)-1:] + ")"
			}
			return fmt.Errorf("-o %s %s: give a file name, or use --out %s to write one file per format", output, what, shellQuote(output))
		}
	}
	if output == "" && outDir != "" {
		if st, err := os.Stat(outDir); err == nil && !st.IsDir() {
			return fmt.Errorf("--out %s is a file, not a directory; give a directory, or -o %s to write one format to that file", outDir, shellQuote(outDir))
		}
	}
	if output != "" && output != "-" {
		if st, err := os.Stat(output); err == nil && st.Mode().IsRegular() && isMarkdownName(output) && !slices.ContainsFunc(templates, func(t string) bool { return sameFile(t, output) }) {
			// No format is Markdown: "render -o terms.md -f txt", the
			// template's argument forgotten, wrote the embedded
			// policy's text over the template.
			return fmt.Errorf("refusing to overwrite the Markdown file %s with an output (-o): is it a template? give it as an argument, and -o a file such as %s", output, shellQuote(strings.TrimSuffix(output, filepath.Ext(output))+".pdf"))
		}
		return underFile("-o", output, filepath.Dir(output))
	}
	return underFile("--out", outDir, outDir)
}

// underFile is the error for a path given to flag whose directory dir
// cannot be made because a file stands at it or above it, or nil.
func underFile(flag, given, dir string) error {
	if f := fileAbove(dir); f != "" {
		return fmt.Errorf("%s %s: %s is a file, not a directory, so nothing can go under it", flag, given, f)
	}
	return nil
}

// fileAbove returns the nearest of dir and the directories above it that
// exists and is not a directory ("terms.md" for terms.md/sub), or "":
// nothing can be made under it, and the write's own error said so as
// "lstat terms.md/sub/terms.txt: not a directory".
func fileAbove(dir string) string {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil {
			if st.IsDir() {
				return ""
			}
			return d
		}
		if up := filepath.Dir(d); up == d {
			return ""
		}
	}
}

// addOutput adds path to g, refusing to overwrite any of the input files
// it was rendered from (the template, the values file, the stylesheet).
func addOutput(g *atomicfile.Group, inputs []string, path string, data []byte) error {
	for _, in := range inputs {
		if in != "" && in != stdinName && sameFile(in, path) {
			return fmt.Errorf("refusing to overwrite the input %s with an output", in)
		}
	}
	g.Add(path, data, 0o644)
	return nil
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(sa, sb)
}
