// Package l10n owns the fixed text that outputs write in the document's
// language: the label table (the PDF footer's "Page N of M", the table
// of contents' title, the "Links" heading of the plain text and the PDF,
// the plain text's "Notes" heading, the HTML's navigation and footnote
// labels), which of its languages a document's language tag gets, the
// quotation marks that the typographer's straight quotes become in that
// language (Lang.Quote, CLDR's delimiters), and dates written as that
// language writes them (CLDR data through github.com/go-playground/locales).
//
// It is the one definition of each label: a backend asks for a Key and
// never spells a label of its own. It never reads the environment or the
// clock, and holds no state that changes: the table is read only.
package l10n

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/policyexport/policyexport/internal/values"
)

// Key names one fixed text of the outputs. A label may hold {fields}
// (Expand fills them). Keys number the labels of a language's table,
// an array that the program's data holds as it is: nothing is built at
// start-up for the languages a document does not use.
type Key int

// The labels. A language of the table that lacks a key gets the English
// label (TestTableComplete checks that the built-in languages have them
// all).
const (
	// PageOf is the PDF footer's page number, with {page} and {pages}.
	PageOf Key = iota
	// Contents is the title of the PDF's table of contents.
	Contents
	// TableOfContents is the label of the HTML table of contents.
	TableOfContents
	// Footnotes is the label of the HTML footnote section.
	Footnotes
	// BackToReference is the label of a footnote's back link (the HTML's
	// link, the PDF's link text), with {ref}, the footnote's number.
	BackToReference
	// Notes is the plain-text heading over the footnotes.
	Notes
	// Links is the heading over the numbered link URLs, in the plain
	// text and in the PDF.
	Links
	// Deleted is the plain-text word before struck-out text:
	// "[deleted: old clause]".
	Deleted
	// Image is the plain-text word for a picture: "[Image: its
	// description]", or "[Image]" without one.
	Image
	// FootnoteRef is what a footnote reference is to a screen reader
	// (the PDF's link text), with {ref}, the footnote's number.
	FootnoteRef
	// Document is the HTML page title of a document with no title.
	Document

	// The labels of redlines (package redline and the diff command).

	// SummaryOfChanges is the heading of a redline's summary of changes.
	SummaryOfChanges

	// NoChanges is a redline summary's count when nothing changed.
	NoChanges

	// InsertionOne and the other …One and …Many keys count the changes of one kind in a
	// redline's summary: one change, and {n} changes (languages whose nouns
	// take more plural forms write "label: {n}").
	InsertionOne

	// InsertionMany counts {n} insertions.
	InsertionMany

	// DeletionOne counts one deletion.
	DeletionOne

	// DeletionMany counts {n} deletions.
	DeletionMany

	// ReplacementOne counts one replacement.
	ReplacementOne

	// ReplacementMany counts {n} replacements.
	ReplacementMany

	// FormatChangeOne counts one formatting change.
	FormatChangeOne

	// FormatChangeMany counts {n} formatting changes.
	FormatChangeMany

	// MoveOne counts one move.
	MoveOne

	// MoveMany counts {n} moves.
	MoveMany

	// ListSep separates the items of a list in a sentence (", ").
	ListSep

	// ListAnd separates the last two items of a list in a sentence (" and ").
	ListAnd

	// FullStop ends a sentence made of labels, a redline summary's counts:
	// "." ("。" in Japanese and Chinese, "।" in Hindi).
	FullStop

	// Preamble names the text before a document's first heading in a redline's
	// summary and notice.
	Preamble

	// MetadataChanged is a redline summary's sentence on the metadata that
	// changed, with {list}.
	MetadataChanged

	// ChangeRef and ChangeRefs introduce the links to one change and to several in
	// a redline's summary: "(change 3)", "(changes 3, 4)".
	ChangeRef

	// ChangeRefs introduces the links to several changes.
	ChangeRefs

	// NoticeUpdated is the first sentence of the email notice, with {title}.
	NoticeUpdated

	// NoticeUpdatedUntitled is NoticeUpdated for a document with no title.
	NoticeUpdatedUntitled

	// NoticeEffective says from when the new version applies, with {date}.
	NoticeEffective

	// NoticeSections introduces the notice's list of changed sections.
	NoticeSections

	// NoticeNoChange is the whole notice when nothing changed, with
	// {title}.
	NoticeNoChange

	// NoticeNoChangeUntitled is NoticeNoChange for a document with no
	// title.
	NoticeNoChangeUntitled

	// NoticeUnchanged is the notice's sentence when the text did not
	// change but the metadata did.
	NoticeUnchanged

	// Inserted is the word screen readers say before inserted text in a
	// redline (Deleted before deleted text).
	Inserted

	// Reformatted is the words screen readers say before reformatted text.
	Reformatted

	// OldVersion labels the old version's column of a side-by-side redline.
	OldVersion

	// NewVersion labels the new version's column of a side-by-side redline.
	NewVersion

	// MovedTo marks the place a moved block went from in a redline, with
	// the {section} it went to.
	MovedTo

	// MovedFrom marks the place a moved block went to in a redline, with
	// the {section} it came from.
	MovedFrom

	// Table names the HTML's scrolling box around a table, which a
	// keyboard user tabs to to scroll it.
	Table

	// Code names the HTML's scrolling box around a code block, as Table
	// names a table's.
	Code

	// RedlineTitle is the title of a redline, the comparison of two
	// versions of the document titled {title}: its HTML <title> and its
	// PDF's /Title and dc:title (WCAG 2.4.2), which would otherwise be
	// the document's own.
	RedlineTitle

	// keyCount is the number of keys, the length of a language's table.
	keyCount
)

