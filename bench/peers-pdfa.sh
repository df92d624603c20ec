#!/usr/bin/env bash
# bench/peers-pdfa.sh — compare policyexport's archival PDFs with those of
# two peers, Typst 0.14 and WeasyPrint 57, in the same run, and print the
# findings that internal/pdf/PEERS.md records.
#
# Usage: bench/peers-pdfa.sh            (files kept in $OUT, default a new
#                                        directory under ${TMPDIR:-/tmp})
#
# What it does:
#   1. renders the seed policy (the embedded template with
#      testdata/input/seed.values.yaml) with policyexport as PDF
#      (--pdf-standard a-1b, a-3b, ua-1), HTML and JSON, and the feature
#      document (testdata/input/features.md, which has links) as a-3b,
#      ua-1 and HTML;
#   2. WeasyPrint: our HTML with --pdf-variant pdf/a-1b, pdf/a-3b, pdf/ua-1;
#   3. Typst: our JSON turned into an equivalent .typ (bench/peers-typst.mjs)
#      and compiled with pdfStandard a-1b, a-3b, ua-1 (seed only: the
#      converter has no tables or images);
#   4. runs on every file: qpdf --check, go tool pdfcpu validate -m strict,
#      our checker (pdfrules, internal/testutil/pdfrules TestFiles), Apache
#      PDFBox Preflight for the a-1b files, pdfinfo, pdffonts, and
#      bench/peers-summary.py (XMP, output intent, fonts, annotations,
#      structure tree, size).
#
# Installing peers: WeasyPrint from Debian (apt-get install weasyprint, as
# root or through sudo); Typst from npm (@myriaddreamin/typst-ts-node-compiler,
# which ships a prebuilt compiler) into $TYPST_PREFIX (default /tmp/typst),
# never into the repository. A peer that cannot be installed is skipped
# with a message; so are Preflight (Debian libpdfbox2-java) and pdfrules
# checks when their tool is missing. Nothing here is committed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/policyexport-peers.XXXXXX")}
TYPST_PREFIX=${TYPST_PREFIX:-/tmp/typst}
export TYPST_PREFIX
mkdir -p "$OUT"
say() { echo "peers-pdfa: $*" >&2; }

asroot() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

for tool in qpdf pdfinfo pdffonts python3; do
	command -v "$tool" >/dev/null || { say "$tool is missing (apt-get install qpdf poppler-utils python3)"; exit 1; }
done

say "building policyexport; files in $OUT"
(cd "$root" && go build -o "$OUT/policyexport" ./cmd/policyexport) || exit 1
pe=$OUT/policyexport
seedvals=$root/testdata/input/seed.values.yaml
feat=$root/testdata/input/features.md
featvals=$root/testdata/input/features.values.yaml
fallback=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf

files=()
"$pe" render --values "$seedvals" -f html -o "$OUT/seed.html"
"$pe" render --values "$seedvals" -f json -o "$OUT/seed.json"
for std in a-1b a-3b ua-1; do
	"$pe" render --values "$seedvals" --pdf-standard "$std" -o "$OUT/ours-seed-$std.pdf" && files+=("$OUT/ours-seed-$std.pdf")
done
featfont=()
[ -f "$fallback" ] && featfont=(--font "$fallback")
"$pe" render "$feat" --values "$featvals" -f html -o "$OUT/features.html" 2>/dev/null
for std in a-3b ua-1; do
	"$pe" render "$feat" --values "$featvals" "${featfont[@]}" --pdf-standard "$std" -o "$OUT/ours-features-$std.pdf" 2>/dev/null &&
		files+=("$OUT/ours-features-$std.pdf")
done

# WeasyPrint.
if ! command -v weasyprint >/dev/null; then
	say "installing WeasyPrint (Debian)"
	asroot apt-get install -y weasyprint >/dev/null 2>&1 || say "WeasyPrint cannot be installed: skipped"
