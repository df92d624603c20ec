package pathological

import (
	"bytes"
	"os"
	"testing"

	"github.com/policyexport/policyexport/internal/render"
	"github.com/policyexport/policyexport/internal/template"
)

// BenchmarkStage measures one stage of the pipeline (PATHOLOGICAL_STAGE:
// parse, fill, or a format) on every case at 1 MiB, for profiling with
// -cpuprofile and -memprofile: the stages before it run outside the timer.
//
//	PATHOLOGICAL_STAGE=parse go test -run '^$' -bench 'Stage/cr-flood' -benchtime 1x -cpuprofile cpu.out ./internal/pathological
func BenchmarkStage(b *testing.B) {
	stage := os.Getenv("PATHOLOGICAL_STAGE")
	if stage == "" {
		stage = "parse"
	}
	size := sizeFromEnv(b)
	r := newRenderer(b)
	for _, c := range Cases() {
		src := c.Generate(size)
		b.Run(c.Name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				if stage == "parse" {
					b.StartTimer()
				}
				tp, err := template.Parse("case.md", src, template.Options{})
				if err != nil {
					b.Skip(err)
				}
				if stage == "parse" {
					b.StopTimer()
				}
				if stage == "fill" {
					b.StartTimer()
				}
				doc, _, err := tp.Fill(values, template.FillOptions{Missing: template.MissingKeep})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if stage == "parse" || stage == "fill" {
					b.StartTimer()
					continue
				}
				b.StartTimer()
				var buf bytes.Buffer
				if err := r.Write(&buf, doc, render.Format(stage)); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
			}
			b.StartTimer()
		})
	}
}
