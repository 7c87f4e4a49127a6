/** Command line of `pilotstatus drift`: flags (node:util parseArgs) and the --help text. */
import { parseArgs } from "node:util";
import { ENV_VARS } from "../config";
import { DEFAULT_CONCURRENCY } from "./auditDrift";
import { DriftInputError } from "./errors";
import { type SecretContext, looksLikeSecret, shown, shownWord } from "./shown";
import { DRIFT_BUCKETS, type DriftBucket } from "./report.schema";

export const DRIFT_HELP = `Usage: pilotstatus drift [options]

Compares the WhatsApp numbers your Pulumi stacks declare (pulumi-pilotstatus WhatsAppNumber and
MetaNumber resources) with the numbers the Pilot Status account really has, like driftctl.

State (at least one; each may be repeated, e.g. one file per stack of a tenant):
  --stack-file <path>     a \`pulumi stack export\` file
  --stack <name>          run \`pulumi stack export --stack <name>\` (needs the Pulumi CLI on PATH)

Output (default: a readable table on stdout):
  --json                  the report as JSON (schemaVersion 1, described by the zod schema
                          DriftReport of "pulumi-pilotstatus/drift")
  --markdown              Markdown for a CI job summary (e.g. >> "$GITHUB_STEP_SUMMARY")
  --progress              show progress on stderr even when it is not a terminal

Audit:
  --ignore <id|+number>   a number deliberately left unmanaged (repeatable); counted, in no bucket
  --ignore-file <path>    one id or +number per line, # starts a comment
  --fail-on <buckets>     which buckets make the exit code 1: comma-separated from
                          changed,missing,unmanaged,unhealthy (default: all four), or "none"
  --no-health             read the account's list only: one request, no detail request per
                          declared number; unhealthy then shows only what the list tells (state
                          not OPEN, not fully connected), not sendable, quality rating or Meta
                          status. The default when --fail-on leaves out unhealthy
  --health                read every declared number's health even when --fail-on leaves out
                          unhealthy
  --concurrency <n>       detail requests in flight at once (default ${DEFAULT_CONCURRENCY}); the pace follows
                          the service's rate limit (a 429 pauses every request on the key)
  --allow-empty           accept state that declares no pulumi-pilotstatus number at all
  --base-url <url>        API base URL (default $${ENV_VARS.baseUrl} or https://pilotstatus.com.br)
  --accounts-file <path>  the named accounts' keys, for numbers declared with \`account: "<name>"\`:
                          JSON shaped like the stack config pilotstatus:accounts, e.g.
                          {"acme": {"apiKey": "ps_...", "baseUrl": "https://..."}}
  -h, --help              this text
  -V, --version           print the version (pulumi-pilotstatus <version>) and exit

The API key is read from $${ENV_VARS.apiKey} (a tenant-scoped key sees every number).
Numbers declared under a named account (\`account: "acme"\`) are audited with that account's key:
from --accounts-file, else $${ENV_VARS.apiKey}_<NAME> (name upper-cased, "-" as "_"; base URL
$${ENV_VARS.baseUrl}_<NAME>). Accounts with the same key and base URL are one tenant, listed once.
Several tenants make one report with a section per tenant and a total; the exit code is over all.

Environment:
  ${ENV_VARS.apiKey}[_<NAME>]         API keys, as above
  ${ENV_VARS.baseUrl}[_<NAME>]        API base URLs, as above
  ${ENV_VARS.requestTimeoutSeconds}  per-request timeout in seconds (default 30)
  PILOT_STATUS_DEBUG=1                  print the stack trace of an unexpected error
  NO_COLOR                              no colour escapes (the output has none today)
  TERM=dumb                             progress as plain lines, never redrawn in place

Buckets:
  in sync     declared, present, name/number/provider as in the state
  changed     declared and present, but name, number or provider differ (state → account)
  missing     declared, but gone from the account
  unmanaged   in the account, declared by none of the given stacks
  unhealthy   declared and present, but state not OPEN, not fully connected, not sendable,
              quality rating not GREEN or Meta status not CONNECTED (a number can be both
              changed and unhealthy). Counts as drift by default: a number that cannot send is
              as much a broken promise of the code as a renamed one; use --fail-on to exclude it.
              With --no-health (or --fail-on without unhealthy) only state and connection
              are checked, from the list; the report says so.
Coverage = managed numbers present in the account / numbers in the account (ignored ones excluded).

Exit codes:
  0  no drift (no number in a --fail-on bucket)
  1  drift found
  2  the audit could not run: bad flag, unreadable or malformed stack file, stack with nothing of
     pulumi-pilotstatus in it, missing or wrong API key, API unreachable, an account the stacks
     name with no key or a name that is not valid, one number declared in two accounts of a tenant
`;

