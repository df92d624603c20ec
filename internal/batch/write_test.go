package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/atomicfile"
)

// TestWriteStagedReportsAfterWait: a chunk of staged documents is
// reported done (its names durable) when no document has come for the
// wait, without waiting for the next chunk or for the end; the next
// chunk is reported at the end, and every file is in place.
func TestWriteStagedReportsAfterWait(t *testing.T) {
	dir := t.TempDir()
	doc := func(name string) staged {
		g := &atomicfile.Group{NoFollow: true, NewDirs: true}
		for _, f := range []string{"a.txt", "b.txt", "c.txt"} {
			g.Add(filepath.Join(dir, name, f), []byte(name+f), 0o644)
		}
		if err := g.Stage(); err != nil {
			t.Fatal(err)
		}
		return staged{pd: pending{job: &Job{Name: name}, start: time.Now()}, group: g}
	}
	writes := make(chan staged)
	reports := make(chan []string)
	go writeStaged(writes, 20*time.Millisecond, func(results []jobResult) {
		var names []string
		for _, jr := range results {
			if jr.err != nil {
				t.Errorf("%s: %v", jr.job.Name, jr.err)
			}
			names = append(names, jr.job.Name)
		}
		if len(names) > 0 {
			reports <- names
		}
	})
	// Two documents in six files: a shared barrier, so their names wait
	// for the next one.
	writes <- doc("one")
	writes <- doc("two")
	select {
	case got := <-reports:
		if fmt.Sprint(got) != "[one two]" {
			t.Errorf("first report %v, want [one two]", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the first chunk was not reported while no document came")
	}
	writes <- doc("three")
	close(writes)
	if got := <-reports; fmt.Sprint(got) != "[three]" {
		t.Errorf("last report %v, want [three]", got)
	}
	for _, name := range []string{"one", "two", "three"} {
		if data, err := os.ReadFile(filepath.Join(dir, name, "c.txt")); err != nil || string(data) != name+"c.txt" {
			t.Errorf("%s/c.txt: %q, %v", name, data, err)
		}
	}
}
