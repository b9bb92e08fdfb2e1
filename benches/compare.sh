#!/usr/bin/env bash
# Full-build benchmark: dossier against Hugo on the same generated corpus.
#
# dossier builds it twice over: with its default theme (`dossier`: stance
# tables, histories, preview cards, networks, JSON-LD — far more than the
# Hugo templates show), and with templates equivalent to the Hugo site's
# (`dossier/equivalent`, benches/equivalent/: the same briefing page, term
# pages and lists). The default build also writes open data, feeds and the
# sitemap; the equivalent one turns them off (benches/equivalent/dossier.yaml),
# as the Hugo site turns off feeds and sitemap and has no open data.
#
#   benches/compare.sh [N ...]        default: 1000 10000 50000
#   RUNS=5 benches/compare.sh 10000   runs per tool (alternating), default 3
#   NO_HUGO=1 benches/compare.sh 50000
#   FRESH=1 benches/compare.sh 10000  removes each tool's previous output before
#                                     its run (untimed); by default both build
#                                     over their last output, as a user rebuilds
#   SEARCH=1 benches/compare.sh 1000  also times dossier with its search index
#                                     on (the corpus has `search: false`, as
#                                     Hugo builds no search index)
#
# Input and output live on tmpfs (/dev/shm): on this machine's disk, file
# creation times swing by 10x from minute to minute. Reports the median wall
# time, median CPU time (user+sys) and median peak memory per tool, and the
# dossier/Hugo ratios, then the page weight of the default build: its largest
# HTML page and largest feed against the budget (512 KB, 1 MB). Needs GNU time (/usr/bin/time) and, for the
# comparison, Debian's hugo.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=("${@:-1000 10000 50000}")
read -r -a SIZES <<<"${SIZES[*]}"
WORK=${WORK:-/dev/shm/dossier-bench}
cargo build --release --quiet
DOSSIER=$PWD/target/release/dossier
mkdir -p "$WORK"

# corpus FLAVOR DIR N: generates into a temporary folder and renames it, so
# an interrupted run never leaves a half-written corpus to be reused.
corpus() {
    [ -d "$2" ] && return
    rm -rf "$2.tmp"
    python3 benches/corpus.py --n "$3" --flavor "$1" --out "$2.tmp"
    mv "$2.tmp" "$2"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# run TOOL N: one timed build; appends "wall cpu maxrss_kb" to $WORK/TOOL-N.times
run() {
    local tool=$1 n=$2 t="$WORK/time.out"
    if [ -n "${FRESH:-}" ]; then
        rm -rf "$WORK/d$n-public" "$WORK/s$n-public" "$WORK/e$n-public" "$WORK/h$n-public"
    fi
    if [ "$tool" != hugo ]; then
        local root="$WORK/d$n"
        [ "$tool" = dossier+search ] && root="$WORK/s$n"
        [ "$tool" = dossier/equivalent ] && root="$WORK/e$n"
        /usr/bin/time -o "$t" -f "%e %U %S %M" "$DOSSIER" build --root "$root" --output "$root-public" >/dev/null 2>"$WORK/last.err" ||
            { cat "$WORK/last.err" >&2; exit 1; }
    else
        (cd "$WORK/h$n" && /usr/bin/time -o "$t" -f "%e %U %S %M" hugo --quiet -d "$WORK/h$n-public" >/dev/null 2>"$WORK/last.err") ||
            { cat "$WORK/last.err" >&2; exit 1; }
    fi
    awk '{printf "%s %.2f %d\n", $1, $2 + $3, $4}' "$t" >>"$(times_file "$tool" "$n")"
}

times_file() { echo "$WORK/${1//\//-}-$2.times"; }

# equivalent N: the dossier corpus with the Hugo-equivalent templates.
equivalent() {
    local e="$WORK/e$1"
    if [ ! -d "$e/content" ]; then
        rm -rf "$e" && mkdir -p "$e"
        cp -al "$WORK/d$1/content" "$e/content"
    fi
    cp benches/equivalent/dossier.yaml "$e/"
    rm -rf "$e/templates" && cp -r benches/equivalent/templates "$e/templates"
}

printf '| briefings | tool | wall (median) | CPU (median) | peak memory (median) |\n| ---: | --- | ---: | ---: | ---: |\n' >"$WORK/table.md"
printf '| briefings | largest HTML page | largest feed |\n| ---: | --- | --- |\n' >"$WORK/weight.md"
# weight N: the default build's largest page and feed, with their sizes.
weight() {
    local out="$WORK/d$1-public" page feed
    page=$(find "$out" -name '*.html' -printf '%s %P\n' | sort -n | tail -1)
    feed=$(find "$out" -name 'atom.xml' -printf '%s %P\n' | sort -n | tail -1)
    printf '| %s | %s KB (%s) | %s KB (%s) |\n' "$1" $((${page%% *} / 1024)) "${page#* }" $((${feed%% *} / 1024)) "${feed#* }" >>"$WORK/weight.md"
}
for n in "${SIZES[@]}"; do
    corpus dossier "$WORK/d$n" "$n"
    equivalent "$n"
    tools=(dossier dossier/equivalent)
    if [ -n "${SEARCH:-}" ]; then
        # The same content, with search on.
        mkdir -p "$WORK/s$n"
        ln -sfn "$WORK/d$n/content" "$WORK/s$n/content"
        printf 'title: Benchmark\nsearch: true\n' >"$WORK/s$n/dossier.yaml"
        tools+=(dossier+search)
    fi
    if [ -z "${NO_HUGO:-}" ] && command -v hugo >/dev/null; then
        corpus hugo "$WORK/h$n" "$n"
        tools+=(hugo)
    fi
    for t in "${tools[@]}"; do rm -f "$(times_file "$t" "$n")"; done
    for ((i = 0; i < RUNS; i++)); do
        for t in "${tools[@]}"; do run "$t" "$n"; done
    done
    for t in "${tools[@]}"; do
        f=$(times_file "$t" "$n")
        wall=$(cut -d' ' -f1 "$f" | median); cpu=$(cut -d' ' -f2 "$f" | median); mem=$(cut -d' ' -f3 "$f" | median)
        printf '| %s | %s | %.2f s | %.2f s | %d MiB |\n' "$n" "$t" "$wall" "$cpu" $((${mem%.*} / 1024)) >>"$WORK/table.md"
        v=${t//[+\/]/_}
        eval "${v}_wall=$wall ${v}_mem=${mem%.*}"
    done
    if [[ " ${tools[*]} " == *" hugo "* ]]; then
        ratio() {
            awk -v n="$n" -v t="$1" -v dw="$2" -v hw="$hugo_wall" -v dm="$3" -v hm="$hugo_mem" \
                'BEGIN {printf "| %s | ratio %s/Hugo | %.2f× | | %.2f× |\n", n, t, dw / hw, dm / hm}' >>"$WORK/table.md"
        }
        ratio dossier "$dossier_wall" "$dossier_mem"
        ratio dossier/equivalent "$dossier_equivalent_wall" "$dossier_equivalent_mem"
    fi
    weight "$n"
done
cat "$WORK/table.md"
echo
cat "$WORK/weight.md"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); runs per tool: $RUNS"
