package pdf

// Untagged returns a copy of r that writes no structure tree, so that
// benchmarks can measure what tagging costs (BenchmarkTagging).
func Untagged(r *Renderer) *Renderer {
	u := *r
	u.untagged = true
	return &u
}
