#!/usr/bin/env bash
# Builds and tests this clone in a Debian root of another release: trixie (Debian 13, ParaView
# 5.13) or forky (testing, ParaView 6.1).
#   scripts/test-in-debian.sh trixie|forky [ctest arguments...]
#   scripts/test-in-debian.sh trixie|forky --benchmark [scripts/benchmark.sh arguments...]
#   scripts/test-in-debian.sh trixie|forky --script test.sh|render.sh [its arguments...]
#   scripts/test-in-debian.sh trixie|forky --prepare
# (--benchmark runs scripts/benchmark.sh --headline there instead of ctest; --script runs one of
# the README's commands there as a newcomer would, into build-<release> (render.sh: pass
# --out out/<release>); --prepare only makes the root and installs its packages, which waits on
# the network and the disk, so that it can run beside a build.)
# The root is made with debootstrap (--variant=minbase) under $PARAVOXEL_ROOTS (default
# /var/cache/paravoxel-roots), outside the clone, and reused; it is made again when the package
# list scripts/install-deps.sh gives for that release has changed. The clone is bind-mounted at
# /src and built into build-<release> with the project's own scripts (install-deps.sh, build.sh),
# then ctest runs under Xvfb. The apt archives and the ccache are shared under $PARAVOXEL_ROOTS
# too. Everything mounted is unmounted on exit. Needs root (debootstrap, mount, chroot).
# PARAVOXEL_MIRROR: the Debian mirror (default http://deb.debian.org/debian); PARAVOXEL_NICE: the
# niceness of the build and the tests (default 10).
set -euo pipefail
release=${1:-}
case "$release" in
  trixie | forky) shift ;;
  *)
    echo "usage: $0 trixie|forky [--benchmark|--script NAME|--prepare] [arguments...]" >&2
    exit 2
    ;;
esac
if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=PARAVOXEL_ROOTS,PARAVOXEL_MIRROR,PARAVOXEL_NICE "$0" "$release" "$@"
fi
clone=$(cd "$(dirname "$0")/.." && pwd)
roots=${PARAVOXEL_ROOTS:-/var/cache/paravoxel-roots}
mirror=${PARAVOXEL_MIRROR:-http://deb.debian.org/debian}
niceness=${PARAVOXEL_NICE:-10}
root=$roots/$release
archives=$roots/apt-archives/$release
mkdir -p "$roots" "$archives" "$roots/ccache"

mounted=()
unmount_all() {
  local n
  for ((n = ${#mounted[@]} - 1; n >= 0; n--)); do
    umount -l "${mounted[n]}" 2> /dev/null || true
  done
  mounted=()
}
trap unmount_all EXIT
bind() { # bind <host path> <path in the root>
  mkdir -p "$root$2"
  if ! mountpoint -q "$root$2"; then
    mount --bind "$1" "$root$2"
    mounted+=("$root$2")
  fi
}

# The root: remade when the package list changed (a root keeps what it once installed, so a list
# that drops or renames a package is only tested in a fresh one).
packages=$(PARAVOXEL_DEBIAN_RELEASE=$release bash "$clone/scripts/install-deps.sh" --list | sort)
stamp=$(printf '%s\n' "$packages" | sha256sum | cut -d' ' -f1)
# (A root without the stamp, made by hand, is kept: install-deps.sh adds what it lacks.)
if [ -f "$root/.paravoxel-packages" ] && [ "$(cat "$root/.paravoxel-packages")" != "$stamp" ]; then
  echo "test-in-debian: the $release package list changed: making $root again"
  if grep -q " $root/" /proc/mounts; then
    echo "test-in-debian: something is still mounted under $root; unmount it first" >&2
    exit 1
  fi
  rm -rf --one-file-system "$root"
fi
if [ ! -x "$root/usr/bin/apt-get" ]; then
  command -v debootstrap > /dev/null || {
    # The machine's own install-deps.sh may be running (CI prepares roots beside the build).
    apt-get -o DPkg::Lock::Timeout=1200 update -qq
    apt-get -o DPkg::Lock::Timeout=1200 install -y -qq --no-install-recommends debootstrap
  }
  # bookworm's debootstrap has no forky script: testing is made with sid's.
  script=()
  if [ "$release" = forky ]; then script=(/usr/share/debootstrap/scripts/sid); fi
  debootstrap --variant=minbase --cache-dir="$archives" "$release" "$root" "$mirror" "${script[@]}"
  # Mirrors serving a snapshot of testing keep a Release file past its Valid-Until date.
  echo 'Acquire::Check-Valid-Until "false";' > "$root/etc/apt/apt.conf.d/99paravoxel"
  # A root made again from scratch need not survive a power cut: dpkg skips its fsync calls (as
  # Debian's build daemons do), and no manual pages are unpacked. Installing about 1,600
  # packages then waits much less on the disk.
  printf '%s\n' force-unsafe-io 'path-exclude=/usr/share/man/*' \
    > "$root/etc/dpkg/dpkg.cfg.d/99paravoxel"
fi

for fs in proc sys dev dev/pts; do bind "/$fs" "/$fs"; done
bind "$clone" /src
bind "$roots/ccache" /ccache
bind "$archives" /var/cache/apt/archives
# The root reaches the network as the machine does: with its resolver, and trusting the
# certificate authorities the machine added to Debian's (a proxy's or a company's: npm's registry
# is reached over https), which update-ca-certificates adds to the root's bundle below.
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/usr/local/share/ca-certificates"
find /usr/local/share/ca-certificates -maxdepth 1 -name '*.crt' \
  -exec cp {} "$root/usr/local/share/ca-certificates/" \;

build="nice -n $niceness bash scripts/build.sh && cd build-$release && source paravoxel-env.sh"
run="paravoxel_xvfb_run nice -n $niceness ctest --output-on-failure --timeout 900"
case "${1:-}" in
  --benchmark)
    shift
    # Benchmarks run at the normal priority, from the source folder (they write docs/devel/).
    run="cd /src && bash scripts/benchmark.sh --no-build --headline"
    ;;
  --script)
    build=true
    run="bash scripts/$2"
    shift 2
    ;;
  --prepare)
    shift
    build=true
    run=true
    ;;
esac
quoted=$(printf ' %q' "$@")
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  CCACHE_DIR=/ccache CCACHE_BASEDIR=/src BUILD_DIR="build-$release" \
  NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
  bash -c "set -euo pipefail
    cd /src
    bash scripts/install-deps.sh
    update-ca-certificates > /dev/null
    echo '$stamp' > /.paravoxel-packages
    $build
    $run$quoted"
