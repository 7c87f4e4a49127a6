#!/usr/bin/env bash
# Drift check for one stack of a Pulumi project that uses pulumi-pilotstatus. Copy it next to Pulumi.yaml and run it
# from there (the Pulumi CLI finds the project, and a short stack name, in the working directory).
#
#   ./check-drift.sh [--config-file <path>] <stack>
#
#   <stack>                 the stack's name, or organization/project/stack
#   --config-file <path>    the stack's config file when it is not Pulumi.<stack>.yaml beside Pulumi.yaml (passed
#                           to `pulumi preview --config-file`; the audit reads the state only and needs no config)
#
# 1. `pulumi preview --refresh --expect-no-changes`: reads every number back from the API and fails if the program
#    would change anything (e.g. a number renamed in the dashboard would be replaced).
# 2. `pilotstatus drift --stack <stack>`: compares the stack's state with the whole Pilot Status account (numbers
#    changed, deleted or added outside Pulumi, numbers that cannot send).
#
# Exit: 0 in sync, 1 drift found, 2 the check could not run (say, a bad key, an unreachable API, no such stack, no
# Pulumi CLI, a bad argument).
# Needs the Pulumi CLI on PATH and logged in to the stack's backend (for a passphrase-encrypted stack also
# PULUMI_CONFIG_PASSPHRASE), `npm ci` done (pulumi-pilotstatus installed), the stack's config (pilotstatus:apiKey for
# preview) and PILOT_STATUS_API_KEY, a tenant key, for the audit.
# In GitHub Actions the reports go to the job summary ($GITHUB_STEP_SUMMARY), elsewhere to stdout.
# After rotating pilotstatus:apiKey run `pulumi up` once: a refresh reads the numbers with the provider configuration
# the last `up` recorded in the state, so until then the old key is used (and refused once revoked).
set -uo pipefail

# Usage on stderr and exit 2 ("could not run"); with --help on stdout and exit 0.
usage() {
  if [ "${1:-2}" -eq 0 ]; then
    echo "usage: check-drift.sh [--config-file <path>] <stack>"
  else
    echo "usage: check-drift.sh [--config-file <path>] <stack>" >&2
  fi
  exit "${1:-2}"
}
config_args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --config-file)
      [ "$#" -ge 2 ] && [ -n "$2" ] || usage
      config_args=(--config-file "$2")
      shift 2
      ;;
    --config-file=*)
      [ -n "${1#*=}" ] || usage
      config_args=(--config-file "${1#*=}")
      shift
      ;;
    -h | --help) usage 0 ;;
    --) shift; break ;;
    -*)
      echo "check-drift.sh: unknown option $1" >&2
      usage
      ;;
    *) break ;;
  esac
done
[ "$#" -eq 1 ] && [ -n "$1" ] || usage
stack="$1"
if ! command -v pulumi > /dev/null 2>&1; then
  echo "::error::the Pulumi CLI (pulumi) is not on PATH: install it (in GitHub Actions: pulumi/actions)"
  exit 2
fi
# The reports go to file descriptor 3: the job summary, or a copy of stdout. (Not `>> /dev/stdout`: opening it fails
# when stdout is a socket, as under some CI runners and Node's child_process, and a failed redirect looks like drift.)
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if ! exec 3>> "$GITHUB_STEP_SUMMARY"; then
    echo "::error::cannot write the job summary ${GITHUB_STEP_SUMMARY}"
    exit 2
  fi
else
  exec 3>&1
fi
# The audit command; override to run it another way, e.g. PILOTSTATUS="node path/to/cli.js".
pilotstatus="${PILOTSTATUS:-npx --no-install pilotstatus}"
drift=0

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "## pulumi preview --refresh --expect-no-changes (${stack})" >&3
# ${a[@]+"${a[@]}"}: an empty array under `set -u`, also in the bash 3.2 of macOS.
pulumi preview --stack "$stack" --refresh --expect-no-changes --diff --non-interactive ${config_args[@]+"${config_args[@]}"} 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
if [ "$rc" -eq 0 ]; then
  echo "The program matches the live numbers." >&3
# --expect-no-changes failed: exit 7 in the CLI's exit-code taxonomy (e.g. v3.274: "no changes were expected for
# preview but changes were proposed"); older CLIs exit 255 for any error, so the message decides there.
elif [ "$rc" -eq 7 ] || grep -Eq "no changes were expected.* but changes were proposed" "$log"; then
  echo "::error::pulumi preview --refresh: the program would change stack ${stack} (see the diff in the log)"
  echo "**Changes pending**: the program would change the stack (see the diff in the job log)." >&3
  drift=1
# The provider refuses a change that would replace a number (the API cannot rename one): the account and the program
# differ, and a person must decide (declare the account's value, ignoreChanges, or allowReplacement).
elif grep -q "refusing to replace this number" "$log"; then
  echo "::error::pulumi preview --refresh: the account differs from the program in a way only a replacement could apply (see the log)"
  echo "**Changes pending**: the account differs from the program, and applying it would replace a number; the provider refused (see the job log)." >&3
  drift=1
else
  echo "::error::pulumi preview failed for stack ${stack} (exit ${rc})"
  echo "**pulumi preview failed** (exit ${rc}): see the job log." >&3
  exit 2
fi

echo "## pilotstatus drift (${stack})" >&3
$pilotstatus drift --stack "$stack" --markdown >&3
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
