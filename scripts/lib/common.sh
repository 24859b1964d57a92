# shellcheck shell=bash
# Helpers shared by berth's scripts. Source this file; do not execute it.

# Daemons and ip/nsenter live in sbin, which non-login shells (CI runners,
# sudo without -i) often leave off PATH.
case ":$PATH:" in
  *:/usr/sbin:*) ;;
  *) PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" ;;
esac

berth_log() { printf 'berth: %s\n' "$*" >&2; }
berth_warn() { printf 'berth: warning: %s\n' "$*" >&2; }
berth_die() { printf 'berth: error: %s\n' "$*" >&2; exit 1; }

berth_need_root() {
  [[ $(id -u) -eq 0 ]] || berth_die "$1 needs root (run it as root, e.g. with sudo)"
}

# berth_require CMD:PACKAGE... installs the Debian packages that provide any
# missing command, so a bare machine needs nothing but apt. One apt-get update
# per process at most: it is the slow part.
berth_require() {
  local spec cmd pkg missing=()
  for spec in "$@"; do
    cmd=${spec%%:*} pkg=${spec#*:}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  berth_install_packages "${missing[@]}"
}

# Installs Debian packages, for what no command stands for (a Python module).
berth_install_packages() {
  local missing=("$@")
  berth_need_root "installing ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 \
    || berth_die "missing ${missing[*]} and no apt-get here; install them by hand"
  berth_log "installing ${missing[*]} with apt-get..."
  if [[ -z ${BERTH_APT_UPDATED:-} ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
      || berth_die "apt-get update failed"
    BERTH_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" </dev/null >&2 \
    || berth_die "apt-get install ${missing[*]} failed"
  hash -r
}

# berth_node_tools ROOT: installs the npm packages the tests run, pinned by
# scripts/lib/node-tools/package-lock.json, into ROOT/.berth-cache/node-tools
# (where the tests look). Does nothing while the installed lock is the same.
berth_node_tools() {
  local src=$1/scripts/lib/node-tools dest=$1/.berth-cache/node-tools
  berth_require node:nodejs npm:npm
  if cmp -s "$src/package-lock.json" "$dest/.installed-lock.json"; then
    return 0
  fi
  berth_log "installing the npm test tools into $dest..."
  mkdir -p "$dest"
  cp "$src/package.json" "$src/package-lock.json" "$dest/"
  npm ci --prefix "$dest" --no-audit --no-fund --ignore-scripts --loglevel=error >&2 \
    || berth_die "npm ci of the test tools failed (is the npm registry reachable?)"
  cp "$src/package-lock.json" "$dest/.installed-lock.json"
}
