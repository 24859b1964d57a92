# shellcheck shell=bash
# Locating a JDK >= 21 for building and running berth. Source this file.

BERTH_MIN_JAVA=21

# berth_java_major JAVA: prints the feature version of a java binary, parsed
# from `java -version` (the release file can lie after in-place upgrades).
# Handles "1.8.0_402" (-> 8), "17.0.15", "21.0.2", "25", "26-ea".
berth_java_major() {
  local out ver
  out=$("$1" -version 2>&1) || return 1
  ver=$(sed -n 's/^[^"]*version "\([^"]*\)".*/\1/p' <<<"$out" | head -n 1)
  ver=${ver#1.}
  ver=${ver%%[!0-9]*}
  [[ -n $ver ]] || return 1
  printf '%s\n' "$ver"
}

# berth_find_jdk: prints the home of the first JDK >= 21 from $JAVA_HOME,
# then `java` on PATH, then the newest under /usr/lib/jvm. A JDK (javac
# present) is required, not a JRE, because the launcher also builds. When
# nothing fits, explains what to install and returns 1.
berth_find_jdk() {
  local cand home major best='' best_major=0 tried=()

  if [[ -n ${JAVA_HOME:-} ]]; then
    if [[ -x $JAVA_HOME/bin/java && -x $JAVA_HOME/bin/javac ]] \
      && major=$(berth_java_major "$JAVA_HOME/bin/java") && ((major >= BERTH_MIN_JAVA)); then
      printf '%s\n' "$JAVA_HOME"
      return 0
    fi
    tried+=("JAVA_HOME=$JAVA_HOME (${major:-not a JDK})")
    major=''
  fi

  if cand=$(command -v java 2>/dev/null); then
    home=$(dirname "$(dirname "$(readlink -f "$cand")")")
    if [[ -x $home/bin/javac ]] && major=$(berth_java_major "$home/bin/java") \
      && ((major >= BERTH_MIN_JAVA)); then
      printf '%s\n' "$home"
      return 0
    fi
    tried+=("java on PATH: $home (${major:-not a JDK})")
    major=''
  fi

  for cand in /usr/lib/jvm/*/bin/javac; do
    [[ -x $cand ]] || continue
    home=$(readlink -f "$(dirname "$(dirname "$cand")")")
    major=$(berth_java_major "$home/bin/java") || continue
    if ((major >= BERTH_MIN_JAVA && major > best_major)); then
      best=$home best_major=$major
    fi
  done
  if [[ -n $best ]]; then
    printf '%s\n' "$best"
    return 0
  fi

  {
    echo "berth needs a JDK $BERTH_MIN_JAVA or newer and found none."
    ((${#tried[@]})) && printf '  rejected: %s\n' "${tried[@]}"
    echo "  Install one with \`apt-get install openjdk-21-jdk\` (Debian 13, Ubuntu 24.04;"
    echo "  Debian 12 has no JDK 21 package: use Temurin from https://adoptium.net)"
    echo "  or point JAVA_HOME at a JDK >= $BERTH_MIN_JAVA."
  } >&2
  return 1
}

# berth_use_jdk HOME: points JAVA_HOME/PATH (for maven) at HOME. Debian's
# maven 3.8 trips JDK 23+'s sun.misc.Unsafe deprecation warnings on every
# run; silence them where the JVM knows the flag (older ones reject it).
berth_use_jdk() {
  export JAVA_HOME=$1
  export PATH="$1/bin:$PATH"
  if "$1/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    case " ${MAVEN_OPTS:-} " in
      *" --sun-misc-unsafe-memory-access="*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}

# berth_check_jlink HOME: true when HOME's jdeps and jlink can build berth's
# runtime (scripts/package): jlink links from the JDK's jmods/, or, in a JDK 24+
# built for it (Temurin is), from its own run-time image. Debian ships jmods
# in a package of their own. Otherwise says what to install and returns 1.
berth_check_jlink() {
  local home=$1 tool
  for tool in jdeps jlink; do
    if [[ ! -x $home/bin/$tool ]]; then
      echo "berth: the JDK at $home has no $tool; packaging berth needs a full JDK" >&2
      return 1
    fi
  done
  [[ -d $home/jmods ]] && return 0
  "$home/bin/jlink" --help 2>/dev/null | grep -q 'Linking from run-time image enabled' && return 0
  echo "berth: jlink of $home has no jmods/ to link from and cannot link from its run-time image;" \
    "install its jmods (Debian: openjdk-$(berth_java_major "$home/bin/java")-jmods)" >&2
  return 1
}
