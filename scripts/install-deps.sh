#!/usr/bin/env bash
# Installs the host dependencies berth needs and prepares the host for crun.
# Idempotent; meant to run as root on a fresh Debian 12 machine (no stdin needed).
set -euo pipefail

log() { echo "install-deps: $*"; }
warn() { echo "install-deps: WARNING: $*" >&2; }

PACKAGES=(
  crun runc conmon containernetworking-plugins busybox-static umoci skopeo
  iptables tini catatonit sqlite3 python3-docker golang-github-containers-common
  iproute2 procps util-linux ca-certificates
  # Native AOT publish of the berth client links with the C toolchain (clang, else gcc).
  gcc zlib1g-dev
)

# ---------------------------------------------------------------- apt packages
missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run as root (e.g. sudo $0) to install them" >&2
    exit 1
  fi
  log "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null
  apt-get install -y -q \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" </dev/null
else
  log "all ${#PACKAGES[@]} packages already installed; skipping apt"
fi

# ---------------------------------------------------------------- .NET SDK
if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-deps: ERROR: 'dotnet' not found on PATH." >&2
  echo "install-deps: the .NET 10 SDK is required (https://dotnet.microsoft.com/download/dotnet/10.0)." >&2
  exit 1
fi
log "dotnet $(dotnet --version 2>/dev/null || echo '?') found at $(command -v dotnet)"

# ---------------------------------------------------------------- host prep
# On cgroup v1 "hybrid" hosts, controllers not mounted as v1 hierarchies show up
# in the v2 unified hierarchy. crun then sees hugetlb in cgroup2 but not in v1,
# and fails. Mounting a v1 hugetlb hierarchy moves the controller back to v1.
prepare_hugetlb() {
  local cg=/sys/fs/cgroup
  local controllers="$cg/unified/cgroup.controllers"
  local target="$cg/hugetlb"

  # cgroupfs files report size 0, so read the content instead of testing -s.
  local content=""
  if [[ -r "$controllers" ]]; then
    content="$(cat "$controllers" 2>/dev/null || true)"
  fi
  if [[ -z "${content//[[:space:]]/}" ]]; then
    log "no cgroup v1 hybrid layout ($controllers missing or empty); skipping hugetlb prep"
    return 0
  fi
  if ! grep -qw hugetlb <<<"$content"; then
    log "hugetlb not in $controllers; skipping hugetlb prep"
    return 0
  fi
  if mountpoint -q "$target" 2>/dev/null; then
    log "$target already mounted; nothing to do"
    return 0
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    warn "not root; cannot mount $target (crun may fail on this host)"
    return 0
  fi

  local fstype opts was_ro=0
  fstype="$(findmnt -n -o FSTYPE --target "$cg" 2>/dev/null || true)"
  opts="$(findmnt -n -o OPTIONS --target "$cg" 2>/dev/null || true)"
  if [[ "$fstype" == "tmpfs" && ",$opts," == *",ro,"* ]]; then
    was_ro=1
    log "$cg is a read-only tmpfs; remounting rw"
    if ! mount -o remount,rw "$cg"; then
      warn "could not remount $cg rw; skipping hugetlb prep (crun may fail on this host)"
      return 0
    fi
  fi

  local ok=1
  if [[ ! -d "$target" ]]; then
    log "creating $target"
    mkdir -p "$target" || ok=0
  fi
  if ((ok)); then
    log "mounting hugetlb cgroup v1 hierarchy: mount -t cgroup -o hugetlb cgroup $target"
    if mount -t cgroup -o hugetlb cgroup "$target"; then
      log "mounted $target"
    else
      ok=0
    fi
  fi
  if ((!ok)); then
    warn "failed to prepare $target (crun may fail on this host)"
  fi

  if ((was_ro)); then
    log "remounting $cg read-only again"
    mount -o remount,ro "$cg" || warn "could not remount $cg read-only"
  fi
  return 0
}

prepare_hugetlb
log "done"
