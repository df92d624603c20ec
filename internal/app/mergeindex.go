package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/urfave/cli/v3"

	"github.com/policyexport/policyexport/internal/atomicfile"
	"github.com/policyexport/policyexport/internal/batch"
)

// mergeIndexConfig is everything the merge-index command was told.
type mergeIndexConfig struct {
	files  []string
	dir    string
	dirSet bool // --dir was given
	output string
	verify bool
}

func mergeIndexCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "merge-index",
		Usage:     "combine the index.K-of-N.json files of a sharded batch into index.json",
		ArgsUsage: "[INDEX.K-of-N.json ...]",
		Description: `Reads the shard indexes given as arguments (default: every index.K-of-N.json
in --dir; given, their directory is --dir unless it is set), checks that
they come from the same manifest and cover every shard exactly once with
no path listed twice, and writes the merged index, which is byte for byte
the index.json an unsharded run writes.

Example:
   policyexport merge-index --dir public/ --verify`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dir", Value: ".", DefaultText: "the directory of the shard indexes given, else .", Usage: "the output `DIR` the shards wrote into"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the merged index to `FILE` (\"-\" is standard output; default DIR/index.json)"},
			&cli.BoolFlag{Name: "verify", Usage: "also check that every listed file in DIR has its size and SHA-256"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if err := emptyNames(cmd, "dir", "output"); err != nil {
				return err
			}
			if err := emptyArg(cmd, func(i int) string {
				return fmt.Sprintf("argument %d is an empty file name (give shard indexes, or none for every index.K-of-N.json in --dir)", i+1)
			}); err != nil {
				return err
			}
			c := mergeIndexConfig{files: cmd.Args().Slice(), dir: cmd.String("dir"), dirSet: cmd.IsSet("dir"), output: cmd.String("output"), verify: cmd.Bool("verify")}
			return c.run(ctx, env)
		},
	}
}

func (c *mergeIndexConfig) run(ctx context.Context, env Env) error {
	files := c.files
	if len(files) == 0 {
		if st, err := os.Stat(c.dir); err != nil {
			return fmt.Errorf("merge-index: --dir %s: %w", c.dir, pathErr(err))
		} else if !st.IsDir() {
			return fmt.Errorf("merge-index: --dir %s is a file, not a directory (give the batch's --out, or the shard indexes as arguments)", c.dir)
		}
		var err error
		files, err = filepath.Glob(filepath.Join(c.dir, "index.*-of-*.json"))
		if err != nil {
			return fmt.Errorf("merge-index: %w", err)
		}
		if len(files) == 0 {
			return fmt.Errorf("merge-index: no index.K-of-N.json file in %s", c.dir)
		}
		sort.Strings(files)
	} else if err := c.shardsDir(); err != nil {
		return err
	}
	xs := make([]*batch.Index, len(files))
	for i, name := range files {
		if st, err := os.Stat(name); err == nil && st.IsDir() {
			return fmt.Errorf("merge-index: %s: is a directory, not a file; give it as --dir %s, or give its index.K-of-N.json files", name, shellQuote(name))
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("merge-index: %w", err)
		}
		if xs[i], err = batch.DecodeIndex(name, data); err != nil {
			return err
		}
	}
	merged, err := batch.MergeIndexes(files, xs)
	if err != nil {
		return err
	}
	if c.verify {
		if err := verifyFiles(ctx, c.dir, merged); err != nil {
			return err
		}
	}
	data, err := merged.Encode()
	if err != nil {
		return err
	}
	// -o FILE is written like render's -o (devices and links written
	// through); DIR/index.json like batch's own index, never through a
	// link.
	var g atomicfile.Group
	switch c.output {
	case "-":
		return writeStdout(env, data)
	case "":
		g.NoFollow = true
		g.Add(filepath.Join(c.dir, "index.json"), data, 0o644)
	default:
		g.Add(c.output, data, 0o644)
	}
	if err := g.Commit(); err != nil {
		return fmt.Errorf("merge-index: %w", err)
	}
	return nil
}

// shardsDir decides, for shard indexes given as arguments without --dir,
// the directory that --verify checks and index.json is written to: the
// one the shard indexes are in, where the batch wrote them beside its
// files. It was the working directory: "merge-index public/index.1-of-2.json
// public/index.2-of-2.json" wrote ./index.json, and with --verify found
// every file missing. Indexes in different directories need --dir then.
func (c *mergeIndexConfig) shardsDir() error {
	if c.dirSet || (c.output != "" && !c.verify) {
		return nil
	}
	dir := filepath.Dir(c.files[0])
	for _, f := range c.files[1:] {
		if d := filepath.Dir(f); d != dir {
			return usagef("merge-index: the shard indexes are in two directories, %s and %s: give --dir, the batch's --out, for the merged index and --verify", dir, d)
		}
	}
	c.dir = dir
	return nil
}

// verifyFiles checks every file of x under dir: present, regular, with
// the listed size and hash.
func verifyFiles(ctx context.Context, dir string, x *batch.Index) error {
	bad := 0
	var first error
	for _, f := range x.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		st, err := os.Lstat(full)
		var problem string
		switch {
		case err != nil:
			problem = "missing"
		case !st.Mode().IsRegular():
			problem = "not a regular file"
		default:
			data, err := os.ReadFile(full)
			sum := sha256.Sum256(data)
			if err != nil || len(data) != f.Bytes || hex.EncodeToString(sum[:]) != f.SHA256 {
				problem = "size or SHA-256 differs from the index"
			}
		}
		if problem != "" {
			bad++
			if first == nil {
				first = fmt.Errorf("%s: %s", f.Path, problem)
			}
		}
	}
	if bad > 0 {
		mismatch := "do not match their index entries"
		if bad == 1 {
			mismatch = "does not match its index entry"
		}
		return fmt.Errorf("merge-index --verify: %s %s; first: %w", counted(bad, "file"), mismatch, first)
	}
	return nil
}
