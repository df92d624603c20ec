// Package atomicfile writes files so that a reader never sees half of one,
// and writes a group of files so that either all of them are in place or
// none is.
//
// A regular file is written to a hidden temporary file in its target
// directory (".NAME.*.tmp"), synced to disk, and renamed over the target.
// What is not a regular file is written through, never replaced: a
// character device such as /dev/null, a FIFO, a terminal, /dev/stdout or
// a process substitution's /dev/fd/N. A symbolic link stays a link and its
// target gets the new content (atomically when the target is a regular
// file), unless the Group says NoFollow. A directory, or a link to one,
// is refused. A missing directory is made, or, with Group.NewDirs, made
// under a hidden temporary name (".NAME.*.tmp" too) with its files
// written in it under their own names, and renamed into place whole.
//
// A Group stages every file first (each a temporary file), checks every
// target, makes the staged files durable, and only then renames them
// into place, keeping each replaced file under a hidden temporary name
// until every rename has succeeded, so that a failure midway restores
// what was there before; then it makes the renames durable. On any error
// no temporary file is left behind. The package never writes outside the
// directories of the paths (or link targets) it is given.
//
// CommitAll commits many groups behind one durability barrier: one
// syncfs(2) of each file system before the renames and one after, on
// Linux, instead of an fsync per file and per directory (Git's
// core.fsyncMethod=batch is the precedent). A batch of 1,000 documents
// in four formats made 4,000 fsyncs. Its documentation says what a
// crash leaves at each step. Group.Stage and CommitStaged split it in
// two, so that a writer of many groups can write each one's temporary
// files (and let go of its data) as soon as it is ready, and commit them
// together later; a Committer commits a run of such batches with one
// syncfs a batch, the one before its renames serving the previous
// batch's renames too: 17 syncs for 1,000 documents in batches of 64.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// TempSuffix ends the name of every temporary file this package creates.
const TempSuffix = ".tmp"

// maxLinks bounds how many symbolic links are followed to find a target,
// as the kernel's own limit (40 on Linux) does.
const maxLinks = 40

// Write writes data to path, creating the parent directory if needed: a
// regular file (or a missing one) is replaced atomically with permission
// perm (before umask); a device, FIFO or other special file is written
// through; a symbolic link is followed; a directory is an error.
func Write(path string, data []byte, perm os.FileMode) error {
	var g Group
	g.Add(path, data, perm)
	return g.Commit()
}

// IsTemp reports whether name (a base name) is a temporary file left by
// Write in a process that was killed before it could clean up.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, TempSuffix)
}

// TempTarget returns the base name of the file or directory that name,
// a temporary file's or directory's base name as this package makes
// them, stands beside: "privacy-policy.pdf" for
// ".privacy-policy.pdf.2718281828.tmp" (the new file, or a new
// directory's contents) and for ".privacy-policy.pdf.2718281828.old.tmp"
// (the old file kept aside while the new one is renamed over it). It
// reports false for any other name, such as a user's ".draft.tmp".
func TempTarget(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, ".")
	if !ok {
		return "", false
	}
	if rest, ok = strings.CutSuffix(rest, TempSuffix); !ok {
		return "", false
	}
	rest = strings.TrimSuffix(rest, ".old")
	i := strings.LastIndexByte(rest, '.')
	if i <= 0 || i == len(rest)-1 || strings.Trim(rest[i+1:], "0123456789") != "" {
		return "", false
	}
	return rest[:i], true
}

// Group is a set of files written together by Commit: all or nothing.
// The zero value is ready to use; a Group is committed once.
type Group struct {
	// NoFollow replaces whatever stands at a path that is not a directory
	// or a symbolic link to one (a link to anything else, a device, a
	// FIFO) with a regular file, instead of writing through it: for
	// output trees whose links must never be followed.
	NoFollow bool

	// NewDirs makes a missing directory of the files (with its missing
	// parents) under a hidden temporary name next to where it goes
	// (".NAME.RANDOM.tmp", IsTemp), writes the files that go into it
	// there under their own names, and renames it into place at the
	// commit: one rename for the directory instead of one for each of its
	// files, and the directory appears with every file in it or not at
	// all. Where something has been made at its path meanwhile (another
	// group's directory), each file is moved into it as usual. Without
	// NewDirs, missing directories are made at once, before staging.
	NewDirs bool

	files     []*entry
	newDirs   []*newDir
	created   []string // directories made for the files
	committed bool
	staged    bool // Stage has staged the files; CommitStaged commits them
	synced    bool // each staged file was fsynced as it was written
	// rename is os.Rename, or with noReplace renameNoReplace; tests
	// replace it to make a rename fail.
	rename func(oldpath, newpath string, noReplace bool) error
}

