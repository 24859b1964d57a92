# shellcheck shell=bash
# The JVM flags berth runs with, shared by the repository's launcher (./berth)
# and the packaged one (scripts/package installs this file beside the jar).
# Source this file; it needs nothing else.

# berth_jvm_options CACHE COMMAND JAVA_HOME JAR: sets the array jvm_opts for
# running berth's COMMAND (its first argument) from JAR on JAVA_HOME, with the
# class caches at CACHE.aot (JDK 25 and later) or CACHE.jsa (earlier), kept
# where CACHE's directory is writable.
#
# Start-up flags (measurements in DEVELOPERS.md): C1 only, since berth runs
# are short, plus a cache of the classes a real run loaded, so the next runs
# neither parse nor link them again. The cache holds the classes of the run
# that trained it, so only a command that reaches the Docker hosts (and so
# loads docker-java) trains it; any command uses it once it exists. On JDK 25
# the agent neither trains nor creates it: it runs for days, often in its image.
#
# JDK 25 (JEP 483/514/515): the AOT cache, classes loaded and linked plus
# method profiles. A training run records its configuration at exit (quietly:
# the JVM announces it on stdout, which belongs to berth); the next run creates
# the cache from it in the background, so no command waits for the creation.
# Earlier JDKs: a dynamic AppCDS archive, created at the exit of the first run;
# its dump complains on stdout about classes it cannot archive, so JVM warnings
# go to stderr and CDS chatter nowhere.
berth_jvm_options() {
  local cache=$1 command=${2:-} java_home=$3 jar=$4 reaches_hosts='' feature
  feature=$(berth_java_feature "$java_home")
  jvm_opts=(-XX:TieredStopAtLevel=1 -Xlog:disable "-Xlog:all=warning,cds=off,cds+dynamic=off,aot=off:stderr")
  # Jackson builds each record of the stack model, and docker-java each response, through a
  # reflective constructor; since JDK 18 the first call of each spins method-handle classes
  # (about a tenth of a plan's CPU). Native accessors are slower per call, which no berth run
  # makes often enough to notice.
  jvm_opts+=(-Djdk.reflect.useNativeAccessorOnly=true)
  case $command in
    plan | apply | drift | status | cluster | destroy | history | rollback | agent) reaches_hosts=yes ;;
  esac
  if ((feature >= 25)); then
    # At exit the JVM waits up to 300 ms for threads in native code to come back, and the
    # virtual-thread poller blocks in epoll_wait for good: every run that reached a host spent
    # 0.32 s after main returned. Nothing of berth's runs then (the lock is released in main or
    # in a shutdown hook, both before this wait), so it is not waited for. JDK 25 has the flag.
    jvm_opts+=(-XX:UserThreadWaitAttemptsAtExit=0)
    # The cache is renamed into place (a run must never map half a cache); where
    # mv is missing (the agent image), it is neither trained nor created.
    local creates=''
    [[ $command != agent ]] && command -v mv >/dev/null && creates=yes
    if [[ -f $cache.aot ]]; then
      jvm_opts+=(-XX:AOTCache="$cache.aot")
      # The cache also keeps which methods the training run compiled, and by default a run compiles
      # them again as it starts, whether it needs them yet or not: a third more of C1's work in a
      # plan. Level 1 code uses no profile, so nothing is lost by leaving that out. The flag is
      # diagnostic, so it is passed only to the release it was measured on.
      if ((feature == 25)); then
        jvm_opts+=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining)
      fi
    elif [[ -n $creates && -f $cache.aotconf ]] && mv "$cache.aotconf" "$cache.aotconf.$$" 2>/dev/null; then
      # Whoever renamed the configuration creates the cache: one creation, however many run.
      ( "$java_home/bin/java" "${jvm_opts[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$cache.aotconf.$$" \
          -XX:AOTCache="$cache.aot.$$" -cp "$jar" && mv -f "$cache.aot.$$" "$cache.aot"
        rm -f "$cache.aotconf.$$" "$cache.aot.$$" ) </dev/null >/dev/null 2>&1 &
    elif [[ -n $creates && -n $reaches_hosts && -w ${cache%/*} ]]; then
      jvm_opts+=(-XX:AOTMode=record -XX:AOTConfiguration="$cache.aotconf"
        -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput)
    fi
  else
    # The JVM refuses to start when it cannot create the archive, so it creates
    # one only where it can write.
    jvm_opts+=(-Xshare:auto)
    if [[ -n $reaches_hosts && (-f $cache.jsa || -w ${cache%/*}) ]]; then
      jvm_opts+=(-XX:SharedArchiveFile="$cache.jsa" -XX:+AutoCreateSharedArchive)
    elif [[ -f $cache.jsa ]]; then
      jvm_opts+=(-XX:SharedArchiveFile="$cache.jsa")
    fi
  fi
  if [[ $command == agent ]]; then
    # Long-running and mostly idle: a small heap, the serial collector and no C2
    # compiler keep it near 130 MB RSS and under 2 % of a core with 100 tasks
    # (scripts/bench-agent); BERTH_JAVA_OPTS comes later and wins.
    jvm_opts+=(-XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1)
  fi
  if [[ $command == validate || $command == plan ]]; then
    # Stack files are bounded (size, nodes, aliases, nesting), so loading one fits
    # in this; hostile input that got past the bounds fails fast here instead of
    # taking the machine's memory. BERTH_JAVA_OPTS comes later and wins.
    jvm_opts+=(-Xmx256m)
  fi
}

# berth_java_feature JAVA_HOME: prints the Java feature release (21, 25...) from
# the runtime's release file (bash builtins only: the agent image has no more).
berth_java_feature() {
  local key value
  while IFS='=' read -r key value; do
    if [[ $key == JAVA_VERSION ]]; then
      value=${value//\"/}
      echo "${value%%.*}"
      return
    fi
  done <"$1/release" 2>/dev/null
  echo 0
}
