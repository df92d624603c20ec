package bidi

import (
	"reflect"
	"testing"
	"unsafe"
)

func TestShape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// seen initial, lam-alef final ligature, meem isolated.
		{"salam", "سلام", "\uFEB3\uFEFC\uFEE1"},
		{"lam-alef isolated", "لا", "\uFEFB"},
		{"lam-alef with hamza above", "لأ", "\uFEF7"},
		{"lam-alef with hamza below", "لإ", "\uFEF9"},
		{"lam-alef with madda", "لآ", "\uFEF5"},
		{"kalam", "كلام", "\uFEDB\uFEFC\uFEE1"},
		// lam lam heh: no ligature, medial lam.
		{"allah", "الله", "\uFE8D\uFEDF\uFEE0\uFEEA"},
		{"ila", "إلى", "\uFE87\uFEDF\uFEF0"},
		{"teh marbuta final", "بة", "\uFE91\uFE94"},
		{"hamza does not join", "ءب", "\uFE80\uFE8F"},
		// A haraka between two letters does not break joining.
		{"harakat transparent", "بَب", "\uFE91\u064E\uFE90"},
		{"shadda and kasra", "بِّب", "\uFE91\u0650\u0651\uFE90"},
		// A haraka on the lam or the alef keeps them apart (lam
		// initial or medial, alef final), for a shaping engine to
		// ligate with the marks placed: a mark after the ligature's
		// form has no anchor.
		{"lam haraka alef", "لَا", "\uFEDF\u064E\uFE8E"},
		{"lam alef-hamza haraka", "لِأَ", "\uFEDF\u0650\uFE84\u064E"},
		{"salam with marks", "سَلَامٌ", "\uFEB3\u064E\uFEE0\u064E\uFE8E\uFEE1\u064C"},
		{"lam-alef without marks in a word with", "فَلا", "\uFED3\u064E\uFEFC"},
		{"tatweel joins", "ب\u0640ب", "\uFE91\u0640\uFE90"},
		{"zwj joins", "ب\u200D", "\uFE91\u200D"},
		// Persian: ZWNJ stops joining (mi-kh...), farsi yeh final.
		{"persian zwnj", "\u0645\u06CC\u200C\u062E", "\uFEE3\uFBFD\u200C\uFEA5"},
		{"persian peh isolated", "پ", "\uFB56"},
		{"persian gaf medial", "بگب", "\uFE91\uFB95\uFE90"},
		{"digits break joining", "ب1ب", "\uFE8F1\uFE8F"},
		{"space breaks joining", "ب ب", "\uFE8F \uFE8F"},
		// U+08A0 has no presentation form but still joins its neighbours.
		{"letter without forms", "ب\u08A0ب", "\uFE91\u08A0\uFE90"},
		{"already shaped", "\uFEB3\uFEFC\uFEE1", "\uFEB3\uFEFC\uFEE1"},
		{"hebrew untouched", "שלום", "שלום"},
		{"latin untouched", "Privacy", "Privacy"},
		{"mixed", "abc سلام 12", "abc \uFEB3\uFEFC\uFEE1 12"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Shape(tc.in); got != tc.want {
				t.Errorf("Shape(%+q) = %+q, want %+q", tc.in, got, tc.want)
			}
		})
	}
}

func TestShapeFastPath(t *testing.T) {
	s := "Personal data is processed lawfully — שלום."
	if got := Shape(s); unsafe.StringData(got) != unsafe.StringData(s) {
		t.Errorf("Shape copied text that needs no shaping")
	}
	if a := testing.AllocsPerRun(100, func() { Shape(s) }); a != 0 {
		t.Errorf("Shape allocates %v times for text that needs no shaping", a)
	}
}

func TestShapeRuns(t *testing.T) {
	tests := []struct {
		name    string
		in, out []Run
	}{
		{"joins across runs", []Run{{"ب", 0}, {"ب", 1}}, []Run{{"\uFE91", 0}, {"\uFE90", 1}}},
		{"ligature goes to the lam's run", []Run{{"سل", 4}, {"ام", 5}}, []Run{{"\uFEB3\uFEFC", 4}, {"\uFEE1", 5}}},
		{"empty run dropped", []Run{{"لا", 1}, {"", 2}, {" x", 3}}, []Run{{"\uFEFB", 1}, {" x", 3}}},
		{"alef-only run dropped", []Run{{"ل", 1}, {"ا", 2}}, []Run{{"\uFEFB", 1}}},
	}
	for _, tc := range tests {
		if got := ShapeRuns(tc.in); !reflect.DeepEqual(got, tc.out) {
			t.Errorf("%s: ShapeRuns(%+v) = %+v, want %+v", tc.name, tc.in, got, tc.out)
		}
	}
	plain := []Run{{"abc", 0}, {"שלום", 1}}
	if got := ShapeRuns(plain); &got[0] != &plain[0] {
		t.Errorf("ShapeRuns copied runs that need no shaping")
	}
}
