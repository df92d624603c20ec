package linebreak

import (
	"strings"
	"testing"

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

func TestCutAfter(t *testing.T) {
	for _, c := range "/-_.?&=#" {
		if !CutAfter(c) {
			t.Errorf("CutAfter(%q) = false", c)
		}
	}
	for _, c := range "a0:@ 、\u2010" {
		if CutAfter(c) {
			t.Errorf("CutAfter(%q) = true", c)
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