// Lang is one of the table's languages, chosen for a document by Match.
// The zero Lang is English.
type Lang struct {
	// code is the table's language ("de"); "" is English.
	code string
	// tag is the document's own tag (de-CH), for the date's region.
	tag language.Tag
}

// Default is the language of a document that names none: English.
const Default = "en"

// codes are the table's languages, English first (the matcher's
// fallback), in the order of Languages, each in its canonical form (a
// tag's String), which Match's fast path compares with. Norwegian is nb
// (Bokmål), which the matcher gives no and nn (Nynorsk) too: a Nynorsk
// reader reads Bokmål labels, as CLDR's matching has it, where before nb
// the three got Danish ones. Chinese is zh, Simplified (zh-Hans, zh-CN,
// zh-SG), and zh-Hant, Traditional, which the matcher gives zh-TW,
// zh-HK and zh-MO.
var codes = []string{"en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "ja", "zh", "ko", "ar", "he", "hi",
	"ru", "uk", "cs", "tr", "el", "fi", "hu", "ro", "nb", "fa", "zh-Hant"}

// matcher matches a tag to codes; read only. It is made when a tag that
// is not one of codes is first matched: a document in a built-in
// language or none (render's default is en) does not pay its 0.36 M
// instructions and 489 allocations.
var matcher = sync.OnceValue(func() language.Matcher {
	tags := make([]language.Tag, len(codes))
	for i, c := range codes {
		tags[i] = language.MustParse(c)
	}
	return language.NewMatcher(tags)
})

// Tag returns s, a BCP 47 language tag, in its canonical form, the one
// form every output writes: "de-ch" and "DE-CH" are "de-CH", "zh-hant"
// is "zh-Hant". Spaces around s are ignored; the error says that s is
// not a tag.
func Tag(s string) (string, error) {
	tag, err := language.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", err
	}
	return tag.String(), nil
}

// Languages returns the codes of the built-in languages, English first.
func Languages() []string { return append([]string(nil), codes...) }

// Match returns the table's language for a document: the first of tags
// that is not empty (the front matter's lang, then --lang), matched to
// the closest built-in language as CLDR's language matching sees it
// (de-CH → de, zh-TW → zh-Hant, zh-CN → zh, no and nn → nb, be → ru), and
// English for an empty, invalid or unmatched tag (sk, xx).
func Match(tags ...string) Lang {
	for _, s := range tags {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		tag, err := language.Parse(s)
		if err != nil {
			return Lang{}
		}
		if i := slices.Index(codes, tag.String()); i >= 0 {
			// A built-in language itself, which the matcher matches
			// exactly to itself: no matcher is made (TestMatchBuiltIn).
			return Lang{code: codes[i], tag: tag}
		}
		_, i, conf := matcher().Match(tag)
		if conf == language.No {
			return Lang{tag: tag}
		}
		return Lang{code: codes[i], tag: tag}
	}
	return Lang{}
}

// Code returns the table's language, such as "de", "zh-Hant" or "en".
func (l Lang) Code() string {
	if l.code == "" {
		return Default
	}
	return l.code
}

