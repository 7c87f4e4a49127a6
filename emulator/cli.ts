#!/usr/bin/env node
/** `pilotstatus-emulator [--port N] [--host H] [--public-url URL] [--data file] [--sample] [--quiet]`; see EMULATOR_HELP. */
import { parseArgs } from "node:util";
import { versionLine } from "./version";
import { normalizePublicUrl, startEmulator } from "./index";
import { DEFAULT_TENANT_KEY, DEFAULT_TENANT_KEY_ID, OTHER_TENANT_KEY, OTHER_TENANT_KEY_ID, TENANT_KEY_ENV } from "./keys";

const EMULATOR_HELP = `Usage: pilotstatus-emulator [options]

A local stand-in for the Pilot Status API (/v1/numbers*, /v1/calls*, API-key auth, tenant isolation),
with an unauthenticated control API under /__emulator/ for tests and CI. Prints its URL, the keys and
a ready-to-paste curl, then serves until SIGINT or SIGTERM.

Options:
  --port <n>          port to listen on (default 8787; 0 picks a free one)
  --host <address>    address to listen on (default 127.0.0.1); anything but a loopback address
                      exposes the fixed keys and the control API beyond this machine
  --public-url <url>  base of the links the API hands out (webhookUrl, remotePairingUrl), e.g. the
                      address clients reach it by through a proxy (default: the URL it listens on)
  --data <file>       keep the whole state in this JSON file: loaded at start, rewritten after every
                      change (mode 0600); <file>.lock holds the owner's pid, one emulator per file
  --sample            start with three demo numbers (fixed ids and keys) and some calls
  --quiet             no per-request log line on stdout
  -h, --help          this text
  -V, --version       print the version and exit

Environment:
  ${TENANT_KEY_ENV}  the default tenant's API key (default ${DEFAULT_TENANT_KEY})

Keys are fixed so CI scripts can hard-code them: tenant ${DEFAULT_TENANT_KEY} (id
${DEFAULT_TENANT_KEY_ID}), second tenant ${OTHER_TENANT_KEY} (id ${OTHER_TENANT_KEY_ID}).
Number keys are random except with --sample.

Exit codes:
  0  stopped by SIGINT or SIGTERM (or --help, --version)
  1  could not start: a bad flag or value, the port taken, a data file that is not emulator state
     or is locked by another emulator
`;

class UsageError extends Error {}

const SEE_HELP = "(see pilotstatus-emulator --help)";

/** parseArgs' own messages run on about `--`; one line that names the flag and points at --help instead. */
function usageMessage(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  // Echoed only when it looks like a flag or a word: whatever else was typed could be a pasted key.
  const plain = /^-{0,2}[A-Za-z][\w-]{0,40}$/.test(quoted) && !/^-{0,2}ps_/.test(quoted) ? quoted : undefined;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return `${plain !== undefined ? `unknown option '${plain}'` : "unknown option (not shown)"} ${SEE_HELP}`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `${plain !== undefined ? `unexpected argument '${plain}'` : "unexpected argument (not shown)"}: the emulator takes only options ${SEE_HELP}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const first = message.split(/\.\s|\n/)[0]!.replace(/\.$/, "");
    return `${first.charAt(0).toLowerCase()}${first.slice(1)} ${SEE_HELP}`;
  }
  return `${message.split("\n")[0]} ${SEE_HELP}`;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string", default: "8787" },
        host: { type: "string", default: "127.0.0.1" },
        "public-url": { type: "string" },
        data: { type: "string" },
        sample: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "V", default: false },
      },
    }).values;
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
}

async function main(): Promise<void> {
  const values = parse(process.argv.slice(2));
  if (values.help) {
    process.stdout.write(EMULATOR_HELP);
    return;
  }
  if (values.version) {
    process.stdout.write(versionLine());
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port takes a number from 0 to 65535, not "${values.port}"`);

  const publicUrl = values["public-url"] === undefined ? undefined : normalizePublicUrl(values["public-url"], "--public-url");

  if (!/^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(values.host)) {
    console.error(
      `pilotstatus-emulator: warning: --host ${values.host} exposes fixed, well-known keys and the unauthenticated ` +
        "control API (/__emulator/) beyond this machine; use it only on a network you trust" +
        (publicUrl === undefined ? " (links in API answers use the listen URL; set the address clients use with --public-url)" : ""),
    );
  }
  const emu = await startEmulator({
    port,
    host: values.host,
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    ...(values.data ? { dataFile: values.data } : {}),
    sample: values.sample,
    ...(values.quiet ? {} : { onRequestLog: (line: string) => console.log(line) }),
  });

  const state = await emu.control.state();
  const lines = [
    `Pilot Status emulator listening on ${emu.url}`,
    `  tenant key:        ${emu.tenantKey}`,
    `  tenant key id:     ${emu.tenantKeyId}`,
    `  other tenant key:  ${emu.otherTenantKey}`,
  ];
  if (emu.publicUrl !== emu.url) lines.push(`  public URL:        ${emu.publicUrl}`);
  for (const [tenant, t] of Object.entries(state.tenants)) {
    for (const n of t.numbers) {
      const { key } = await emu.control.numberKey(n.id);
      lines.push(`  number ${n.id} (${tenant}, ${n.number}, ${n.provider}, ${n.state}) key: ${key}`);
    }
  }
  lines.push(`  try: curl -s ${emu.url}/v1/numbers -H "x-api-key: ${emu.tenantKey}"`);
  lines.push(`  control API: ${emu.url}/__emulator/state`);
  console.log(lines.join("\n"));

  const shutdown = (signal: string) => {
    if (!values.quiet) console.log(`${signal}: stopping`);
    emu.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  const message =
    code === "EADDRINUSE"
      ? `${(err as Error).message}: the port is taken, pass another with --port N (0 picks a free one)`
      : err instanceof Error
        ? err.message
        : String(err);
  console.error(`pilotstatus-emulator: ${message}`);
  process.exit(1);
});
