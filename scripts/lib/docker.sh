# shellcheck shell=bash
# Starting and probing Docker engines. Source after common.sh.

# shellcheck disable=SC2034 # used by the scripts that source this file
BERTH_MAIN_DOCKER=unix:///var/run/docker.sock

# berth_docker_answers HOST: true when the engine at HOST serves API calls.
# `version` is the cheapest call that needs a working daemon behind the socket.
berth_docker_answers() {
  timeout 10 docker -H "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# berth_pid_alive PIDFILE: true when PIDFILE names a running dockerd.
berth_pid_alive() {
  local pid
  [[ -r $1 ]] && pid=$(<"$1") && [[ -n $pid ]] \
    && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]]
}

# berth_start_dockerd LOG PIDFILE CMD...: starts a daemon in its own session
# so it outlives the calling script (and CI's process-group cleanup). A
# pidfile left by a dead daemon makes dockerd refuse to start; drop it.
berth_start_dockerd() {
  local log=$1 pidfile=$2
  shift 2
  if ! berth_pid_alive "$pidfile"; then
    rm -f "$pidfile"
  fi
  mkdir -p "$(dirname "$log")"
  printf '\n=== %s starting: %s\n' "$(date -Is)" "$*" >>"$log"
  setsid "$@" </dev/null >>"$log" 2>&1 &
}

# berth_wait_docker HOST SECONDS LOG: waits for the engine to answer; on
# timeout shows the end of its log and fails.
berth_wait_docker() {
  local host=$1 deadline=$((SECONDS + $2)) log=$3
  until berth_docker_answers "$host"; do
    if ((SECONDS >= deadline)); then
      berth_warn "no Docker engine answered on $host after $2 s; last lines of $log:"
      tail -n 15 "$log" >&2 || true
      berth_die "Docker engine on $host did not come up (full log: $log)"
    fi
    sleep 0.3
  done
}
