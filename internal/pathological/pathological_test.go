package pathological

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"

	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
)

var (
	large   = flag.Bool("large", false, "TestBoundedWork: also run every case at 1 MiB (slow)")
	measure = flag.Bool("measure", false, "TestBoundedWork: log time and allocation of every case and format")
)

// Sizes of TestBoundedWork: 1 KiB and 64 KiB by default, 1 MiB with -large.
const (
	small  = 1 << 10
	medium = 64 << 10
	big    = 1 << 20
)

// Bounds. The hang guard is generous (far above the 2 s target at 1 MiB
// that BenchmarkProcess measures): it only catches a run that would not
// end. Memory is bounded through the bytes allocated while one case runs
// in one format (runtime.MemStats.TotalAlloc), which is an upper bound of
// the heap the case can have added at any moment: by allocBound up to
// 64 KiB, and by the linear bound alone at 1 MiB, where -large instead
// runs each case as a whole policyexport process and bounds its peak
// resident size by allocBound (TotalAlloc counts every short-lived
// buffer and far overstates the peak).
const (
	hangGuard    = 20 * time.Second
	allocBound   = 512 << 20 // at any size up to 1 MiB
	allocPerByte = 5200      // bytes per input byte, plus allocSlack (measured worst ~2500 before tagged PDF, ~4600 with it: table-rows-no-pipes in PDF, a TR and two TD structure elements per 2 input bytes)
	// allocSlack is what a render allocates whatever its size: the fonts
	// it draws from, cut and, for a right-to-left line with a mirrored
	// bracket, read once more for its glyphs (right-to-left-mix at 1 KiB:
	// 17.9 MiB before brackets were drawn as glyphs, 24.8 MiB after).
	allocSlack = 28 << 20
)

// values fills the placeholders the generators use.
var values = map[string]string{"a": "Acme & Co. <b>", "x": "X"}

// clearError is what a refusal must look like: the template's name, a
// position or a colon, and a message.
var clearError = regexp.MustCompile(`^case\.md(:\d+(:\d+)?)?: \S`)

// runCase runs src through parse, fill and the renderer of format f. It
// returns the output, or the error; a panic is returned as an error with
// the prefix "panic: ".
func runCase(r *render.Renderer, src []byte, f render.Format) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			buf := make([]byte, 8<<10)
			buf = buf[:runtime.Stack(buf, false)]
			err = fmt.Errorf("panic: %v\n%s", p, buf)
		}
	}()
	tp, err := template.Parse("case.md", src, template.Options{})
	if err != nil {
		return nil, err
	}
	doc, _, err := tp.Fill(values, template.FillOptions{Missing: template.MissingKeep})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := r.Write(&buf, doc, f); err != nil {
		return nil, fmt.Errorf("case.md: %w", err)
	}
	return buf.Bytes(), nil
}

