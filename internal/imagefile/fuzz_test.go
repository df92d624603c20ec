package imagefile

import (
	"strings"
	"testing"
)

// FuzzRebase checks, for any destination, that Rebase and Sniff do not
// panic, that a destination is unchanged between equal directories and
// when it is not local, and that a rebased one keeps its query and
// fragment.
func FuzzRebase(f *testing.F) {
	for _, s := range []string{"img/logo.png", "../a b/%zz.gif?x#y", "//h/x", "https://e/x.png", "#f", "", "/abs", "a/../../b", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		Sniff([]byte(dest))
		if got, err := Rebase(dest, "docs", "docs"); err != nil || got != dest {
			t.Errorf("Rebase(%q) between equal directories = %q, %v", dest, got, err)
		}
		got, err := Rebase(dest, "docs", "out/html")
		if err != nil {
			t.Fatalf("Rebase(%q): %v", dest, err)
		}
		ref, local := Local(dest)
		switch {
		case !local && got != dest:
			t.Errorf("Rebase(%q) changed a destination that is not local: %q", dest, got)
		case local && !strings.HasSuffix(got, ref.Suffix):
			t.Errorf("Rebase(%q) = %q lost its suffix %q", dest, got, ref.Suffix)
		}
	})
}
