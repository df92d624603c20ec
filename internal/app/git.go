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
// --git runs git show to read a file as it is at a revision. No shell is
// involved, a revision that starts with "-" is refused before (it would
// be an option), and --no-textconv keeps the repository's own filters
// out. SECURITY.md names this exception; internal/render's TestNoNetwork
// checks that no other file of the command imports os/exec.

// gitShow reads path as it is at the git revision rev: git show
// rev:./path, run in path's directory.
func gitShow(ctx context.Context, rev, path string, limit int) ([]byte, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
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
