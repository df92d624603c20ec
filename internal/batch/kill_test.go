package batch

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/atomicfile"
)

// TestKilledBatch starts the real binary, kills it mid-run with SIGKILL
// and with SIGTERM (and closes its standard output after one line of
// --log json), and checks that every file left in --out is either
// absent or complete (its hash is the one a full run gives). After
// SIGTERM nothing temporary remains and no index is written; after
// SIGKILL only hidden .tmp files may remain, and the next run removes
// them.
func TestKilledBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and renders hundreds of files")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "policyexport")
	build := exec.Command("go", "build", "-o", bin, "github.com/policyexport/policyexport/cmd/policyexport")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	manifest := filepath.Join(dir, "m.yaml")
	// 300 documents, so that the batch cannot be done before the signal
	// (it is sent after 20 files) or before its reader goes away: their
	// --log json lines (about 600 bytes each) are more than a pipe holds
	// (64 KiB on Linux), and 80 documents took a batch only about 100 ms.
	if err := os.WriteFile(manifest, manifestYAML(300), 0o644); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(dir, "ref")
	if out, err := exec.Command(bin, "batch", "-q", "-j", "2", "--out", ref, manifest).CombinedOutput(); err != nil {
		t.Fatalf("full run: %v\n%s", err, out)
	}
	want := hashes(t, ref)

	t.Run("broken pipe", func(t *testing.T) {
		// "batch --log json | head -n 1": the reader goes away after one
		// line. The batch must stop as after SIGTERM, not be killed by
		// SIGPIPE midway through a write.
		out := filepath.Join(dir, "out-pipe")
		cmd := exec.Command(bin, "batch", "-q", "-j", "2", "--log", "json", "--out", out, manifest)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil || !strings.HasPrefix(line, `{"document":`) {
			t.Fatalf("first line %q: %v", line, err)
		}
		stdout.Close()
		err = cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("batch went on after its reader closed: %v", err)
		}
		if exit.ExitCode() != 1 {
			t.Errorf("exit status %v, want exit code 1 (not death by SIGPIPE); stderr:\n%s", exit, stderr.String())
		}
		if !strings.Contains(stderr.String(), "broken pipe") {
			t.Errorf("stderr does not say why the batch stopped:\n%s", stderr.String())
		}
		got, temps := filesIn(t, out)
		if len(temps) > 0 {
			t.Errorf("temporary files left after a broken pipe: %v", temps)
		}
		if _, ok := got["index.json"]; ok {
			t.Errorf("a batch stopped by a broken pipe wrote index.json")
		}
		for rel, sum := range got {
			if rel != "index.json" && want[rel] != sum {
				t.Errorf("%s is partial or wrong after a broken pipe", rel)
			}
		}
		if len(got) >= len(want) {
			t.Errorf("all %d files were written: the batch did not stop", len(got))
		}
	})

	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(sig.String(), " ", ""))
			cmd := exec.Command(bin, "batch", "-q", "-j", "2", "--out", out, manifest)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitForFiles(t, out, 20)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("batch was not stopped by %v: %v", sig, err)
			}
			if sig == syscall.SIGTERM && exit.ExitCode() != 1 {
				t.Errorf("exit code after SIGTERM = %d, want 1; stderr:\n%s", exit.ExitCode(), stderr.String())
			}
			got, temps := filesIn(t, out)
			if len(got) == 0 {
				t.Fatalf("nothing was written before the signal")
			}
			if len(got) >= len(want) {
				t.Logf("the batch finished before %v arrived", sig)
			}
			for rel, sum := range got {
				if rel == "index.json" {
					t.Errorf("an interrupted run wrote index.json")
					continue
				}
				if want[rel] != sum {
					t.Errorf("%s is partial or wrong: sha256 %s, a full run gives %s", rel, sum, want[rel])
				}
			}
			if sig == syscall.SIGTERM && len(temps) > 0 {
				t.Errorf("temporary files left after SIGTERM: %v", temps)
			}
			for _, tmp := range temps {
				if !atomicfile.IsTemp(filepath.Base(tmp)) {
					t.Errorf("left-over %s is not a hidden .tmp file", tmp)
				}
			}
			t.Logf("%v: %d of %d files complete, %d temporary", sig, len(got), len(want), len(temps))

			// The next run removes the temporary files and completes.
			if res, err := exec.Command(bin, "batch", "-q", "-j", "2", "--out", out, manifest).CombinedOutput(); err != nil {
				t.Fatalf("next run: %v\n%s", err, res)
			}
			after, temps := filesIn(t, out)
			if refIndex, _ := os.ReadFile(filepath.Join(ref, "index.json")); after["index.json"] != sha(refIndex) {
				t.Errorf("after the next run index.json differs from the full run's")
			}
			delete(after, "index.json")
			if len(temps) > 0 {
				t.Errorf("temporary files survive the next run: %v", temps)
			}
			for rel, sum := range want {
				if after[rel] != sum {
					t.Errorf("after the next run %s differs", rel)
				}
			}
			if len(after) != len(want) {
				t.Errorf("after the next run %d files, want %d", len(after), len(want))
			}
		})
	}
}

