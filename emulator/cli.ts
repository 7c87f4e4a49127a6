#!/usr/bin/env node
/** `npm run emulator -- [--port N] [--host H] [--public-url URL] [--data file] [--sample] [--quiet]` */
import { parseArgs } from "node:util";
import { normalizePublicUrl, startEmulator } from "./index";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      host: { type: "string", default: "127.0.0.1" },
      "public-url": { type: "string" },
      data: { type: "string" },
      sample: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log("Usage: pilotstatus-emulator [--port 8787] [--host 127.0.0.1] [--public-url URL] [--data state.json] [--sample] [--quiet]");
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
