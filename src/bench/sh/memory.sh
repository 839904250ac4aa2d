#!/bin/sh
# What a server of the NemesisDB protocol (this one, NemesisDB 0.6.4, any URL) needs to hold N keys:
# loads N keys of S-character string values with the load generator, then reports the server's RSS
# (VmRSS, /proc/PID/status) before and after, RSS per key, and for a JVM the heap in use after a full
# collection (jcmd PID GC.run, GC.heap_info) and per key, then the get figures (ops/s, p99) at speed,
# and the RSS after them. With HISTOGRAM=1 it also prints the JVM's largest classes per key
# (jcmd PID GC.class_histogram).
# Build the generator first: ./mvnw -q -DskipTests package && ./mvnw -q -Pbench test-compile
# usage: src/bench/sh/memory.sh URL PID [KEYS (1000000)] [VALUE_SIZE (32)]
# JAVA selects the java binary (21+) and its jcmd; BENCH_CP the generator's classes; LOADS the get
# loads after the load (op:connections:window, default "get:4:64 get:1:1"); DURATION their seconds (5).
# SESSIONS=1 (a sessions-mode server): creates N sessions of two small keys each instead (SessionFill),
# reports per session, and runs no get loads.
set -eu
[ $# -ge 2 ] || { sed -n '8,13p' "$0"; exit 2; }
URL=$1 PID=$2 KEYS=${3:-1000000} SIZE=${4:-32}
JAVA=${JAVA:-java}
JCMD=$(dirname "$(command -v "$JAVA")")/jcmd
CP=${BENCH_CP:-$(dirname "$0")/../../../target/test-classes}
LOADS=${LOADS:-"get:4:64 get:1:1"}
DURATION=${DURATION:-5}
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$PID/status"; }
is_jvm() { "$JCMD" "$PID" VM.version > /dev/null 2>&1; }
# heap in use after a full collection, KiB: the sum of GC.heap_info's "used NK" figures, one per heap
# (G1) or per generation (Parallel, Serial: their spaces' lines give percentages), without Metaspace
heap_kib() {
    "$JCMD" "$PID" GC.run > /dev/null
    "$JCMD" "$PID" GC.heap_info | awk '!/Metaspace|class space/ {
            for (i = 1; i < NF; i++) if ($i == "used" && $(i + 1) ~ /^[0-9]+K/) { v = $(i + 1); sub(/K.*/, "", v); sum += v } }
        END { print sum + 0 }'
}
generator() { "$JAVA" -Xmx512m -cp "$CP" io.nemesisdb.bench.LoadGenerator --url "$URL" --value-size "$SIZE" --keys "$KEYS" "$@"; }

JVM=false
is_jvm && JVM=true
before_rss=$(rss_kib)
before_heap=0
$JVM && before_heap=$(heap_kib)
start=$(date +%s)
if [ "${SESSIONS:-0}" = 1 ]; then
    "$JAVA" -Xmx512m -cp "$CP" io.nemesisdb.bench.SessionFill "$URL" "$KEYS" 4 > /dev/null
    LOADS=""
else
    generator --op load --connections 4 > /dev/null
fi
loaded_in=$(( $(date +%s) - start ))
sleep 1
after_rss=$(rss_kib)
if [ "${SESSIONS:-0}" = 1 ]; then
    printf '%d sessions of 2 keys (per key below: per session), created in %d s (4 connections)\n' "$KEYS" "$loaded_in"
else
    printf 'keys %d x %d-character values, loaded in %d s (4 connections)\n' "$KEYS" "$SIZE" "$loaded_in"
fi
printf 'RSS before %d MiB, after %d MiB: %.0f bytes per key\n' $((before_rss / 1024)) $((after_rss / 1024)) \
    "$(echo "($after_rss - $before_rss) * 1024 / $KEYS" | bc -l)"
if $JVM; then
    after_heap=$(heap_kib)
    printf 'heap after GC before %d MiB, after %d MiB: %.0f bytes per key; RSS after the collection %d MiB\n' \
        $((before_heap / 1024)) $((after_heap / 1024)) "$(echo "($after_heap - $before_heap) * 1024 / $KEYS" | bc -l)" \
        $(( $(rss_kib) / 1024 ))
    if [ "${HISTOGRAM:-0}" = 1 ]; then
        echo "largest classes (bytes per key, instances per key):"
        "$JCMD" "$PID" GC.class_histogram | awk -v keys="$KEYS" '
            NR > 1 && $1 ~ /^[0-9]+:$/ && n < 12 { n++; printf "  %7.1f B %6.2f  %s\n", $3 / keys, $2 / keys, $4 }'
    fi
fi
for load in $LOADS; do
    op=${load%%:*}; rest=${load#*:}; connections=${rest%%:*}; window=${rest#*:}
    threads=""
    [ "$window" = 1 ] && threads="--threads 1"
    generator --op "$op" --connections "$connections" --window "$window" --duration "$DURATION" --warmup 3 \
        --server-pid "$PID" $threads 2>&1 | awk -v load="$op c$connections w$window" '
            /^ops\/s/ { for (i = 1; i <= NF; i++) { if ($i == "p99") p99 = $(i + 1); if ($i == "p99.9") p999 = $(i + 1) }
                        printf "%s: ops/s %s, p99 %s µs, p99.9 %s µs\n", load, $2, p99, p999 }'
done
printf 'RSS after the get runs %d MiB\n' $(( $(rss_kib) / 1024 ))
