#!/usr/bin/env bash
# The whole-suite test command: `./scripts/test.sh [FILTER]` (as root).
# Builds Supervisor.sln (Release, warnings as errors), runs every tests/*/*.Tests.csproj
# sequentially with a per-project timeout, sums the TRX counters and prints, as the
# LAST line, exactly "N passed, N failed". Exit 0 only if nothing failed, every
# `dotnet test` exited 0 and at least one test passed.
#
# Optional argument: a `dotnet test --filter` expression, passed through verbatim.
# Environment:
#   TEST_TIMEOUT       per-project timeout in seconds (default 1500)
#   TEST_RESULTS_DIR   where TRX files go (default ./.test-results)
set -uo pipefail

cd "$(dirname "$0")/.." || { echo "0 passed, 1 failed"; exit 1; }
REPO="$(pwd)"

FILTER="${1:-}"
TIMEOUT="${TEST_TIMEOUT:-1500}"
RESULTS_DIR="${TEST_RESULTS_DIR:-$REPO/.test-results}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1

summary_fail() {
  echo "test.sh: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# ---------------------------------------------------------------- deps
echo "==> scripts/install-deps.sh"
bash ./scripts/install-deps.sh </dev/null || summary_fail "install-deps.sh failed"

# ---------------------------------------------------------------- build
echo "==> dotnet build Supervisor.sln -c Release -warnaserror"
dotnet build Supervisor.sln -c Release -warnaserror </dev/null \
  || summary_fail "build failed"

# ---------------------------------------------------------------- tests
mkdir -p "$RESULTS_DIR" || summary_fail "cannot create $RESULTS_DIR"

shopt -s nullglob
projects=(tests/*/*.Tests.csproj)
shopt -u nullglob
((${#projects[@]} > 0)) || summary_fail "no test projects found under tests/*/"

# trx_attr NAME ELEMENT: numeric value of attribute NAME in ELEMENT (0 if absent).
trx_attr() {
  local v
  v="$(sed -n "s/.*[[:space:]]$1=\"\([0-9][0-9]*\)\".*/\1/p" <<<"$2")"
  echo "${v:-0}"
}

# Prints "passed failed" from the <Counters .../> element of a TRX file, or nothing.
# error/timeout/aborted outcomes are counted as failed.
trx_counts() {
  local trx="$1" counters
  [[ -s "$trx" ]] || return 1
  counters="$(tr '\n\r' '  ' <"$trx" | grep -o '<Counters[^>]*>' | head -n1)"
  [[ -n "$counters" ]] || return 1
  local p f e t a
  p="$(trx_attr passed "$counters")"; f="$(trx_attr failed "$counters")"
  e="$(trx_attr error "$counters")"; t="$(trx_attr timeout "$counters")"
  a="$(trx_attr aborted "$counters")"
  echo "$p $((f + e + t + a))"
}

total_passed=0
total_failed=0
all_exit_ok=1
report=()

for proj in "${projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  trx="$RESULTS_DIR/$name.trx"
  rm -f "$trx"

  args=(test "$proj" -c Release --no-build
        --logger "trx;LogFileName=$name.trx"
        --results-directory "$RESULTS_DIR")
  [[ -n "$FILTER" ]] && args+=(--filter "$FILTER")

  echo "==> [$name] dotnet ${args[*]} (timeout ${TIMEOUT}s)"
  timeout --kill-after=30 "$TIMEOUT" dotnet "${args[@]}" </dev/null
  rc=$?

  note=""
  if counts="$(trx_counts "$trx")"; then
    read -r p f <<<"$counts"
  else
    p=0; f=1; note=" (no trx)"
  fi
  if ((rc == 124 || rc == 137)); then
    note+=" (timed out after ${TIMEOUT}s)"
  fi
  if ((rc != 0)); then
    all_exit_ok=0
    # A non-zero exit with no failed test recorded (crash, timeout, aborted run)
    # still has to show up as a failure in the counts.
    if ((f == 0)); then f=1; note+=" (no failed test recorded)"; fi
  fi
  note="exit $rc$note"

  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
  report+=("$(printf '  %-28s %6d passed, %6d failed   [%s]' "$name" "$p" "$f" "$note")")
done

echo
echo "==> results (trx files in $RESULTS_DIR)"
printf '%s\n' "${report[@]}"
echo "$total_passed passed, $total_failed failed"

if ((total_failed == 0 && all_exit_ok == 1 && total_passed > 0)); then
  exit 0
fi
exit 1
