# shellcheck shell=bash
# Sourced by ./heq and .ci/run: finds a JDK 25 and exports JAVA_HOME (so Maven itself runs on JDK 25 and
# forks javac/surefire from it). Order: $HEQ_JAVA_HOME, $JAVA_HOME if it is 25+, then /usr/lib/jvm/*25*.
# The default `java` on these machines is 17 and is never used.
heq_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }
heq_find_jdk25() {
  local c
  for c in "${HEQ_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    local v; v=$(heq_java_major "$c")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}
if HEQ_JDK=$(heq_find_jdk25); then
  export JAVA_HOME="$HEQ_JDK"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven 3.8's bundled guava warns about sun.misc.Unsafe on JDK 25; this silences it.
  case " ${MAVEN_OPTS:-} " in *unsafe-memory-access*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow";; esac
else
  echo "heq: no JDK 25 found. Install Temurin 25 (it is at /usr/lib/jvm/temurin-25-jdk-amd64 on HEQ dev machines)" >&2
  echo "     or point HEQ_JAVA_HOME at a JDK 25." >&2
  return 1 2>/dev/null || exit 1
fi
