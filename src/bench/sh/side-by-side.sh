#!/bin/sh
# Side-by-side figures of two or more servers of the NemesisDB protocol (this one, NemesisDB 0.6.4,
# another build), measured in the same run: each load runs on every server in turn, ROUNDS times,
# the order rotating each round, and the table gives the median ops/s, p99 latency and server CPU per
# request of each, and the ratio of each server's median to the first's.
# Build the generator first: ./mvnw -q -DskipTests package && ./mvnw -q -Pbench test-compile
# usage: src/bench/sh/side-by-side.sh [-s] [-r ROUNDS] [-d SECONDS] NAME=URL=PID ...
#   -s sessions mode (each connection makes its own session)   -r rounds (default 3)   -d measured seconds (default 5)
# JAVA selects the java binary (21+), default: java on the PATH; BENCH_CP the generator's classes;
# AUTH_KEY is sent to every server (set it when a server requires keys); LOADS replaces the loads;
# KEYS the key range the loads use (the generator's default, 10,000; load larger ranges first, with --op load);
# GENERATOR_CPUS pins the generator (taskset -c), e.g. 1 when the servers are pinned to core 0.
set -eu
SESSIONS=false ROUNDS=3 DURATION=5
while getopts "sr:d:" opt; do
    case $opt in
        s) SESSIONS=true ;; r) ROUNDS=$OPTARG ;; d) DURATION=$OPTARG ;;
        *) sed -n '6,9p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n '6,9p' "$0"; exit 2; }
JAVA=${JAVA:-java}
generator() {
    if [ -n "${GENERATOR_CPUS:-}" ]; then taskset -c "$GENERATOR_CPUS" "$JAVA" "$@"; else "$JAVA" "$@"; fi
}
CP=${BENCH_CP:-$(dirname "$0")/../../../target/test-classes}
LOADS=${LOADS:-"get:4:64 set:4:64 mix:4:64 mix:16:64 get:4:1 get:1:1"}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
measure() { # name url pid op connections window
    threads=""
    [ "$6" = 1 ] && threads="--threads 1" # window 1 leaves nothing to batch: one generator loop answers with fewer wake-ups
    key=""
    [ -n "${AUTH_KEY:-}" ] && key="--auth-key $AUTH_KEY"
    run=$(generator -Xmx512m -cp "$CP" io.nemesisdb.bench.LoadGenerator --url "$2" --server-pid "$3" --sessions "$SESSIONS" \
        --op "$4" --connections "$5" --window "$6" --duration "$DURATION" --warmup 3 --keys "${KEYS:-10000}" $threads $key 2>&1) ||
        { printf 'the generator failed against %s (%s):\n%s\n' "$1" "$2" "$run" >&2; exit 1; }
    printf '%s\n' "$run" |
        awk -v name="$1" -v load="$4 c$5 w$6" '
            /^ops\/s/ { gsub(",", "", $2); ops = $2; for (i = 1; i <= NF; i++) if ($i == "p99") p99 = $(i + 1) }
            /server CPU/ { s = $0; sub(/.*server CPU [0-9.]+ cores \(/, "", s); sub(/ .*/, "", s); cpu = s }
            END { printf "%s|%s|%s|%s|%s\n", load, name, ops, p99, cpu }' >> "$OUT"
}
# a discarded warm-up of every server, so that the measured runs meet warm JITs
for server in "$@"; do
    name=${server%%=*}; rest=${server#*=}; url=${rest%=*}; pid=${rest##*=}
    generator -Xmx512m -cp "$CP" io.nemesisdb.bench.LoadGenerator --url "$url" --sessions "$SESSIONS" --op mix \
        --connections 4 --window 64 --duration 3 --warmup 2 ${AUTH_KEY:+--auth-key $AUTH_KEY} > /dev/null 2>&1 || true
done
for load in $LOADS; do
    op=${load%%:*}; rest=${load#*:}; connections=${rest%%:*}; window=${rest#*:}
    round=0
    while [ $round -lt "$ROUNDS" ]; do
        # rotate the order each round, so that no server always runs first
        i=0
        for server in "$@"; do
            [ $i -lt $((round % $#)) ] && { i=$((i + 1)); continue; }
            name=${server%%=*}; rest=${server#*=}; measure "$name" "${rest%=*}" "${rest##*=}" "$op" "$connections" "$window"
            i=$((i + 1))
        done
        i=0
        for server in "$@"; do
            [ $i -ge $((round % $#)) ] && break
            name=${server%%=*}; rest=${server#*=}; measure "$name" "${rest%=*}" "${rest##*=}" "$op" "$connections" "$window"
            i=$((i + 1))
        done
        round=$((round + 1))
    done
done
names=$(for server in "$@"; do printf '%s ' "${server%%=*}"; done)
echo "sessions=$SESSIONS rounds=$ROUNDS duration=${DURATION}s; medians: ops/s (p99 µs, server µs/op); ratio = ops/s / first server's"
awk -F'|' -v names="$names" '
    { key = $1 SUBSEP $2; n[key]++; ops[key, n[key]] = $3; p99[key, n[key]] = $4; cpu[key, n[key]] = $5
      if (!($1 in seen)) { seen[$1] = 1; loads[++nl] = $1 } }
    function median(arr, key, count,   i, j, t, v) {
        for (i = 1; i <= count; i++) v[i] = arr[key, i] + 0
        for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
        return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
    }
    END {
        ns = split(names, server, " ")
        header = "| load |"; line = "|---|"
        for (s = 1; s <= ns; s++) { header = header " " server[s] " |"; line = line "---:|" }
        for (s = 2; s <= ns; s++) { header = header " " server[s] "/" server[1] " |"; line = line "---:|" }
        print header; print line
        for (l = 1; l <= nl; l++) {
            row = "| " loads[l] " |"
            for (s = 1; s <= ns; s++) {
                key = loads[l] SUBSEP server[s]
                m[s] = median(ops, key, n[key])
                row = row sprintf(" %d (%d, %.2f) |", m[s], median(p99, key, n[key]), median(cpu, key, n[key]))
            }
            for (s = 2; s <= ns; s++) row = row sprintf(" %.2f |", m[1] > 0 ? m[s] / m[1] : 0)
            print row
        }
    }' "$OUT"
