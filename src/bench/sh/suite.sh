#!/bin/sh
# The issue-7 benchmark matrix against a running server (this one or NemesisDB 0.6.4).
# Build the generator first: ./mvnw -q -Pbench test-compile
# usage: src/bench/sh/suite.sh [url] [server-pid] [sessions: true|false] [duration] [warmup]
# JAVA selects the java binary (21+), default: java on the PATH; BENCH_CP the generator's classes.
URL=${1:-ws://127.0.0.1:1987/}
PID=${2:-0}
SESSIONS=${3:-false}
DURATION=${4:-5}
WARMUP=${5:-3}
JAVA=${JAVA:-java}
CP=${BENCH_CP:-$(dirname "$0")/../../../target/test-classes}
run() {
    echo "== $*"
    "$JAVA" -Xmx512m -cp "$CP" io.nemesisdb.bench.LoadGenerator --url "$URL" --server-pid "$PID" \
        --sessions "$SESSIONS" --duration "$DURATION" --warmup "$WARMUP" "$@" | sed 's/^/   /'
}
# one discarded run first, so that the measured ones meet a server whose JIT has warmed up
run --op mix --connections 4 --window 64 > /dev/null
run --op get --connections 4 --window 64
run --op set --connections 4 --window 64
run --op mix --connections 4 --window 64
run --op mix --connections 16 --window 64
run --op setq --connections 4 --window 64
# window 1 leaves nothing to batch: one event loop answers with fewer wake-ups than two
run --op get --connections 4 --window 1 --threads 1
run --op mix --connections 4 --window 1 --threads 1
