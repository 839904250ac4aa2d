# Sourced by mvnw: makes JAVA_HOME point at a JDK 21 or newer.
# Order: JAVA_HOME, then the java on PATH, then the newest JDK under /usr/lib/jvm.
# Stops with a clear message when there is none. Then quiets the JDK's warnings about Maven's own
# code and, on a machine that has never built the project, says why the first build takes minutes.

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

# Maven's own Guice calls sun.misc.Unsafe, about which JDK 24 and later warn on every run. The option
# that allows it exists from JDK 23 on: an older JDK would refuse to start with it, so it is not in
# .mvn/jvm.config.
nemesis_allow_unsafe_for_maven() {
  if [ "$(nemesis_java_feature "$JAVA_HOME")" -ge 23 ]; then
    MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
    export MAVEN_OPTS
  fi
}

# Maven prints nothing with -q while it downloads itself, its plugins and the libraries.
nemesis_first_build_notice() {
  if [ ! -d "${HOME:-~}/.m2/repository/io/helidon/applications/helidon-mp" ]; then
    echo "NemesisDB: first build on this machine: Maven downloads itself, its plugins and the libraries" \
      "(into ~/.m2) and compiles the server. This takes a few minutes; later builds take seconds." >&2
  fi
}

nemesis_select_jdk
nemesis_allow_unsafe_for_maven
nemesis_first_build_notice