// defaultRename renames oldpath to newpath; with noReplace it fails
// (fs.ErrExist) where newpath exists, or says errors.ErrUnsupported.
func defaultRename(oldpath, newpath string, noReplace bool) error {
	if noReplace {
		return renameNoReplace(oldpath, newpath)
	}
	return os.Rename(oldpath, newpath)
}

// newDir is a missing directory that a Group with NewDirs makes under
// a temporary name, for renaming into place.
type newDir struct {
	path    string   // where it goes
	tmp     string   // where it is made, next to path
	subdirs []string // made inside tmp, relative to it, outermost first
	renamed bool     // tmp has been renamed to path
}

// entry is one file of a Group on its way to its target.
type entry struct {
	path    string // as given to Add
	data    []byte
	write   func(io.Writer) error // with AddFunc, instead of data
	perm    os.FileMode
	target  string  // where the data goes: path, or a link's target
	through bool    // written through (not a regular file), not renamed
	fd      int     // with through: this process's descriptor path names, or -1
	tmp     string  // the staged temporary file
	backup  string  // the replaced file, kept until Commit succeeds
	moved   bool    // backup was made by renaming the target away
	keep    bool    // backup could not be put back: it must stay
	placed  bool    // tmp has been renamed to target (or data written through)
	dev     uint64  // the file system of tmp, when it was not synced alone
	newDir  *newDir // the new directory tmp is in, under its own name
	fsDir   string  // a directory on dev that is there before and after place
	// fresh: nothing stood at target when it was resolved (or NoFollow
	// did not look), so place first tries a rename that replaces
	// nothing, which needs no look at the target.
	fresh bool
}

// Add adds a file to the group. Nothing is written before Commit.
func (g *Group) Add(path string, data []byte, perm os.FileMode) {
	g.files = append(g.files, &entry{path: path, data: data, perm: perm, fd: -1})
}

// AddFunc adds a file whose content write writes, at Commit, into a
// buffered writer on the temporary file (or on the file written
// through), so that a large file need not be in memory whole. An error
// from write fails the commit.
func (g *Group) AddFunc(path string, write func(io.Writer) error, perm os.FileMode) {
	g.files = append(g.files, &entry{path: path, write: write, perm: perm, fd: -1})
}

// Commit writes every file of the group, or none, and makes them
// durable: it is CommitAll with this one group.
func (g *Group) Commit() error {
	return CommitAll(g)[0]
}

// CommitAll commits several groups behind one durability barrier, each
// all or nothing, and returns one error per group (nil for a group whose
// files are all in place). It works in four steps:
//
//  1. Stage: each group's targets are checked (a NoFollow group's only
//     at step 3, since it replaces whatever is not a directory) and each
//     regular file is written to a temporary file next to its target
//     (with NewDirs, a file whose directory is missing is written under
//     its own name in the group's temporary directory for it). A group
//     that fails here removes its temporary files and takes no further
//     part.
//  2. Data barrier: the staged files are made durable. With more than
//     PerFileSyncMax files in all, on Linux, by one syncfs(2) of each
//     file system that holds one of them (the precedent is Git's
//     core.fsyncMethod=batch); otherwise each file is fsynced as it is
//     staged, and each new directory's temporary directory after them.
//  3. Place: each group renames its new directories into place (where
//     another group's directory now stands, their files are moved into
//     it one by one instead), then its other files over their targets
//     in the order they were added, keeping each replaced file under a
//     hidden temporary name (where nothing stood, a rename that replaces
//     nothing, renameat2's RENAME_NOREPLACE on Linux, needs no look at
//     the target first); a target that is now a directory fails the
//     group; a failed rename puts back every file the group already
//     replaced (or removes it where there was none). Files
//     written through (devices, FIFOs) are written last, since such a
//     write cannot be taken back; a failure there also restores the
//     group's renamed files.
//  4. Name barrier: the renames are made durable, by a second syncfs of
//     each file system in the first case, else by fsyncing once each
//     directory that received a file or a new directory. Only then are
//     the replaced files removed; if this barrier fails, every placed
//     group is restored and fails.
//
// What a crash leaves at each step: before the data barrier ends, every
// target holds its old content (or nothing) and hidden temporary files
// (IsTemp, and the files in a hidden temporary directory) may hold
// partial data; between the barriers, each target holds its old or its
// new content, complete either way, since a rename is atomic and its
// data is already on disk, while a group may be half renamed; after the
// name barrier, every file of every group that did not fail is durable
// in place. Hidden temporary files and directories may remain after a
// crash at any step; IsTemp names them, for removal.
//
// Errors name the path and what stood in the way.
func CommitAll(groups ...*Group) []error {
	errs := make([]error, len(groups))
	barrier := sharedBarrier(groups)
	var staged []*Group
	for i, g := range groups {
		if err := g.stage(!barrier); err != nil {
			errs[i] = g.abandon(err)
			continue
		}
		g.staged = true
		staged = append(staged, g)
	}
	commitEach(groups, staged, errs)
	return errs
}

