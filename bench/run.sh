#!/usr/bin/env bash
# bench/run.sh: measure policyexport and the tools a user would otherwise
# script, in one run on this machine, and write bench/RESULTS.md (issue 14,
# "Measure it so it can be trusted").
#
# On a shared machine wall-clock time is noisy, so every figure is the
# median of several runs, each target is a ratio against a peer measured
# in the same run, and callgrind's instruction counts (the same run after
# run) show regressions without the noise.
#
# Usage: bench/run.sh                          (the full run; half an hour or more on 2 busy cores)
#        SIZES="200 1000" BATCH_RUNS=1 RUNS=3 bench/run.sh   (a quick run, a few minutes)
#
# Environment:
#   SIZES           batch sizes in documents (default "1000 10000"); the RSS
#                   target compares the largest with the smallest
#   JOBS_LIST       -j values of the batch runs (default "1 2"); -j 1 runs are
#                   pinned to one CPU with taskset, as is Typst
#   RUNS            runs per whole-process figure (default 7; hyperfine adds a warm-up)
#   BATCH_RUNS      runs per batch figure (default 3)
#   PAIRS           (written, --check) pairs of the durable-batch target's
#                   own batch, 1,000 archival documents at the largest -j
#                   (default 9; its figure is the median of their ratios)
#   TYPST_N         documents Typst compiles in its timed loop (default 100), TYPST_RUNS times (default 3)
#   CALLGRIND_DOCS  documents in the batch run under callgrind (default 20; a
#                   second run with twice as many gives the cost of one more document)
#   CALLGRIND_RUNS  runs of each callgrind figure (default 3)
#   BENCHTIME, BENCHCOUNT  go test -benchtime and -count (default 20x and 5)
#   INSTALL=0       do not install missing tools (they are named as skipped)
#   TOOLS           where npm installs Typst (default .tools/, git-ignored)
#   OUT             the results file (default bench/RESULTS.md)
#   SETTLE_MAX      the longest the batches wait, in seconds, for an ext4
#                   file system to create files at its usual cost again
#                   after many were deleted (default 600; see settle_fs)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
SIZES=${SIZES:-"1000 10000"}
JOBS_LIST=${JOBS_LIST:-"1 2"}
RUNS=${RUNS:-7}
BATCH_RUNS=${BATCH_RUNS:-3}
PAIRS=${PAIRS:-9}
TYPST_N=${TYPST_N:-100}
TYPST_RUNS=${TYPST_RUNS:-3}
TYPST_VERSION=0.7.0 # @myriaddreamin/typst-ts-node-compiler 0.7.0 is Typst 0.14
CALLGRIND_DOCS=${CALLGRIND_DOCS:-20}
CALLGRIND_RUNS=${CALLGRIND_RUNS:-3}
BENCHTIME=${BENCHTIME:-20x}
BENCHCOUNT=${BENCHCOUNT:-5}
INSTALL=${INSTALL:-1}
TOOLS=${TOOLS:-$root/.tools}
OUT=${OUT:-$here/RESULTS.md}
SETTLE_MAX=${SETTLE_MAX:-600}
seed=$root/internal/defaulttemplate/privacy-policy.md
seedvals=$root/testdata/input/seed.values.yaml
archival=(--pdf-standard 'a-3u,ua-1')

