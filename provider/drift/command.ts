/**
 * `pilotstatus drift`: arguments in, report out, exit code back. Every failure the user can fix is
 * one line on stderr and exit 2 — never a stack trace.
 */
import { AccountError } from "../accounts";
import { PilotStatusError } from "../client";
import { ENV_VARS, MissingApiKeyError, type ProviderSettings, resolveSettings } from "../config";
import { parseDriftArgs, DRIFT_HELP, TOP_HELP } from "./args";
import { auditWithAccounts, checkDeclaresSomething, loadSources } from "./auditDrift";
import { DriftInputError, TenantAuditError } from "./errors";
import { EXIT, exitCodeOf } from "./exitCode";
import { IgnoreList, loadIgnoreFile, parseIgnoreEntry } from "./ignoreList";
import { versionLine } from "../version";
import { progressMode, progressReporter } from "./progress";
import { renderMarkdown } from "./render/markdown";
import { jsonText } from "./render/safeText";
import { renderTable } from "./render/table";
import type { DriftReport } from "./report.schema";
import { type SecretContext, redactMessage, shown, shownWord } from "./shown";
import { accountKeys, loadAccountsFile } from "./tenants";

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

const DEBUG_ENV = "PILOT_STATUS_DEBUG";
/** The name before every variable took the PILOT_STATUS_ prefix; the error text of 0.1.0 told users to set it. */
const OLD_DEBUG_ENV = "PILOTSTATUS_DEBUG";