func newRenderer(t testing.TB) *render.Renderer {
	t.Helper()
	r, err := render.New(render.Options{}, render.All())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestBoundedWork runs every case at every size through every format and
// checks that each gives an output or a clear error, never a panic, within
// the hang guard and the allocation bounds.
func TestBoundedWork(t *testing.T) {
	sizes := []int{small, medium}
	if *large {
		sizes = append(sizes, big)
	}
	r := newRenderer(t)
	var bin, dir string
	if *large {
		bin, dir = buildBinary(t), t.TempDir()
	}
	for _, c := range Cases() {
		for _, size := range sizes {
			src := c.Generate(size)
			if len(src) > size {
				t.Fatalf("%s: generated %d bytes for size %d", c.Name, len(src), size)
			}
			file := ""
			if size == big {
				file = filepath.Join(dir, c.Name+".md")
				if err := os.WriteFile(file, src, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range render.All() {
				name := fmt.Sprintf("%s/%dKiB/%s", c.Name, size>>10, f)
				t.Run(fmt.Sprintf("%s/%dKiB/%s", c.Name, size>>10, f), func(t *testing.T) {
					guard := time.AfterFunc(hangGuard, func() {
						// A stuck goroutine cannot be stopped: end the test
						// binary with every goroutine's stack.
						panic(fmt.Sprintf("%s: still running after %v", name, hangGuard))
					})
					var before, after runtime.MemStats
					runtime.ReadMemStats(&before)
					start := time.Now()
					out, err := runCase(r, src, f)
					elapsed := time.Since(start)
					runtime.ReadMemStats(&after)
					guard.Stop()
					alloc := after.TotalAlloc - before.TotalAlloc
					if *measure {
						t.Logf("%-45s %8.1f ms %8.1f MiB  err=%v", name, float64(elapsed.Microseconds())/1000, float64(alloc)/(1<<20), firstLine(err))
					}
					switch {
					case err != nil && bytes.HasPrefix([]byte(err.Error()), []byte("panic: ")):
						t.Errorf("%s: %v", name, err)
					case err != nil && !clearError.MatchString(err.Error()):
						t.Errorf("%s: unclear error %q", name, err)
					case err == nil && len(out) == 0 && f != render.TXT: // an empty document is empty text
						t.Errorf("%s: no output and no error", name)
					}
					limit := uint64(allocPerByte*len(src) + allocSlack)
					if file == "" {
						limit = min(limit, allocBound)
					}
					if alloc > limit {
						t.Errorf("%s: allocated %.1f MiB for %d bytes (bound %.1f MiB)", name, float64(alloc)/(1<<20), len(src), float64(limit)/(1<<20))
					}
					if file != "" {
						// At 1 MiB the memory bound is on what the user
						// sees: the peak resident size of a whole
						// policyexport process.
						res := runProcess(t, bin, file, string(f))
						if *measure {
							t.Logf("%-45s process %8.1f ms %8.1f MiB peak RSS", name, float64(res.wall.Microseconds())/1000, float64(res.maxRSS)/(1<<20))
						}
						switch {
						case panicTrace.MatchString(res.stderr):
							t.Errorf("%s: process crashed:\n%.2000s", name, res.stderr)
						case res.maxRSS > allocBound:
							t.Errorf("%s: process peak RSS %.1f MiB (bound %d MiB)", name, float64(res.maxRSS)/(1<<20), allocBound>>20)
						}
					}
				})
			}
		}
	}
}

func firstLine(err error) string {
	if err == nil {
		return "<nil>"
	}
	s := err.Error()
	if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 100 {
		s = s[:100] + "…"
	}
	return s
}

// BenchmarkPathological measures every case at 1 MiB (PATHOLOGICAL_SIZE
// bytes to change) through parse, fill and each format: time per
// operation, and "alloc-MiB/op", the bytes allocated by one run, an upper
// bound of its peak heap. Run it with
//
//	go test -run '^$' -bench Pathological -benchtime 1x ./internal/pathological
func BenchmarkPathological(b *testing.B) {
	size := sizeFromEnv(b)
	r := newRenderer(b)
	for _, c := range Cases() {
		src := c.Generate(size)
		for _, f := range render.All() {
			b.Run(c.Name+"/"+string(f), func(b *testing.B) {
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				var err error
				for b.Loop() {
					_, err = runCase(r, src, f)
				}
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "alloc-MiB/op")
				var te *template.Error
				refused := 0.0
				if errors.As(err, &te) {
					refused = 1
				}
				b.ReportMetric(refused, "refused")
				if err != nil && bytes.HasPrefix([]byte(err.Error()), []byte("panic: ")) {
					b.Fatal(err)
				}
			})
		}
	}
}

// sizeFromEnv returns PATHOLOGICAL_SIZE in bytes, 1 MiB by default.
func sizeFromEnv(tb testing.TB) int {
	tb.Helper()
	size := big
	if s := os.Getenv("PATHOLOGICAL_SIZE"); s != "" {
		if _, err := fmt.Sscan(s, &size); err != nil {
			tb.Fatalf("PATHOLOGICAL_SIZE: %v", err)
		}
	}
	return size
}
