package batch

import (
	"fmt"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// fold returns s as a file system that ignores letter case and Unicode
// normalisation compares it: macOS's APFS and HFS+ store "café" in NFC
// and in NFD (e + U+0301) as one name, and they and Windows' NTFS store
// "Index.json" and "index.json" as one. Two document names, or two output
// paths, with the same fold would be one directory or one file there. It
// is Unicode's canonical caseless match (NFD, full case folding, then
// NFC); ASCII text is only lowered.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return norm.NFC.String(cases.Fold().String(norm.NFD.String(s)))
		}
	}
	return strings.ToLower(s)
}

// sameWhen says why two different texts with the same fold are one name
// on such file systems, for messages: "they differ only in letter
// case, …".
func sameWhen(a, b string) string {
	nfcA, nfcB := norm.NFC.String(a), norm.NFC.String(b)
	switch {
	case nfcA == nfcB:
		return fmt.Sprintf("they differ only in Unicode normalisation (%+q against %+q), which macOS file systems ignore", a, b)
	case nfcA == a && nfcB == b:
		return "they differ only in letter case, which macOS and Windows file systems ignore"
	}
	return fmt.Sprintf("they differ only in letter case and Unicode normalisation (%+q against %+q), which macOS file systems ignore", a, b)
}
