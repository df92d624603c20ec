package app

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// This file is the only place the command starts another program: diff
// --git runs git ls-tree and git show to read a file as it is at a
// revision. No shell is
// involved, a revision that starts with "-" is refused before (it would
// be an option), and --no-textconv keeps the repository's own filters
// out. SECURITY.md names this exception; internal/render's TestNoNetwork
// checks that no other file of the command imports os/exec.

// maxLinkHops is how many symbolic links gitShow follows from one path,
// as a loop of links must end.
const maxLinkHops = 8

// gitShow reads path as it is at the git revision rev: git show
// rev:./path, run in path's directory. A path that is a symbolic link at
// rev is followed, in rev's tree, to the file it names: git show gives a
// link's target path, which diff compared as if it were the old
// template.
func gitShow(ctx context.Context, rev, path string, limit int) ([]byte, error) {
	for hops := 0; ; hops++ {
		link := gitIsLink(ctx, rev, path)
		data, err := gitShowBlob(ctx, rev, path, limit)
		if err != nil || !link {
			return data, err
		}
		target := filepath.FromSlash(string(data))
		switch {
		case hops == maxLinkHops:
			return nil, fmt.Errorf("--git %s: %s: more than %d symbolic links", rev, path, maxLinkHops)
		case filepath.IsAbs(target):
			return nil, fmt.Errorf("--git %s: %s is a symbolic link to %s, which is not in the repository", rev, path, target)
		}
		path = filepath.Join(filepath.Dir(path), target)
	}
}

// gitDirBase splits path into the directory git runs in and the path
// spec's file name.
func gitDirBase(path string) (dir, base string) {
	dir, base = filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return dir, base
}

// gitIsLink reports whether path is a symbolic link at rev (git ls-tree
// gives mode 120000). When git ls-tree fails (no such revision, no
// repository) it reports none, and git show then says what is wrong.
func gitIsLink(ctx context.Context, rev, path string) bool {
	dir, base := gitDirBase(path)
	cmd := exec.CommandContext(ctx, "git", "--no-pager", "ls-tree", rev, "--", "./"+base)
	cmd.Dir = dir
	out, err := cmd.Output()
	return err == nil && strings.HasPrefix(string(out), "120000 ")
}

// gitShowBlob returns git show rev:./path, the content of a file or the
// target of a link.
func gitShowBlob(ctx context.Context, rev, path string, limit int) ([]byte, error) {
	dir, base := gitDirBase(path)
	spec := rev + ":./" + base
	cmd := exec.CommandContext(ctx, "git", "--no-pager", "show", "--no-textconv", spec)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	data, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("--git %s: git show %s (in %s): %s", rev, spec, dir, msg)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s:%s: input is larger than the limit of %d bytes (raise it with --max-size)", rev, path, limit)
	}
	return data, nil
}
