/**
 * `pilotstatus drift`: arguments in, report out, exit code back. Every failure the user can fix is
 * one line on stderr and exit 2 — never a stack trace.
 */
import { PilotStatusError } from "../client";
import { ENV_VARS, MissingApiKeyError, type ProviderSettings, resolveSettings } from "../config";
import { parseDriftArgs, DRIFT_HELP, TOP_HELP } from "./args";
import { auditDrift } from "./auditDrift";
import { DriftInputError } from "./errors";
import { EXIT, exitCodeOf } from "./exitCode";
import { IgnoreList, loadIgnoreFile, parseIgnoreEntry } from "./ignoreList";
import { progressReporter } from "./progress";
import { renderMarkdown } from "./render/markdown";
import { jsonText } from "./render/safeText";
import { renderTable } from "./render/table";
import type { DriftReport } from "./report.schema";
import { type SecretContext, redactMessage, shown, shownWord } from "./shown";

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

const DEBUG_ENV = "PILOTSTATUS_DEBUG";

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** Errors the user caused or can fix; anything else is a bug and says how to get its trace. */
function isUserError(e: unknown): e is Error {
  return e instanceof DriftInputError || e instanceof PilotStatusError || e instanceof MissingApiKeyError;
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
  if (e instanceof PilotStatusError && e.kind === "unauthorized") {
    return `Pilot Status rejected the key in ${ENV_VARS.apiKey} (401 on ${e.method} ${e.path}): set it to a valid tenant-scoped key`;
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
    let entries = args.ignore.map((t) => parseIgnoreEntry(t, "--ignore", secrets));
    // concat, not push(...): an ignore file of 200,000 lines is too many arguments for a call.
    if (args.ignoreFile !== undefined) entries = entries.concat(await loadIgnoreFile(args.ignoreFile, secrets));

    const settings = settingsFrom(io.env, args.baseUrl);
    if (args.progress || io.stderr.isTTY) progress = progressReporter(io.stderr, io.stderr.isTTY === true);

    const report = await auditDrift({
      stackFiles: args.stackFiles,
      stacks: args.stacks,
      settings,
      ignore: new IgnoreList(entries),
      concurrency: args.concurrency,
      failOn: args.failOn,
      ...(args.health !== undefined ? { health: args.health } : {}),
      allowEmpty: args.allowEmpty,
      pulumi: { env: io.env },
      ...(progress ? { onProgress: progress.onProgress } : {}),
    });
    progress?.finish();
    io.stdout.write(render(report, args.format));
    return exitCodeOf(report);
  } catch (e) {
    progress?.finish();
    if (isUserError(e)) return fail(keyAdvice(e) ?? e.message);
    if (e instanceof Error && io.env[DEBUG_ENV]) io.stderr.write(`${e.stack ?? e.message}\n`);
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
