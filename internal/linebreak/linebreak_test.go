package linebreak

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// marked returns the pieces joined, with "|" where a line may break.
func marked(pieces ...string) string {
	var b strings.Builder
	var s Scanner
	for i, p := range pieces {
		if i == 0 {
			s.Reset(p)
		} else {
			s.Continue(p)
		}
		for {
			c, _, brk, ok := s.Next()
			if !ok {
				break
			}
			if brk {
				b.WriteByte('|')
			}
			b.WriteString(c)
		}
	}
	return b.String()
}

func TestScanner(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []string
		want string
	}{
		{"ascii", []string{"plain text, nothing to break"}, "plain text, nothing to break"},
		{"japanese", []string{"日本語のテキスト"}, "日|本|語|の|テ|キ|ス|ト"},
		// Kinsoku: never before 、。）」 nor after （「.
		{"kinsoku comma and stop", []string{"当社は、情報を。"}, "当|社|は、|情|報|を。"},
		{"kinsoku brackets", []string{"「重要」（注）です"}, "「重|要」|（注）|で|す"},
		{"small kana and long vowel", []string{"ちょっとコーヒー"}, "ちょっ|と|コー|ヒー"},
		{"chinese fullwidth punctuation", []string{"我们，你们！"}, "我|们，|你|们！"},
		// Korean breaks at spaces only: never inside a word, Hanja
		// included, but after 。 and beside kana as UAX #14 allows.
		{"korean syllables", []string{"한국어 문장"}, "한국어 문장"},
		{"korean jamo", []string{"\u1100\u1161\u11a8\u1100\u1161 ㄱㄴ"}, "\u1100\u1161\u11a8\u1100\u1161 ㄱㄴ"},
		{"korean hanja", []string{"大韓民國은 나라"}, "大|韓|民|國은 나라"},
		{"korean and hanja first", []string{"한국大學"}, "한국大|學"},
		{"korean after full stop", []string{"합니다。다음"}, "합니다。|다음"},
		{"korean pieces", []string{"한국", "어"}, "한국어"},
		{"korean zero-width space", []string{"한국\u200b어"}, "한국\u200b|어"},
		// Thai, Lao, Khmer, Myanmar: at spaces and U+200B only.
		{"thai", []string{"สวัสดีครับ ขอบคุณ"}, "สวัสดีครับ ขอบคุณ"},
		{"thai zero-width space", []string{"สวัสดี\u200bครับ"}, "สวัสดี\u200b|ครับ"},
		{"khmer", []string{"សួស្តីពិភពលោក"}, "សួស្តីពិភពលោក"},
		{"lao and myanmar", []string{"ສະບາຍດີ မင်္ဂလာပါ"}, "ສະບາຍດີ မင်္ဂလာပါ"},
		{"latin beside cjk", []string{"abc日本def"}, "abc|日|本|def"},
		{"latin in cjk quotes", []string{"「abc」"}, "「abc」"},
		// Breaks UAX #14 allows inside Latin words are not used.
		{"hyphen", []string{"opt-out and e-mail"}, "opt-out and e-mail"},
		{"url", []string{"https://example.com/privacy-policy?lang=de&x=1#top"}, "https://example.com/privacy-policy?lang=de&x=1#top"},
		{"url beside cjk", []string{"詳細はhttps://example.com/a-bを参照"}, "詳|細|は|https://example.com/a-b|を|参|照"},
		{"no-break space", []string{"日\u00a0本 10\u00a0km"}, "日\u00a0本 10\u00a0km"},
		{"narrow no-break space", []string{"本\u202f日"}, "本\u202f日"},
		{"zero-width space", []string{"foo\u200bbar"}, "foo\u200b|bar"},
		{"arabic", []string{"مرحبا بالعالم، شكرا"}, "مرحبا بالعالم، شكرا"},
		{"hebrew", []string{"שלום-עולם"}, "שלום-עולם"},
		{"combining mark", []string{"日\u0301本"}, "日\u0301|本"},
		// Pieces (style changes) break as one text.
		{"pieces cjk", []string{"日本", "語"}, "日|本|語"},
		{"pieces opening bracket", []string{"「", "重要", "」です"}, "「重|要」|で|す"},
		{"pieces closing stop", []string{"重要", "。"}, "重|要。"},
		{"pieces latin", []string{"abc", "def"}, "abcdef"},
		{"pieces latin then cjk", []string{"abc", "日本"}, "abc|日|本"},
		{"pieces combining mark", []string{"日", "\u0301本"}, "日\u0301|本"},
		{"pieces empty", []string{"日", "", "本"}, "日|本"},
		{"empty", []string{""}, ""},
	} {
		if got := marked(tc.in...); got != tc.want {
			t.Errorf("%s: marked(%q)\n got %q\nwant %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestWidths(t *testing.T) {
	var s Scanner
	s.Reset("a日\u0301b")
	var got []int
	for {
		_, w, _, ok := s.Next()
		if !ok {
			break
		}
		got = append(got, w)
	}
	if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 1 {
		t.Errorf("widths %v, want [1 2 1]", got)
	}
}

func TestCutBetween(t *testing.T) {
	for _, c := range "/_.?&=#" {
		if !CutBetween(c, 'a') {
			t.Errorf("CutBetween(%q, 'a') = false", c)
		}
	}
	for _, c := range "a0:@ 、\u2010-" {
		if CutBetween(c, 'a') {
			t.Errorf("CutBetween(%q, 'a') = true", c)
		}
	}
	// Before a hyphen, never after one: a line ending in "-" reads as a
	// hyphenated word.
	for _, p := range []struct {
		before, after rune
		want          bool
	}{{'a', '-', true}, {'/', '-', true}, {'-', 'a', false}, {'-', '-', false}, {'-', '/', false}} {
		if got := CutBetween(p.before, p.after); got != p.want {
			t.Errorf("CutBetween(%q, %q) = %v", p.before, p.after, got)
		}
	}
}

func TestEndsInHyphen(t *testing.T) {
	for s, want := range map[string]bool{"pre-": true, "pre\u2010": true, "pre": false, "-x": false, "": false} {
		if got := EndsInHyphen(s); got != want {
			t.Errorf("EndsInHyphen(%q) = %v", s, got)
		}
	}
}

// TestLinear scans a long text of each kind; the pathological package
// times whole renders.
func TestLinear(t *testing.T) {
	for _, unit := range []string{"a", "日", "「", "e\u0301", "\u200b", "a日"} {
		text := strings.Repeat(unit, 1<<16)
		var s Scanner
		s.Reset(text)
		n := 0
		for {
			c, _, _, ok := s.Next()
			if !ok {
				break
			}
			n += len(c)
		}
		if n != len(text) {
			t.Errorf("%q: scanned %d bytes of %d", unit, n, len(text))
		}
	}
}

// reference marks the breaks of text with uniseg alone (and the Korean
// tailoring), no fast path.
func reference(text string) string {
	var b strings.Builder
	state, canBreak, lastW, last := -1, false, 0, ""
	for rest := text; rest != ""; {
		var cluster string
		var boundaries int
		cluster, rest, boundaries, state = uniseg.StepString(rest, state)
		w := boundaries >> uniseg.ShiftWidth
		if canBreak && (lastW >= 2 || w >= 2 || last == "\u200b") && last != " " && !korean(last, cluster) {
			b.WriteByte('|')
		}
		b.WriteString(cluster)
		canBreak = rest != "" && boundaries&uniseg.MaskLine != uniseg.LineDontBreak
		lastW, last = w, cluster
	}
	return b.String()
}

func TestFastPathKeepsContext(t *testing.T) {
	for _, text := range []string{"(12)％", "ab(12)％x", "12%日", "日(12)％", "$１２", "a-日", "א-c日", "「  日", "we(12)％ are 1 (2)％"} {
		if got, want := marked(text), reference(text); got != want {
			t.Errorf("%q: got %q, uniseg alone gives %q", text, got, want)
		}
	}
}

func FuzzScanner(f *testing.F) {
	for _, s := range []string{"日本語のテキスト", "「重要」（注）です", "abc日本def", "(12)％", "foo\u200bbar", "https://例え.jp/パス?q=1", "한국어 문장"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, text string, cut int) {
		if got, want := marked(text), reference(text); got != want {
			t.Errorf("%q: got %q, uniseg alone gives %q", text, got, want)
		}
		if PrintableASCII(text) {
			checkASCIIPieces(t, text)
		}
		// In two pieces, the clusters are the same text.
		if cut < 0 || cut > len(text) {
			return
		}
		var s Scanner
		s.Reset(text[:cut])
		var b strings.Builder
		for range 2 {
			for {
				c, w, _, ok := s.Next()
				if !ok {
					break
				}
				if w < 0 {
					t.Fatalf("width %d", w)
				}
				b.WriteString(c)
			}
			if b.Len() == cut {
				s.Continue(text[cut:])
			}
		}
		if b.String() != text {
			t.Errorf("pieces %q %q scanned as %q", text[:cut], text[cut:], b.String())
		}
	})
}

// classSamples holds a character of every UAX #14 line breaking class
// that uniseg knows (and a few of each where the East Asian width or the
// general category changes the rules), ASCII and not.
var classSamples = []string{
	"\v", "\r", "\n", "\t", " ", "-", "}", ")", "!", ",", "/", "(", "\"", "'", "#", "a", "0", "$", "%", "\x00",
	"\u0085", "\u2028", "\u200b", "\u2060", "\u00a0", "\u202f", "\u17d6", "\u3005", "\u2014", "\ufffc", "\u00b4",
	"\u05d0", "\u261d", "\U0001f3fb", "\u231a", "日", "\u1100", "\u1160", "\u11a8", "\uac00", "\uac01",
	"\U0001f1e6", "\u0301", "\u200d", "\u00a7", "\u0e01", "\u0e31", "\u3041", "\ue000", "\u2026",
	"\uff08", "\uff09", "\u3001", "\uff05", "\uffe5", "\u201c", "\u2019", "\U0001f600", "\U0001fc00", "\u0600",
}

// TestRestartAtLetter checks resume's shortcut: uniseg's state after a
// character where lastLetter lets resume start does not depend on what
// came before it. For every such ASCII character, every context of one
// character of any class before it (two for "a" and "Z"), and every
// character after it, stepping uniseg over the whole text gives the same
// break after the letter and the same line and grapheme state as
// stepping from the letter with no state. (The state is read with the
// layout of uniseg v0.4.7's step.go: grapheme state in bits 0-3, word
// state in 4-8, sentence state in 9-12, line state in 13-20, the next
// character's property above; only the word and sentence states, which
// this package never asks for, may differ.) marked then checks the
// Scanner against uniseg alone on texts with one character, "a", some
// ASCII and a character of any class.
func TestRestartAtLetter(t *testing.T) {
	const wordAndSentence = 0x1f<<4 | 0xf<<9
	var letters []string
	for c := range byte(0x80) {
		if lastLetter(string(c)) == 0 {
			letters = append(letters, string(c))
		}
	}
	for _, letter := range letters {
		contexts := []string{""}
		for _, a := range classSamples {
			contexts = append(contexts, a)
			if (letter == "a" || letter == "Z") && !testing.Short() {
				for _, b := range classSamples {
					contexts = append(contexts, a+b)
				}
			}
		}
		for _, ctx := range contexts {
			for _, next := range classSamples {
				state := -1
				rest := ctx + letter + next
				for len(rest) > len(next)+1 {
					_, rest, _, state = uniseg.StepString(rest, state)
				}
				if len(rest) != len(next)+1 {
					// The letter continues the context's cluster (after a
					// prepended mark): never so after the fast path.
					continue
				}
				_, _, gotB, got := uniseg.StepString(rest, state)
				_, _, wantB, want := uniseg.StepString(rest, -1)
				if gotB != wantB || got&^wordAndSentence != want&^wordAndSentence {
					t.Fatalf("%q then %q: boundaries %#x, state %#x after the letter; from the letter alone %#x, %#x", ctx, letter+next, gotB, got, wantB, want)
				}
			}
			if letter != "a" || utf8.RuneCountInString(ctx) > 1 {
				continue // the Scanner on contexts of one character
			}
			for _, mid := range []string{"", "b", " ", "1)", "( "} {
				for _, tail := range classSamples {
					text := ctx + letter + mid + tail
					if got, want := marked(text), reference(text); got != want {
						t.Fatalf("%q: got %q, uniseg alone gives %q", text, got, want)
					}
				}
			}
		}
	}
}

// checkASCIIPieces checks what PrintableASCII promises of the printable
// ASCII text: the Scanner's pieces are its runs of non-spaces and its
// spaces one by one, as wide as they are long, with no break before any.
func checkASCIIPieces(t *testing.T, text string) {
	t.Helper()
	var want []string
	for _, f := range strings.SplitAfter(text, " ") {
		if run := strings.TrimSuffix(f, " "); run != "" {
			want = append(want, run)
		}
		if strings.HasSuffix(f, " ") {
			want = append(want, " ")
		}
	}
	var got []string
	var s Scanner
	s.Reset(text)
	for {
		piece, w, brk, ok := s.Next()
		if !ok {
			break
		}
		if brk || w != len(piece) {
			t.Errorf("%q: piece %q of width %d, break before: %v", text, piece, w, brk)
		}
		got = append(got, piece)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%q: pieces %q, want %q", text, got, want)
	}
}

// TestPrintableASCII checks PrintableASCII on texts of every printable
// ASCII character (FuzzScanner checks the others it accepts).
func TestPrintableASCII(t *testing.T) {
	var all strings.Builder
	for c := byte(' '); c <= '~'; c++ {
		all.WriteByte(c)
	}
	for _, text := range []string{"", " ", "a", "  two  spaces ", "opt-out (12)% e-mail https://example.com/a?b=c#d", all.String(), all.String() + " " + all.String()} {
		if !PrintableASCII(text) {
			t.Fatalf("PrintableASCII(%q) = false", text)
		}
		checkASCIIPieces(t, text)
	}
	for _, text := range []string{"\x00", "\t", "\n", "\x7f", "é", "a\x80", "日本"} {
		if PrintableASCII(text) {
			t.Errorf("PrintableASCII(%q) = true", text)
		}
	}
}

func TestSpaceJoins(t *testing.T) {
	for _, tc := range []struct {
		before, after string
		want          bool
	}{
		// French puts a space before : ; ! ? and inside « »: the
		// punctuation stays with its word (UAX #14 LB13, LB15a, LB15b).
		{"Contact", ":", true},
		{"données", ":", true},
		{"téléphone", ";", true},
		{"pourquoi", "?", true},
		{"l’exige", "!", true},
		{"«", "droit", true},
		{"oubli", "»", true},
		{"oubli", "».", true},
		{"(", "voir", true},
		{"voir", ")", true},
		{"and", "/", true},
		{"Договор", "»,", true},
		{"Пример", "?", true},
		// Elsewhere a space is a break.
		{"plain", "text", false},
		{"10", "%", false},
		{"§", "5", false},
		{"Art.", "6", false},
		{"word", "—", false},
		{"—", "word", false},
		{"x«", "y", false},     // « inside a word opens no quotation
		{"the", "’90s", false}, // an apostrophe, not a closing quotation mark
		{"rock", "’n’", false},
		{"ключ", "«значение»", false},
		{"", ":", false},
		{"a", "", false},
	} {
		if got := SpaceJoins(tc.before, tc.after); got != tc.want {
			t.Errorf("SpaceJoins(%q, %q) = %v, want %v", tc.before, tc.after, got, tc.want)
		}
	}
}

// TestSpaceJoinsLikeUniseg checks SpaceJoins against uniseg (UAX #14 of
// Unicode 15.0): after a letter, every character; before a letter, every
// character; and every pair of punctuation characters and some others.
// Unicode 15.1's LB15a and LB15b (after an initial quotation mark, before
// a final one) are SpaceJoins' own, and left out; so are the characters
// a backend never gives it, the space equivalents and the format
// characters it drops or breaks at (NEL, ZWSP, LS, PS, WJ, BOM).
func TestSpaceJoinsLikeUniseg(t *testing.T) {
	unisegJoins := func(a, b rune) bool {
		var buf []byte
		buf = utf8.AppendRune(buf, a)
		buf = append(buf, ' ')
		buf = utf8.AppendRune(buf, b)
		_, rest, _, state := uniseg.Step(buf, -1)
		_, _, boundaries, _ := uniseg.Step(rest, state)
		return boundaries&uniseg.MaskLine == uniseg.LineDontBreak
	}
	given := func(r rune) bool {
		return r > ' ' && utf8.ValidRune(r) && !strings.ContainsRune("\u0085\u200b\u2028\u2029\u2060\ufeff", r) &&
			!unicode.Is(unicode.Cc, r) && !unicode.Is(unicode.Cs, r) && !unicode.IsSpace(r)
	}
	check := func(a, b rune) {
		if want, got := unisegJoins(a, b), SpaceJoins(string(a), string(b)); got != want {
			t.Errorf("SpaceJoins(%q, %q) = %v, uniseg says %v", a, b, got, want)
		}
	}
	var some []rune // punctuation, the characters of the tables, some others
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !given(r) {
			continue
		}
		if !unicode.Is(unicode.Pf, r) {
			check('a', r)
		}
		if !unicode.Is(unicode.Pi, r) {
			check(r, 'a')
		}
		if unicode.IsPunct(r) && r < 0x10000 || unicode.In(r, noBreakBefore, opening, closing, quotation, nonStarter, emDash) {
			some = append(some, r)
		}
	}
	some = append(some, []rune("aж日0€%§")...)
	for _, a := range some {
		for _, b := range some {
			if !unicode.Is(unicode.Pi, a) && !unicode.Is(unicode.Pf, b) {
				check(a, b)
			}
		}
	}
}
