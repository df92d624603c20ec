package template

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/policyexport/policyexport/internal/values"
)

func TestScanPlaceholders(t *testing.T) {
	tests := []struct {
		src  string
		want []string // "name@start"
	}{
		{"", nil},
		{"{a}", []string{"a@0"}},
		{"x {name} y {other_1}", []string{"name@2", "other_1@11"}},
		{"{user_id}", []string{"user_id@0"}},
		{"{_x}{_}", []string{"_x@0", "_@4"}},
		{`\{a}`, nil},
		{`\\{a}`, []string{"a@2"}},
		{`\\\{a}`, nil},
		{`\\\\{a}`, []string{"a@4"}},
		{`\ {a}`, []string{"a@2"}},
		{"{ }", nil},
		{"{}", nil},
		{"{1,2}", nil},
		{"{1a}", nil},
		{"{a b}", nil},
		{"{a-b}", nil},
		{"{{< x >}}", nil},
		{"{% x %}", nil},
		{"{{a}}", []string{"a@1"}},
		{"{a", nil},
		{"{a}}", []string{"a@0"}},
		{"{größe}", nil},
		{"{a}{b}", []string{"a@0", "b@3"}},
		{"`{a}`", []string{"a@1"}}, // the scanner knows no code; the parser does
		{"{\uFDD0}", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range scanPlaceholders([]byte(tt.src)) {
			got = append(got, sp.Name+"@"+itoa(sp.Start))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("scanPlaceholders(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func TestSentinelRoundTrip(t *testing.T) {
	for _, id := range []int{0, 1, 30, 31, 32, 960, 961, 29790, 1 << 20} {
		s := string(appendSentinel(nil, id))
		ps := splitEncoded("a" + s + "b")
		if len(ps) != 3 || ps[1].ID != id || ps[0].Lit != "a" || ps[2].Lit != "b" || ps[1].Off != 1 {
			t.Errorf("id %d: sentinel %q splits into %+v", id, s, ps)
		}
	}
	lit := "x\uFDD0{\uFDD1}\uFDEF\uFDEE{a}"
	enc := string(appendLiteral(nil, lit))
	if ps := splitEncoded(enc); len(ps) != 1 || ps[0].Lit != lit {
		t.Errorf("literal %q encodes to %q and splits into %+v", lit, enc, ps)
	}
	// A stray sentinel digit is dropped rather than leaked.
	if ps := splitEncoded("a{\uFDD0"); len(ps) != 1 || ps[0].Lit != "a{" {
		t.Errorf("stray digit: %+v", ps)
	}
}

// checkScan verifies the scanner's invariants on src and that encoding
// src and restoring it gives src back.
func checkScan(t *testing.T, src []byte) {
	prevEnd := 0
	for _, sp := range scanPlaceholders(src) {
		if sp.Start < prevEnd || sp.End <= sp.Start || sp.End > len(src) {
			t.Fatalf("%q: bad span %+v after %d", src, sp, prevEnd)
		}
		prevEnd = sp.End
		if string(src[sp.Start:sp.End]) != "{"+sp.Key()+"}" || !values.IsName(sp.Name) || sp.Filter != "" && !values.IsName(sp.Filter) {
			t.Fatalf("%q: span %+v covers %q", src, sp, src[sp.Start:sp.End])
		}
		bs := 0
		for i := sp.Start - 1; i >= 0 && src[i] == '\\'; i-- {
			bs++
		}
		if bs%2 == 1 {
			t.Fatalf("%q: escaped brace taken as placeholder %+v", src, sp)
		}
	}
	if !utf8.Valid(src) {
		return
	}
	s := newSource("f", src)
	var ids nameTable
	s.encodeBody(true, &ids)
	if got := restore(string(s.enc), ids.names); got != replaceNUL(string(src)) {
		t.Fatalf("%q: encodes to %q, restores to %q", src, s.enc, got)
	}
	if len(s.occs) != len(scanPlaceholders(src)) {
		t.Fatalf("%q: %d occurrences, scanner finds %d", src, len(s.occs), len(scanPlaceholders(src)))
	}
	for _, o := range s.occs {
		if s.normOffset(o.Enc) < 0 || !strings.HasPrefix(string(src[s.normOffset(o.Enc):]), "{"+placeholderKey(o.Name, o.Filter)+"}") {
			t.Fatalf("%q: occurrence %+v maps to offset %d", src, o, s.normOffset(o.Enc))
		}
	}
}

func FuzzPlaceholders(f *testing.F) {
	for _, s := range []string{"{a}", `\{a} \\{b}`, "{user_id} {1,2} {{< x >}}", "\uFDD0{\uFDEF}{x}", "{a}{b}{c}", "{a|date} {a|} {a|b|c} `{x|y}`"} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkScan)
}
