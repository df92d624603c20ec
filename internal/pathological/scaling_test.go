package pathological

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
)

// Scaling. Every class is run at two sizes a factor of 4 apart; linear
// work takes about 4 times as long at the larger size, quadratic work 16
// times. The test allows maxRatio, far above 4 because this machine is
// shared and small inputs carry fixed costs, far below 16. Each size
// takes the fastest of scalingRuns runs (the least disturbed by other
// processes), and times under scalingFloor count as scalingFloor at the
// larger size and a quarter of it at the smaller one, so that a
// sub-millisecond run cannot make a noisy ratio: with every time under
// the floor the ratio is at most 4. Times are CPU times (see cpuTime).
const (
	scalingSmall = 16 << 10
	scalingLarge = 4 * scalingSmall
	scalingRuns  = 3
	scalingFloor = 4 * time.Millisecond
	maxRatio     = 10.0
)

// runAll parses src, fills it and writes it in every format, as one
// policyexport render does; a refusal is an ordinary result. A panic is
// returned as an error with the prefix "panic: ".
func runAll(r *render.Renderer, src []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	tp, err := template.Parse("case.md", src, template.Options{})
	if err != nil {
		return err
	}
	doc, _, err := tp.Fill(values, template.FillOptions{Missing: template.MissingKeep})
	if err != nil {
		return err
	}
	for _, f := range render.All() {
		if err := r.Write(io.Discard, doc, f); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return nil
}

// cpuTime returns the CPU time (user and system) this process has used.
// The scaling test times CPU rather than wall time: other processes on a
// shared machine stretch wall time, not the CPU time of this one.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// fastest returns the least CPU time of runs runs of runAll on src
// (garbage collection included, which runs on other threads).
func fastest(tb testing.TB, r *render.Renderer, src []byte, runs int) time.Duration {
	tb.Helper()
	best := time.Duration(-1)
	for range runs {
		runtime.GC() // start each run with the same heap
		start := cpuTime(tb)
		err := runAll(r, src)
		d := cpuTime(tb) - start
		if err != nil && bytes.HasPrefix([]byte(err.Error()), []byte("panic: ")) {
			tb.Fatal(err)
		}
		if best < 0 || d < best {
			best = d
		}
	}
	return best
}

// scalingRatio is how many times longer the large input took than the
// small one, with the floor applied (see scalingFloor).
func scalingRatio(small, large, floor time.Duration) float64 {
	return float64(max(large, floor)) / float64(max(small, floor/4))
}

// TestScaling runs every class at 16 KiB and 64 KiB through parse, fill
// and every format, and fails a class whose time grows more than maxRatio
// times: a hole in the cost guards (a run of quotes took goldmark's
// typographer n² steps and no guard saw it). A class with a Guard is
// known to grow faster; it must instead be refused at 1 MiB with an
// error naming its limit.
func TestScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("times every class at two sizes")
	}
	r := newRenderer(t)
	for _, c := range Cases() {
		t.Run(c.Name, func(t *testing.T) {
			if c.Guard != "" {
				// Known to grow faster than its size: its limit must
				// refuse it long before it takes long.
				err := runAll(r, c.Generate(big))
				if err == nil || !strings.Contains(err.Error(), c.Guard) {
					t.Errorf("%s at %d bytes: got %v, want a refusal naming %s", c.Name, big, err, c.Guard)
				}
				return
			}
			small, large := c.Generate(scalingSmall), c.Generate(scalingLarge)
			ts := fastest(t, r, small, scalingRuns)
			tl := fastest(t, r, large, scalingRuns)
			ratio := scalingRatio(ts, tl, scalingFloor)
			if ratio > maxRatio {
				// Measure once more before failing: a burst of load on the
				// shared machine can slow one size only.
				ts, tl = min(ts, fastest(t, r, small, scalingRuns)), min(tl, fastest(t, r, large, scalingRuns))
				ratio = scalingRatio(ts, tl, scalingFloor)
			}
			if *measure || ratio > maxRatio {
				t.Logf("%-40s %8.2f ms %8.2f ms  ×%.1f", c.Name, ms(ts), ms(tl), ratio)
			}
			if ratio > maxRatio {
				t.Errorf("%s: %d bytes took %.1f ms, %d bytes %.1f ms: ×%.1f for ×4 the input (at most ×%.0f; linear is ×4, quadratic ×16)",
					c.Name, len(small), ms(ts), len(large), ms(tl), ratio, maxRatio)
			}
		})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchmarkScaling reports, for every class, the time at PATHOLOGICAL_SIZE
// bytes (1 MiB by default) and at a quarter of it through parse, fill and
// every format ("large-ms", "small-ms": the least CPU time of the
// benchmark's iterations) and their ratio ("ratio": about 4 when the work is linear,
// 16 when it is quadratic).
//
//	go test -run '^$' -bench Scaling -benchtime 3x ./internal/pathological
func BenchmarkScaling(b *testing.B) {
	size := sizeFromEnv(b)
	r := newRenderer(b)
	for _, c := range Cases() {
		small, large := c.Generate(size/4), c.Generate(size)
		b.Run(c.Name, func(b *testing.B) {
			ts, tl := time.Duration(-1), time.Duration(-1)
			for b.Loop() {
				s, l := fastest(b, r, small, 1), fastest(b, r, large, 1)
				if ts < 0 || s < ts {
					ts = s
				}
				if tl < 0 || l < tl {
					tl = l
				}
			}
			b.ReportMetric(ms(ts), "small-ms")
			b.ReportMetric(ms(tl), "large-ms")
			b.ReportMetric(scalingRatio(ts, tl, scalingFloor), "ratio")
		})
	}
}
