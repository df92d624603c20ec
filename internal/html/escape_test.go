package html

import (
	"bufio"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/ast"
)

// referenceEscape is writeEscaped's rule applied character by character,
// with no table of plain bytes.
func referenceEscape(s string, strict bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case strict && ast.IsSpaceEquivalent(r):
			b.WriteByte(' ')
		case r == 0, strict && (r == utf8.RuneError && size == 1 || forbiddenRune(r)):
			b.WriteString("\uFFFD")
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// checkEscape checks writeEscaped and containsFold on s against their
// definitions.
func checkEscape(t *testing.T, s string) {
	t.Helper()
	for _, strict := range []bool{false, true} {
		var b strings.Builder
		w := bufio.NewWriter(&b)
		writeEscaped(w, s, strict)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if want := referenceEscape(s, strict); b.String() != want {
			t.Errorf("writeEscaped(%q, %v) = %q, want %q", s, strict, b.String(), want)
		}
	}
	if got, want := containsFold(s, "</style"), strings.Contains(strings.ToLower(s), "</style"); got != want {
		t.Errorf("containsFold(%q, \"</style\") = %v, want %v", s, got, want)
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a & b < c > d \"e\" 'f'", "\x00\x01\t\n\r\f\x7f\u0085\ufdd0\uffff\U0010fffe\xff", "a\vb\u2028c\u2029d", "</STYLE>", "<</style", "</styl", "日本語 é"} {
		f.Add(s)
	}
	f.Fuzz(checkEscape)
}

// TestEscapeEveryByte checks every byte alone, and every byte between
// two characters.
func TestEscapeEveryByte(t *testing.T) {
	for c := range 256 {
		checkEscape(t, string([]byte{byte(c)}))
		checkEscape(t, "a"+string([]byte{byte(c)})+"é")
	}
}
