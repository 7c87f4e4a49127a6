#!/usr/bin/env bash
# Drift check for one stack of a Pulumi project that uses pulumi-pilotstatus. Copy it next to Pulumi.yaml.
#
#   ./check-drift.sh <stack>
#
# 1. `pulumi preview --refresh --expect-no-changes`: reads every number back from the API and fails if the program
#    would change anything (e.g. a number renamed in the dashboard would be replaced).
# 2. `pilotstatus drift --stack <stack>`: compares the stack's state with the whole Pilot Status account (numbers
#    changed, deleted or added outside Pulumi, numbers that cannot send).
#
# Exit: 0 in sync, 1 drift found, 2 the check could not run (say, a bad key, an unreachable API, no such stack).
# Needs the Pulumi CLI logged in to the stack's backend, `npm ci` done (pulumi-pilotstatus installed), the stack's
# config (pilotstatus:apiKey for preview) and PILOT_STATUS_API_KEY, a tenant key, for the audit.
# In GitHub Actions the reports go to the job summary ($GITHUB_STEP_SUMMARY), elsewhere to stdout.
set -uo pipefail

stack="${1:?usage: check-drift.sh <stack>}"
summary="${GITHUB_STEP_SUMMARY:-/dev/stdout}"
# The audit command; override to run it another way, e.g. PILOTSTATUS="node path/to/cli.js".
pilotstatus="${PILOTSTATUS:-npx --no-install pilotstatus}"
drift=0

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "## pulumi preview --refresh --expect-no-changes (${stack})" >> "$summary"
pulumi preview --stack "$stack" --refresh --expect-no-changes --diff --non-interactive 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
if [ "$rc" -eq 0 ]; then
  echo "The program matches the live numbers." >> "$summary"
elif grep -Eq "no changes were expected.* but changes were proposed" "$log"; then  # wording varies by version
  echo "::error::pulumi preview --refresh: the program would change stack ${stack} (see the diff in the log)"
  echo "**Changes pending**: the program would change the stack (see the diff in the job log)." >> "$summary"
  drift=1
else
  echo "::error::pulumi preview failed for stack ${stack} (exit ${rc})"
  echo "**pulumi preview failed** (exit ${rc}): see the job log." >> "$summary"
  exit 2
fi

echo "## pilotstatus drift (${stack})" >> "$summary"
$pilotstatus drift --stack "$stack" --markdown >> "$summary"
rc=$?
case "$rc" in
  0) ;;
  1)
    echo "::error::pilotstatus drift found drift in stack ${stack} (see the job summary)"
    drift=1
    ;;
  *)
    echo "::error::pilotstatus drift could not run for stack ${stack} (exit ${rc})"
    exit 2
    ;;
esac
exit "$drift"