// Stage does step 1 of CommitAll for g alone, ahead of its commit: g's
// targets are checked and its regular files written to their temporary
// files, not yet synced, and g lets go of their data. A caller that
// writes many groups stages each as soon as its data is ready and commits
// them together with CommitStaged, so that only their names wait for the
// barrier. On an error g's temporary files are removed and g must not be
// committed.
func (g *Group) Stage() error {
	if err := g.stage(false); err != nil {
		return g.abandon(err)
	}
	g.staged = true
	return nil
}

// CommitStaged does steps 2 to 4 of CommitAll for groups that Stage has
// staged, with the same guarantees; a commit of at most PerFileSyncMax
// files, or one where syncfs is not available, fsyncs each staged file
// instead of the file systems. It returns one error per group.
func CommitStaged(groups ...*Group) []error {
	errs := make([]error, len(groups))
	commitEach(groups, groups, errs)
	return errs
}

// commitEach commits the groups in commit, a subset of groups, with a
// Committer of its own (so that both barriers are behind it when it
// returns), and records each one's error in errs, by its place in groups.
func commitEach(groups, commit []*Group, errs []error) {
	at := make(map[*Group]int, len(groups))
	for i, g := range groups {
		at[g] = i
	}
	var c Committer
	for _, d := range append(c.Commit(commit...), c.Flush()...) {
		errs[at[d.Group]] = d.Err
	}
}

// sharedBarrier reports whether a commit of groups makes its files
// durable with syncfs rather than one fsync a file.
func sharedBarrier(groups []*Group) bool {
	return syncfsSupported && countFiles(groups) > PerFileSyncMax
}

// countFiles returns how many files the groups hold.
func countFiles(groups []*Group) int {
	n := 0
	for _, g := range groups {
		n += len(g.files)
	}
	return n
}

// abandon undoes whatever g did and removes its temporary files, and
// returns err with anything that could not be undone.
func (g *Group) abandon(err error) error {
	err = errors.Join(err, g.rollback())
	g.cleanup()
	return err
}

// A Committer commits a run of batches of staged groups (steps 2 to 4
// of CommitAll for each batch), with one file system sync a batch
// instead of two: the sync that makes a batch's staged files durable
// (its data barrier) also makes the previous batch's renames durable
// (that batch's name barrier). A group is done, durable in place or
// failed and undone, when the next batch is committed or at Flush; until
// then its targets hold the new content, complete, but a crash may
// still undo its renames. What a crash leaves at each step is what
// CommitAll says. A batch of at most PerFileSyncMax files while no
// earlier group waits, or any batch where syncfs is not available, is
// committed whole at once, each file and directory fsynced.
//
// A writer of 1,000 documents in four files each, in batches of 64,
// made 34 syncs with CommitStaged and makes 17 with a Committer: half
// the journal commits and disk cache flushes. The time it waits in them
// hardly changed on a virtual disk (96-111 ms against 87-113 ms in
// execution traces), since most of it is writing the data.
//
// The zero value is ready to use; a Committer is used by one goroutine
// at a time, and must be flushed.
type Committer struct {
	placed []*Group // renamed, waiting for the next barrier
}

// Done is a group whose commit has ended: Err is nil when every one of
// its files is durable in place, else it says why none is.
type Done struct {
	Group *Group
	Err   error
}

