package bidi

import "testing"

func TestNeedsIsolation(t *testing.T) {
	tests := []struct {
		in   string
		base Direction
		want bool
	}{
		{"", LeftToRight, false},
		{"", RightToLeft, false},
		{"ACME GmbH", LeftToRight, false},
		{"ACME GmbH", RightToLeft, true},
		{"info@acme.example", RightToLeft, true},
		{"שלום", LeftToRight, true},
		{"שלום", RightToLeft, false},
		{"\u0634\u0631\u0643\u0629", LeftToRight, true}, // Arabic (AL)
		// No strong character: digits and punctuation take the
		// paragraph's direction, as the text around them.
		{"2026-12-06", LeftToRight, false},
		{"2026-12-06", RightToLeft, false},
		{"\u0665\u0666", LeftToRight, false}, // Arabic-Indic digits (AN)
		// Strong characters of both directions, whatever the first.
		{"ACME שלום", LeftToRight, true},
		{"שלום ACME", RightToLeft, true},
		{"Ünïcödé — “quotes” 中文", LeftToRight, false},
		{"Ünïcödé", RightToLeft, true},
	}
	for _, tc := range tests {
		if got := NeedsIsolation(tc.in, tc.base); got != tc.want {
			t.Errorf("NeedsIsolation(%+q, %v) = %v, want %v", tc.in, tc.base, got, tc.want)
		}
	}
}
