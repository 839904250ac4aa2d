# Sourced by mvnw: makes JAVA_HOME point at a JDK 21 or newer (src/main/sh/find-java.sh says where
# it looks), and stops with a clear message when there is none. Then quiets the JDK's warnings about
# Maven's own code and, on a machine that has never built the project, says why the first build
# takes minutes.

. "$(cd "$(dirname "$0")" && pwd)/src/main/sh/find-java.sh"

if ! nemesis_select_java javac; then
  echo "NemesisDB needs a JDK 21 or newer: none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME to it." >&2
  exit 1
fi

# Maven's own Guice calls sun.misc.Unsafe, about which JDK 24 and later warn on every run. The option
# that allows it exists from JDK 23 on: an older JDK would refuse to start with it, so it is not in
# .mvn/jvm.config.
if [ "$(nemesis_java_feature "$JAVA_HOME")" -ge 23 ]; then
  MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
  export MAVEN_OPTS
fi

# Maven prints nothing with -q while it downloads itself, its plugins and the libraries.
if [ ! -d "${HOME:-~}/.m2/repository/io/helidon/applications/helidon-mp" ]; then
  echo "NemesisDB: first build on this machine: Maven downloads itself, its plugins and the libraries" \
    "(into ~/.m2) and compiles the server. This takes a few minutes; later builds take seconds." >&2
fi