// Commit commits groups, which Stage has staged, and returns the groups
// that are done now: the previous batch's, durable after this batch's
// data barrier, and this batch's that failed. The others are done at
// the next Commit or at Flush.
func (c *Committer) Commit(groups ...*Group) []Done {
	var done []Done
	var staged []*Group
	for _, g := range groups {
		if !g.staged {
			done = append(done, Done{g, errors.New("atomicfile: a commit of a group that Stage did not stage")})
			continue
		}
		g.staged = false
		staged = append(staged, g)
	}
	if !syncfsSupported || (len(c.placed) == 0 && countFiles(staged) <= PerFileSyncMax) {
		return append(done, commitSynced(staged)...)
	}
	// One barrier: this batch's data, and the last batch's names.
	if err := syncFileSystems(append(staged, c.placed...)); err != nil {
		for _, g := range append(c.placed, staged...) {
			done = append(done, Done{g, g.abandon(err)})
		}
		c.placed = nil
		return done
	}
	for _, g := range c.placed {
		g.cleanup()
		done = append(done, Done{g, nil})
	}
	c.placed = c.placed[:0]
	for _, g := range staged {
		if err := g.place(); err != nil {
			done = append(done, Done{g, g.abandon(err)})
			continue
		}
		c.placed = append(c.placed, g)
	}
	return done
}

// Waiting returns how many groups are placed and wait for the next
// barrier (Commit or Flush) to be done.
func (c *Committer) Waiting() int {
	return len(c.placed)
}

// Flush makes the last batch's renames durable (its name barrier) and
// returns its groups, done.
func (c *Committer) Flush() []Done {
	if len(c.placed) == 0 {
		return nil
	}
	done := afterNameBarrier(c.placed, syncFileSystems(c.placed))
	c.placed = nil
	return done
}

// afterNameBarrier returns the placed groups, done: restored and failed
// with err when their name barrier failed, else cleaned up.
func afterNameBarrier(placed []*Group, err error) []Done {
	done := make([]Done, 0, len(placed))
	for _, g := range placed {
		if err != nil {
			done = append(done, Done{g, g.abandon(err)})
		} else {
			g.cleanup()
			done = append(done, Done{g, nil})
		}
	}
	return done
}

// commitSynced commits staged groups without a shared barrier: each
// staged file fsynced (unless Stage did), renamed into place, then each
// directory that changed fsynced.
func commitSynced(staged []*Group) []Done {
	var done []Done
	var placed []*Group
	for _, g := range staged {
		err := g.syncStaged()
		if err == nil {
			err = g.place()
		}
		if err != nil {
			done = append(done, Done{g, g.abandon(err)})
			continue
		}
		placed = append(placed, g)
	}
	return append(done, afterNameBarrier(placed, syncDirs(placed))...)
}

// syncStaged fsyncs each of g's staged temporary files.
func (g *Group) syncStaged() error {
	if g.synced {
		return nil
	}
	for _, e := range g.files {
		if e.through || e.tmp == "" {
			continue
		}
		f, err := os.Open(e.tmp)
		if err != nil {
			return fmt.Errorf("write %s: %w", e.path, err)
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", e.path, err)
		}
	}
	return g.syncNewDirs()
}

// PerFileSyncMax is the most files CommitAll makes durable one fsync at a
// time; a commit of more files syncs each file system once instead,
// where the system can (Linux). Four is one document in every format:
// a single render keeps the per-file fsyncs, which flush nothing but its
// own files, while a syncfs flushes every dirty file of the file system,
// other programs' included.
const PerFileSyncMax = 4

// stage resolves every target and writes each regular file to a
// temporary file (fsynced when sync). A target that became a directory
// meanwhile is found by place.
func (g *Group) stage(sync bool) error {
	if g.committed {
		return errors.New("atomicfile: a Group is committed once")
	}
	g.committed = true
	g.synced = sync
	seen := map[string]string{}
	for _, e := range g.files {
		if err := g.resolve(e); err != nil {
			return err
		}
		if other, ok := seen[e.target]; ok {
			return fmt.Errorf("write %s: the same file as %s", e.path, other)
		}
		seen[e.target] = e.path
	}
	// The files of a group mostly share a directory: it is made (or
	// found) and its file system read once for a run of them.
	var dir, stageDir, fsDir string
	var nd *newDir
	var dev uint64
	for _, e := range g.files {
		if e.through {
			continue
		}
		if d := targetDir(e.target); d != dir {
			var found os.FileInfo
			var err error
			if stageDir, nd, found, err = g.makeDir(d); err != nil {
				return fmt.Errorf("write %s: create directory: %w", e.path, err)
			}
			fsDir = stageDir
			if nd != nil {
				fsDir = filepath.Dir(nd.path)
			}
			if !sync {
				if found == nil || !found.IsDir() {
					// Made just now, or a link to the directory: the
					// file system is the one Stat finds.
					if found, err = os.Stat(stageDir); err != nil {
						return fmt.Errorf("write %s: %w", e.path, err)
					}
				}
				dev = device(found)
			}
			dir = d
		}
		e.newDir, e.fsDir = nd, fsDir
		if err := e.stage(stageDir, sync); err != nil {
			return err
		}
		e.dev = dev
	}
	if sync {
		return g.syncNewDirs()
	}
	return nil
}

