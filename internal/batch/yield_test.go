package batch

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
)

// TestOneProcessorYieldsEachDocument: with one processor, a render
// worker lets the other goroutines run after each document, as with two
// or three (see yieldsEachDocument). A goroutine that yields after each
// of its turns notes how many documents were rendered since its last
// turn: one at most, where without the yield it was eight (the render
// worker's channel) or more.
func TestOneProcessorYieldsEachDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 48 PDFs")
	}
	p := mustPlan(t, string(manifestYAML(48)), PlanOptions{})
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	r, res, stale, err := start(p, Options{Out: t.TempDir(), Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	var rendered atomic.Int64
	r.afterRender = func() { rendered.Add(1) }
	stop := make(chan struct{})
	gap := make(chan int64, 1)
	go func() {
		var most, last int64
		for {
			select {
			case <-stop:
				gap <- most
				return
			default:
			}
			n := rendered.Load()
			most = max(most, n-last)
			last = n
			runtime.Gosched()
		}
	}()
	res, err = r.run(context.Background(), res, stale)
	close(stop)
	if err != nil || len(res.Failures) > 0 {
		t.Fatal(err, res.Failures)
	}
	if most := <-gap; most > 2 {
		t.Errorf("%d documents were rendered between two turns of another goroutine, want one a turn", most)
	}
	for procs, want := range map[int]bool{2: true, 3: true, 4: false, 8: false} {
		runtime.GOMAXPROCS(procs)
		if got := yieldsEachDocument(); got != want {
			t.Errorf("with GOMAXPROCS=%d, yieldsEachDocument() = %v, want %v", procs, got, want)
		}
	}
}
