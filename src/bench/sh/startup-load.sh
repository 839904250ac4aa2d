#!/bin/sh
# Times a start-up load of a saved dataset by the packaged server, as the issue-5 benchmark:
# starts target/nemesisdb.jar with nemesis.load.name, reads the "loaded ... in N ms" line it logs,
# and prints MB/s of the dataset's newest save. Make datasets with
#   java -Xmx8g -cp "target/test-classes:target/classes:target/libs/*" io.nemesisdb.persist.PersistBenchmark /tmp/bench 1 all keep
# usage: src/bench/sh/startup-load.sh dir name kv|sessions [runs] [java options...]
# JAVA selects the java binary (21+); JAR the server jar (default target/nemesisdb.jar, libs beside it).
DIR=${1:?dataset directory}
NAME=${2:?dataset name}
MODE=${3:?kv or sessions}
RUNS=${4:-3}
shift 4 2>/dev/null || shift $#
JAVA=${JAVA:-java}
JAR=${JAR:-$(dirname "$0")/../../../target/nemesisdb.jar}
SESSIONS=false
[ "$MODE" = sessions ] && SESSIONS=true
SAVE=$(ls -d "$DIR/$NAME"/*/ | sort | tail -1)
BYTES=$(du -sb "$SAVE/data" | cut -f1)
LOG=$(mktemp)
for run in $(seq 1 "$RUNS"); do
    "$JAVA" "$@" -Dnemesis.sessions-enabled=$SESSIONS -Dserver.host=127.0.0.1 -Dserver.port=0 -Dnemesis.admin-port=0 \
        -Dnemesis.persist.enabled=false -Dnemesis.load.name="$NAME" -Dnemesis.load.path="$DIR" -jar "$JAR" > "$LOG" 2>&1 &
    PID=$!
    while ! grep -q "ready\|cannot load" "$LOG" && kill -0 $PID 2>/dev/null; do sleep 0.2; done
    MS=$(grep -o 'at start-up: .* in [0-9]* ms' "$LOG" | grep -o '[0-9]* ms' | cut -d' ' -f1)
    kill $PID 2>/dev/null; wait $PID 2>/dev/null
    if [ -z "$MS" ]; then
        echo "run $run: no load line"; cat "$LOG"; break
    fi
    echo "run $run: $BYTES bytes in $MS ms -> $(( BYTES / 1000 / MS )) MB/s"
done
rm -f "$LOG"