// makeDir makes the missing directory d (and its missing parents) and
// returns where the files that go into d are staged: d itself, or, with
// NewDirs, the place of d inside the group's temporary directory for
// the outermost missing one, which it returns too. It also returns what
// Lstat said of the nearest of d and its parents that was there (on the
// same file system as the staged files, when it is a directory), or nil
// when it made d.
func (g *Group) makeDir(d string) (string, *newDir, os.FileInfo, error) {
	missing, found := missingDirs(d)
	if len(missing) == 0 {
		return d, nil, found, nil
	}
	if !g.NewDirs {
		g.created = append(g.created, missing...)
		return d, nil, nil, os.MkdirAll(d, 0o755)
	}
	top := missing[0]
	var nd *newDir
	for _, n := range g.newDirs {
		if n.path == top {
			nd = n
		}
	}
	if nd == nil {
		tmp, err := createTempDir(filepath.Dir(top), filepath.Base(top))
		if err != nil {
			return "", nil, nil, err
		}
		nd = &newDir{path: top, tmp: tmp}
		g.newDirs = append(g.newDirs, nd)
		g.created = append(g.created, top)
	}
	stageDir := nd.tmp
	for _, m := range missing[1:] {
		rel, err := filepath.Rel(top, m)
		if err != nil {
			return "", nil, nil, err
		}
		stageDir = filepath.Join(nd.tmp, rel)
		if slices.Contains(nd.subdirs, rel) {
			continue
		}
		if err := os.Mkdir(stageDir, 0o755); err != nil {
			return "", nil, nil, err
		}
		nd.subdirs = append(nd.subdirs, rel)
		g.created = append(g.created, m)
	}
	return stageDir, nd, found, nil
}

// syncNewDirs fsyncs the group's temporary directories, innermost
// first, so that their entries are durable before they are renamed.
func (g *Group) syncNewDirs() error {
	for _, nd := range g.newDirs {
		for i := len(nd.subdirs) - 1; i >= 0; i-- {
			if err := fsyncDir(filepath.Join(nd.tmp, nd.subdirs[i])); err != nil {
				return fmt.Errorf("sync directory %s: %w", filepath.Join(nd.path, nd.subdirs[i]), err)
			}
		}
		if err := fsyncDir(nd.tmp); err != nil {
			return fmt.Errorf("sync directory %s: %w", nd.path, err)
		}
	}
	return nil
}

// targetDir is the directory a file at target is written in.
func targetDir(target string) string {
	dir, _ := filepath.Split(target)
	if dir == "" {
		return "."
	}
	return dir
}

// place renames the group's staged files over their targets, then
// writes the files written through.
func (g *Group) place() error {
	rename := g.rename
	if rename == nil {
		rename = defaultRename
	}
	for _, nd := range g.newDirs {
		if err := g.placeDir(nd, rename); err != nil {
			return err
		}
	}
	for _, e := range g.files {
		if !e.through && !e.placed {
			if err := e.place(rename); err != nil {
				return err
			}
		}
	}
	for _, e := range g.files {
		if e.through {
			if err := e.writeThrough(); err != nil {
				return err
			}
		}
	}
	return nil
}

// placeDir renames nd's temporary directory into place, with the files
// staged in it. Where something has been made at its path meanwhile, it
// makes nd's subdirectories in that (each must be a directory, and with
// NoFollow not a link), so that place moves its files in one by one.
func (g *Group) placeDir(nd *newDir, rename func(string, string, bool) error) error {
	err := rename(nd.tmp, nd.path, true)
	if errors.Is(err, errors.ErrUnsupported) {
		// Nothing must be replaced: look first.
		if _, lerr := os.Lstat(nd.path); errors.Is(lerr, fs.ErrNotExist) {
			err = rename(nd.tmp, nd.path, false)
		} else {
			err = fs.ErrExist
		}
	}
	if err == nil {
		nd.renamed = true
		for _, e := range g.files {
			if e.newDir == nd {
				e.tmp = ""
				e.placed = true
			}
		}
		return nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create directory %s: %w", nd.path, err)
	}
	stat := os.Stat
	if g.NoFollow {
		stat = os.Lstat
	}
	for _, d := range append([]string{"."}, nd.subdirs...) {
		full := filepath.Join(nd.path, d)
		if d != "." {
			if err := os.Mkdir(full, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("create directory: %w", err)
			}
		}
		st, err := stat(full)
		if err != nil {
			return fmt.Errorf("create directory: %w", err)
		}
		if !st.IsDir() {
			return fmt.Errorf("create directory %s: something else stands there now", full)
		}
	}
	return nil
}

