package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// staleOutputs reads the previous index of p's shard in the output
// directory and returns the files it lists that no document of the
// manifest writes any more, sorted. Each path is checked as strictly as
// an output path, so a damaged or hand-edited index can never make Run
// remove anything outside --out, behind a symbolic link, a hidden file
// or an index. A shard reads
// only its own index.K-of-N.json, so it never prunes another shard's
// files; a path any document of the manifest writes (in any shard, with
// letter case folded) is never stale.
func (o *outDir) staleOutputs(p *Plan) ([]string, error) {
	name := p.Shard.IndexName()
	full := filepath.Join(o.root, name)
	st, err := os.Lstat(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("previous index: %w", err)
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("previous index %s in --out is not a regular file (remove it, or pass --keep-stale)", name)
	}
	f, err := os.Open(full)
	if err != nil {
		return nil, fmt.Errorf("previous index: %w", err)
	}
	defer f.Close()
	// The files the manifest writes (compared exactly) are set aside as
	// the index streams by; only the others are kept, checked once the
	// whole index has been read.
	var gone []string
	_, err = decodeIndex(name, bufio.NewReader(f), func(f File) {
		if !p.Writes(f.Path) {
			gone = append(gone, f.Path)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("previous index in --out: %w (it says which files a new run removes: remove it, or pass --keep-stale)", err)
	}
	if len(gone) == 0 {
		return nil, nil
	}
	// A path the manifest writes in another letter case or Unicode
	// normalisation is the same file on macOS and Windows file systems
	// (fold): not stale.
	current := make(map[string]bool, len(p.sorted))
	for rel := range p.paths() {
		current[fold(rel)] = true
	}
	var stale []string
	checked := map[string]bool{".": true}
	for _, rel := range gone {
		if current[fold(rel)] {
			continue
		}
		if msg := checkPath(rel); msg != "" {
			return nil, fmt.Errorf("previous index %s lists %q, which %s; nothing was removed (fix the index, or pass --keep-stale)", name, rel, msg)
		}
		if err := o.walk(path.Dir(rel), checked, nil); err != nil {
			return nil, fmt.Errorf("previous index %s lists %q: %w; nothing was removed (pass --keep-stale to keep it)", name, rel, err)
		}
		stale = append(stale, rel)
	}
	sort.Strings(stale)
	return slices.Compact(stale), nil
}

// removeStale removes the files staleOutputs found, refusing any whose
// directory is reached through a symbolic link or which is no longer a
// regular file. A file already gone is skipped. It returns what it
// removed.
func (o *outDir) removeStale(stale []string) ([]string, error) {
	var removed []string
	checked := map[string]bool{".": true}
	for _, rel := range stale {
		if err := o.walk(path.Dir(rel), checked, nil); err != nil {
			return removed, fmt.Errorf("not removing %s, which the previous index lists: %w (pass --keep-stale to keep it)", rel, err)
		}
		full := filepath.Join(o.root, filepath.FromSlash(rel))
		st, err := os.Lstat(full)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return removed, fmt.Errorf("remove %s: %w", rel, err)
		}
		if !st.Mode().IsRegular() {
			return removed, fmt.Errorf("not removing %s, which the previous index lists: it is no longer a regular file (remove it by hand, or pass --keep-stale)", rel)
		}
		if err := os.Remove(full); err != nil {
			return removed, fmt.Errorf("remove %s, which the manifest no longer writes: %w", rel, err)
		}
		removed = append(removed, rel)
	}
	o.removeEmptyDirs(removed)
	return removed, nil
}

// removeEmptyDirs removes the directories below the root that held the
// removed files and are now empty, deepest first, so that --out holds
// exactly what the manifest writes: after a manifest lost 200 documents,
// 200 empty directories stayed. A directory that is not empty (or not
// there) stays as it is; the root always stays. Every directory on these
// paths was checked by walk to be a real directory, not a link.
func (o *outDir) removeEmptyDirs(removed []string) {
	dirs := map[string]bool{}
	for _, rel := range removed {
		for d := path.Dir(rel); d != "." && d != "/"; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	order := make([]string, 0, len(dirs))
	for d := range dirs {
		order = append(order, d)
	}
	// Deeper directories first: a parent can only be empty once its
	// children are gone.
	sort.Slice(order, func(i, j int) bool {
		if di, dj := strings.Count(order[i], "/"), strings.Count(order[j], "/"); di != dj {
			return di > dj
		}
		return order[i] < order[j]
	})
	for _, d := range order {
		_ = os.Remove(filepath.Join(o.root, filepath.FromSlash(d))) // fails, as wanted, when not empty
	}
}