// RTL reports whether the document's language is written right to left:
// whether its script, the tag's own (az-Arab) or the one its language is
// most likely written in (he → Hebr; ar, fa, ur → Arab; he-Latn is
// Latin), is one of rtlScripts. It is the one rule for a document's
// direction: the HTML page's dir="rtl", and in the PDF every
// paragraph's base direction and the footer's sides, follow it. It looks
// at the document's tag, not at the table's language it matched (ur
// writes right to left whatever its labels are).
func (l Lang) RTL() bool {
	script, _ := l.tag.Script()
	return rtlScripts[script.String()]
}

// rtlScripts are the ISO 15924 codes of scripts written right to left.
var rtlScripts = map[string]bool{
	"Adlm": true, "Arab": true, "Hebr": true, "Mand": true, "Nkoo": true,
	"Rohg": true, "Samr": true, "Syrc": true, "Thaa": true,
}

// Label returns the label for k in l, English when l has none.
func (l Lang) Label(k Key) string {
	if t := table[l.Code()]; t != nil && t[k] != "" {
		return t[k]
	}
	return table[Default][k]
}

// TitleLabel is Label for a label that quotes the document's {title}
// (NoticeUpdated, NoticeNoChange), with the quotation marks around it
// those that Quote gives for l: the marks the document's own text has.
// The table writes one pair a language, so a Hebrew notice said
// „Cookie policy” where the Hebrew document writes ”…”, a Swiss German
// one „…“ for «…», and a French one « … » with spaces a line could
// break at, where the text has narrow no-break spaces. A title in the
// title marks of Chinese (《…》), which are no quotation marks, or in
// none, is left as the table writes it.
func (l Lang) TitleLabel(k Key) string {
	label := l.Label(k)
	at := strings.Index(label, "{title}")
	if at < 0 {
		return label
	}
	before := strings.TrimRight(label[:at], " \u00a0\u202f")
	after := strings.TrimLeft(label[at+len("{title}"):], " \u00a0\u202f")
	open, n := utf8.DecodeLastRuneInString(before)
	closing, m := utf8.DecodeRuneInString(after)
	if !strings.ContainsRune("“„«‘‚”»「", open) || !strings.ContainsRune("”“»’‘«」", closing) {
		return label
	}
	return before[:len(before)-n] + l.Quote(OpenQuote) + "{title}" + l.Quote(CloseQuote) + after[m:]
}

