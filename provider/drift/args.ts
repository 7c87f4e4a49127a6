/** Command line of `pilotstatus drift`: flags (node:util parseArgs) and the --help text. */
import { parseArgs } from "node:util";
import { ENV_VARS } from "../config";
import { DEFAULT_CONCURRENCY } from "./auditDrift";
import { DriftInputError } from "./errors";
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
  --concurrency <n>       detail requests in flight at once (default ${DEFAULT_CONCURRENCY}); halved on a 429
  --allow-empty           accept state that declares no pulumi-pilotstatus number at all
  --base-url <url>        API base URL (default $${ENV_VARS.baseUrl} or https://pilotstatus.com.br)
  -h, --help              this text

The API key is read from $${ENV_VARS.apiKey} (a tenant-scoped key sees every number).

Buckets:
  in sync     declared, present, name/number/provider as in the state
  changed     declared and present, but name, number or provider differ (state → account)
  missing     declared, but gone from the account
  unmanaged   in the account, declared by none of the given stacks
  unhealthy   declared and present, but state not OPEN, not fully connected, not sendable,
              quality rating not GREEN or Meta status not CONNECTED (a number can be both
              changed and unhealthy). Counts as drift by default: a number that cannot send is
              as much a broken promise of the code as a renamed one; use --fail-on to exclude it.
Coverage = managed numbers present in the account / numbers in the account (ignored ones excluded).

Exit codes:
  0  no drift (no number in a --fail-on bucket)
  1  drift found
  2  the audit could not run: bad flag, unreadable or malformed stack file, stack with nothing of
     pulumi-pilotstatus in it, missing or wrong API key, API unreachable
`;

export const TOP_HELP = `Usage: pilotstatus <command> [options]

Commands:
  drift   compare the numbers Pulumi stacks declare with the Pilot Status account

Run \`pilotstatus drift --help\` for its options.
`;

export type OutputFormat = "table" | "json" | "markdown";

export interface DriftArgs {
  help: boolean;
  stackFiles: string[];
  stacks: string[];
  format: OutputFormat;
  progress: boolean;
  ignore: string[];
  ignoreFile: string | undefined;
  failOn: DriftBucket[];
  concurrency: number;
  allowEmpty: boolean;
  baseUrl: string | undefined;
}

function parseFailOn(text: string): DriftBucket[] {
  const t = text.trim();
  if (t === "none") return [];
  const items = t.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const bad = items.filter((s) => !(DRIFT_BUCKETS as readonly string[]).includes(s));
  if (items.length === 0 || bad.length > 0) {
    throw new DriftInputError(`--fail-on takes ${DRIFT_BUCKETS.join(",")} (comma-separated) or none, not "${text}"`);
  }
  return [...new Set(items as DriftBucket[])];
}

function parseConcurrency(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < 1 || n > 64) {
    throw new DriftInputError(`--concurrency takes a whole number from 1 to 64, not "${text}"`);
  }
  return n;
}

export function parseDriftArgs(argv: readonly string[]): DriftArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h", default: false },
        "stack-file": { type: "string", multiple: true, default: [] },
        stack: { type: "string", multiple: true, default: [] },
        json: { type: "boolean", default: false },
        markdown: { type: "boolean", default: false },
        progress: { type: "boolean", default: false },
        ignore: { type: "string", multiple: true, default: [] },
        "ignore-file": { type: "string" },
        "fail-on": { type: "string" },
        concurrency: { type: "string" },
        "allow-empty": { type: "boolean", default: false },
        "base-url": { type: "string" },
      },
    }));
  } catch (e) {
    throw new DriftInputError(parseArgsMessage(e));
  }
  if (values.json && values.markdown) throw new DriftInputError("choose one of --json and --markdown");
  const help = values.help ?? false;
  const stackFiles = values["stack-file"] ?? [];
  const stacks = values.stack ?? [];
  if (!help && stackFiles.length === 0 && stacks.length === 0) {
    throw new DriftInputError("no stack given: pass --stack-file <export.json> or --stack <name> (see --help)");
  }
  return {
    help,
    stackFiles,
    stacks,
    format: values.json ? "json" : values.markdown ? "markdown" : "table",
    progress: values.progress ?? false,
    ignore: values.ignore ?? [],
    ignoreFile: values["ignore-file"],
    failOn: values["fail-on"] === undefined ? [...DRIFT_BUCKETS] : parseFailOn(values["fail-on"]),
    concurrency: values.concurrency === undefined ? DEFAULT_CONCURRENCY : parseConcurrency(values.concurrency),
    allowEmpty: values["allow-empty"] ?? false,
    baseUrl: values["base-url"],
  };
}

/** parseArgs messages run on with advice about `--`; keep the first sentence and point to --help. */
function parseArgsMessage(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split(/\.\s|\n/)[0]!.replace(/\.$/, "");
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL" || code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return `${first.charAt(0).toLowerCase()}${first.slice(1)} (see pilotstatus drift --help)`;
  }
  return first;
}
