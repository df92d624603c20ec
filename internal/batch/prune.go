package batch

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// OpenPreviousIndex opens the index called name that a previous run
// left in the output directory out: nil and no error when there is
// none, and an error, saying to remove it or pass --keep-stale, when
// something other than a regular file stands there. It is opened as it
// is (a symbolic link is never followed to an index elsewhere).
func OpenPreviousIndex(out, name string) (*os.File, error) {
	full := filepath.Join(out, name)
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
	return f, nil
}

// PeekIndex returns the contents of the index called name in the output
// directory out when a regular file stands there, else nil: for a look
// at whose index it is before a run replaces it (a batch's or a manifest
// diff's). Anything else there, or a file that cannot be read, is left to
// the previous index's own checks (OpenPreviousIndex).
func PeekIndex(out, name string) []byte {
	full := filepath.Join(out, name)
	st, err := os.Lstat(full)
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil
	}
	return data
}

// notDiffOut refuses the output directory, given as --out, when its
// index.json is a manifest diff's ("policyexport diff --manifest"), even
// with KeepStale: this run's index would replace it, and the diff's next
// run would no longer know its redlines; the message about a previous
// index that is not a batch's had offered --keep-stale, which did just
// that.
func (o *outDir) notDiffOut(given string) error {
	data := PeekIndex(o.root, "index.json")
	if data == nil {
		return nil
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(data, &keys) != nil {
		return nil
	}
	_, version := keys["schemaVersion"]
	_, documents := keys["documents"]
	_, batch := keys["policyexport"]
	if !version || !documents || batch {
		return nil
	}
	return fmt.Errorf("--out %s holds the index.json of a manifest diff's redlines, which this batch's index would replace: write the batch to another --out", given)
}

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
	f, err := OpenPreviousIndex(o.root, name)
	if f == nil || err != nil {
		return nil, err
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
	return o.stale(name, gone, p.paths())
}

// stale returns the paths of gone, which the previous index name lists,
// that current does not hold, sorted: the files to remove. A path
// current holds in another letter case or Unicode normalisation is the
// same file on macOS and Windows file systems (fold): not stale. Each
// path is checked as an output path is, and its directory to be reached
// without a symbolic link.
func (o *outDir) stale(name string, gone []string, current iter.Seq[string]) ([]string, error) {
	kept := map[string]bool{}
	for rel := range current {
		kept[fold(rel)] = true
	}
	var stale []string
	checked := map[string]bool{".": true}
	for _, rel := range gone {
		if kept[fold(rel)] {
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

// StaleOutputs is StaleFiles' answer: the files of a previous run that a new run
// into the same directory no longer writes, to remove (Remove) once the
// new run's files are written and before its index is.
type StaleOutputs struct {
	out   *outDir
	Files []string // relative to the directory, with "/", sorted
}

// StaleFiles returns the files of previous, the outputs that the previous
// index of a run into dir (named index, for messages) lists, that current,
// the outputs of the new run, does not hold: the same checks and the same
// removal as a batch's (see Options.KeepStale), for another command that
// keeps an index of what it wrote (diff --manifest). Only those files are
// ever removed: a path that is not a clean relative path inside dir, or
// whose directory is reached through a symbolic link, is an error and
// nothing is removed. A dir that does not exist has nothing stale.
func StaleFiles(dir, index string, previous []string, current iter.Seq[string]) (*StaleOutputs, error) {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) || len(previous) == 0 {
		return &StaleOutputs{}, nil
	}
	o, err := prepareOut(dir, false)
	if err != nil {
		return nil, err
	}
	files, err := o.stale(index, previous, current)
	if err != nil {
		return nil, err
	}
	return &StaleOutputs{out: o, Files: files}, nil
}

// Remove removes the stale files (those not there already are skipped)
// and the directories they leave empty, checking again that each is a
// regular file reached without a symbolic link; it returns those it
// removed.
func (s *StaleOutputs) Remove() ([]string, error) {
	if s.out == nil || len(s.Files) == 0 {
		return nil, nil
	}
	return s.out.removeStale(s.Files)
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