export const TOP_HELP = `Usage: pilotstatus <command> [options]

Commands:
  drift   compare the numbers Pulumi stacks declare with the Pilot Status account

Options:
  -h, --help     this text
  -V, --version  print the version (pulumi-pilotstatus <version>) and exit

Run \`pilotstatus drift --help\` for its options.
`;

export type OutputFormat = "table" | "json" | "markdown";

export interface DriftArgs {
  help: boolean;
  version: boolean;
  stackFiles: string[];
  stacks: string[];
  format: OutputFormat;
  progress: boolean;
  ignore: string[];
  ignoreFile: string | undefined;
  failOn: DriftBucket[];
  /** --health (true), --no-health (false), or neither: read health when failOn counts unhealthy. */
  health: boolean | undefined;
  concurrency: number;
  allowEmpty: boolean;
  baseUrl: string | undefined;
  /** --accounts-file: the named accounts' settings. */
  accountsFile: string | undefined;
}

/*
 * Flag values are never echoed as given: a secret pasted into the wrong flag would end up in a CI log.
 * A message names what is wrong; it shows a value only when it is plainly not a secret (a number, a
 * word), made visible and capped (shown.ts).
 */

function parseFailOn(text: string, ctx: SecretContext): DriftBucket[] {
  const t = text.trim();
  if (t === "none") return [];
  const items = t
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const bad = items.filter((s) => !(DRIFT_BUCKETS as readonly string[]).includes(s));
  if (items.length === 0 || bad.length > 0) {
    const words = bad.map((b) => shownWord(b, ctx));
    const what =
      items.length === 0
        ? "the value given names no bucket"
        : words.every((w) => w !== undefined) && bad.length <= 4
          ? `${words.map((w) => `"${w}"`).join(", ")} ${bad.length === 1 ? "is not a bucket" : "are not buckets"}`
          : bad.length === 1
            ? `1 of the ${items.length} items is not a bucket (not shown: it does not look like a bucket name)`
            : `${bad.length} of the ${items.length} items are not buckets (not shown: not all of them look like bucket names)`;
    throw new DriftInputError(`--fail-on takes ${DRIFT_BUCKETS.join(",")} (comma-separated) or none; ${what}`);
  }
  return [...new Set(items as DriftBucket[])];
}

function parseConcurrency(text: string): number {
  const t = text.trim();
  const n = Number(t);
  if (!/^\d+$/.test(t) || !Number.isInteger(n) || n < 1 || n > 64) {
    const what = /^[+-]?\d{1,12}(\.\d{1,6})?$/.test(t) ? `not ${t}` : "and the value given is not a number (not shown)";
    throw new DriftInputError(`--concurrency takes a whole number from 1 to 64, ${what}`);
  }
  return n;
}

/** `[<org>/[<project>/]]<stack>`, as Pulumi names stacks; never an option (`--show-secrets`) for `pulumi stack export`. */
const STACK_NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*){0,2}$/;

function checkStackName(name: string, ctx: SecretContext): string {
  if (looksLikeSecret(name, ctx)) {
    throw new DriftInputError(
      `--stack takes a stack name; the value given looks like a secret (not shown). The API key goes in $${ENV_VARS.apiKey}`,
    );
  }
  if (!STACK_NAME.test(name) || name.length > 300) {
    throw new DriftInputError(
      `--stack takes a stack name ([<org>/[<project>/]]<stack>: letters, digits, -, _ and .), not ${shown(name, ctx)}`,
    );
  }
  return name;
}

function checkPath(flag: string, path: string, ctx: SecretContext): string {
  if (path.trim() === "") throw new DriftInputError(`${flag} needs a path`);
  if (looksLikeSecret(path, ctx)) {
    throw new DriftInputError(
      `${flag} takes a path; the value given looks like a secret (not shown). The API key goes in $${ENV_VARS.apiKey}`,
    );
  }
  return path;
}