fi
if command -v weasyprint >/dev/null; then
	say "$(weasyprint --version)"
	for std in a-1b a-3b ua-1; do
		weasyprint -q --pdf-variant "pdf/$std" "$OUT/seed.html" "$OUT/weasyprint-seed-$std.pdf" &&
			files+=("$OUT/weasyprint-seed-$std.pdf")
	done
	for std in a-3b ua-1; do
		weasyprint -q --pdf-variant "pdf/$std" "$OUT/features.html" "$OUT/weasyprint-features-$std.pdf" &&
			files+=("$OUT/weasyprint-features-$std.pdf")
	done
fi

# Typst.
if command -v node >/dev/null && command -v npm >/dev/null; then
	if [ ! -d "$TYPST_PREFIX/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
		say "installing @myriaddreamin/typst-ts-node-compiler into $TYPST_PREFIX (npm)"
		npm install --prefix "$TYPST_PREFIX" @myriaddreamin/typst-ts-node-compiler >/dev/null 2>&1 ||
			say "Typst cannot be installed: skipped"
	fi
	if [ -d "$TYPST_PREFIX/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
		for std in a-1b a-3b ua-1; do
			node "$here/peers-typst.mjs" "$OUT/seed.json" "$OUT/typst-seed-$std.pdf" "$std" "$root/fonts" &&
				files+=("$OUT/typst-seed-$std.pdf")
		done
	fi
else
	say "node or npm is missing: Typst skipped"
fi

echo "## Checks"
echo
for f in "${files[@]}"; do
	b=$(basename "$f")
	qs=$(qpdf --check "$f" >/dev/null 2>&1 && echo "clean" || echo "exit $? (2 errors, 3 warnings)")
	p=$(cd "$root" && go tool pdfcpu validate -c disable -m strict "$f" 2>&1 | grep -E "validation (ok|error)" |
		sed 's/.*(try --mode=relaxed): */error: /; s/.*validation ok.*/ok/')
	echo "- $b: qpdf --check $qs; pdfcpu strict: $p"
done
echo
echo "### pdfrules (the profile each file claims; it has no PDF/A-1 profile)"
echo
(cd "$root" && PDFRULES_FILES="${files[*]}" go test -count=1 -run TestFiles -v ./internal/testutil/pdfrules/) 2>&1 |
	grep -E "pdfrules: /" | sed 's/.*pdfrules: //; s|'"$OUT"'/||' |
	awk '/-a-3b\.pdf PDF\/A-3B|ua-1\.pdf PDF\/UA-1/ {print "- " $0}'
echo
echo "### Preflight (PDF/A-1b)"
echo
jars=(preflight.jar pdfbox2.jar xmpbox.jar fontbox2.jar commons-logging.jar javax.activation.jar jaxb-api.jar)
cp=""
for j in "${jars[@]}"; do cp="$cp:/usr/share/java/$j"; done
java=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
[ -x "$java" ] || java=$(command -v java || true)
if [ -n "$java" ] && [ -f /usr/share/java/preflight.jar ]; then
	for f in "${files[@]}"; do
		case "$f" in *-a-1b.pdf) ;; *) continue ;; esac
		out=$("$java" -cp "${cp#:}" org.apache.pdfbox.preflight.Validator_A1b "$f" 2>&1)
		if echo "$out" | grep -q "is a valid PDF/A-1b file"; then
			echo "- $(basename "$f"): valid PDF/A-1b"
		else
			echo "- $(basename "$f"): not valid: $(echo "$out" | grep -oE '^[0-9]+(\.[0-9]+)+' | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
		fi
	done
else
	say "Preflight skipped: java or /usr/share/java/preflight.jar missing (apt-get install libpdfbox2-java)"
fi
echo
echo "## Structure"
echo
python3 "$here/peers-summary.py" "${files[@]}"
echo
echo "## pdfinfo and pdffonts"
for f in "${files[@]}"; do
	echo
	echo "### $(basename "$f")"
	echo
	echo '```'
	pdfinfo "$f" 2>&1 | grep -E "^(Creator|Producer|Tagged|PDF version|File size|Pages|Metadata Stream|Suspects)"
	pdffonts "$f" 2>&1
	echo '```'
done
