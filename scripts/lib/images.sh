# shellcheck shell=bash
# Offline image building: root filesystems assembled from Debian packages
# installed on this machine, imported with `docker import` (no registry).
# Source after common.sh and docker.sh.

BERTH_IMAGE_LABEL=dev.berth.content-hash

# Bump when the recipe changes in a way the file contents do not show.
# shellcheck disable=SC2034 # used by the scripts that source this file
BERTH_IMAGE_RECIPE=2

berth_image_prereqs() {
  # Debian's dynamic `busybox` package also ships /bin/busybox; a dynamic one
  # would not run in an image without its libraries.
  if [[ ! -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then
    berth_require __berth_busybox_static__:busybox-static
  fi
  berth_require haproxy:haproxy socat:socat ldd:libc-bin
}

# berth_rootfs_skeleton DIR: the directories and files programs expect to find.
berth_rootfs_skeleton() {
  local dir=$1
  mkdir -p "$dir"/{bin,etc,root,tmp,proc,sys,dev,run}
  chmod 1777 "$dir/tmp"
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
    'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$dir/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'nogroup:x:65534:' >"$dir/etc/group"
  echo 'hosts: files dns' >"$dir/etc/nsswitch.conf"
}

# berth_rootfs_base DIR: the skeleton, with busybox's every applet linked into /bin.
berth_rootfs_base() {
  local dir=$1 applet
  berth_rootfs_skeleton "$dir"
  cp /bin/busybox "$dir/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$dir/bin/$applet"
  done
  ln -sf busybox "$dir/bin/sh"
}

berth_rootfs_busybox() {
  berth_rootfs_base "$1"
  mkdir -p "$1/www"
  echo 'hello from berth' >"$1/www/index.html"
}

# berth_rootfs_program DIR BIN DEST: the program at DEST plus the shared
# objects it needs (berth_rootfs_libraries).
berth_rootfs_program() {
  local dir=$1 bin=$2 dest=$3
  mkdir -p "$dir$(dirname "$dest")"
  cp "$bin" "$dir$dest"
  berth_rootfs_libraries "$dir" "$bin"
}

# berth_rootfs_libraries DIR FILE...: exactly the system's shared objects ldd
# resolves for the programs and libraries FILE, at the same paths, and the
# loader. Objects outside /lib and /usr/lib (a program's own, as in a Java
# runtime) are left to whoever copies the program.
berth_rootfs_libraries() {
  local dir=$1 lib libc
  shift
  libc=$(ldd "$1" | awk '$1 == "libc.so.6" {print $3}')
  # glibc dlopens libgcc_s when a thread is cancelled; ldd cannot see that.
  for lib in $(ldd "$@" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u) \
    "$(dirname "$libc")/libgcc_s.so.1"; do
    [[ -e $lib && $lib =~ ^/(usr/)?lib ]] || continue
    mkdir -p "$dir$(dirname "$lib")"
    cp -L "$lib" "$dir$lib"
  done
}

# HAProxy, and socat to reach its admin socket through `docker exec`.
berth_rootfs_haproxy() {
  local dir=$1
  berth_rootfs_base "$dir"
  mkdir -p "$dir/usr/local/etc/haproxy" "$dir/run/haproxy" "$dir/var/lib/haproxy"
  berth_rootfs_program "$dir" "$(command -v haproxy)" /usr/sbin/haproxy
  berth_rootfs_program "$dir" "$(command -v socat)" /usr/bin/socat
}

# berth_rootfs_tar DIR OUT: a byte-for-byte reproducible tarball, so its
# hash identifies the image content.
berth_rootfs_tar() {
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
    -C "$1" -cf "$2" .
}

# berth_image_hash IMAGE HOST: the content hash recorded on IMAGE, if any.
berth_image_hash() {
  docker -H "$2" image inspect -f "{{index .Config.Labels \"$BERTH_IMAGE_LABEL\"}}" "$1" 2>/dev/null || true
}

# berth_image_import HOST IMAGE TAR HASH CHANGE...: imports, tags, and drops
# the image the tag pointed to before when nothing else uses it.
berth_image_import() {
  local host=$1 image=$2 tar=$3 hash=$4 old change args=()
  shift 4
  for change in "$@" "LABEL $BERTH_IMAGE_LABEL=$hash"; do
    args+=(-c "$change")
  done
  old=$(docker -H "$host" image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  docker -H "$host" import "${args[@]}" "$tar" "$image" >/dev/null
  if [[ -n $old ]]; then
    docker -H "$host" rmi "$old" >/dev/null 2>&1 || true
  fi
}
