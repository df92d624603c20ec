package redline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind is what a token of text is: whitespace, a word, or a mark
// (punctuation or a symbol), which is no word.
type tokenKind uint8

const (
	tokSpace tokenKind = iota
	tokWord
	tokMark
)

// The tokens of a text are what the redline marks as changed, and what
// the comparison aligns (see units): words, punctuation and whitespace
// apart, so that "our employees." changed to "our employees and
// contractors." is " and contractors" inserted, as a compare tool and
// git diff --word-diff-regex show it, not "employees." replaced. A token
// is
//   - a run of whitespace;
//   - a word: letters, digits, combining marks and "_", with an
//     apostrophe (' ’ ׳ ״) or a middle dot between two of them ("don't",
//     "l'utilisateur", "l·l"), a full stop between two ("e.g", "v1.5",
//     "acme.example"), and a comma, colon, slash, hyphen or en dash
//     between two digits ("1,000", "10:30", "2026-06-01", "10–12");
//   - a web address (a scheme and "://", "www.", "mailto:") or an e-mail
//     address, whole, without the punctuation that ends a sentence after
//     it: its parts read as one name, and a changed address is the
//     address replaced;
//   - a character of a script written without spaces (Chinese, Japanese
//     kana, Thai, Lao, Khmer, Myanmar), with its combining marks: such
//     text has no other word boundary the comparison could know, and
//     taken between spaces one changed character replaced a whole
//     sentence;
//   - any other character, with the combining marks and joiners that
//     follow it: punctuation and symbols, which are not words.
//
// Whether a character joins a token depends only on its neighbours, so
// that any run of whole tokens, taken alone, has the same tokens: the
// changes' text counts the same words as the document does (Words).

// nextToken returns where the token of s that starts at i ends, and its
// kind.
func nextToken(s string, i int) (int, tokenKind) {
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case isSpace(r):
		j := i + n
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isSpace(r) {
				break
			}
			j += n
		}
		return j, tokSpace
	case unspaced(r):
		return attached(s, i+n), tokWord
	case wordRune(r):
		if e := addressEnd(s, i); e > 0 {
			return e, tokWord
		}
		return wordEnd(s, i), tokWord
	}
	return attached(s, i+n), tokMark
}

// isSpace is unicode.IsSpace, quicker for ASCII.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

// wordRune reports whether r is a character of words: a letter, a
// digit, a combining mark or a connector ("_"), and not one of a script
// written without spaces (unspaced).
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || unicode.Is(unicode.Pc, r)) && !unspaced(r)
}

// isDigit reports whether r is a decimal digit of any script.
func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// unspaced reports whether r is a letter of a script written without
// spaces between words, which is compared a character at a time.
func unspaced(r rune) bool {
	if r < 0x0E00 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) &&
		!unicode.IsPunct(r) && !unicode.IsMark(r) || r == 'ー'
}

// joins reports whether a character that is no word character is
// inside a word between prev and next, the characters around it.
func joins(prev, r, next rune) bool {
	switch r {
	case '\'', '’', '׳', '״', '·', '.':
		return wordRune(prev) && wordRune(next)
	case ',', ':', '/', '-', '–':
		return isDigit(prev) && isDigit(next)
	}
	return false
}

// attached returns where the combining marks and invisible joiners
// after s[:i] end (a variation selector, a zero-width joiner and the
// character it joins).
func attached(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\u200d':
			i += n
			if i < len(s) {
				_, n = utf8.DecodeRuneInString(s[i:])
				i += n
			}
		case r >= utf8.RuneSelf && (unicode.IsMark(r) || unicode.Is(unicode.Cf, r)):
			i += n
		default:
			return i
		}
	}
	return i
}

