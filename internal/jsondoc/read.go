package jsondoc

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxDepth is how deeply Decode lets arrays and objects nest, the same
// limit encoding/json applies when it decodes a whole value.
const maxDepth = 10000

// object is a decoded JSON object: its keys in input order and its values
// by key.
type object struct {
	keys []string
	vals map[string]any
}

// readJSON reads exactly one JSON value from r as a generic tree: *object,
// []any, string, json.Number, bool or nil. Unlike json.Unmarshal into an
// any, it keeps the order of keys and refuses duplicate keys, and it
// refuses anything but white space after the value.
func readJSON(r io.Reader) (any, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	v, err := readValue(dec, nil, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("data after the document at byte offset %d", dec.InputOffset())
	}
	return v, nil
}

// readValue reads the value at p, which is nested depth deep.
func readValue(dec *json.Decoder, p *path, depth int) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		if depth == 0 && errors.Is(err, io.EOF) {
			return nil, errors.New("empty input")
		}
		return nil, syntaxError(dec, p, err)
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	if depth >= maxDepth {
		return nil, &pathError{p, fmt.Sprintf("arrays and objects nest more than %d deep", maxDepth)}
	}
	switch delim {
	case '{':
		o := &object{vals: make(map[string]any)}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, syntaxError(dec, p, err)
			}
			k, ok := kt.(string)
			if !ok {
				// The decoder only returns strings in key position.
				return nil, &pathError{p, fmt.Sprintf("object key is %T, not a string", kt)}
			}
			if _, dup := o.vals[k]; dup {
				return nil, &pathError{p, fmt.Sprintf("duplicate key %q", k)}
			}
			v, err := readValue(dec, p.field(k), depth+1)
			if err != nil {
				return nil, err
			}
			o.keys = append(o.keys, k)
			o.vals[k] = v
		}
		if _, err := dec.Token(); err != nil {
			return nil, syntaxError(dec, p, err)
		}
		return o, nil
	case '[':
		arr := []any{}
		for dec.More() {
			v, err := readValue(dec, p.elem(len(arr)), depth+1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		if _, err := dec.Token(); err != nil {
			return nil, syntaxError(dec, p, err)
		}
		return arr, nil
	}
	// A closing delimiter where a value belongs: the decoder reports
	// this itself, so this is not reached.
	return nil, &pathError{p, fmt.Sprintf("unexpected %q", rune(delim))}
}

// syntaxError explains an error of the JSON decoder with its place.
func syntaxError(dec *json.Decoder, p *path, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("malformed JSON at byte offset %d: %w", se.Offset, err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("malformed JSON: input ends at byte offset %d (in %s)", dec.InputOffset(), p)
	}
	return fmt.Errorf("reading input: %w", err)
}