function checkBaseUrl(text: string, ctx: SecretContext): string {
  const advice = "--base-url takes the API's http(s) URL, such as https://pilotstatus.com.br";
  if (looksLikeSecret(text, ctx)) {
    throw new DriftInputError(`${advice}; the value given looks like a secret (not shown). The API key goes in $${ENV_VARS.apiKey}`);
  }
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new DriftInputError(`${advice}; the value given is not a URL (not shown)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new DriftInputError(`${advice}; the value given is not an http(s) URL (not shown)`);
  if (url.username !== "" || url.password !== "") {
    throw new DriftInputError(`${advice}, without user or password in it (not shown); the API key goes in $${ENV_VARS.apiKey}`);
  }
  return text.trim();
}

/** parseArgs, its failure as a DriftInputError that never echoes a value that may be a secret. */
function parseFlags(argv: readonly string[], ctx: SecretContext) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "V", default: false },
        "stack-file": { type: "string", multiple: true, default: [] },
        stack: { type: "string", multiple: true, default: [] },
        json: { type: "boolean", default: false },
        markdown: { type: "boolean", default: false },
        progress: { type: "boolean", default: false },
        ignore: { type: "string", multiple: true, default: [] },
        "ignore-file": { type: "string" },
        "fail-on": { type: "string" },
        health: { type: "boolean" },
        "no-health": { type: "boolean" },
        concurrency: { type: "string" },
        "allow-empty": { type: "boolean", default: false },
        "base-url": { type: "string" },
        "accounts-file": { type: "string" },
      },
    });
  } catch (e) {
    throw new DriftInputError(parseArgsMessage(e, ctx));
  }
}

export function parseDriftArgs(argv: readonly string[], ctx: SecretContext = {}): DriftArgs {
  const { values } = parseFlags(argv, ctx);
  if (values.json && values.markdown) throw new DriftInputError("choose one of --json and --markdown");
  if (values.health && values["no-health"]) throw new DriftInputError("choose one of --health and --no-health");
  const help = values.help ?? false;
  const version = values.version ?? false;
  const stackFiles = (values["stack-file"] ?? []).map((f) => checkPath("--stack-file", f, ctx));
  const stacks = (values.stack ?? []).map((s) => checkStackName(s, ctx));
  const ignoreFile = values["ignore-file"] === undefined ? undefined : checkPath("--ignore-file", values["ignore-file"], ctx);
  const accountsFile = values["accounts-file"] === undefined ? undefined : checkPath("--accounts-file", values["accounts-file"], ctx);
  // Every flag's value is checked before the "no stack" advice, so a bad value is the one thing said.
  const failOn = values["fail-on"] === undefined ? [...DRIFT_BUCKETS] : parseFailOn(values["fail-on"], ctx);
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : parseConcurrency(values.concurrency);
  const baseUrl = values["base-url"] === undefined ? undefined : checkBaseUrl(values["base-url"], ctx);
  if (!help && !version && stackFiles.length === 0 && stacks.length === 0) {
    throw new DriftInputError("no stack given: pass --stack-file <export.json> or --stack <name> (see --help)");
  }
  return {
    help,
    version,
    stackFiles,
    stacks,
    format: values.json ? "json" : values.markdown ? "markdown" : "table",
    progress: values.progress ?? false,
    ignore: values.ignore ?? [],
    ignoreFile,
    failOn,
    health: values.health ? true : values["no-health"] ? false : undefined,
    concurrency,
    allowEmpty: values["allow-empty"] ?? false,
    baseUrl,
    accountsFile,
  };
}

const SEE_HELP = "(see pilotstatus drift --help)";

/**
 * parseArgs quotes what it was given (an unknown option, a stray argument): shown only when it is a
 * plain word or a file name, never when it could be a secret. Its messages run on with advice about
 * `--`; keep the first sentence and point to --help.
 */
function parseArgsMessage(e: unknown, ctx: SecretContext): string {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /'(.*)'/s.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const word = shownWord(quoted, ctx);
    return word !== undefined
      ? `unknown option '${word}' ${SEE_HELP}`
      : `unknown option (not shown: it does not look like an option name) ${SEE_HELP}`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const plain =
      shownWord(quoted, ctx) ??
      (/^[\w./-]{1,120}$/.test(quoted) && /[./]/.test(quoted) && !looksLikeSecret(quoted, ctx) ? quoted : undefined);
    const what =
      plain !== undefined ? `unexpected argument '${plain}'` : "unexpected argument (not shown: it does not look like a word or a path)";
    return `${what}: drift takes only options, e.g. --stack-file <path> ${SEE_HELP}`;
  }
  const first = message.split(/\.\s|\n/)[0]!.replace(/\.$/, "");
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // Its quotes hold the option as we declared it ('--stack-file <value>'), not the user's value.
    return `${first.charAt(0).toLowerCase()}${first.slice(1)} ${SEE_HELP}`;
  }
  return first;
}