function debugWanted(io: CliIo): boolean {
  if (io.env[DEBUG_ENV]) return true;
  if (!io.env[OLD_DEBUG_ENV]) return false;
  io.stderr.write(`pilotstatus: warning: ${OLD_DEBUG_ENV} is deprecated, set ${DEBUG_ENV}=1 instead\n`);
  return true;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** Errors the user caused or can fix; anything else is a bug and says how to get its trace. */
function isUserError(e: unknown): e is Error {
  if (e instanceof TenantAuditError) return isUserError(e.cause);
  return e instanceof DriftInputError || e instanceof PilotStatusError || e instanceof MissingApiKeyError || e instanceof AccountError;
}

function settingsFrom(env: NodeJS.ProcessEnv, baseUrl: string | undefined): ProviderSettings {
  try {
    return resolveSettings(undefined, baseUrl === undefined ? env : { ...env, [ENV_VARS.baseUrl]: baseUrl });
  } catch (e) {
    // A bad timeout setting is the user's to fix, like a missing key; the value it quotes is shown only if it is no secret.
    if (e instanceof MissingApiKeyError) throw e;
    throw new DriftInputError((e as Error).message.replace(/"([^"]*)"/g, (_, v: string) => shown(v, { env })));
  }
}

/** The provider's key messages name stack config too; the audit reads only the environment. */
function keyAdvice(e: Error): string | undefined {
  if (e instanceof MissingApiKeyError) {
    return `no API key: export ${ENV_VARS.apiKey}=ps_... (a tenant-scoped key, so that every number of the account is seen)`;
  }
  if (PilotStatusError.isUnauthorized(e)) {
    return `Pilot Status rejected the key in ${ENV_VARS.apiKey} (401 on ${e.method} ${e.path}): set it to a valid tenant-scoped key`;
  }
  if (e instanceof TenantAuditError && PilotStatusError.isUnauthorized(e.cause)) {
    return `Pilot Status rejected the key of ${e.tenant} (from ${e.keyFrom}; 401 on ${e.cause.method} ${e.cause.path}): set it to a valid tenant-scoped key`;
  }
  return undefined;
}

function render(report: DriftReport, format: "table" | "json" | "markdown"): string {
  // Exact values; DEL, C1 and bidi characters as \u escapes, so even `cat report.json` is safe.
  if (format === "json") return jsonText(report);
  if (format === "markdown") return renderMarkdown(report);
  return renderTable(report);
}

export async function runDrift(argv: readonly string[], io: CliIo): Promise<number> {
  const secrets: SecretContext = { env: io.env };
  // Whatever the message quotes (a path, the API's or Pulumi's words): no secret, no control character, one line.
  const fail = (message: string): number => {
    io.stderr.write(`pilotstatus drift: ${redactMessage(oneLine(message), secrets)}\n`);
    return EXIT.error;
  };
  let progress: ReturnType<typeof progressReporter> | undefined;
  try {
    const args = parseDriftArgs(argv, secrets);
    if (args.help) {
      io.stdout.write(DRIFT_HELP);
      return EXIT.inSync;
    }
    if (args.version) {
      io.stdout.write(versionLine());
      return EXIT.inSync;
    }
    let entries = args.ignore.map((t) => parseIgnoreEntry(t, "--ignore", secrets));
    // concat, not push(...): an ignore file of 200,000 lines is too many arguments for a call.
    if (args.ignoreFile !== undefined) entries = entries.concat(await loadIgnoreFile(args.ignoreFile, secrets));

    // The accounts file holds keys: once read, they are redacted from every message like the environment's.
    const accounts = args.accountsFile === undefined ? undefined : await loadAccountsFile(args.accountsFile, secrets);
    secrets.keys = accountKeys(accounts);

    const sources = await loadSources({ stackFiles: args.stackFiles, stacks: args.stacks, pulumi: { env: io.env } });
    if (!args.allowEmpty) checkDeclaresSomething(sources);
    // The default key is needed only when a number names no account (or none is declared at all).
    const usesDefault = sources.every((s) => s.numbers.length === 0) || sources.some((s) => s.numbers.some((n) => n.account === undefined));
    const settings = usesDefault ? settingsFrom(io.env, args.baseUrl) : undefined;
    const mode = progressMode({ forced: args.progress, isTTY: io.stderr.isTTY, env: io.env });
    if (mode !== "off") progress = progressReporter(io.stderr, mode === "redraw");

    const report = await auditWithAccounts(
      {
        sources,
        ...(settings ? { settings } : {}),
        // --base-url is the default for every account that sets none, as PILOT_STATUS_BASE_URL is.
        env: args.baseUrl === undefined ? io.env : { ...io.env, [ENV_VARS.baseUrl]: args.baseUrl },
        ignore: new IgnoreList(entries),
        concurrency: args.concurrency,
        failOn: args.failOn,
        ...(args.health !== undefined ? { health: args.health } : {}),
        allowEmpty: args.allowEmpty,
        pulumi: { env: io.env },
        ...(progress ? { onProgress: progress.onProgress } : {}),
      },
      accounts,
      secrets,
    );
    progress?.finish();
    io.stdout.write(render(report, args.format));
    return exitCodeOf(report);
  } catch (e) {
    progress?.finish();
    if (isUserError(e)) return fail(keyAdvice(e) ?? e.message);
    if (e instanceof Error && debugWanted(io)) io.stderr.write(`${e.stack ?? e.message}\n`);
    return fail(`${e instanceof Error ? e.message : String(e)} (unexpected; set ${DEBUG_ENV}=1 for the stack trace)`);
  }
}

/** `pilotstatus <command> ...` */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "drift") return runDrift(rest, io);
  if (command === "-h" || command === "--help" || command === "help") {
    io.stdout.write(TOP_HELP);
    return EXIT.inSync;
  }
  if (command === "-V" || command === "--version" || command === "version") {
    io.stdout.write(versionLine());
    return EXIT.inSync;
  }
  // A command is echoed only when it is a plain word: the argument could be a pasted secret.
  const word = command === undefined ? undefined : shownWord(command, { env: io.env });
  io.stderr.write(
    command === undefined
      ? `pilotstatus: missing command; try \`pilotstatus drift --help\`\n`
      : word !== undefined
        ? `pilotstatus: unknown command "${word}"; the commands are: drift\n`
        : `pilotstatus: unknown command (not shown: it is not a plain word); the commands are: drift\n`,
  );
  return EXIT.error;
}
