package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/policyexport/policyexport/internal/atomicfile"
)

// outDir is the output directory, resolved once. Every directory below it
// that a file is written into is checked, component by component with
// Lstat, to be a real directory: a symbolic link is never followed out of
// it.
type outDir struct {
	root  string // "" when it does not exist (Check only)
	check bool   // --check: it is read and compared, never written
	mu    sync.Mutex
	ok    map[string]bool // directories already checked or made, at most maxCheckedDirs
}

// maxCheckedDirs is how many checked directories an outDir remembers: a
// run with a directory for each document checks each once, and 10,000 of
// them took 1 MB for the whole run.
const maxCheckedDirs = 1024

func prepareOut(dir string, check bool) (*outDir, error) {
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return nil, fmt.Errorf("--out %s is a file, not a directory; give a directory", dir)
	case errors.Is(err, fs.ErrNotExist) && check:
		return &outDir{check: true, ok: map[string]bool{}}, nil
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("--out %s: create the directory: %w", dir, bare(err))
		}
	case err != nil:
		return nil, fmt.Errorf("--out %s: %w", dir, bare(err))
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("--out %s: %w", dir, bare(err))
	}
	root, err = filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("--out %s: %w", dir, bare(err))
	}
	return &outDir{root: root, check: check, ok: map[string]bool{".": true}}, nil
}

// bare drops the operation and path from an *fs.PathError, which the
// message already names.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// preflight checks, before anything is written, that no existing
// component of an output path is a symbolic link or a non-directory, and
// that no output would replace one of the plan's input files (a template
// or values file kept inside --out). A directory (or a link to one) where
// an output file goes is not refused here: it fails that document alone
// when its files are written (atomicfile refuses to replace it), and
// --check reports the file as stale.
func (o *outDir) preflight(p *Plan) error {
	outputs := map[string]string{} // folded output path -> document
	if len(p.Inputs) > 0 {
		for j := range p.Jobs() {
			for k := range j.Formats() {
				outputs[fold(j.Path(k))] = j.Name
			}
		}
	}
	for _, in := range p.Inputs {
		real, err := filepath.EvalSymlinks(in)
		if err != nil {
			continue // read a moment ago; gone now, so nothing to overwrite
		}
		if real, err = filepath.Abs(real); err != nil {
			continue
		}
		rel, err := filepath.Rel(o.root, real)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if doc, ok := outputs[fold(filepath.ToSlash(rel))]; ok {
			return fmt.Errorf("document %q: output %s would overwrite the input %s (compared without letter case or Unicode normalisation, as macOS and Windows file systems compare names)", doc, filepath.ToSlash(rel), in)
		}
	}
	checked := map[string]bool{".": true}
	missing := map[string]bool{} // directories not there: nothing below them to check
	for j := range p.Jobs() {
		for k := range j.Formats() {
			if err := o.walk(path.Dir(j.Path(k)), checked, missing); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkDir checks each component of rel under the root that exists,
// refusing any that is a symbolic link or not a directory; those that do
// not exist yet are left for the writer to make (atomicfile's NewDirs).
func (o *outDir) checkDir(rel string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.ok) >= maxCheckedDirs {
		// Forget them: a directory not in ok is only checked again.
		clear(o.ok)
		o.ok["."] = true
	}
	missing := map[string]bool{}
	err := o.walk(rel, o.ok, missing)
	for m := range missing {
		// Not checked: it may be there when the next document looks.
		delete(o.ok, m)
	}
	return err
}

// walk checks each component of rel, skipping those in done and adding
// each checked one to it. The components that do not exist (and those
// below them) are added to done, and to missing unless it is nil.
func (o *outDir) walk(rel string, done, missing map[string]bool) error {
	if done[rel] {
		return nil
	}
	cur := ""
	gone := false // a component above cur does not exist
	for _, part := range strings.Split(rel, "/") {
		if cur == "" {
			cur = part
		} else {
			cur += "/" + part
		}
		if done[cur] {
			gone = gone || missing[cur]
			continue
		}
		if gone {
			done[cur] = true
			if missing != nil {
				missing[cur] = true
			}
			continue
		}
		full := filepath.Join(o.root, filepath.FromSlash(cur))
		st, err := os.Lstat(full)
		if errors.Is(err, fs.ErrNotExist) {
			// Nothing there yet: nothing below can be a link either.
			gone = true
			done[cur] = true
			if missing != nil {
				missing[cur] = true
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("output directory %s: %w", cur, err)
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			if o.check {
				// --check writes nothing: it would read and compare what
				// is behind the link, which a batch never writes through.
				return fmt.Errorf("refusing to read and compare through the symbolic link %s in --out (a batch never writes through one; replace it with a directory)", cur)
			}
			return fmt.Errorf("refusing to write through the symbolic link %s in --out (replace it with a directory)", cur)
		}
		if !st.IsDir() {
			return fmt.Errorf("output directory %s is a file in --out", cur)
		}
		done[cur] = true
	}
	return nil
}

// removeTemps removes the temporary files and directories that a killed
// run of the plan left under root (a new directory not yet renamed into
// place goes with what is in it): those the plan owns (Plan.ownsTemp),
// never another shard's, which may be writing into root at the same
// time, nor a file of the user's that merely looks like one. It does not
// follow symbolic links, and it looks only in directories the manifest
// writes into (not in a ".git" or a directory of the user's).
func removeTemps(root string, p *Plan) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(root, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if full == root {
			return nil
		}
		rel, err := filepath.Rel(root, full)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if _, temp := atomicfile.TempTarget(d.Name()); temp && (d.Type().IsRegular() || d.IsDir()) {
			if !p.ownsTemp(rel) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if err := os.RemoveAll(full); err != nil {
				return fmt.Errorf("remove stale temporary file: %w", err)
			}
			removed = append(removed, rel)
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() && !p.writesAt(rel) {
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		return removed, fmt.Errorf("clean output directory: %w", err)
	}
	return removed, nil
}

var indexName = regexp.MustCompile(`^index(\.[0-9]+-of-[0-9]+)?\.json$`)

// findUnexpected lists the files under root that no document of the
// manifest writes (index files excepted).
func findUnexpected(root string, p *Plan) ([]Drift, error) {
	var out []Drift
	err := filepath.WalkDir(root, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, full)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !strings.Contains(rel, "/") && indexName.MatchString(rel) {
			return nil
		}
		if planned := p.Writes(rel); !planned || !d.Type().IsRegular() {
			if planned {
				return nil // a planned path that is not a file: compare reports it stale
			}
			out = append(out, Drift{Kind: Unexpected, Path: rel})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check output directory: %w", err)
	}
	return out, nil
}
