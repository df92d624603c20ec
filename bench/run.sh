#!/usr/bin/env bash
# bench/run.sh — measure `policyexport batch` and the tools a user would
# otherwise script, on this machine, and write bench/RESULTS.md.
#
# Usage: bench/run.sh            (N = 1000 and 10000, -j 2)
#        SIZES="200" bench/run.sh (quick run)
#
# Environment: SIZES (document counts), JOBS (-j, default 2), SAMPLE
# (documents timed per external tool, default 20), BENCHTIME (go test
# -benchtime for the Go benchmarks, default 20x), OUT (results file).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
SIZES=${SIZES:-"1000 10000"}
JOBS=${JOBS:-2}
SAMPLE=${SAMPLE:-20}
BENCHTIME=${BENCHTIME:-20x}
OUT=${OUT:-$here/RESULTS.md}
seed=${SEED:-$root/internal/defaulttemplate/privacy-policy.md}

work=$(mktemp -d "${TMPDIR:-/tmp}/policyexport-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building policyexport" >&2
(cd "$root" && go build -o "$work/policyexport" ./cmd/policyexport)
pe=$work/policyexport

# manifest N: N documents of the embedded template, each with its own
# site name and address; lastUpdated cycles through four dates (so four
# PDF dates, as when policies of several versions are rendered together).
manifest() {
	local n=$1 f=$2
	awk -v n="$n" 'BEGIN {
		print "defaults:"
		print "  formats: [pdf, html, txt, json]"
		print "documents:"
		split("2026-01-15 2026-04-01 2026-08-20 2026-11-28", d, " ")
		for (i = 1; i <= n; i++) {
			printf "  - name: site-%05d\n", i
			printf "    values: {siteName: \"Site %d Ltd\", email: \"privacy@site%d.example\", lastUpdated: \"%s\"}\n", i, i, d[(i % 4) + 1]
		}
	}' >"$f"
}

# field NAME FILE: a value from /usr/bin/time -v output.
field() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }

# seconds "h:mm:ss" or "m:ss.ss" -> seconds
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }' <<<"$1"; }

declare -A rate rss cpu cpums wall files index_entries
for n in $SIZES; do
	manifest "$n" "$work/m$n.yaml"
	rm -rf "$work/out$n"
	echo "batch: $n documents, -j $JOBS" >&2
	/usr/bin/time -v "$pe" batch -q -j "$JOBS" --out "$work/out$n" "$work/m$n.yaml" 2>"$work/time$n.txt"
	wall[$n]=$(seconds "$(field 'Elapsed (wall clock)' "$work/time$n.txt")")
	rss[$n]=$(field 'Maximum resident set size' "$work/time$n.txt")
	cpu[$n]=$(field 'Percent of CPU' "$work/time$n.txt" | tr -d '%')
	cpums[$n]=$(awk -v u="$(field 'User time' "$work/time$n.txt")" -v s="$(field 'System time' "$work/time$n.txt")" -v n="$n" 'BEGIN { printf "%.1f", (u + s) * 1000 / n }')
	rate[$n]=$(awk -v n="$n" -v s="${wall[$n]}" 'BEGIN { printf "%.1f", n / s }')
	files[$n]=$(find "$work/out$n" -type f ! -name 'index*.json' | wc -l)
	index_entries[$n]=$(jq '.files | length' "$work/out$n/index.json")
	# Every file must match its index entry.
	(cd "$work/out$n" && jq -r '.files[] | "\(.sha256)  \(.path)"' index.json | sha256sum --quiet -c -) || {
		echo "files do not match index.json" >&2
		exit 1
	}
	rm -rf "$work/out$n" # keep the disk use of a 10,000-document run short-lived
done

# Write cost: the same batch without PDF, writing (4 fsyncs a document)
# against --check (no writes), at the first size.
n0=${SIZES%% *}
manifest "$n0" "$work/w.yaml"
sed -i 's/formats: \[pdf, html, txt, json\]/formats: [html, txt, json]/' "$work/w.yaml"
t0=$(date +%s.%N)
"$pe" batch -q -j "$JOBS" --out "$work/w" "$work/w.yaml"
t1=$(date +%s.%N)
"$pe" batch -q --check -j "$JOBS" --out "$work/w" "$work/w.yaml" >/dev/null
t2=$(date +%s.%N)
write_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
check_s=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", b - a }')

echo "go benchmarks" >&2
gobench=$(cd "$root" && go test -run '^$' -bench 'Backend|Batch' -benchmem -benchtime "$BENCHTIME" ./internal/batch 2>&1 | grep -E '^(Benchmark|ok|FAIL)' || true)