// wordEnd returns where the word that starts at s[i] ends.
func wordEnd(s string, i int) int {
	prev := rune(-1)
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case wordRune(r):
		case r >= utf8.RuneSelf && unicode.Is(unicode.Cf, r) && prev >= 0:
			// a soft hyphen, a zero-width (non-)joiner inside a word
			i += n
			continue
		default:
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			if !joins(prev, r, next) {
				return i
			}
		}
		prev = r
		i += n
	}
	return i
}

// addressEnd returns where the web or e-mail address that starts at s[i]
// ends, or 0 when none starts there.
func addressEnd(s string, i int) int {
	rest := s[i:]
	if j := schemeEnd(rest); j > 0 {
		// An address is more than its scheme, so that it is one when
		// taken alone too ("https://" alone is no address).
		if e := trimAddress(s, i, i+j); e > i+j {
			return e
		}
		return 0
	}
	// An e-mail address: a local part of word characters and . + - % _,
	// "@", and a domain of words with at least one full stop.
	j := 0
	for j < len(rest) {
		r, n := utf8.DecodeRuneInString(rest[j:])
		if !wordRune(r) && !strings.ContainsRune(".+-%", r) {
			break
		}
		j += n
	}
	if j == 0 || j >= len(rest) || rest[j] != '@' {
		return 0
	}
	k, dot := j+1, false
	for k < len(rest) {
		r, n := utf8.DecodeRuneInString(rest[k:])
		if r == '.' || r == '-' {
			dot = dot || r == '.'
		} else if !wordRune(r) {
			break
		}
		k += n
	}
	for k > j+1 && (rest[k-1] == '.' || rest[k-1] == '-') {
		k--
	}
	if !dot || !strings.Contains(rest[j+1:k], ".") || k == j+1 {
		return 0
	}
	return i + k
}

// schemeEnd returns where the part of a web address that makes it one
// ends in s ("https://", "mailto:", "www."), or 0 when s starts with
// none.
func schemeEnd(s string) int {
	if len(s) >= 4 && strings.EqualFold(s[:4], "www.") && len(s) > 4 && wordRune(rune(s[4])) {
		return 4
	}
	j := 0
	for j < len(s) && j < 32 {
		c := s[j]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || j > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
			j++
			continue
		}
		break
	}
	if j == 0 || j >= len(s) || s[j] != ':' {
		return 0
	}
	if strings.HasPrefix(s[j:], "://") && j+3 < len(s) && !isSpace(rune(s[j+3])) {
		return j + 3
	}
	if strings.EqualFold(s[:j], "mailto") && j+1 < len(s) && wordRune(rune(s[j+1])) {
		return j + 1
	}
	return 0
}

// trimAddress returns where the web address that starts at s[i] and
// runs at least to s[j] ends: at whitespace, angle brackets, quotes or
// the punctuation of a script without spaces, less the punctuation that
// ends a sentence or a bracket it is in ("(see https://a.example/x).").
func trimAddress(s string, i, j int) int {
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isSpace(r) || strings.ContainsRune("<>\"`“”‘’«»", r) || r >= utf8.RuneSelf && (unicode.IsPunct(r) || unspaced(r)) {
			break
		}
		j += n
	}
	for j > i {
		c := s[j-1]
		switch c {
		case '.', ',', ';', ':', '!', '?', '\'', '*', '_':
			j--
			continue
		case ')', ']', '}':
			open := "([{"[strings.IndexByte(")]}", c)]
			if strings.Count(s[i:j], string(open)) < strings.Count(s[i:j], string(c)) {
				j--
				continue
			}
		}
		break
	}
	return j
}

// textWords appends the words of s (see nextToken) to out.
func textWords(s string, out []string) []string {
	for i := 0; i < len(s); {
		e, k := nextToken(s, i)
		if k == tokWord {
			out = append(out, s[i:e])
		}
		i = e
	}
	return out
}

// countTextWords is len(textWords(s, nil)).
func countTextWords(s string) int {
	n := 0
	for i := 0; i < len(s); {
		e, k := nextToken(s, i)
		if k == tokWord {
			n++
		}
		i = e
	}
	return n
}
