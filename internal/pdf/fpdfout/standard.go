package fpdfout

import (
	"fmt"
	"strings"
)

// Standard is the set of PDF standards a document is written to: at most
// one PDF/A level (ISO 19005) and, or only, PDF/UA-1 (ISO 14289-1). The
// zero value is plain PDF, written as fpdf writes it (plus the finishing
// stage's page compression and file identifier).
type Standard struct {
	// Part is the PDF/A part, 1 to 3; 0 for no PDF/A level.
	Part int
	// Conformance is the PDF/A conformance level, 'b' or 'u'; 0 when
	// Part is 0.
	Conformance byte
	// UA is PDF/UA-1.
	UA bool
}

// standardNames are the names ParseStandard knows, as Typst's CLI spells
// them.
var standardNames = [...]struct {
	name string
	s    Standard
}{
	{"a-1b", Standard{Part: 1, Conformance: 'b'}},
	{"a-2b", Standard{Part: 2, Conformance: 'b'}},
	{"a-2u", Standard{Part: 2, Conformance: 'u'}},
	{"a-3b", Standard{Part: 3, Conformance: 'b'}},
	{"a-3u", Standard{Part: 3, Conformance: 'u'}},
	{"ua-1", Standard{UA: true}},
}

// StandardNames returns the names ParseStandard knows, comma-separated.
func StandardNames() string {
	names := make([]string, len(standardNames))
	for i, n := range standardNames {
		names[i] = n.name
	}
	return strings.Join(names, ", ")
}

// ParseStandard parses a comma-separated list of standards such as
// "a-3u,ua-1" (case-insensitive; spaces around names ignored; "" is plain
// PDF). An unknown name, or two PDF/A levels, is an error that names the
// valid names.
func ParseStandard(list string) (Standard, error) {
	var s Standard
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		found := false
		for _, n := range standardNames {
			if n.name != name {
				continue
			}
			found = true
			if n.s.UA {
				s.UA = true
				continue
			}
			if s.Part != 0 && (s.Part != n.s.Part || s.Conformance != n.s.Conformance) {
				return Standard{}, fmt.Errorf("%s and %s are two PDF/A levels; give at most one, with or without ua-1 (known: %s)",
					Standard{Part: s.Part, Conformance: s.Conformance}, name, StandardNames())
			}
			s.Part, s.Conformance = n.s.Part, n.s.Conformance
		}
		if !found {
			return Standard{}, fmt.Errorf("unknown PDF standard %q (known: %s; one PDF/A level may go with ua-1, as in a-3u,ua-1)", name, StandardNames())
		}
	}
	return s, nil
}

// String returns the standard as ParseStandard reads it ("a-3u,ua-1"),
// "" for plain PDF.
func (s Standard) String() string {
	var names []string
	if s.Part != 0 {
		names = append(names, fmt.Sprintf("a-%d%c", s.Part, s.Conformance))
	}
	if s.UA {
		names = append(names, "ua-1")
	}
	return strings.Join(names, ",")
}

// IsZero reports plain PDF.
func (s Standard) IsZero() bool { return s == Standard{} }

// A reports a PDF/A level.
func (s Standard) A() bool { return s.Part != 0 }

// Unicode reports that every font needs a ToUnicode map for every code
// the document draws: PDF/A level u (ISO 19005-2 §6.2.11.7.2) and PDF/UA-1
// (ISO 14289-1 §7.21.7).
func (s Standard) Unicode() bool { return s.Conformance == 'u' || s.UA }

// AllowsAttachments reports whether the standard allows embedding files
// that are not PDF/A documents themselves: plain PDF, PDF/UA and PDF/A-3
// do; PDF/A-1 forbids embedded files and PDF/A-2 allows only PDF/A files
// (ISO 19005-2 §6.8).
func (s Standard) AllowsAttachments() bool { return s.Part == 0 || s.Part == 3 }

// AttachmentError explains why s refuses attachments, suggesting a-3b.
func (s Standard) AttachmentError() error {
	rule := "ISO 19005-1 §6.1.11 forbids embedded files"
	if s.Part == 2 {
		rule = "ISO 19005-2 §6.8 allows only PDF/A files as attachments"
	}
	return fmt.Errorf("PDF/A-%d%c cannot carry the template and values as attachments (%s); set Options.PDFStandard to \"a-3b\" (or \"a-3u\"), whose associated files may be any file",
		s.Part, s.Conformance, rule)
}

// version is the PDF version a file of the standard declares: 1.4 for
// PDF/A-1, which is based on it; 1.7 for the others.
func (s Standard) version() string {
	if s.Part == 1 {
		return "1.4"
	}
	return "1.7"
}
