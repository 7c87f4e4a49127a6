/**
 * A stand-in for the `pulumi-language-nodejs` plugin, for machines that have the Pulumi CLI but not its Node.js
 * language host (the Go module proxy here does not serve `sdk/nodejs/cmd/pulumi-language-nodejs`). It speaks the
 * LanguageRuntime protocol (languageRuntime.ts) and runs programs exactly as the Go host's Run does (pulumi/pulumi
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go): `node <@pulumi/pulumi/cmd/run> --monitor … --engine … <entry>`
 * with PULUMI_CONFIG in the `ns:config:key` form, PULUMI_CONFIG_SECRET_KEYS and PULUMI_NODEJS_TYPESCRIPT, so the
 * SDK's own TypeScript support loads `index.ts`. Left out: the monitor proxy (tracing only), the `--sync` pipes
 * (the SDK falls back to async invokes), dependency installation, code generation and debugging.
 */
import { execFileSync } from "node:child_process";
import type * as grpc from "@grpc/grpc-js";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import { flags, type Launch, serveAsPlugin, startLanguageRuntime } from "./languageRuntime";

/** Run request config keys arrive as `ns:key`; the SDK's PULUMI_CONFIG still reads `ns:config:key`. */
export function sdkConfig(config: ReadonlyMap<string, string> | Iterable<[string, string]>): string {
  const out: Record<string, string> = {};
  for (const [key, value] of config) {
    const i = key.indexOf(":");
    out[i < 0 ? key : `${key.slice(0, i)}:config:${key.slice(i + 1)}`] = value;
  }
  return JSON.stringify(out);
}

interface NodeOptions {
  typescript: boolean;
  tsconfig?: string;
  nodeargs: string[];
}

function nodeOptions(options: Record<string, unknown>): NodeOptions {
  const ts = options.typescript ?? true;
  if (typeof ts !== "boolean") throw new Error("typescript option must be a boolean");
  const tsconfig = options.tsconfig;
  if (tsconfig !== undefined && typeof tsconfig !== "string") throw new Error("tsconfig option must be a string");
  const nodeargs = options.nodeargs ?? "";
  if (typeof nodeargs !== "string") throw new Error("nodeargs option must be a string");
  return { typescript: ts, ...(tsconfig ? { tsconfig } : {}), nodeargs: nodeargs.split(/\s+/).filter(Boolean) };
}

/** @pulumi/pulumi's cmd/run as the program's own node_modules resolve it (as the Go host's locateModule does). */
function locateRun(programDir: string): string {
  return execFileSync(process.execPath, ["-e", 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/run"))'], {
    cwd: programDir,
    encoding: "utf8",
  });
}

/** The Go host's Run command line: `node [nodeargs] <cmd/run> --monitor … <entry> [args]`. */
function launch(req: langproto.RunRequest, engine: string): Launch {
  const info = req.getInfo();
  const programDir = info?.getProgramDirectory() || req.getPwd();
  const opts = nodeOptions((info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>);
  const args = [
    ...opts.nodeargs,
    locateRun(programDir),
    ...flags([
      ["monitor", req.getMonitorAddress()],
      ["engine", engine],
      ["organization", req.getOrganization()],
      ["project", req.getProject()],
      ["root-directory", info?.getRootDirectory()],
      ["stack", req.getStack()],
      ["pwd", programDir],
    ]),
    ...(req.getDryrun() ? ["--dry-run"] : []),
    ...flags([["parallel", String(req.getParallel())]]),
    info?.getEntryPoint() || req.getProgram() || ".",
    ...req.getArgsList(),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_CONFIG: sdkConfig(req.getConfigMap().entries() as Iterable<[string, string]>),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
    ...(opts.typescript ? { PULUMI_NODEJS_TYPESCRIPT: "true" } : {}),
    ...(opts.tsconfig ? { PULUMI_NODEJS_TSCONFIG_PATH: opts.tsconfig } : {}),
  };
  return { command: process.execPath, args, cwd: programDir, env };
}

export function startLanguageHost(engineAddress: string): Promise<{ port: number; server: grpc.Server }> {
  return startLanguageRuntime(engineAddress, {
    launch,
    about: () => new langproto.AboutResponse().setExecutable(process.execPath).setVersion(process.version),
  });
}

export const main = (): Promise<void> => serveAsPlugin(startLanguageHost);
