# Sourced by mvnw: makes JAVA_HOME point at a JDK 21 or newer.
# Order: JAVA_HOME, then the java on PATH, then the newest JDK under /usr/lib/jvm.
# Stops with a clear message when there is none.

nemesis_java_feature() {
  "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\)\(\.[^"]*\)\{0,1\}".*/\1/p'
}

nemesis_is_jdk21() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  feature=$(nemesis_java_feature "$1")
  [ -n "$feature" ] && [ "$feature" -ge 21 ] 2>/dev/null
}

nemesis_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && nemesis_is_jdk21 "$JAVA_HOME"; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if nemesis_is_jdk21 "$candidate"; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      return 0
    fi
  fi
  best=""
  best_feature=0
  set +f  # mvnw runs with globbing off
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    if nemesis_is_jdk21 "$candidate"; then
      feature=$(nemesis_java_feature "$candidate")
      if [ "$feature" -gt "$best_feature" ]; then
        best=$candidate
        best_feature=$feature
      fi
    fi
  done
  set -f
  if [ -n "$best" ]; then
    JAVA_HOME=$best
    export JAVA_HOME
    return 0
  fi
  echo "NemesisDB needs a JDK 21 or newer: none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME to it." >&2
  exit 1
}

nemesis_select_jdk
