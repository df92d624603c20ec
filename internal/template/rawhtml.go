package template

import (
	"html"
	"strconv"
	"strings"

	"github.com/policyexport/policyexport/internal/safeurl"
)

// htmlState is where a byte of raw HTML is, as far as filling values into
// it needs to know: in text, inside a tag, or in an attribute's value.
type htmlState int

const (
	htmlText      htmlState = iota // between tags
	htmlTagName                    // after "<" or "</"
	htmlInTag                      // between attributes
	htmlAttrName                   // in an attribute's name
	htmlAfterName                  // after an attribute's name
	htmlBeforeVal                  // after "="
	htmlValDouble                  // in a "…" value
	htmlValSingle                  // in a '…' value
	htmlValBare                    // in an unquoted value
	htmlComment                    // in <!-- … -->
	htmlRawText                    // in a script or style element
)

// rawHTMLFiller fills values into raw HTML of the template, so that a
// value stays inert text there, as it is everywhere. A value is
// HTML-escaped (and inside a tag, outside quotes, its spaces, "=" and "`"
// too, so that it stays one name or one value and adds no attribute); an
// attribute value that holds a value and that safeurl.AttrAllowed refuses
// (href="{u}" with u a javascript: URL) becomes safeurl.Blocked, so that
// no value makes a script URL live; an event handler attribute (on…)
// that holds a value becomes empty, and a value inside a script or style
// element is left out: there it would be code. The template's own markup
// is kept as written.
type rawHTMLFiller struct {
	b     []byte
	state htmlState
	// tag is the current tag's name, lower-cased, and endTag says it is
	// an end tag.
	tag    []byte
	endTag bool
	// name is the current attribute's name; valStart is where its value
	// starts in b, and filled says a value was filled into it.
	name     []byte
	valStart int
	filled   bool
	// justFilled says the last thing appended was a value: a literal
	// after it in a URL attribute is joined to it (joinSlash).
	justFilled bool
}

// literal appends template text, following the markup it writes.
func (h *rawHTMLFiller) literal(s string) {
	if h.justFilled && h.filled && safeurl.URLAttr(string(h.name)) {
		switch h.state {
		case htmlValDouble, htmlValSingle, htmlValBare:
			s = joinSlash(string(h.b[h.valStart:]), s)
		}
	}
	h.justFilled = false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch h.state {
		case htmlText:
			if c == '<' {
				switch {
				case strings.HasPrefix(s[i:], "<!--"):
					h.state = htmlComment
				case i+1 < len(s) && (isASCIILetter(s[i+1]) || s[i+1] == '/'):
					h.state = htmlTagName
					h.tag, h.endTag = h.tag[:0], s[i+1] == '/'
				}
			}
		case htmlRawText:
			if c == '<' && len(s)-i >= 2+len(h.tag) && s[i+1] == '/' && strings.EqualFold(s[i+2:i+2+len(h.tag)], string(h.tag)) {
				h.state = htmlTagName
				h.endTag = true
			}
		case htmlComment:
			if n := len(h.b); c == '>' && n >= 2 && h.b[n-1] == '-' && h.b[n-2] == '-' {
				h.state = htmlText
			}
		case htmlTagName:
			switch {
			case c == '>':
				h.closeTag()
			case c == '/' && len(h.tag) == 0:
			case isHTMLSpace(c) || c == '/':
				h.state = htmlInTag
			default:
				h.tag = append(h.tag, c|0x20)
			}
		case htmlInTag, htmlAfterName:
			switch {
			case c == '>':
				h.closeTag()
			case c == '=' && h.state == htmlAfterName:
				h.state = htmlBeforeVal
			case isHTMLSpace(c) || c == '/':
				// Stay: a name may still follow, or "=".
			default:
				h.state = htmlAttrName
				h.name = append(h.name[:0], c)
			}
		case htmlAttrName:
			switch {
			case c == '>':
				h.closeTag()
			case c == '=':
				h.state = htmlBeforeVal
			case isHTMLSpace(c) || c == '/':
				h.state = htmlAfterName
			default:
				h.name = append(h.name, c)
			}
		case htmlBeforeVal:
			switch {
			case c == '"':
				h.b = append(h.b, c)
				h.startValue(htmlValDouble)
				continue
			case c == '\'':
				h.b = append(h.b, c)
				h.startValue(htmlValSingle)
				continue
			case c == '>':
				h.closeTag()
			case isHTMLSpace(c):
			default:
				h.startValue(htmlValBare)
			}
		case htmlValDouble, htmlValSingle, htmlValBare:
			if h.state == htmlValDouble && c == '"' || h.state == htmlValSingle && c == '\'' {
				h.endValue()
				h.state = htmlInTag
			} else if h.state == htmlValBare && (isHTMLSpace(c) || c == '>') {
				h.endValue()
				h.state = htmlInTag
				if c == '>' {
					h.closeTag()
				}
			}
		}
		h.b = append(h.b, c)
	}
}

// closeTag ends the current tag at its ">": a script or style start tag
// starts raw text, anything else text.
func (h *rawHTMLFiller) closeTag() {
	h.state = htmlText
	if t := string(h.tag); !h.endTag && (t == "script" || t == "style") {
		h.state = htmlRawText
	}
}

// value appends a value filled in at the current place.
func (h *rawHTMLFiller) value(v string) {
	h.justFilled = true
	if h.state == htmlBeforeVal && v != "" {
		h.startValue(htmlValBare)
	}
	switch h.state {
	case htmlRawText:
		// Code: no value goes there.
		return
	case htmlValDouble, htmlValSingle:
		h.filled = true
	case htmlValBare:
		h.filled = true
		h.b = append(h.b, escapeBareAttr(v)...)
		return
	case htmlTagName, htmlInTag, htmlAttrName, htmlAfterName:
		h.b = append(h.b, escapeBareAttr(v)...)
		return
	}
	h.b = append(h.b, escapeHTML(v)...)
}

// startValue notes that an attribute value starts here.
func (h *rawHTMLFiller) startValue(s htmlState) {
	h.state = s
	h.valStart = len(h.b)
	h.filled = false
}

// endValue checks the attribute value that ends here when a value was
// filled into it.
func (h *rawHTMLFiller) endValue() {
	if !h.filled {
		return
	}
	h.filled = false
	switch {
	case len(h.name) > 2 && strings.EqualFold(string(h.name[:2]), "on"):
		h.b = h.b[:h.valStart]
	case !safeurl.AttrAllowed(string(h.name), html.UnescapeString(string(h.b[h.valStart:]))):
		h.b = append(h.b[:h.valStart], safeurl.Blocked...)
	}
}

// String ends the raw HTML (checking a value it leaves open) and
// returns it.
func (h *rawHTMLFiller) String() string {
	switch h.state {
	case htmlValDouble, htmlValSingle, htmlValBare:
		h.endValue()
	}
	return string(h.b)
}

// escapeBareAttr escapes v for a place inside a tag outside quotes (an
// unquoted attribute value, a name): as escapeHTML, and whitespace, "="
// and "`" too, which would end the value or start another attribute.
func escapeBareAttr(v string) string {
	v = escapeHTML(v)
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isHTMLSpace(c) || c == '=' || c == '`':
			b.WriteString("&#" + strconv.Itoa(int(c)) + ";")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
