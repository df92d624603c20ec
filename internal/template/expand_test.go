package template

import (
	"runtime"
	"strings"
	"testing"
)

// TestLinkReferenceBudget checks that link references cannot repeat a
// long definition into more than the size limit plus the template's size,
// and that inline links, whose destinations are in the template, never
// reach it.
func TestLinkReferenceBudget(t *testing.T) {
	url := "https://example.com/" + strings.Repeat("a", 980)
	refs := "[a]: " + url + " \"title\"\n\n" + strings.Repeat("[a]\n\n", 100)
	_, err := Parse("r.md", []byte(refs), Options{MaxBytes: 10_000})
	if err == nil || !strings.HasPrefix(err.Error(), "r.md:") || !strings.Contains(err.Error(), "link references repeat") || !strings.Contains(err.Error(), "Options.MaxBytes") {
		t.Errorf("many uses of a long reference: error %v", err)
	}
	if _, err := Parse("r.md", []byte(refs), Options{MaxBytes: 200_000}); err != nil {
		t.Errorf("a higher size limit: %v", err)
	}
	inline := []byte(strings.Repeat("[a]("+url+" \"title\")\n\n", 100))
	if _, err := Parse("i.md", inline, Options{MaxBytes: len(inline)}); err != nil {
		t.Errorf("inline links: %v", err)
	}
	// 1 MiB of uses of a 256 KiB definition would be 50 GiB of strings.
	big := "[a]: https://x/" + strings.Repeat("a", 256<<10) + "\n\n"
	big += strings.Repeat("[a]\n\n", (1<<20-len(big))/5)
	// Refused before the repeats are made: what the parse allocates
	// (about 200 MiB, most of it goldmark's) is a bound on its work, far
	// below the 50 GiB of repeats; a time limit failed on a busy machine.
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := Parse("big.md", []byte(big), Options{}); err == nil || !strings.Contains(err.Error(), "link references repeat") {
		t.Errorf("1 MiB: error %v", err)
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<30 {
		t.Errorf("1 MiB: allocated %d MiB", n>>20)
	}
}

// TestFillBudget checks that Fill refuses to fill in more bytes of values
// than the size limit, naming the placeholder where the limit is passed,
// in text and in link destinations alike.
func TestFillBudget(t *testing.T) {
	value := strings.Repeat("v", 1000)
	for name, tc := range map[string]struct {
		src, pos string
	}{
		"text":        {strings.Repeat("{a} ", 100), "t.md:1:201: "},
		"destination": {strings.Repeat("[x]({a}) ", 100), "t.md: "},
	} {
		tp, err := Parse("t.md", []byte(tc.src), Options{MaxBytes: 50_000})
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = tp.Fill(map[string]string{"a": value}, FillOptions{})
		if err == nil || !strings.HasPrefix(err.Error(), tc.pos+"values fill the placeholders with more than 50000 bytes in all, here at {a}") {
			t.Errorf("%s: error %v", name, err)
		}
		if _, _, err := tp.Fill(map[string]string{"a": value[:500]}, FillOptions{}); err != nil {
			t.Errorf("%s: half the value: %v", name, err)
		}
	}
}
