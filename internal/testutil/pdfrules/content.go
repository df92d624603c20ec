package pdfrules

import (
	"bytes"
	"strconv"
)

// A content stream is read as a list of operations: the operands before
// each operator. This is all the rules need: marked-content nesting, the
// MCIDs, which operators paint, and which colour spaces they set.

// value is one content-stream operand.
type value struct {
	kind  byte // 'n' number, '/' name, 's' string, '[' array, '<' dictionary, 'k' keyword
	num   float64
	str   string // name without '/', string bytes, keyword
	items []value
	dict  map[string]value
}

// operation is an operator with its operands.
type operation struct {
	op       string
	operands []value
	inline   map[string]value // the dictionary of an inline image (op "BI")
}

// contentLexer splits a content stream into tokens.
type contentLexer struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// parseContent reads a content stream into operations. Malformed input
// ends the list early: the caller sees only what could be read.
func parseContent(b []byte) []operation {
	lx := &contentLexer{b: b}
	var ops []operation
	var stack []value
	for {
		v, ok := lx.next()
		if !ok {
			return ops
		}
		if v.kind != 'k' {
			stack = append(stack, v)
			continue
		}
		switch v.str {
		case "true", "false", "null":
			stack = append(stack, v)
			continue
		case "BI":
			ops = append(ops, operation{op: "BI", inline: lx.inlineImage()})
			stack = stack[:0]
			continue
		}
		ops = append(ops, operation{op: v.str, operands: stack})
		stack = nil
	}
}

// skipSpace skips white space and comments.
func (lx *contentLexer) skipSpace() {
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		if isSpace(c) {
			lx.pos++
			continue
		}
		if c == '%' {
			for lx.pos < len(lx.b) && lx.b[lx.pos] != '\n' && lx.b[lx.pos] != '\r' {
				lx.pos++
			}
			continue
		}
		return
	}
}

// next returns the next value or keyword; a closing ']' or '>>' is the
// keyword "]" or ">>".
func (lx *contentLexer) next() (value, bool) {
	lx.skipSpace()
	if lx.pos >= len(lx.b) {
		return value{}, false
	}
	c := lx.b[lx.pos]
	switch {
	case c == '/':
		lx.pos++
		return value{kind: '/', str: lx.regular()}, true
	case c == '(':
		return lx.literal(), true
	case c == '<' && lx.pos+1 < len(lx.b) && lx.b[lx.pos+1] == '<':
		lx.pos += 2
		return lx.dictionary(), true
	case c == '<':
		return lx.hex(), true
	case c == '[':
		lx.pos++
		var items []value
		for {
			v, ok := lx.next()
			if !ok || (v.kind == 'k' && v.str == "]") {
				return value{kind: '[', items: items}, true
			}
			items = append(items, v)
		}
	case c == ']':
		lx.pos++
		return value{kind: 'k', str: "]"}, true
	case c == '>' && lx.pos+1 < len(lx.b) && lx.b[lx.pos+1] == '>':
		lx.pos += 2
		return value{kind: 'k', str: ">>"}, true
	case c == ')' || c == '>' || c == '{' || c == '}':
		lx.pos++
		return value{kind: 'k', str: string(c)}, true
	}
	tok := lx.regular()
	if tok == "" {
		lx.pos++
		return value{kind: 'k', str: string(c)}, true
	}
	if f, err := strconv.ParseFloat(tok, 64); err == nil && (tok[0] == '-' || tok[0] == '+' || tok[0] == '.' || (tok[0] >= '0' && tok[0] <= '9')) {
		return value{kind: 'n', num: f}, true
	}
	return value{kind: 'k', str: tok}, true
}

// regular reads a run of regular characters.
func (lx *contentLexer) regular() string {
	start := lx.pos
	for lx.pos < len(lx.b) && !isSpace(lx.b[lx.pos]) && !isDelim(lx.b[lx.pos]) {
		lx.pos++
	}
	return string(lx.b[start:lx.pos])
}

// dictionary reads key/value pairs up to ">>".
func (lx *contentLexer) dictionary() value {
	m := map[string]value{}
	for {
		k, ok := lx.next()
		if !ok || (k.kind == 'k' && k.str == ">>") {
			return value{kind: '<', dict: m}
		}
		v, ok := lx.next()
		if !ok || (v.kind == 'k' && v.str == ">>") {
			return value{kind: '<', dict: m}
		}
		if k.kind == '/' {
			m[k.str] = v
		}
	}
}

// literal reads a (string) with nesting and escapes.
func (lx *contentLexer) literal() value {
	lx.pos++ // (
	depth := 1
	var out []byte
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		lx.pos++
		switch c {
		case '\\':
			if lx.pos < len(lx.b) {
				e := lx.b[lx.pos]
				lx.pos++
				switch e {
				case 'n':
					out = append(out, '\n')
				case 'r':
					out = append(out, '\r')
				case 't':
					out = append(out, '\t')
				case 'b':
					out = append(out, '\b')
				case 'f':
					out = append(out, '\f')
				case '\r', '\n':
					if e == '\r' && lx.pos < len(lx.b) && lx.b[lx.pos] == '\n' {
						lx.pos++
					}
				default:
					if e >= '0' && e <= '7' {
						n := int(e - '0')
						for i := 0; i < 2 && lx.pos < len(lx.b) && lx.b[lx.pos] >= '0' && lx.b[lx.pos] <= '7'; i++ {
							n = n*8 + int(lx.b[lx.pos]-'0')
							lx.pos++
						}
						out = append(out, byte(n))
					} else {
						out = append(out, e)
					}
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return value{kind: 's', str: string(out)}
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return value{kind: 's', str: string(out)}
}

// hex reads a <hex string>.
func (lx *contentLexer) hex() value {
	lx.pos++ // <
	var digits []byte
	for lx.pos < len(lx.b) && lx.b[lx.pos] != '>' {
		if c := lx.b[lx.pos]; !isSpace(c) {
			digits = append(digits, c)
		}
		lx.pos++
	}
	lx.pos++ // >
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, 0, len(digits)/2)
	for i := 0; i+1 < len(digits); i += 2 {
		n, err := strconv.ParseUint(string(digits[i:i+2]), 16, 8)
		if err != nil {
			break
		}
		out = append(out, byte(n))
	}
	return value{kind: 's', str: string(out)}
}

// inlineImage reads an inline image's dictionary after BI and skips its
// data up to EI.
func (lx *contentLexer) inlineImage() map[string]value {
	m := map[string]value{}
	for {
		k, ok := lx.next()
		if !ok {
			return m
		}
		if k.kind == 'k' && k.str == "ID" {
			break
		}
		v, ok := lx.next()
		if !ok {
			return m
		}
		if k.kind == '/' {
			m[k.str] = v
		}
	}
	lx.pos++ // the single white-space byte after ID
	for lx.pos+2 <= len(lx.b) {
		if lx.b[lx.pos] == 'E' && lx.b[lx.pos+1] == 'I' && lx.pos > 0 && isSpace(lx.b[lx.pos-1]) &&
			(lx.pos+2 == len(lx.b) || isSpace(lx.b[lx.pos+2])) {
			lx.pos += 2
			return m
		}
		lx.pos++
	}
	lx.pos = len(lx.b)
	return m
}

// paints reports whether an operator puts marks on the page: text shown,
// a path painted, an XObject or inline image or shading drawn.
func paints(op string) bool {
	switch op {
	case "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "BI", "sh":
		return true
	}
	return false
}
