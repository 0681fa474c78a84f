#!/usr/bin/env bash
# Runs the JMH benchmarks with the flags every HEQ JVM needs, saves JSON under bench/results/ and prints a
# median/best table. Arguments go to JMH, e.g.:
#   bench/run.sh KernelBench.forwardNtt -p n=4096 -p tier=scalar,simd,ffm
#   bench/run.sh -l            (list benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
source toolchains/jdk25.sh
JAR=bench/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "$(find java bench native -newer "$JAR" -name '*.java' -o -newer "$JAR" -name '*.c' 2>/dev/null | grep -v /target/ | head -1)" ]; then
  mvn -B -ntp -q -DskipTests install >&2
fi
case " $* " in *" -l "*|*" -h "*|*" -lp "*) exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar "$JAR" "$@";; esac
out="bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).json"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -jar "$JAR" -rf json -rff "$out" "$@"
python3 bench/format.py "$out"
