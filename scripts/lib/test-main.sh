# shellcheck shell=bash
# berth_run_test_main MODULE CLASS [JVM_ARGS...]: compiles MODULE's tests (and
# the modules it needs) and runs CLASS (a benchmark's main) on their classpath
# with a JDK >= 21; inside network namespace BERTH_NETNS when that is set.
berth_run_test_main() {
  local module=$1 class=$2 root java_home classpath
  shift 2
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  # shellcheck source=scripts/lib/jdk.sh
  source "$root/scripts/lib/jdk.sh"
  java_home=$(berth_find_jdk)
  berth_use_jdk "$java_home"
  # Kept in target/ beside the classes it lists: nothing is left behind when a step fails under set -e.
  # The reactor's own modules appear in it as their target/classes (and target/test-classes).
  classpath=$root/$module/target/benchmark.classpath
  (cd "$root" && mvn -q -B -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$classpath" >&2)
  local in_netns=()
  [[ -n ${BERTH_NETNS:-} ]] && in_netns=(ip netns exec "$BERTH_NETNS")
  "${in_netns[@]}" "$java_home/bin/java" "$@" \
    -cp "$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$classpath")" \
    "$class"
}