// TestNextRunRemovesPlantedTemps plants what SIGKILL can leave (a hidden
// temporary file next to a complete one, and a new document directory
// not yet renamed into place) and checks that the next run removes them,
// and nothing else. Whether a real SIGKILL catches a write in flight is
// a matter of timing; this makes the cleanup itself certain to be
// tested.
func TestNextRunRemovesPlantedTemps(t *testing.T) {
	p := mustPlan(t, string(manifestYAML(2)), PlanOptions{Formats: nil})
	// --out itself may have a name like a temporary directory's.
	out := filepath.Join(t.TempDir(), ".out.2.tmp")
	sub := filepath.Join(out, "site-00001")
	os.MkdirAll(sub, 0o755)
	tmp := filepath.Join(sub, ".privacy-policy.pdf.2718281828.tmp")
	os.WriteFile(tmp, []byte("%PDF-1.4 half a file"), 0o644)
	tmpDir := filepath.Join(out, ".site-00002.3141592653.tmp")
	os.MkdirAll(filepath.Join(tmpDir, "nested"), 0o755)
	os.WriteFile(filepath.Join(tmpDir, "privacy-policy.pdf"), []byte("%PDF-1.4 half a file"), 0o644)
	res, err := Run(t.Context(), p, Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	for _, planted := range []string{tmp, tmpDir} {
		if _, err := os.Lstat(planted); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("planted %s not removed: %v", planted, err)
		}
	}
	if want := []string{".site-00002.3141592653.tmp", "site-00001/.privacy-policy.pdf.2718281828.tmp"}; !slices.Equal(res.Removed, want) {
		t.Errorf("Removed = %q, want %q", res.Removed, want)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the output directory itself: %v", err)
	}
}

// waitForFiles waits until at least n complete files are in dir.
func waitForFiles(t *testing.T, dir string, n int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		count := 0
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
			case p != dir && d.IsDir() && atomicfile.IsTemp(d.Name()):
				return filepath.SkipDir // not in place yet
			case d.Type().IsRegular() && !atomicfile.IsTemp(d.Name()):
				count++
			}
			return nil
		})
		if count >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no %d files in %s after 2 minutes", n, dir)
}

// filesIn returns the SHA-256 of every complete file under dir by
// relative path, and the temporary files and directories (a new
// directory not yet renamed into place, with its files).
func filesIn(t *testing.T, dir string) (map[string]string, []string) {
	t.Helper()
	files := map[string]string{}
	var temps []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			temps = append(temps, rel)
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		files[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, temps
}

func hashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, temps := filesIn(t, dir)
	if len(temps) > 0 {
		t.Fatalf("full run left %v", temps)
	}
	delete(files, "index.json")
	return files
}

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// TestRemoveTempsOnlyItsOwn: shards that share --out may run at the same
// time, so a run removes only the temporary files made for its own
// outputs: not another shard's (perhaps being written), not those of a
// directory other shards write into too, not a user's file that looks
// like one, and nothing inside a directory no document writes into.
func TestRemoveTempsOnlyItsOwn(t *testing.T) {
	manifest := func(output string) string {
		m := "defaults: {formats: [txt], values: {siteName: S, email: e@x.example, lastUpdated: \"2026-11-28\"}}\noutput: \"" + output + "\"\ndocuments:\n"
		for i := 1; i <= 8; i++ {
			m += fmt.Sprintf("  - name: d%02d\n", i)
		}
		return m
	}
	shard := Shard{Index: 1, Total: 2}
	p := mustPlan(t, manifest("{name}/{template}.{ext}"), PlanOptions{Shard: shard})
	var mine, other string
	for i := 1; i <= 8; i++ {
		name := fmt.Sprintf("d%02d", i)
		if shard.Contains(name) {
			mine = name
		} else {
			other = name
		}
	}
	if mine == "" || other == "" {
		t.Fatalf("the shards split 8 documents as mine %q, other %q", mine, other)
	}
	out := t.TempDir()
	plant := func(rel string, dir bool) string {
		full := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if dir {
			if err := os.MkdirAll(filepath.Join(full, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			return rel
		}
		if err := os.WriteFile(full, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
		return rel
	}
	removed := []string{
		plant("."+mine+".1.tmp", true),
		plant(mine+"/.privacy-policy.txt.2.tmp", false),
		plant(mine+"/.privacy-policy.txt.2.old.tmp", false),
		plant(".index.1-of-2.json.5.tmp", false),
	}
	kept := []string{
		plant("."+other+".3.tmp", true),
		plant(other+"/.privacy-policy.txt.4.tmp", false),
		plant(".index.2-of-2.json.6.tmp", false),
		plant(".index.json.7.tmp", false),
		plant(".draft.tmp", false),
		plant(mine+"/.cache.tmp", true),
		plant(".git/sub/."+mine+".8.tmp", false),
		plant("userdir/.privacy-policy.txt.9.tmp", false),
	}
	got, err := removeTemps(out, p)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(removed)
	if !slices.Equal(got, removed) {
		t.Errorf("removed %q, want %q", got, removed)
	}
	for _, rel := range removed {
		if _, err := os.Lstat(filepath.Join(out, rel)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s not removed: %v", rel, err)
		}
	}
	for _, rel := range kept {
		if _, err := os.Lstat(filepath.Join(out, rel)); err != nil {
			t.Errorf("%s removed: %v", rel, err)
		}
	}

	// A directory that documents of both shards write into: its
	// temporary directory is removed by a run of every document only.
	shared := plant(".shared.10.tmp", true)
	sharded := mustPlan(t, manifest("shared/{name}.{ext}"), PlanOptions{Shard: shard})
	if got, err := removeTemps(out, sharded); err != nil || slices.Contains(got, shared) {
		t.Errorf("shard 1/2 removed %q (%v), want %s kept", got, err, shared)
	}
	whole := mustPlan(t, manifest("shared/{name}.{ext}"), PlanOptions{})
	if got, err := removeTemps(out, whole); err != nil || !slices.Contains(got, shared) {
		t.Errorf("every document: removed %q (%v), want %s", got, err, shared)
	}
}
