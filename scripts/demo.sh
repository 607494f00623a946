#!/usr/bin/env bash
# The main command for a fresh Debian machine, as root: `./scripts/demo.sh`.
# Installs what is missing, builds berth, starts `berth daemon` on its embedded SQLite journal
# (data root /var/lib/berth, socket /run/berth/berth.sock), loads a busybox image made from
# Debian's busybox-static, and runs a real container with it. Idempotent: a daemon already
# listening is reused.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_ROOT="${BERTH_DATA_ROOT:-/var/lib/berth}"
EXEC_ROOT="${BERTH_EXEC_ROOT:-/run/berth}"
SOCKET="$EXEC_ROOT/berth.sock"
OUT="$PWD/artifacts"

./scripts/install-deps.sh </dev/null
echo "==> building berth (the client, Native AOT) and berth-daemon (next to it)"
dotnet publish src/Supervisor/Supervisor.csproj -c Release -o "$OUT/berth" --nologo -v quiet </dev/null
dotnet publish src/Supervisor/Cli/Cli.csproj -c Release -o "$OUT/berth" --nologo -v quiet </dev/null
BERTH="$OUT/berth/berth"
export BERTH_HOST="unix://$SOCKET"

if ! "$BERTH" version >/dev/null 2>&1; then
  echo "==> starting berth daemon (log: $DATA_ROOT/daemon.out)"
  mkdir -p "$DATA_ROOT"
  nohup "$BERTH" daemon --data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" >>"$DATA_ROOT/daemon.out" 2>&1 </dev/null &
  for _ in $(seq 1 100); do "$BERTH" version >/dev/null 2>&1 && break; sleep 0.1; done
  "$BERTH" version >/dev/null || { echo "the daemon did not start; see $DATA_ROOT/daemon.out" >&2; exit 1; }
fi

echo "==> loading a busybox image built from Debian's busybox-static"
./scripts/make-test-images.sh "$OUT/images" >/dev/null
"$BERTH" load -i "$OUT/images/busybox-docker.tar"

echo "==> berth run --rm busybox echo hello from berth"
"$BERTH" run --rm busybox echo "hello from berth"

echo "==> a detached container, live: berth run -d --name demo-$$ busybox sleep 300"
"$BERTH" run -d --name "demo-$$" busybox sleep 300 >/dev/null
"$BERTH" ps
echo
echo "berth is running. Try: export BERTH_HOST=$BERTH_HOST; $BERTH ps -a; $BERTH stop demo-$$; $BERTH rm demo-$$"