work=$(mktemp -d "${TMPDIR:-/tmp}/policyexport-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
log() { echo "bench: $*" >&2; }

start_date=$(date -u '+%Y-%m-%d %H:%M UTC')
start_load=$(cut -d' ' -f1-3 /proc/loadavg)
start_mem=$(awk '/^MemAvailable:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
# Other programs' files in the page cache: a written batch pays for
# reclaiming their pages (a run started right after experiments that had
# written 40 GB took 2.1-2.3 CPU ms a document in its written batches of
# 1,000, against 1.5 in the runs before and after).
start_cached=$(awk '/^Cached:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
start_s=$(date +%s)

# 1. Tools. A missing one is installed (Debian packages, Typst from npm)
#    unless INSTALL=0; one that is still missing is named as skipped.
declare -A skipped
if [ "$INSTALL" = 1 ]; then
	need=()
	for pair in pandoc:pandoc wkhtmltopdf:wkhtmltopdf weasyprint:weasyprint chromium:chromium \
		hyperfine:hyperfine valgrind:valgrind callgrind_annotate:valgrind jq:jq taskset:util-linux /usr/bin/time:time; do
		command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
	done
	if [ ${#need[@]} -gt 0 ]; then
		sudo=""
		[ "$(id -u)" -eq 0 ] || sudo="sudo"
		log "installing ${need[*]} (Debian)"
		{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"; } >&2 ||
			log "apt-get failed; the missing tools are skipped"
	fi
	typst_pkg=$TOOLS/typst/node_modules/@myriaddreamin/typst-ts-node-compiler
	if [ ! -f "$typst_pkg/package.json" ] || [ "$(jq -r .version "$typst_pkg/package.json")" != "$TYPST_VERSION" ]; then
		if command -v npm >/dev/null; then
			log "installing @myriaddreamin/typst-ts-node-compiler@$TYPST_VERSION (npm) into $TOOLS/typst"
			mkdir -p "$TOOLS/typst"
			npm install --silent --no-audit --no-fund --prefix "$TOOLS/typst" "@myriaddreamin/typst-ts-node-compiler@$TYPST_VERSION" >&2 || log "npm install failed; Typst is skipped"
		fi
	fi
fi
for t in /usr/bin/time jq; do
	command -v "$t" >/dev/null || {
		echo "bench: $t is required" >&2
		exit 1
	}
done
have() { command -v "$1" >/dev/null; }
pin1=()
have taskset && pin1=(taskset -c 0)

log "building policyexport"
(cd "$root" && go build -o "$work/policyexport" ./cmd/policyexport)
pe=$work/policyexport

# 2. Timing. measure NAME CMD...: RUNS runs of the whole process (after a
#    warm-up), with hyperfine when it is installed, else a loop over
#    date +%s%N; sets med[NAME], lo[NAME], hi[NAME] in seconds. A command
#    that fails is named as skipped.
declare -A med lo hi
stats() { # numbers on stdin -> "median min max"
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.6f %.6f %.6f\n", m, v[1], v[NR] }'
}
measure() {
	local name=$1
	shift
	log "timing $name"
	local times=$work/times-$name.txt
	if have hyperfine; then
		local cmd
		cmd=$(printf '%q ' "$@")
		hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$work/h-$name.json" -- "$cmd" >/dev/null 2>"$work/err-$name.txt" || {
			skipped[$name]="failed: $(tail -n 3 "$work/err-$name.txt" | tr '\n' ' ')"
			return 1
		}
		jq -r '.results[0].times[]' "$work/h-$name.json" >"$times"
	else
		"$@" >/dev/null 2>&1 || {
			skipped[$name]="failed"
			return 1
		}
		: >"$times"
		for _ in $(seq "$RUNS"); do
			local t0 t1
			t0=$(date +%s%N)
			"$@" >/dev/null 2>&1
			t1=$(date +%s%N)
			echo "$(((t1 - t0) / 1000))e-6" >>"$times"
		done
	fi
	read -r "med[$name]" "lo[$name]" "hi[$name]" < <(stats <"$times")
}

# 3. Inputs: the seed (the embedded privacy policy with
#    testdata/input/seed.values.yaml); its Markdown filled by sed for
#    pandoc; our own HTML of it for WeasyPrint, wkhtmltopdf and Chromium;
#    and a generated 300 KB document (the shape of
#    internal/render.BenchmarkAll300KB).
"$pe" render --values "$seedvals" --out "$work/seed" "$seed"
ourhtml=$work/seed/privacy-policy.html
sed -e 's/{siteName}/Acme Imaging/g' -e 's/{email}/privacy@acme.example/g' -e 's/{lastUpdated}/2026-11-28/g' "$seed" >"$work/seed.md"
awk -v size=$((300 << 10)) 'BEGIN {
	printf "# Generated Terms\n\n"; n = 18
	body = ""
	for (k = 0; k < 5; k++) body = body "We process personal data only for the purposes described in this section and keep it no longer than necessary. "
	for (i = 0; n < size; i++) {
		s = sprintf("## %d. Section on data processing number %d\n\n", i + 1, i + 1)
		s = s body "**You may object at any time.** See [our terms](https://example.com/terms) and `settings.privacy`.\n\n"
		s = s "- Account data such as your name and email address\n- Usage data such as pages viewed\n\n"
		if (i % 5 == 4) {
			s = s "| Category | Purpose | Retention |\n|---|---|---|\n"
			for (r = 0; r < 8; r++) s = s sprintf("| Category %d | Providing and improving the service | %d months |\n", r + 1, 6 * (r + 1))
			s = s "\n"
		}
		printf "%s", s; n += length(s)
	}
}' >"$work/300kb.md"
mkdir -p "$work/r"

# 4. policyexport, one process a figure.
for f in pdf html txt json; do
	measure "pe_$f" "$pe" render --values "$seedvals" -f "$f" -o "$work/r/seed.$f" "$seed" || true
done
measure pe_all "$pe" render --values "$seedvals" --out "$work/r/all" "$seed" || true
measure pe_pdf_arch "$pe" render --values "$seedvals" "${archival[@]}" -f pdf -o "$work/r/seed-a.pdf" "$seed" || true
measure pe_all_arch "$pe" render --values "$seedvals" "${archival[@]}" --out "$work/r/all-a" "$seed" || true
measure pe_300k "$pe" render --out "$work/r/300k" "$work/300kb.md" || true

# 5. The peers, on the same seed in the same run.
if have pandoc; then
	measure pandoc_html pandoc -s -f markdown -t html --metadata title="Privacy Policy" -o "$work/r/pandoc.html" "$work/seed.md" || true
	measure pandoc_plain pandoc -f markdown -t plain -o "$work/r/pandoc.txt" "$work/seed.md" || true
	measure pandoc_json pandoc -f markdown -t json -o "$work/r/pandoc.json" "$work/seed.md" || true
else
	skipped[pandoc_html]="not installed"
fi
if have wkhtmltopdf; then
	measure wkhtmltopdf wkhtmltopdf -q "$ourhtml" "$work/r/wk.pdf" || true
else
	skipped[wkhtmltopdf]="not installed"
fi
if have weasyprint; then
	measure weasyprint weasyprint "$ourhtml" "$work/r/weasy.pdf" || true
else
	skipped[weasyprint]="not installed"
fi
chrome=""
for c in chromium chromium-browser google-chrome; do
	if have "$c"; then
		chrome=$c
		break
	fi
done
if [ -n "$chrome" ]; then
	measure chromium "$chrome" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--user-data-dir="$work/chrome" --print-to-pdf="$work/r/chrome.pdf" "file://$ourhtml" || true
else
	skipped[chromium]="not installed"
fi

# Typst: a warm compiler in one node process, one thread on one core, in
# two modes (see typst-rate.js): "scratch" compiles every document from
# scratch, as policyexport's batch does (the target's peer); "incremental"
# keeps Typst's memo cache, so that each document reuses the layout of the
# paragraphs it shares with the one before.
declare -A typst_rate typst_lo typst_hi
typst_ver=""
typst_pkg=$TOOLS/typst/node_modules/@myriaddreamin/typst-ts-node-compiler
if have node && [ -f "$typst_pkg/package.json" ]; then
	for mode in scratch incremental; do
		log "timing Typst ($TYPST_RUNS × $TYPST_N documents, warm, one thread, $mode)"
		: >"$work/typst-rates-$mode.txt"
		for _ in $(seq "$TYPST_RUNS"); do
			RAYON_NUM_THREADS=1 "${pin1[@]}" node "$here/typst-rate.js" "$TOOLS/typst" "$seed" "$work/r/typst-seed.typ" "$TYPST_N" 3 "$mode" |
				jq -r .rate >>"$work/typst-rates-$mode.txt" || break
		done
		read -r "typst_rate[$mode]" "typst_lo[$mode]" "typst_hi[$mode]" < <(stats <"$work/typst-rates-$mode.txt") || skipped[typst]="failed"
	done
	if [ -z "${skipped[typst]:-}" ]; then
		typst_ver="Typst $(pdfinfo "$work/r/typst-seed.pdf" 2>/dev/null | sed -n 's/^Creator: *Typst //p') (typst-ts-node-compiler $(jq -r .version "$typst_pkg/package.json"))"
	fi
else
	skipped[typst]="node or @myriaddreamin/typst-ts-node-compiler not installed"
fi

# 6. Batches: N documents of the seed template, each with its own site name
#    and address, four lastUpdated dates; all four formats; plain and
#    archival (a-3u,ua-1, tagged); -j 1 and -j 2; written to disk (atomic,
#    fsynced) and in memory (--check against what was just written).
manifest() {
	awk -v n="$1" 'BEGIN {
		print "defaults:"
		print "  formats: [pdf, html, txt, json]"
		print "documents:"
		split("2026-01-15 2026-04-01 2026-08-20 2026-11-28", d, " ")
		for (i = 1; i <= n; i++) {
			printf "  - name: site-%05d\n", i
			printf "    values: {siteName: \"Site %d Ltd\", email: \"privacy@site%d.example\", lastUpdated: \"%s\"}\n", i, i, d[(i % 4) + 1]
		}
	}' >"$2"
}
field() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }
# evict DIR: drop DIR's files (synced by the batch that wrote them) from
# the page cache, with posix_fadvise(POSIX_FADV_DONTNEED), without
# deleting them (see batch_once). Needs python3; without it nothing is
# evicted and RESULTS.md says so.
evicted=0
evict() {
	[ -d "$1" ] || return 0
	command -v python3 >/dev/null || {
		skipped[eviction]="python3 not installed: earlier written runs stay in the page cache"
		return 0
	}
	python3 - "$1" <<'PY'
import os, sys
for d, _, files in os.walk(sys.argv[1]):
    for f in files:
        fd = os.open(os.path.join(d, f), os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
PY
	evicted=$((evicted + 1))
}
# batch_once KEY N J MODE FLAGS...: one timed run; appends documents/s,
# peak RSS (KiB) and CPU ms a document to KEY's lists.
batch_once() {
	local key=$1 n=$2 j=$3 mode=$4
	shift 4
	# Each written run gets a new, empty directory, and no output is
	# removed until the script exits: on ext4, creating inodes is slow for
	# minutes after many were deleted (the kernel's recently_deleted scan
	# took 20 % of a written run's CPU right after an rm -rf of the last
	# one), which would charge the previous run's clean-up to this one.
	# --check compares with the last directory written.
	# Nor does the page cache keep the earlier runs' outputs: 1,000
	# documents are 127 MB, and once earlier runs had filled the memory
	# with them, each written run paid for reclaiming pages (on this
	# virtual machine, writing 131 MB with dd took 0.12-0.32 s of system
	# time with the cache full against 0.02 s with memory free), which
	# --check, reading files already cached, never pays. So the previous
	# written directory is evicted from the cache (not deleted) first.
	if [ "$mode" = write ]; then
		evict "$work/b$outs"
		outs=$((outs + 1))
		out=$work/b$outs
		sync
	fi
	local pin=() args=(batch -q -j "$j" "$@" --out "$out" "$work/m$n.yaml")
	[ "$j" = 1 ] && pin=("${pin1[@]}")
	[ "$mode" = check ] && args=(batch -q --check -j "$j" "$@" --out "$out" "$work/m$n.yaml")
	local t0 t1 f=${key//\//_}
	t0=$(date +%s%N)
	"${pin[@]}" /usr/bin/time -v "$pe" "${args[@]}" >/dev/null 2>"$work/time.txt" || {
		cat "$work/time.txt" >&2
		echo "bench: batch $key failed" >&2
		exit 1
	}
	t1=$(date +%s%N)
	awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", n / ((b - a) / 1e9) }' >>"$work/rate-$f"
	field 'Maximum resident set size' "$work/time.txt" >>"$work/rss-$f"
	awk -v u="$(field 'User time' "$work/time.txt")" -v s="$(field 'System time' "$work/time.txt")" -v n="$n" \
		'BEGIN { printf "%.3f\n", (u + s) * 1000 / n }' >>"$work/cpu-$f"
}
# settle_fs: on ext4, creating an inode scans past those freed in the
# last minutes (recently_deleted) until it finds one that is not: for
# about six minutes after an rm -rf of 300,000 inodes (another program's
# test suite, or the clean-up of an earlier run of this script), a file
# or directory took 141-259 µs to create on this machine instead of
# 14-16 µs, a cost written batches pay and --check does not. So before the
# batches, a probe creates 1,000 inodes in the shape of a batch (250
# directories of four files) and opens the files again; while creating
# one takes more than seven times what opening one does (4.5 to 5.5
# times on a settled file system; 8.8 times, 28 µs, in a probe on the
# way down, which ten times let through), it waits and probes again,
# every 20 s, up to SETTLE_MAX seconds. RESULTS.md gives the last probe
# and the wait.
# Needs python3; the probes' files go with $work.
settle_note="not probed (not ext4)"
probe_fs() {
	python3 - "$work" <<'PY'
import os, sys, time
d = os.path.join(sys.argv[1], "probe.%d" % time.time_ns())
os.mkdir(d)
paths = []
t0 = time.perf_counter()
for i in range(250):
    sub = os.path.join(d, "d%03d" % i)
    os.mkdir(sub)
    for k in range(4):
        p = os.path.join(sub, "f%d" % k)
        os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        paths.append(p)
t1 = time.perf_counter()
for p in paths:
    os.close(os.open(p, os.O_RDONLY))
t2 = time.perf_counter()
print("%.1f %.1f" % ((t1 - t0) * 1e6 / (len(paths) + 250), (t2 - t1) * 1e6 / len(paths)))
PY
}
settle_fs() {
	[ "$(stat -f -c %T "$work")" = ext2/ext3 ] || return 0
	if ! command -v python3 >/dev/null; then
		settle_note="not probed (python3 not installed)"
		return 0
	fi
	local t0 create open waited
	t0=$(date +%s)
	while :; do
		if ! read -r create open < <(probe_fs) || [ -z "$open" ]; then
			settle_note="not probed (the probe failed)"
			log "the file system probe failed; the batches start at once"
			return 0
		fi
		waited=$(($(date +%s) - t0))
		awk -v c="$create" -v o="$open" 'BEGIN { exit !(c <= 7 * o) }' && break
		if [ "$waited" -ge "$SETTLE_MAX" ]; then
			settle_note="NOT SETTLED after ${waited} s: creating a file or directory took $create µs, opening one $open µs"
			log "file system not settled after $waited s (SETTLE_MAX); the written batches pay for it"
			return 0
		fi
		log "file system unsettled (creating a file or directory takes $create µs, opening one $open µs, probably after many deletions); waiting"
		sleep 20
	done
	settle_note="creating a file or directory took $create µs, opening one $open µs, after waiting $waited s for the file system to settle"
}
settle_fs
declare -A brate brlo brhi brss bcpu
batch_keys=()
read -ra sizes <<<"$SIZES"
nsmall=${sizes[0]}
nlarge=${sizes[-1]}
# The batch targets are the issue's at 1,000 documents, else at the
# smallest size run.
nref=$nsmall
for n in "${sizes[@]}"; do [ "$n" = 1000 ] && nref=1000; done
jmax=${JOBS_LIST##* }
outs=0 out=
for n in $SIZES; do
	manifest "$n" "$work/m$n.yaml"
	for v in plain archival; do
		flags=()
		[ "$v" = archival ] && flags=("${archival[@]}")
		for j in $JOBS_LIST; do
			# The durable-batch target is a ratio of two rates that move
			# with the machine's load from one second to the next: its
			# batch runs PAIRS times, and the target takes the median of
			# each pair's ratio (written and --check run back to back).
			runs=$BATCH_RUNS
			[ "$n/$v/$j" = "$nref/archival/$jmax" ] && runs=$((PAIRS > BATCH_RUNS ? PAIRS : BATCH_RUNS))
			log "batch: $n documents, $v, -j $j, $runs × (written, --check)"
			for _ in $(seq "$runs"); do
				batch_once "$n/$v/$j/write" "$n" "$j" write "${flags[@]}"
				batch_once "$n/$v/$j/check" "$n" "$j" check "${flags[@]}"
			done
			# Every file written must match its index entry.
			(cd "$out" && jq -r '.files[] | "\(.sha256)  \(.path)"' index.json | sha256sum --quiet -c -) || {
				echo "bench: files do not match index.json" >&2
				exit 1
			}
			[ "$(jq '.files | length' "$out/index.json")" = $((4 * n)) ] || {
				echo "bench: index.json does not list $((4 * n)) files" >&2
				exit 1
			}
			for mode in write check; do
				k="$n/$v/$j/$mode"
				batch_keys+=("$k")
				f=${k//\//_}
				read -r "brate[$k]" "brlo[$k]" "brhi[$k]" < <(stats <"$work/rate-$f")
				read -r "brss[$k]" _ _ < <(stats <"$work/rss-$f")
				read -r "bcpu[$k]" _ _ < <(stats <"$work/cpu-$f")
			done
		done
	done
done

# 7. Instruction counts (callgrind): the same number run after run. Go's
#    asynchronous preemption signals crash callgrind 3.19, so it is off;
#    GOMAXPROCS=1 keeps idle scheduler threads from spinning.
declare -A ir irlo irhi
irs() { # KEY CMD...: total Ir of CALLGRIND_RUNS runs
	local key=$1
	shift
	: >"$work/ir-$key"
	for i in $(seq "$CALLGRIND_RUNS"); do
		GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file="$work/cg-$key-$i" "$@" >/dev/null 2>"$work/cg.err" || {
			tail -n 5 "$work/cg.err" >&2
			return 1
		}
		callgrind_annotate "$work/cg-$key-$i" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }' >>"$work/ir-$key"
		rm -f "$work/cg-$key-$i"
	done
	read -r "ir[$key]" "irlo[$key]" "irhi[$key]" < <(stats <"$work/ir-$key")
}
if have valgrind && have callgrind_annotate; then
	log "callgrind: render -f pdf (plain and archival), batch --check (plain and archival) of $CALLGRIND_DOCS and $((2 * CALLGRIND_DOCS)) documents"
	irs pdf "$pe" render --values "$seedvals" -f pdf -o "$work/r/cg.pdf" "$seed" || skipped[callgrind]="failed"
	irs pdf_arch "$pe" render --values "$seedvals" "${archival[@]}" -f pdf -o "$work/r/cg-a.pdf" "$seed" || skipped[callgrind]="failed"
	for n in "$CALLGRIND_DOCS" $((2 * CALLGRIND_DOCS)); do
		manifest "$n" "$work/cg$n.yaml"
		"$pe" batch -q -j 1 --out "$work/cgout$n" "$work/cg$n.yaml"
		irs "batch$n" "$pe" batch -q --check -j 1 --out "$work/cgout$n" "$work/cg$n.yaml" || skipped[callgrind]="failed"
		"$pe" batch -q -j 1 "${archival[@]}" --out "$work/cgouta$n" "$work/cg$n.yaml"
		irs "batcha$n" "$pe" batch -q --check -j 1 "${archival[@]}" --out "$work/cgouta$n" "$work/cg$n.yaml" || skipped[callgrind]="failed"
	done
else
	skipped[callgrind]="valgrind not installed"
fi

# 8. Go benchmarks, one per backend over the seed, all four formats over
#    the seed and over the 300 KB document; the median of BENCHCOUNT runs.
log "go benchmarks"
gobench_pkgs=(./internal/pdf ./internal/html ./internal/txt ./internal/jsondoc ./internal/render)
(cd "$root" && go test -run '^$' -bench '^(BenchmarkRenderSeed|BenchmarkRenderSeedPDFA|BenchmarkAllSeed|BenchmarkAll300KB)$' \
	-benchmem -benchtime "$BENCHTIME" -count "$BENCHCOUNT" "${gobench_pkgs[@]}") >"$work/gobench.txt" 2>&1 || {
	cat "$work/gobench.txt" >&2
	echo "bench: go benchmarks failed" >&2
	exit 1
}
# One row per benchmark: the median ns/op (and its range), B/op, allocs/op.
gobench_table() {
	awk '
	/^pkg:/ { pkg = $2; sub(".*/internal/", "", pkg) }
	/^Benchmark/ {
		name = pkg "." $1; sub(/-[0-9]+$/, "", name)
		for (i = 3; i < NF; i++) {
			if ($(i + 1) == "ns/op") ns[name] = ns[name] " " $i
			if ($(i + 1) == "B/op") bop[name] = $i
			if ($(i + 1) == "allocs/op") al[name] = $i
		}
		if (!(name in seen)) { seen[name] = 1; order[++k] = name }
	}
	END {
		for (x = 1; x <= k; x++) {
			name = order[x]; m = split(substr(ns[name], 2), v, " ")
			for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
			med = m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
			printf "%s %.4f %.4f %.4f %d %d\n", name, med / 1e6, v[1] / 1e6, v[m] / 1e6, bop[name], al[name]
		}
	}' "$work/gobench.txt"
}
gobench_table >"$work/gobench-table.txt"
gb_ms() { awk -v n="$1" '$1 == n { print $2 }' "$work/gobench-table.txt"; }

# 9. RESULTS.md.
end_load=$(cut -d' ' -f1-3 /proc/loadavg)
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
fig() { # NAME: "median ms (min–max)" or "skipped (reason)"
	if [ -n "${med[$1]:-}" ]; then
		printf '%s ms (%s–%s)' "$(ms "${med[$1]}")" "$(ms "${lo[$1]}")" "$(ms "${hi[$1]}")"
	else
		printf 'skipped (%s)' "${skipped[$1]:-not measured}"
	fi
}
# target LABEL MEASURED OP LIMIT HOW: a pass/fail line; MEASURED empty = skipped.
target() {
	if [ -z "$2" ]; then
		printf '| %s | skipped | %s %s | **skipped** | %s |\n' "$1" "$3" "$4" "$5"
		return
	fi
	awk -v l="$1" -v m="$2" -v op="$3" -v lim="$4" -v how="$5" 'BEGIN {
		ok = (op == "≤") ? (m <= lim + 0) : (m >= lim + 0)
		printf "| %s | %.3g | %s %s | %s | %s |\n", l, m, op, lim, ok ? "**pass**" : "**FAIL**", how
	}'
}
ratio() { # A B: A / B, or empty if either is missing
	if [ -n "${1:-}" ] && [ -n "${2:-}" ]; then
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", a / b }'
	fi
}
r3() { if [ -n "$1" ]; then awk -v x="$1" 'BEGIN { printf "%.3g", x }'; else printf 'skipped'; fi; }
pdfpeer() { ratio "${med[pe_pdf]:-}" "${med[$1]:-}"; }
pandoc3=""
[ -n "${med[pandoc_html]:-}" ] && [ -n "${med[pandoc_plain]:-}" ] && [ -n "${med[pandoc_json]:-}" ] &&
	pandoc3=$(awk -v a="${med[pandoc_html]}" -v b="${med[pandoc_plain]}" -v c="${med[pandoc_json]}" 'BEGIN { print a + b + c }')
j1check=${brate[$nref/archival/1/check]:-}
typst8="" typst8inc=""
[ -n "$j1check" ] && [ -n "${typst_rate[scratch]:-}" ] && typst8=$(ratio "$j1check" "${typst_rate[scratch]}")
[ -n "$j1check" ] && [ -n "${typst_rate[incremental]:-}" ] && typst8inc=$(ratio "$j1check" "${typst_rate[incremental]}")
# The durable-batch target: the median of the ratios of each pair of
# runs (written, then --check), the rates' lines in run order.
pair_ratio="" pair_range="" npairs=0
pf=$nref/archival/$jmax
pf=${pf//\//_}
if [ -s "$work/rate-${pf}_write" ] && [ -s "$work/rate-${pf}_check" ]; then
	npairs=$(wc -l <"$work/rate-${pf}_write")
	read -r pair_ratio lo hi < <(paste "$work/rate-${pf}_write" "$work/rate-${pf}_check" | awk '{ printf "%.6f\n", $1 / $2 }' | stats)
	pair_range="$(r3 "$lo")–$(r3 "$hi")"
fi
# The peak RSS target is the worst ratio over every batch variant (plain
# and archival, -j 1 and -j 2, written and --check).
rss_ratio="" rss_worst=""
for k in "${batch_keys[@]}"; do
	case $k in "$nlarge"/*) ;; *) continue ;; esac
	small=$nsmall/${k#*/}
	r=$(ratio "${brss[$k]:-}" "${brss[$small]:-}")
	[ -n "$r" ] || continue
	if [ -z "$rss_ratio" ] || awk -v a="$r" -v b="$rss_ratio" 'BEGIN { exit !(a > b) }'; then
		rss_ratio=$r rss_worst=${k#*/}
	fi
done
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
ver() { "$@" 2>&1 | head -n 1; }
{
	echo "# policyexport benchmark results"
	echo
	echo "Written by \`bench/run.sh\`; do not edit by hand. Medians of several runs (the range in brackets is the fastest and the slowest run); every target is a ratio against a peer measured in the same run."
	echo
	echo "- Date: $start_date, $(($(date +%s) - start_s)) s for the whole run"
	echo "- Machine: $(nproc) CPUs, $cpu_model, shared with other work: load average $start_load at the start, $end_load at the end; $start_mem GiB of memory available and $start_cached GiB of files in the page cache at the start; before the batches, $settle_note"
	echo "- Settings: SIZES=\"$SIZES\" JOBS_LIST=\"$JOBS_LIST\" RUNS=$RUNS BATCH_RUNS=$BATCH_RUNS PAIRS=$PAIRS TYPST_N=$TYPST_N TYPST_RUNS=$TYPST_RUNS CALLGRIND_DOCS=$CALLGRIND_DOCS CALLGRIND_RUNS=$CALLGRIND_RUNS BENCHTIME=$BENCHTIME BENCHCOUNT=$BENCHCOUNT SETTLE_MAX=$SETTLE_MAX; each written batch's output evicted from the page cache before the next written batch ($evicted times); timing by $(have hyperfine && ver hyperfine --version || echo 'a date +%s%N loop (hyperfine not installed)')"
	echo "- policyexport $("$pe" --version | awk '{print $2}'), $(go version | awk '{print $3}')"
	echo "- Peers: $(have pandoc && ver pandoc --version || echo 'pandoc skipped'); $(have wkhtmltopdf && ver wkhtmltopdf --version || echo 'wkhtmltopdf skipped'); $(have weasyprint && ver weasyprint --version || echo 'WeasyPrint skipped'); $([ -n "$chrome" ] && { dpkg-query -W -f='Chromium ${Version}' chromium 2>/dev/null || ver "$chrome" --version; } || echo 'Chromium skipped'); ${typst_ver:-Typst skipped}"
	echo "- The seed: the embedded privacy policy with \`testdata/input/seed.values.yaml\` (3 A4 pages). pandoc reads its Markdown filled by sed; WeasyPrint, wkhtmltopdf and Chromium read policyexport's own HTML of it; Typst compiles an equivalent \`.typ\` written by \`bench/typst-rate.js\` (Typst 0.14's defaults: tagged)."
	echo
	echo "## Targets (issue 14)"
	echo
	echo "| target | measured | bound | result | how |"
	echo "|---|---:|---:|---|---|"
	target "One PDF, whole process, vs wkhtmltopdf" "$(pdfpeer wkhtmltopdf)" "≤" 0.05 "policyexport render -f pdf / wkhtmltopdf, medians"
	target "One PDF, whole process, vs WeasyPrint" "$(pdfpeer weasyprint)" "≤" 0.0333 "policyexport render -f pdf / weasyprint (1/30)"
	target "One PDF, whole process, vs Chromium" "$(pdfpeer chromium)" "≤" 0.0222 "policyexport render -f pdf / chromium --print-to-pdf (1/45)"
	target "All four formats in one process vs pandoc HTML alone" "$(ratio "${med[pe_all]:-}" "${med[pandoc_html]:-}")" "≤" 0.5 "policyexport render (4 formats) / pandoc -s -t html"
	target "Batch of $nref × 4, a-3u,ua-1, written vs --check (-j $jmax)" "$pair_ratio" "≥" 0.85 "documents/s written / documents/s in memory: the median of $npairs pairs' ratios ($pair_range); the ratio of the two medians is $(r3 "$(ratio "${brate[$nref/archival/$jmax/write]:-}" "${brate[$nref/archival/$jmax/check]:-}")")"
	target "One core, -j 1 --check, $nref × 4 formats, a-3u,ua-1, vs Typst warm one-thread PDF, every document from scratch" "$typst8" "≥" 8 "documents/s / Typst PDFs/s (both pinned to CPU 0)"
	target "Peak RSS, $nlarge documents vs $nsmall, the worst of every batch variant ($rss_worst)" "$rss_ratio" "≤" 1.3 "max RSS ratio, same PDF, -j and mode (the issue's sizes are 10,000 and 1,000)"
	target "300 KB document, all four formats, ms (in process, BenchmarkAll300KB)" "$(gb_ms render.BenchmarkAll300KB)" "≤" 150 "median ns/op of go test -bench"
	target "300 KB document, all four formats, ms (whole process)" "$([ -n "${med[pe_300k]:-}" ] && ms "${med[pe_300k]}")" "≤" 150 "policyexport render of the generated 300 KB Markdown"
	echo
	echo "Other ratios from the same run: all four formats against pandoc's three processes for html, plain and json: $(r3 "$(ratio "${med[pe_all]:-}" "$pandoc3")"); the archival PDF against the plain one: $(r3 "$(ratio "${med[pe_pdf_arch]:-}" "${med[pe_pdf]:-}")"); all four formats, archival, against pandoc HTML alone: $(r3 "$(ratio "${med[pe_all_arch]:-}" "${med[pandoc_html]:-}")"); one core, -j 1 --check, against Typst keeping its memo cache from one document to the next (incremental, as \`typst watch\` does; our batch reuses no layout between documents): $(r3 "$typst8inc")."
	echo
	echo "## Whole process, the seed (median of $RUNS runs)"
	echo
	echo "| command | time |"
	echo "|---|---:|"
	echo "| policyexport render -f pdf | $(fig pe_pdf) |"
	echo "| policyexport render -f pdf --pdf-standard a-3u,ua-1 | $(fig pe_pdf_arch) |"
	echo "| policyexport render -f html | $(fig pe_html) |"
	echo "| policyexport render -f txt | $(fig pe_txt) |"
	echo "| policyexport render -f json | $(fig pe_json) |"
	echo "| policyexport render (all four) | $(fig pe_all) |"
	echo "| policyexport render (all four) --pdf-standard a-3u,ua-1 | $(fig pe_all_arch) |"
	echo "| policyexport render (all four), 300 KB document | $(fig pe_300k) |"
	echo "| pandoc -s -t html | $(fig pandoc_html) |"
	echo "| pandoc -t plain | $(fig pandoc_plain) |"
	echo "| pandoc -t json | $(fig pandoc_json) |"
	echo "| wkhtmltopdf (our HTML) | $(fig wkhtmltopdf) |"
	echo "| weasyprint (our HTML) | $(fig weasyprint) |"
	echo "| chromium --headless --print-to-pdf (our HTML) | $(fig chromium) |"
	if [ -z "${skipped[typst]:-}" ]; then
		for mode in scratch incremental; do
			awk -v r="${typst_rate[$mode]}" -v a="${typst_lo[$mode]}" -v b="${typst_hi[$mode]}" -v n="$TYPST_N" -v k="$TYPST_RUNS" -v m="$mode" \
				'BEGIN { w = m == "scratch" ? "each document from scratch (memo cache cleared)" : "incremental (memo cache kept)"; printf "| Typst, warm, one thread, %s: %d PDFs in one process, median of %d | %.1f PDFs/s (%.1f–%.1f); %.1f ms a PDF |\n", w, n, k, r, a, b, 1000 / r }'
		done
	else
		echo "| Typst | skipped (${skipped[typst]:-}) |"
	fi
	echo
	echo "## Batches (median of $BATCH_RUNS runs; of $npairs for $nref archival documents at -j $jmax, the durable-batch target's)"
	echo
	echo "All four formats; each document its own site name and address, four lastUpdated dates. \"written\": atomic, fsynced files and index.json (every file checked against the index); \"--check\": rendered in memory and compared. \`-j 1\` runs are pinned to CPU 0. CPU ms a document is user + system time over documents: the cost that the other load on the machine does not change."
	echo
	echo "| documents | PDF | -j | mode | documents/s | CPU ms / document | peak RSS (MiB) |"
	echo "|---:|---|---:|---|---:|---:|---:|"
	for k in "${batch_keys[@]}"; do
		IFS=/ read -r n v j mode <<<"$k"
		awk -v n="$n" -v v="$([ "$v" = archival ] && echo 'a-3u,ua-1' || echo plain)" -v j="$j" -v mode="$([ "$mode" = check ] && printf %s --check || printf %s written)" \
			-v r="${brate[$k]}" -v a="${brlo[$k]}" -v b="${brhi[$k]}" -v c="${bcpu[$k]}" -v m="${brss[$k]}" \
			'BEGIN { printf "| %d | %s | %d | %s | %.0f (%.0f–%.0f) | %.2f | %.0f |\n", n, v, j, mode, r, a, b, c, m / 1024 }'
	done
	echo
	echo "## Instructions (callgrind, median of $CALLGRIND_RUNS runs; GOMAXPROCS=1)"
	echo
	if [ -n "${ir[pdf]:-}" ]; then
		echo "Instruction counts do not depend on the machine's load: compare them between commits to see a regression that wall-clock time hides. The range is the lowest and highest count of the runs (Go's scheduler and map order move them by about 1 %)."
		echo
		echo "| what | instructions (Ir) | range |"
		echo "|---|---:|---|"
		c1=$CALLGRIND_DOCS c2=$((2 * CALLGRIND_DOCS))
		irrow() { awk -v l="$1" -v v="$2" -v a="$3" -v b="$4" -v d="$5" 'BEGIN { printf "| %s | %d | %d–%d |\n", l, v / d, a / d, b / d }'; }
		irrow "render -f pdf, the seed (whole process)" "${ir[pdf]}" "${irlo[pdf]}" "${irhi[pdf]}" 1
		irrow "render -f pdf --pdf-standard a-3u,ua-1, the seed (whole process)" "${ir[pdf_arch]}" "${irlo[pdf_arch]}" "${irhi[pdf_arch]}" 1
		irrow "batch --check -j 1, 4 formats, $c1 documents: per document" "${ir[batch$c1]}" "${irlo[batch$c1]}" "${irhi[batch$c1]}" "$c1"
		irrow "batch --check -j 1, 4 formats, $c2 documents: per document" "${ir[batch$c2]}" "${irlo[batch$c2]}" "${irhi[batch$c2]}" "$c2"
		awk -v a="${ir[batch$c1]}" -v b="${ir[batch$c2]}" -v n="$c1" 'BEGIN { printf "| one more document in a batch ((Ir(%d) − Ir(%d)) / %d) | %d | |\n", 2 * n, n, n, (b - a) / n }'
		irrow "batch --check -j 1 --pdf-standard a-3u,ua-1, 4 formats, $c1 documents: per document" "${ir[batcha$c1]}" "${irlo[batcha$c1]}" "${irhi[batcha$c1]}" "$c1"
		irrow "batch --check -j 1 --pdf-standard a-3u,ua-1, 4 formats, $c2 documents: per document" "${ir[batcha$c2]}" "${irlo[batcha$c2]}" "${irhi[batcha$c2]}" "$c2"
		awk -v a="${ir[batcha$c1]}" -v b="${ir[batcha$c2]}" -v n="$c1" 'BEGIN { printf "| one more archival document in a batch ((Ir(%d) − Ir(%d)) / %d): the one-core target'"'"'s work | %d | |\n", 2 * n, n, n, (b - a) / n }'
	else
		echo "Skipped (${skipped[callgrind]:-})."
	fi
	echo
	echo "## Go benchmarks (median of $BENCHCOUNT runs of -benchtime $BENCHTIME, -benchmem)"
	echo
	echo "| benchmark | ms / op | range | B / op | allocs / op |"
	echo "|---|---:|---|---:|---:|"
	awk '{ printf "| %s | %.3f | %.3f–%.3f | %d | %d |\n", $1, $2, $3, $4, $5, $6 }' "$work/gobench-table.txt"
	echo
	echo "$(grep -m1 '^cpu:' "$work/gobench.txt" || true); \`go test -run '^\$' -bench '^(BenchmarkRenderSeed|BenchmarkRenderSeedPDFA|BenchmarkAllSeed|BenchmarkAll300KB)\$' -benchmem ${gobench_pkgs[*]}\` repeats them."
	skipped_keys=("${!skipped[@]}")
	if [ ${#skipped_keys[@]} -gt 0 ]; then
		echo
		echo "## Skipped"
		echo
		for k in "${skipped_keys[@]}"; do echo "- $k: ${skipped[$k]}"; done
	fi
} >"$OUT"
log "wrote $OUT"
cat "$OUT"