// syncDirs fsyncs, once each, every directory that received a renamed
// file of the groups listed, and the parent of every directory they
// created.
func syncDirs(groups []*Group) error {
	seen := map[string]bool{}
	var errs []error
	syncDir := func(dir string) {
		if seen[dir] {
			return
		}
		seen[dir] = true
		if err := fsyncDir(dir); err != nil {
			errs = append(errs, fmt.Errorf("sync directory %s: %w", dir, err))
		}
	}
	for _, g := range groups {
		for _, e := range g.files {
			if !e.through {
				syncDir(filepath.Dir(e.target))
			}
		}
		for _, d := range g.created {
			syncDir(filepath.Dir(d))
		}
	}
	return errors.Join(errs...)
}

// syncFileSystems calls syncfs once for each file system that holds a
// staged or renamed file of the groups listed.
func syncFileSystems(groups []*Group) error {
	done := map[uint64]bool{}
	for _, g := range groups {
		for _, e := range g.files {
			if e.through || done[e.dev] {
				continue
			}
			done[e.dev] = true
			if err := syncfs(e.fsDir); err != nil {
				return fmt.Errorf("write %s: sync the file system: %w", e.path, err)
			}
		}
	}
	return nil
}

// fsyncDir makes the entries of directory dir durable. A file system
// that cannot sync a directory (EINVAL, as some network and FUSE file
// systems answer) is taken at its word.
func fsyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) {
		return nil
	}
	return err
}

