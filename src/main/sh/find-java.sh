# Finds a Java 21 or newer; sourced by the Maven Wrapper (.mvn/select-jdk.sh, which needs a JDK:
# java and javac) and by the server's launcher (target/nemesisdb, which needs java only).
# Order: JAVA_HOME, then the java on PATH, then the newest under /usr/lib/jvm.

nemesis_java_feature() {
  "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\)\(\.[^"]*\)\{0,1\}".*/\1/p'
}

# nemesis_is_java21 <home> <tool>: true when <home>/bin has <tool> (java or javac) and java is 21+
nemesis_is_java21() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/$2" ] || return 1
  feature=$(nemesis_java_feature "$1")
  [ -n "$feature" ] && [ "$feature" -ge 21 ] 2>/dev/null
}

# nemesis_select_java <tool>: sets and exports JAVA_HOME and sets nemesis_feature to its Java's
# feature version (21, 22, ...), or returns 1 when there is none
nemesis_select_java() {
  if [ -n "${JAVA_HOME:-}" ] && nemesis_is_java21 "$JAVA_HOME" "$1"; then
    nemesis_feature=$feature
    return 0
  fi
  if command -v "$1" >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v "$1")")")")
    if nemesis_is_java21 "$candidate" "$1"; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      nemesis_feature=$feature
      return 0
    fi
  fi
  best=""
  best_feature=0
  set +f  # mvnw runs with globbing off
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    if nemesis_is_java21 "$candidate" "$1"; then
      feature=$(nemesis_java_feature "$candidate")
      if [ "$feature" -gt "$best_feature" ]; then
        best=$candidate
        best_feature=$feature
      fi
    fi
  done
  set -f
  [ -n "$best" ] || return 1
  JAVA_HOME=$best
  export JAVA_HOME
  nemesis_feature=$best_feature
}
