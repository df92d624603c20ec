package batch

import (
	"bytes"
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
)

// manifestYAML returns a manifest of n documents of the embedded
// template, each with its own site name and e-mail address.
func manifestYAML(n int) []byte {
	var b strings.Builder
	b.WriteString("defaults:\n  formats: [pdf, html, txt, json]\n  values: {lastUpdated: \"2026-11-28\"}\ndocuments:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - name: site-%05d\n    values: {siteName: \"Site %d Ltd\", email: \"privacy@site%d.example\"}\n", i, i, i)
	}
	return []byte(b.String())
}

func benchPlan(b *testing.B, n int) *Plan {
	b.Helper()
	m, err := Load("bench.yaml", manifestYAML(n))
	if err != nil {
		b.Fatal(err)
	}
	p, err := NewPlan(m, PlanOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkBatch runs a whole batch of 50 documents, all four formats,
// with two workers, writing into a temporary directory; it reports
// documents per second, at Go's default GOGC (gogc-100) and at the batch
// command's (gogc-125, GCPercent).
func BenchmarkBatch(b *testing.B) {
	for _, gc := range []int{100, GCPercent} {
		b.Run(fmt.Sprintf("gogc-%d", gc), func(b *testing.B) {
			defer debug.SetGCPercent(debug.SetGCPercent(gc))
			const n = 50
			p := benchPlan(b, n)
			out := b.TempDir()
			b.ResetTimer()
			for b.Loop() {
				res, err := Run(context.Background(), p, Options{Out: out, Jobs: 2})
				if err != nil || len(res.Failures) > 0 {
					b.Fatal(err, res.Failures)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkBackend renders one filled document of the embedded template
// with each backend alone: ns/op and allocations per backend.
func BenchmarkBackend(b *testing.B) {
	p := benchPlan(b, 1)
	j := p.Job(0)
	doc, _, err := j.Template.Parsed.Fill(j.Values.Map(), template.FillOptions{})
	if err != nil {
		b.Fatal(err)
	}
	r, err := render.New(render.Options{}, render.All())
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range render.All() {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := r.Write(&buf, doc, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("fill", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := j.Template.Parsed.Fill(j.Values.Map(), template.FillOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLoadPlan reads and plans a manifest of 10,000 documents (the
// shape of bench/run.sh's batches).
func BenchmarkLoadPlan(b *testing.B) {
	data := manifestYAML(10000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadPlan("bench.yaml", data, PlanOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
