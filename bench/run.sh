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
# JVM flags: the one copy in pom.xml, for this JVM; JMH forks inherit the host JVM's flags
pom_property() { sed -n "s:.*<$1>\\(.*\\)</$1>.*:\\1:p" pom.xml | head -1; }
read -r -a JVM_FLAGS <<< "$(pom_property heq.jvm.flags) $(pom_property heq.jvm.perf.flags)"
case " $* " in *" -l "*|*" -h "*|*" -lp "*) exec "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -jar "$JAR" "$@";; esac
out="bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).json"
"$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -jar "$JAR" -rf json -rff "$out" "$@"
python3 bench/format.py "$out"
