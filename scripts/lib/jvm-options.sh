# shellcheck shell=bash
# The JVM flags berth runs with, shared by the repository's launcher (./berth)
# and the packaged one (scripts/package installs this file beside the jar).
# Source this file; it needs nothing else.

# berth_jvm_options ARCHIVE COMMAND: sets the array jvm_opts for running
# berth's COMMAND (its first argument), with the dynamic AppCDS archive at
# ARCHIVE when its directory is writable or the archive exists.
#
# Start-up flags (measurements in DEVELOPERS.md): C1 only, since berth runs
# are short, plus a dynamic AppCDS archive the JVM creates on the first run
# and refreshes when the jar changes. Its dump complains on stdout about
# classes it cannot archive, so JVM warnings go to stderr and CDS chatter
# nowhere: stdout belongs to berth. The JVM refuses to start when it cannot
# create the archive, so CDS is skipped where it cannot be written.
berth_jvm_options() {
  local archive=$1 command=${2:-}
  jvm_opts=(-XX:TieredStopAtLevel=1 -Xshare:auto
    -Xlog:disable "-Xlog:all=warning,cds=off,cds+dynamic=off:stderr")
  # The archive holds the classes of the run that created it, so only a command
  # that reaches the Docker hosts (and so loads docker-java) may create it; any
  # other command uses it once it exists.
  case $command in
    plan | apply | drift | status | cluster | destroy | history | rollback | agent)
      if [[ -f $archive || -w ${archive%/*} ]]; then
        jvm_opts+=(-XX:SharedArchiveFile="$archive" -XX:+AutoCreateSharedArchive)
      fi ;;
    *)
      [[ -f $archive ]] && jvm_opts+=(-XX:SharedArchiveFile="$archive") ;;
  esac
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
