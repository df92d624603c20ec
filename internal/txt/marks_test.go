package txt

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/policyexport/policyexport/internal/ast"
)

// readMarks reads a redline's plain text as README's Redlines section
// says a reader reads it, from left to right: a backslash before one of
// `\[]{}+-~` is that character, any other backslash is itself, and an
// unescaped "[-", "-]", "{+", "+}", "{~" or "~}" is a mark. It returns
// the text, with each change as its kind ('-', '+' or '~') and words in
// «», or ok false for a mark out of place.
func readMarks(s string) (string, bool) {
	var b strings.Builder
	var open byte // the kind of the change being read, else 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && strings.IndexByte(escapable, s[i+1]) >= 0 {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if i+1 < len(s) {
			switch m := s[i : i+2]; m {
			case "[-", "{+", "{~":
				if open != 0 {
					return "", false
				}
				open = m[1]
				b.WriteString("«" + string(open))
				i++
				continue
			case "-]", "+}", "~}":
				if open != m[0] {
					return "", false
				}
				open = 0
				b.WriteString("»")
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String(), open == 0
}

// TestRedlineEscapeRoundTrip checks that a redline's plain text reads
// back as its text and changes (readMarks), whatever characters of the
// marks the text holds: a value "{+x+}" read as an insertion. Runs of
// random text from the marks' characters, each unmarked or in a change
// of a random kind, are rendered and read back.
func TestRedlineEscapeRoundTrip(t *testing.T) {
	cases := [][]ast.Inline{
		{tx("Alpha {+gamma+} delta [-x-] and {~y~}.")},
		{tx("C:\\Users\\x and a\\b")},
		{&ast.Change{Kind: ast.Deleted, Inlines: []ast.Inline{tx("]")}}},
		{&ast.Change{Kind: ast.Deleted, Inlines: []ast.Inline{tx("a[")}}, tx("b\\")},
		{tx("x\\"), &ast.Change{Kind: ast.Inserted, Inlines: []ast.Inline{tx("{")}}},
		{tx("[-]"), &ast.Change{Kind: ast.Reformatted, Inlines: []ast.Inline{tx("~")}}, tx("}")},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = `\[]{}+-~ab`
	for range 3000 {
		var ins []ast.Inline
		for range 1 + rng.IntN(5) {
			var s strings.Builder
			for range 1 + rng.IntN(6) {
				s.WriteByte(alphabet[rng.IntN(len(alphabet))])
			}
			in := ast.Inline(tx(s.String()))
			if k := rng.IntN(4); k > 0 {
				in = &ast.Change{Kind: []ast.ChangeKind{ast.Deleted, ast.Inserted, ast.Reformatted}[k-1], Inlines: []ast.Inline{in}}
			}
			ins = append(ins, in)
		}
		cases = append(cases, ins)
	}
	for _, ins := range cases {
		want := marked(ins)
		out := render(t, doc(para(ins...)), Options{Redline: true, Width: 1000})
		got, ok := readMarks(strings.TrimSuffix(out, "\n"))
		if !ok || got != want {
			t.Fatalf("%q reads as %q (ok %t), want %q", out, got, ok, want)
		}
	}
}

// marked is the text of ins as readMarks returns it.
func marked(ins []ast.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch n := in.(type) {
		case *ast.Text:
			b.WriteString(n.Text)
		case *ast.Change:
			k := map[ast.ChangeKind]string{ast.Deleted: "-", ast.Inserted: "+", ast.Reformatted: "~"}[n.Kind]
			b.WriteString("«" + k + marked(n.Inlines) + "»")
		}
	}
	return b.String()
}

// TestRedlineEscapeCode checks that a redline escapes its code blocks'
// lines and its link list, and that text outside a redline is never
// escaped.
func TestRedlineEscapeCode(t *testing.T) {
	d := doc(&ast.CodeBlock{Text: "-]\n{+x+}\n", Change: ast.Deleted}, para(link("https://a.example/[-a-]", tx("here"))))
	out := render(t, d, Options{Redline: true})
	for _, want := range []string{"[-\n    \\-]\n    \\{+x\\+}\n-]\n", "[1] https://a.example/\\[-a\\-]"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q lacks %q", out, want)
		}
	}
	plain := render(t, doc(para(tx("{+x+} C:\\a"))), Options{})
	if want := "{+x+} C:\\a\n"; plain != want {
		t.Errorf("not a redline: %q, want %q", plain, want)
	}
}

// FuzzRedlineEscape is TestRedlineEscapeRoundTrip over any text: text
// cut at '|' into runs, run i unmarked or in a change of the kind that
// kinds[i] picks, reads back as it was. Text with whitespace or control
// characters, which the layout changes, is skipped.
func FuzzRedlineEscape(f *testing.F) {
	for _, seed := range []string{`{+a+}|[-]|\`, `a[|-]b|{~x~}`, `C:\Users|\\|-]`, `[|-|]|{|+|}|~`} {
		f.Add(seed, []byte{0, 1, 2, 3})
	}
	f.Fuzz(func(t *testing.T, s string, kinds []byte) {
		for _, r := range s {
			if r <= ' ' || r >= 0x7f {
				t.Skip()
			}
		}
		var ins []ast.Inline
		for i, run := range strings.Split(s, "|") {
			if run == "" {
				continue
			}
			in := ast.Inline(tx(run))
			if i < len(kinds) && kinds[i]%4 > 0 {
				in = &ast.Change{Kind: []ast.ChangeKind{ast.Deleted, ast.Inserted, ast.Reformatted}[kinds[i]%4-1], Inlines: []ast.Inline{in}}
			}
			ins = append(ins, in)
		}
		if len(ins) == 0 {
			return
		}
		want := marked(ins)
		out := render(t, doc(para(ins...)), Options{Redline: true, Width: 1000})
		if got, ok := readMarks(strings.TrimSuffix(out, "\n")); !ok || got != want {
			t.Fatalf("%q reads as %q (ok %t), want %q", out, got, ok, want)
		}
	})
}
