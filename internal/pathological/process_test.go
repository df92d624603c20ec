package pathological

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"
)

// processFormats are the formats BenchmarkProcess renders, one process
// each (select some with -bench, e.g. -bench 'Process/.*/html').
var processFormats = []string{"pdf", "html", "txt", "json"}

// buildBinary builds cmd/policyexport once into a temporary directory,
// or returns PATHOLOGICAL_BIN when set (to measure another build, such as
// an older commit's, under the same load).
func buildBinary(tb testing.TB) string {
	tb.Helper()
	if bin := os.Getenv("PATHOLOGICAL_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(tb.TempDir(), "policyexport")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/policyexport/policyexport/cmd/policyexport")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// processResult is one whole-process render.
type processResult struct {
	wall    time.Duration
	cpu     time.Duration // user + system
	maxRSS  int64         // bytes
	refused bool
	stderr  string
}

// runProcess renders file in format f with the binary bin, as the
// reviewer does: policyexport render --missing=keep --format F -o OUT FILE.
// It returns the wall time, the peak resident set size of the process and
// whether it exited with an error.
func runProcess(tb testing.TB, bin, file, f string) processResult {
	tb.Helper()
	out := filepath.Join(filepath.Dir(file), "out."+f)
	args := []string{"render", "--missing=keep", "--format", f, "-o", out, file}
	cmd := exec.Command(bin, args...)
	// The peak RSS that wait4 gives for a direct child is at least this
	// test process's own peak: Go starts children with vfork, so the
	// child runs in this process's memory until its exec, and the kernel
	// keeps that memory's high-water mark as the child's (a 68 MiB render
	// was reported as 665 MiB late in a -large run). GNU time, a small
	// process, measures its own child's peak instead.
	rssFile := filepath.Join(filepath.Dir(file), "rss."+f)
	if gnuTime, err := exec.LookPath("/usr/bin/time"); err == nil {
		cmd = exec.Command(gnuTime, append([]string{"-q", "-f", "%M", "-o", rssFile, bin}, args...)...)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var res processResult
	res.wall = wall
	res.stderr = stderr.String()
	if cmd.ProcessState == nil {
		tb.Fatalf("%s: %v", file, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		// With GNU time, its waited-for child's CPU time is included.
		res.maxRSS = int64(ru.Maxrss) << 10 // kilobytes on Linux
		res.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if data, err := os.ReadFile(rssFile); err == nil {
		var kb int64
		if _, err := fmt.Sscan(string(data), &kb); err == nil {
			res.maxRSS = kb << 10
		}
		os.Remove(rssFile)
	}
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			tb.Fatalf("%s: %v", file, err)
		}
		res.refused = true
	}
	return res
}

// panicTrace is what a Go panic or fatal error (such as running out of
// memory) reaching the user looks like.
var panicTrace = regexp.MustCompile(`(?m)^(panic: |fatal error: |goroutine \d+ )`)

// BenchmarkProcess measures every case at 1 MiB (PATHOLOGICAL_SIZE bytes
// to change) as whole processes: the binary is built once, and each case
// and format runs as
//
//	policyexport render --missing=keep --format F -o OUT case.md
//
// reporting wall time ("ms"), CPU time (user and system, "cpu-ms": less
// disturbed than wall time on a loaded machine, but a process may use
// more than one core) and the peak resident set size of the
// process ("peak-RSS-MiB", from getrusage), the honest measure of memory
// that BenchmarkPathological's TotalAlloc overstates. A refusal (exit
// status 1 with a message) is reported as refused=1; a panic trace fails
// the benchmark. Run it with
//
//	go test -run '^$' -bench Process -benchtime 1x ./internal/pathological
//
// and select cases and formats with -bench 'Process/table-rows-no-pipes/json'.
func BenchmarkProcess(b *testing.B) {
	size := sizeFromEnv(b)
	bin := buildBinary(b)
	dir := b.TempDir()
	for _, c := range Cases() {
		file := filepath.Join(dir, c.Name+".md")
		if err := os.WriteFile(file, c.Generate(size), 0o644); err != nil {
			b.Fatal(err)
		}
		for _, f := range processFormats {
			b.Run(c.Name+"/"+f, func(b *testing.B) {
				var res processResult
				var wall, cpu time.Duration
				var rss int64
				for b.Loop() {
					res = runProcess(b, bin, file, f)
					wall += res.wall
					cpu += res.cpu
					rss = max(rss, res.maxRSS)
				}
				b.ReportMetric(float64(wall.Microseconds())/1000/float64(b.N), "ms")
				b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms")
				b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
				refused := 0.0
				if res.refused {
					refused = 1
				}
				b.ReportMetric(refused, "refused")
				if panicTrace.MatchString(res.stderr) {
					b.Fatalf("%s/%s: panic:\n%s", c.Name, f, res.stderr)
				}
			})
		}
	}
}
