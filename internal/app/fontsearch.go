package app

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policyexport/policyexport"
	"github.com/policyexport/policyexport/internal/pdf"
	"github.com/policyexport/policyexport/internal/pdf/ttf"
)

// maxFontsRead bounds the font files read to find one that has a
// character: those whose name names its script first. A desktop's font
// directories hold a few hundred files, some of 20 MiB; the search runs
// only when a document failed for want of a font.
const maxFontsRead = 24

// usualFontDirs are the directories fonts are installed in, on Linux,
// the BSDs, macOS and Windows, the user's own among them.
func usualFontDirs(env Env) []string {
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts"}
	if home := env.getenv("HOME"); home != "" {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"), filepath.Join(home, "Library", "Fonts"))
	}
	if win := env.getenv("WINDIR"); win != "" {
		dirs = append(dirs, filepath.Join(win, "Fonts"))
	}
	return dirs
}

// fontHints says, for a character that no font has, which font to
// give: one found on this system, else a package that installs one. It
// remembers each character's answer, since a batch's documents fail on
// the same one.
type fontHints struct {
	dirs []string
	seen map[rune]string
}

func newFontHints(env Env) *fontHints {
	dirs := env.FontDirs
	if dirs == nil {
		dirs = usualFontDirs(env)
	}
	return &fontHints{dirs: dirs, seen: map[rune]string{}}
}

// explain returns err with a line that names a font for the character
// it is about, when it is a *GlyphError for a character that a font can
// have (not U+FFFD, which the PDF refuses whatever the font); else err.
func (h *fontHints) explain(err error) error {
	r, ok := missingRune(err)
	if !ok {
		return err
	}
	hint, ok := h.seen[r]
	if !ok {
		hint = h.hint(r)
		h.seen[r] = hint
	}
	return fmt.Errorf("%w\n%s", err, hint)
}

// missingRune returns the character of a *GlyphError in err.
func missingRune(err error) (rune, bool) {
	var g *policyexport.GlyphError
	var pg *pdf.GlyphError
	r := utf8.RuneError
	switch {
	case errors.As(err, &g):
		r = g.Rune
	case errors.As(err, &pg):
		r = pg.Rune
	}
	return r, r != utf8.RuneError
}

// hint is the line for r: "a font on this system has U+9690 (隐):
// --font /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", or the package
// that gives one.
func (h *fontHints) hint(r rune) string {
	if spec := findFont(h.dirs, r); spec != "" {
		return fmt.Sprintf("a font on this system has %U: --font %s", r, shellQuote(spec))
	}
	script := scriptOf(r)
	switch script {
	case "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo":
		return fmt.Sprintf("no font in the usual font directories has %U: install a TrueType CJK font, such as WenQuanYi Zen Hei (Debian, Ubuntu: apt install fonts-wqy-zenhei; Homebrew: brew install --cask font-wenquanyi-zen-hei), and give it with --font (/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc); Noto Sans CJK has CFF outlines, which the PDF cannot embed", r)
	case "", "Common", "Inherited":
		return fmt.Sprintf("no font in the usual font directories has %U: install a TrueType font that has it, such as Symbola (Debian, Ubuntu: apt install fonts-symbola), and give it with --font", r)
	}
	return fmt.Sprintf("no font in the usual font directories has %U (%s script): install a TrueType font for it, such as Noto Sans %s (Debian, Ubuntu: apt install fonts-noto-core fonts-noto-extra), and give it with --font", r, script, script)
}

// scriptOf returns the name of r's Unicode script, "" for none.
func scriptOf(r rune) string {
	for name, table := range unicode.Scripts {
		if unicode.Is(table, r) {
			return name
		}
	}
	return ""
}

// scriptWords are words that the file names of fonts for a script hold,
// beyond the script's own name.
var scriptWords = map[string][]string{
	"Han":      {"cjk", "wqy", "droid", "uming", "ukai", "arphic", "ipa", "takao", "unifont", "hei", "song", "ming", "kai", "msyh", "simsun", "simhei", "pingfang"},
	"Hiragana": {"cjk", "wqy", "droid", "ipa", "takao", "vlgothic", "unifont", "gothic", "mincho", "meiryo", "msgothic", "yugoth"},
	"Katakana": {"cjk", "wqy", "droid", "ipa", "takao", "vlgothic", "unifont", "gothic", "mincho", "meiryo", "msgothic", "yugoth"},
	"Hangul":   {"cjk", "wqy", "droid", "nanum", "unfonts", "baekmuk", "unifont", "malgun", "gulim", "batang"},
	"Bopomofo": {"cjk", "wqy", "droid", "uming", "ukai", "unifont"},
	"Common":   {"symbol", "math", "unifont", "freeserif", "freesans"},
}

// findFont returns the first font under dirs, as a --font value (FILE,
// or FILE#N for face N of a collection), with a TrueType face that has
// r: one the PDF can embed. The files whose name holds a word of r's
// script are read first, at most maxFontsRead files in all; "" when
// none is found.
func findFont(dirs []string, r rune) string {
	script := scriptOf(r)
	words := append([]string{strings.ToLower(script)}, scriptWords[script]...)
	if script == "" {
		words = scriptWords["Common"]
	}
	var named, others []string
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil // a directory that is not there, or unreadable
			}
			ext := strings.ToLower(filepath.Ext(path))
			if ext != ".ttf" && ext != ".ttc" {
				return nil // .otf and .otc are CFF, which the PDF cannot embed
			}
			if nameHolds(strings.ToLower(filepath.Base(path)), words) {
				named = append(named, path)
			} else {
				others = append(others, path)
			}
			return nil
		})
	}
	// Of a family, the regular face first: what a body text is set in.
	slices.SortStableFunc(named, func(a, b string) int { return styled(a) - styled(b) })
	for i, path := range slices.Concat(named, others) {
		if i == maxFontsRead {
			break
		}
		if face, ok := faceWith(path, r); ok {
			if face > 0 {
				return fmt.Sprintf("%s#%d", path, face)
			}
			return path
		}
	}
	return ""
}

// styled is 1 for the file name of a font of a style other than
// regular (bold, italic, …), else 0.
func styled(path string) int {
	name := strings.ToLower(filepath.Base(path))
	for _, w := range []string{"bold", "italic", "oblique", "light", "thin", "black", "medium", "condensed", "mono"} {
		if strings.Contains(name, w) {
			return 1
		}
	}
	return 0
}

// nameHolds reports whether the file name name (lower case) holds one
// of words: "wqy-zenhei.ttc" holds "wqy". It only orders the files to
// read: whether a font has the character is read from its cmap.
func nameHolds(name string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(name, w) })
}

// faceWith returns the first face of the font file at path that the
// PDF can embed and that has r.
func faceWith(path string, r rune) (int, bool) {
	data, err := os.ReadFile(path)
	if err != nil || len(data) < 12 || len(data) > maxFontBytes {
		return 0, false
	}
	faces := 1
	if string(data[:4]) == "ttcf" {
		faces = int(min(binary.BigEndian.Uint32(data[8:12]), 64))
	}
	for i := range faces {
		face, err := ttf.Face(data, i)
		if err != nil {
			continue
		}
		if m, err := ttf.Parse(face); err == nil && m.Has(r) {
			return i, true
		}
	}
	return 0, false
}