// Sentences joins sentences into one paragraph: with a space after each,
// as Latin, Cyrillic, Greek, Arabic and Hebrew text is written, but
// none after a sentence that ends in a full-width stop ("。", "！",
// "？"), as Chinese and Japanese are written ("…更新了《政策》。新版本…"),
// where a space showed as a gap.
func Sentences(s ...string) string {
	var b strings.Builder
	for i, x := range s {
		if i > 0 && !strings.HasSuffix(s[i-1], "。") && !strings.HasSuffix(s[i-1], "！") && !strings.HasSuffix(s[i-1], "？") {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}

// RedlineTitle returns the title of a redline of the document titled
// title in l: "Comparison of versions: Privacy policy" (RedlineTitle).
func (l Lang) RedlineTitle(title string) string {
	return Expand(l.Label(RedlineTitle), func(f string) (string, bool) {
		return title, f == "title"
	})
}

// Numbered returns the label for k in l with its {ref} field the number
// n: FootnoteRef's "Fußnote 1", BackToReference's "Zurück zum Verweis 1".
func (l Lang) Numbered(k Key, n int) string {
	return Expand(l.Label(k), func(f string) (string, bool) {
		return strconv.Itoa(n), f == "ref"
	})
}

// Expand returns tmpl with each {field} replaced by what lookup returns
// for it, in one pass: a replacement is never scanned again, so a title
// holding "{page}" stays that text. A field lookup does not know, and a
// brace that starts no field, stay as written.
func Expand(tmpl string, lookup func(field string) (string, bool)) string {
	var b strings.Builder
	for _, p := range Fields(tmpl) {
		if p.Field == "" {
			b.WriteString(p.Text)
			continue
		}
		if v, ok := lookup(p.Field); ok {
			b.WriteString(v)
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// Part is one piece of a label or footer template: literal Text, or a
// Field (Text is then "{field}" as written).
type Part struct {
	Text  string
	Field string
}

// Fields splits tmpl into literal text and {fields}, a field being a
// placeholder name (values.IsName) between braces.
func Fields(tmpl string) []Part {
	var out []Part
	last := 0
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(tmpl) && values.IsNameByte(tmpl[j], j == i+1) {
			j++
		}
		if j == i+1 || j >= len(tmpl) || tmpl[j] != '}' {
			continue
		}
		if last < i {
			out = append(out, Part{Text: tmpl[last:i]})
		}
		out = append(out, Part{Text: tmpl[i : j+1], Field: tmpl[i+1 : j]})
		last = j + 1
		i = j
	}
	if last < len(tmpl) {
		out = append(out, Part{Text: tmpl[last:]})
	}
	return out
}

// UnknownFooterField is the one message for a field of a PDF footer
// template that is neither {title}, {page}, {pages} nor a value's name:
// "unknown field {x}" with where appended (" in document "a"", or ""),
// "; did you mean {y}?" for a suggestion y (FooterFieldHint), and the
// fields there are.
func UnknownFooterField(field, where, suggestion string) string {
	return "unknown field {" + field + "}" + where + FooterFieldHint(suggestion) + " (the fields are {title}, {page}, {pages} and the names of values)"
}

// FooterFieldHint is "; did you mean {x}?" for a suggested field x,
// else "".
func FooterFieldHint(suggestion string) string {
	if suggestion == "" {
		return ""
	}
	return "; did you mean {" + suggestion + "}?"
}

// FooterValueFields returns the fields of a PDF footer template
// (--footer) that name values: every field but {title}, {page} and
// {pages}, in order, each once.
func FooterValueFields(tmpl string) []string {
	var out []string
	for _, p := range Fields(tmpl) {
		switch p.Field {
		case "", "title", "page", "pages":
			continue
		}
		if !slices.Contains(out, p.Field) {
			out = append(out, p.Field)
		}
	}
	return out
}

// countryCode is what a country code written as a language code
// means: the country, its language's name and built-in code, and, when
// the code is also a language's (se is Northern Sami), that language.
type countryCode struct {
	country, name, lang, is string
}

// countryCodes are the country codes most often written where a
// language code belongs (lang: se for a Swedish document, dk, jp, il),
// each for a country whose language has a built-in table; read only.
// Most are no language code, and the tag is refused; se, kr and br are
// one (Northern Sami, Kanuri, Breton), and a document tagged so was
// written with English (or, for br, French) labels and dates, and its
// HTML and PDF said it was in that language, without a word.
var countryCodes = map[string]countryCode{
	"se": {"Sweden", "Swedish", "sv", "Northern Sami"},
	"dk": {"Denmark", "Danish", "da", ""},
	"jp": {"Japan", "Japanese", "ja", ""},
	"il": {"Israel", "Hebrew", "he", ""},
	"cz": {"Czechia", "Czech", "cs", ""},
	"gr": {"Greece", "Greek", "el", ""},
	"ua": {"Ukraine", "Ukrainian", "uk", ""},
	"cn": {"China", "Chinese", "zh", ""},
	"kr": {"South Korea", "Korean", "ko", "Kanuri"},
	"ir": {"Iran", "Persian", "fa", ""},
	"at": {"Austria", "German", "de-AT", ""},
	"br": {"Brazil", "Portuguese", "pt-BR", "Breton"},
	"us": {"the United States", "English", "en-US", ""},
	"gb": {"the United Kingdom", "English", "en-GB", ""},
}

// CountryHint says what to write when s, a language tag as written
// (se, dk-DK, se_SE), starts with a country's code rather than its
// language's: "se is the country code of Sweden; Swedish is sv" ("…
// Swedish is sv-SE" for se-SE, whose region is kept). valid reports
// whether s is a tag all the same (se is Northern Sami: "se is Northern
// Sami, and the country code of Sweden; …"), so that a caller warns of
// it rather than refusing it. The hint is "" for any other s.
func CountryHint(s string) (hint string, valid bool) {
	s = strings.TrimSpace(s)
	first, rest, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	first = strings.ToLower(first)
	c, ok := countryCodes[first]
	if !ok {
		return "", false
	}
	write := c.lang
	if len(rest) == 2 { // a region, written as BCP 47 writes it
		rest = strings.ToUpper(rest)
	}
	if rest != "" && !strings.Contains(c.lang, "-") {
		write += "-" + rest
	}
	if _, err := language.Parse(s); err == nil && c.is != "" {
		return fmt.Sprintf("%s is %s, and the country code of %s; %s is %s", first, c.is, c.country, c.name, write), true
	}
	return fmt.Sprintf("%s is the country code of %s; %s is %s", first, c.country, c.name, write), false
}
