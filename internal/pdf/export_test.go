package pdf

// Untagged returns a copy of r that writes no structure tree, so that
// benchmarks can measure what tagging costs (BenchmarkTagging).
func Untagged(r *Renderer) *Renderer {
	u := *r
	u.untagged = true
	return &u
}

// DroidFont is the fallback font for Chinese and Japanese that the tests
// use (Debian: fonts-droid-fallback; scripts/check installs it).
const DroidFont = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
