package version

import (
	"runtime/debug"
	"testing"
)

func TestChoose(t *testing.T) {
	mod := func(v string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/policyexport/policyexport", Version: v}}
	}
	for _, c := range []struct {
		release string
		info    *debug.BuildInfo
		want    string
	}{
		{"", nil, Fallback},
		{"", mod(""), Fallback},
		{"", mod("(devel)"), Fallback},
		{"", mod("v1.2.3"), "1.2.3"},
		{"", mod("v0.1.1-0.20261204120000-abcdef123456"), "0.1.1-0.20261204120000-abcdef123456"},
		{"v2.0.0", mod("v1.2.3"), "2.0.0"},
		{"2.0.0-rc.1", nil, "2.0.0-rc.1"},
	} {
		if got := choose(c.release, c.info); got != c.want {
			t.Errorf("choose(%q, %v) = %q, want %q", c.release, c.info, got, c.want)
		}
	}
}

func TestStringIsStable(t *testing.T) {
	if a, b := String(), String(); a != b || a != "policyexport "+Version() {
		t.Fatalf("String() = %q then %q", a, b)
	}
}