# The same documents, filled by sed, through pandoc: one process per
# document and format (html standalone, plain, json), as a user would
# script it.
pandoc_line="pandoc: not installed (skipped)"
pandoc_rate=""
if command -v pandoc >/dev/null; then
	mkdir -p "$work/pandoc"
	for i in $(seq 1 "$SAMPLE"); do
		sed -e "s/{siteName}/Site $i Ltd/g" -e "s/{email}/privacy@site$i.example/g" -e "s/{lastUpdated}/2026-11-28/g" "$seed" >"$work/pandoc/d$i.md"
	done
	t0=$(date +%s.%N)
	for i in $(seq 1 "$SAMPLE"); do
		pandoc -s -f markdown -t html --metadata title="Privacy Policy" -o "$work/pandoc/d$i.html" "$work/pandoc/d$i.md"
		pandoc -f markdown -t plain -o "$work/pandoc/d$i.txt" "$work/pandoc/d$i.md"
		pandoc -f markdown -t json -o "$work/pandoc/d$i.json" "$work/pandoc/d$i.md"
	done
	t1=$(date +%s.%N)
	pandoc_rate=$(awk -v a="$t0" -v b="$t1" -v n="$SAMPLE" 'BEGIN { printf "%.1f", n / (b - a) }')
	pandoc_line="pandoc $(pandoc --version | head -1 | awk '{print $2}'): $pandoc_rate documents/s (html + plain + json, 3 processes a document, sample of $SAMPLE)"
fi

pdf_line="Chromium / WeasyPrint: neither is installed (skipped)"
pdf_tool=""
for c in chromium chromium-browser google-chrome weasyprint; do
	if command -v "$c" >/dev/null; then pdf_tool=$c; break; fi
done
if [ -n "$pdf_tool" ] && [ -n "$pandoc_rate" ]; then
	k=$(( SAMPLE < 5 ? SAMPLE : 5 ))
	t0=$(date +%s.%N)
	for i in $(seq 1 "$k"); do
		case $pdf_tool in
		weasyprint) weasyprint "$work/pandoc/d$i.html" "$work/pandoc/d$i.pdf" ;;
		*) "$pdf_tool" --headless --disable-gpu --no-sandbox --print-to-pdf="$work/pandoc/d$i.pdf" "file://$work/pandoc/d$i.html" >/dev/null 2>&1 ;;
		esac
	done
	t1=$(date +%s.%N)
	pdf_rate=$(awk -v a="$t0" -v b="$t1" -v n="$k" 'BEGIN { printf "%.2f", n / (b - a) }')
	pdf_line="$pdf_tool: $pdf_rate PDFs/s (from pandoc's HTML, sample of $k)"
fi

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
{
	echo "# policyexport batch benchmark results"
	echo
	echo "Written by \`bench/run.sh\`; do not edit by hand."
	echo
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- Machine: $(nproc) CPUs, $cpu_model; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- policyexport $("$pe" --version | awk '{print $NF}'), $(go version | awk '{print $3}'), one process, \`-j $JOBS\`"
	echo "- Template: the embedded privacy policy (the seed), each document with its own siteName and email; four lastUpdated dates"
	echo
	echo "## Whole batch, all four formats (pdf, html, txt, json)"
	echo
	echo "| documents | files | index entries (all hashes verified) | wall time (s) | documents/s | CPU (cores) | CPU ms / document | peak RSS (MiB) |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
	for n in $SIZES; do
		awk -v n="$n" -v f="${files[$n]}" -v x="${index_entries[$n]}" -v w="${wall[$n]}" -v r="${rate[$n]}" -v c="${cpu[$n]}" -v cm="${cpums[$n]}" -v m="${rss[$n]}" \
			'BEGIN { printf "| %d | %d | %d | %.1f | %s | %.2f | %s | %.0f |\n", n, f, x, w, r, c / 100, cm, m / 1024 }'
	done
	echo
	echo "The machine is shared: \"CPU (cores)\" is what the batch got, and \"CPU ms / document\" (user + system time over documents) is the cost that does not depend on the other load; \`-j 2\` on two idle cores would give about 2000 / (CPU ms / document) documents/s."
	echo
	set -- $SIZES
	if [ $# -ge 2 ]; then
		awk -v a="${rss[$1]}" -v b="${rss[$2]}" -v n1="$1" -v n2="$2" \
			'BEGIN { printf "Peak memory at %d documents is %.2f× that at %d.\n\n", n2, b / a, n1 }'
	fi
	echo "Write cost ($n0 documents, html + txt + json): writing with atomic, fsynced files ${write_s}s; the same in memory (\`--check\`) ${check_s}s."
	echo
	echo "## Alternatives a user would script"
	echo
	echo "- $pandoc_line"
	echo "- $pdf_line"
	if [ -n "$pandoc_rate" ]; then
		set -- $SIZES
		echo "- Ratio: policyexport (four formats) at $1 documents is $(awk -v a="${rate[$1]}" -v b="$pandoc_rate" 'BEGIN { printf "%.1f", a / b }')× pandoc's documents/s (three formats, no PDF)."
	fi
	echo
	echo "## Go benchmarks (\`go test -bench 'Backend|Batch' -benchmem ./internal/batch\`)"
	echo
	echo '```'
	echo "$gobench"
	echo '```'
} >"$OUT"
echo "wrote $OUT" >&2
cat "$OUT"
