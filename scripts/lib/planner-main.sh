# shellcheck shell=bash
# berth_run_planner_main CLASS [JVM_ARGS...]: compiles the planner's tests and
# runs CLASS (a benchmark's main) on their classpath with a JDK >= 21.
berth_run_planner_main() {
  local class=$1 root java_home classpath
  shift
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  # shellcheck source=scripts/lib/jdk.sh
  source "$root/scripts/lib/jdk.sh"
  java_home=$(berth_find_jdk)
  berth_use_jdk "$java_home"
  # Kept in target/ beside the classes it lists: nothing is left behind when a step fails under set -e.
  classpath=$root/planner/target/benchmark.classpath
  (cd "$root" && mvn -q -B -pl planner -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$classpath" >&2)
  "$java_home/bin/java" "$@" \
    -cp "$root/planner/target/test-classes:$root/planner/target/classes:$root/schema/target/classes:$(cat "$classpath")" \
    "$class"
}