// resolve decides where e's data goes and how.
func (g *Group) resolve(e *entry) error {
	e.target = e.path
	if g.NoFollow {
		// Whatever stands there (a directory excepted) is replaced: place
		// looks, only if something does.
		e.fresh = true
		return nil
	}
	lst, err := os.Lstat(e.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		e.fresh = true
		return nil
	case err != nil:
		return fmt.Errorf("write %s: %w", e.path, err)
	case lst.IsDir():
		return fmt.Errorf("write %s: it is a directory", e.path)
	case lst.Mode().IsRegular():
		return nil
	case lst.Mode()&fs.ModeSymlink == 0:
		e.through = true // a device, FIFO or socket
		return nil
	}
	// A symbolic link. One to a descriptor of this process (/dev/stdout,
	// /dev/fd/N, /proc/self/fd/N) is written through that descriptor,
	// with its offset and append mode, even when it is a regular file
	// ("> out.txt", ">> log.txt"): replacing the file would leave the
	// shell's descriptor on the old, unlinked one, and opening the link
	// anew would write from offset 0.
	if fd, ok := descriptor(e.path); ok {
		e.through, e.fd = true, fd
		return nil
	}
	// Otherwise the kernel's view (Stat) decides what it points to; the
	// link chain, read one link at a time, gives the path to replace when
	// that is a regular file or nothing yet.
	st, err := os.Stat(e.path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	if err == nil && st.IsDir() {
		return fmt.Errorf("write %s: the symbolic link points to a directory", e.path)
	}
	if err == nil && !st.Mode().IsRegular() {
		e.through = true
		return nil
	}
	final, viaFD, ferr := followLinks(e.path)
	if ferr != nil {
		return fmt.Errorf("write %s: %w", e.path, ferr)
	}
	if viaFD {
		// Another process's open file (/proc/PID/fd/N): written through,
		// never replaced.
		e.through = true
		return nil
	}
	if err == nil {
		fst, lerr := os.Lstat(final)
		if lerr != nil || !os.SameFile(st, fst) {
			// A link the chain cannot name, such as /proc/self/fd/1 to a
			// deleted file: write through it.
			e.through = true
			return nil
		}
	}
	e.target = final
	return nil
}

// followLinks reads the chain of symbolic links starting at path and
// returns the first path that is not a link (it may not exist), and
// whether a link of the chain is a file descriptor of this process.
func followLinks(path string) (final string, viaFD bool, err error) {
	p := path
	for range maxLinks {
		st, err := os.Lstat(p)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return p, viaFD, nil
		}
		viaFD = viaFD || inFDDir(p)
		dest, err := os.Readlink(p)
		if err != nil {
			return "", false, err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		p = dest
	}
	return "", false, fmt.Errorf("more than %d symbolic links", maxLinks)
}

// descriptor returns the file descriptor of this process that path
// names through its chain of links, if it does.
func descriptor(path string) (int, bool) {
	p := path
	for range maxLinks {
		st, err := os.Lstat(p)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return 0, false
		}
		if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil && isOwnFDDir(dir) {
			if n, err := strconv.Atoi(filepath.Base(p)); err == nil && n >= 0 {
				return n, true
			}
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return 0, false
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		p = dest
	}
	return 0, false
}

// isOwnFDDir reports whether dir (with links resolved) lists this
// process's descriptors.
func isOwnFDDir(dir string) bool {
	dir = filepath.ToSlash(dir)
	return dir == "/dev/fd" || dir == "/proc/self/fd" || dir == "/proc/"+strconv.Itoa(os.Getpid())+"/fd"
}

// inFDDir reports whether the link p lies in a directory of file
// descriptors (/proc/PID/fd on Linux, /dev/fd elsewhere).
func inFDDir(p string) bool {
	dir, err := filepath.EvalSymlinks(filepath.Dir(p))
	if err != nil {
		return false
	}
	dir = filepath.ToSlash(dir) + "/"
	return strings.HasPrefix(dir, "/proc/") || strings.HasPrefix(dir, "/dev/fd/")
}

// stage writes e's data to a temporary file in dir, next to its
// target, synced when sync.
func (e *entry) stage(dir string, sync bool) error {
	var tmp *tempFile
	var err error
	if e.newDir != nil {
		// Inside a new directory nobody else sees yet: under its own
		// name, so that the directory's rename places it.
		tmp, err = createExact(filepath.Join(dir, filepath.Base(e.target)), e.perm)
	} else {
		tmp, err = createTemp(dir, filepath.Base(e.target), e.perm)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	e.tmp = tmp.name
	err = e.writeTo(tmp)
	if err == nil && sync {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	// The data is in the temporary file now: let it go, so that a
	// commit of many groups holds only their names.
	e.data, e.write = nil, nil
	return nil
}

// createTempDir makes a new directory named ".BASE.RANDOM.tmp" in dir,
// with permission 0755 before umask as a directory made in place would
// have (os.MkdirTemp's is 0700), and returns its path.
func createTempDir(dir, base string) (string, error) {
	return makeTemp(dir, base, func(name string) error { return os.Mkdir(name, 0o755) })
}

// makeTemp calls create with new names ".BASE.RANDOM.tmp" in dir until
// one does not exist yet (create fails with fs.ErrExist), and returns the
// name made. An error names the pattern, not the name tried.
func makeTemp(dir, base string, create func(name string) error) (string, error) {
	prefix := filepath.Join(dir, "."+base+".")
	pattern := prefix + "*" + TempSuffix
	for range 10000 {
		name := prefix + strconv.FormatUint(uint64(rand.Uint32()), 10) + TempSuffix
		err := create(name)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if pe := (*os.PathError)(nil); errors.As(err, &pe) {
			pe.Path = pattern
		}
		return name, err
	}
	return "", &os.PathError{Op: "createtemp", Path: pattern, Err: os.ErrExist}
}

// missingDirs returns dir and those of its parents that do not exist
// (Lstat), outermost first (none when dir is there), and what Lstat said
// of the nearest that does.
func missingDirs(dir string) ([]string, os.FileInfo) {
	var missing []string
	var found os.FileInfo
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if st, err := os.Lstat(d); err == nil {
			found = st
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	slices.Reverse(missing)
	return missing, found
}

// place renames e's temporary file over its target, first keeping what
// stood there under a hidden temporary name: a hard link, so that the
// target never disappears, or, where links are not supported, the
// target itself renamed away.
func (e *entry) place(rename func(string, string, bool) error) error {
	if e.fresh {
		err := rename(e.tmp, e.target, true)
		if err == nil {
			e.tmp = ""
			e.placed = true
			return nil
		}
		if !errors.Is(err, fs.ErrExist) && !errors.Is(err, errors.ErrUnsupported) {
			return fmt.Errorf("write %s: %w", e.path, err)
		}
	}
	if st, err := os.Lstat(e.target); err == nil {
		if st.IsDir() {
			return fmt.Errorf("write %s: %s is a directory", e.path, e.target)
		}
		// A link to a directory (which only a NoFollow group, replacing
		// links, finds here) is refused as a directory is: it may be one
		// of the path's own directories (a/a linked to "." makes a/a/a
		// that link), and replacing it would take the path, and the
		// kept old file's, from under the group.
		if st.Mode()&fs.ModeSymlink != 0 {
			if fst, err := os.Stat(e.target); err == nil && fst.IsDir() {
				return fmt.Errorf("write %s: %s is a symbolic link to a directory", e.path, e.target)
			}
		}
		backup := backupName(e.tmp)
		if err := os.Link(e.target, backup); err != nil {
			if err := rename(e.target, backup, false); err != nil {
				return fmt.Errorf("write %s: keep the old file: %w", e.path, err)
			}
			e.moved = true
		}
		e.backup = backup
	}
	if err := rename(e.tmp, e.target, false); err != nil {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	e.tmp = ""
	e.placed = true
	return nil
}

// backupName is the name under which the old file at a target is kept
// while the temporary file tmp is renamed over it: ".BASE.RANDOM.old.tmp"
// for ".BASE.RANDOM.tmp" (TempTarget reads both).
func backupName(tmp string) string {
	return strings.TrimSuffix(tmp, TempSuffix) + ".old" + TempSuffix
}

// writeThrough writes e's data into the existing special file, or into
// the descriptor it names.
func (e *entry) writeThrough() error {
	var f *os.File
	var err error
	if e.fd >= 0 {
		f, err = dup(e.fd, e.path)
	} else {
		f, err = os.OpenFile(e.path, os.O_WRONLY, 0)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", e.path, samePath(e.path, err))
	}
	err = e.writeTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", e.path, samePath(e.path, err))
	}
	e.placed = true
	return nil
}

// samePath returns err without its *fs.PathError when that names path
// and an operation the message already says: "write /dev/full: no
// space left on device", not "write /dev/full: write /dev/full: no
// space left on device".
func samePath(path string, err error) error {
	if pe, ok := err.(*fs.PathError); ok && pe.Path == path && (pe.Op == "write" || pe.Op == "open" || pe.Op == "close") {
		if pe.Op == "write" {
			return pe.Err
		}
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// funcBuffer is how many bytes of an AddFunc file are written at a
// time: a batch's index of 1,000 documents (1.8 MB) took 432 write
// calls with bufio's default of 4 KB, at the end of the run where
// nothing else is left to do, and takes 27.
const funcBuffer = 64 << 10

// writeTo writes e's content to w.
func (e *entry) writeTo(w io.Writer) error {
	if e.write == nil {
		_, err := w.Write(e.data)
		return err
	}
	bw := bufio.NewWriterSize(w, funcBuffer)
	if err := e.write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// rollback puts back what every renamed file replaced, newest first, and
// returns what could not be put back.
func (g *Group) rollback() error {
	var errs []error
	for i := len(g.files) - 1; i >= 0; i-- {
		e := g.files[i]
		if e.through {
			continue
		}
		switch {
		case e.backup != "" && (e.placed || e.moved):
			// Either the new file replaced the old one, or the rename of
			// the new file failed after the old one was moved away: in
			// both cases the backup goes back to the target.
			if err := os.Rename(e.backup, e.target); err != nil {
				errs = append(errs, fmt.Errorf("restore %s: %w (the old content is in %s)", e.path, err, e.backup))
				e.keep = true
				continue
			}
			e.backup = ""
		case e.placed:
			if err := os.Remove(e.target); err != nil {
				errs = append(errs, fmt.Errorf("remove the new %s: %w", e.path, err))
			}
		}
	}
	return errors.Join(errs...)
}

// cleanup removes the temporary files left and every backup except one
// that could not be put back.
func (g *Group) cleanup() {
	for _, e := range g.files {
		if e.tmp != "" {
			os.Remove(e.tmp)
		}
		if e.backup != "" && !e.keep {
			os.Remove(e.backup)
		}
	}
	for _, nd := range g.newDirs {
		if !nd.renamed {
			// Only empty directories are left in it, unless a backup
			// that could not be put back is kept there.
			removeEmptyDirs(nd.tmp, nd.subdirs)
		}
	}
}

// removeEmptyDirs removes tmp's subdirectories, innermost first, and
// tmp, each only if it is empty.
func removeEmptyDirs(tmp string, subdirs []string) {
	for i := len(subdirs) - 1; i >= 0; i-- {
		os.Remove(filepath.Join(tmp, subdirs[i]))
	}
	os.Remove(tmp)
}
