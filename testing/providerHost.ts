// Drives the real Node.js dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider) the way the Pulumi engine does:
// own process, argv = [engine address], port read from stdout, gRPC ResourceProvider calls.
//
// What the engine does, and this harness copies (pulumi/pulumi pkg/resource/plugin/provider_plugin.go, host.go,
// pkg/resource/deploy/target.go):
// - argv: `<engine address>` only. The host merely requires argv to be non-empty; it never dials the engine.
// - env: PULUMI_NODEJS_PROJECT / PULUMI_PROJECT = project name (read by the host's dynamic Config to qualify bare
//   keys), PULUMI_CONFIG = only the config in the `pulumi-nodejs` namespace (in practice "{}"). PULUMI_NODEJS_ENGINE is
//   NOT set, so `pulumi.log.*` inside a provider falls back to console.log/error → the host's stdout/stderr, which the
//   engine shows as diagnostics. Option `logsToEngine` sets it so those calls reach the fake engine instead.
// - cwd: the program directory.
// - Configure first. args = the WHOLE stack config with namespaces kept (`proj:key`), secrets as secret-wrapped
//   values (the host unwraps them); variables = the same, keyed `pulumi-nodejs:config:<proj:key>`, plaintext. The host
//   answers acceptSecrets=false and supportsPreview=false.
// - Because acceptSecrets=false, every later request carries plaintext (secrets stripped) and the engine re-marks as
//   secret each output whose same-named input held a secret (annotateSecrets).
// - Because supportsPreview=false, a preview Create/Update never reaches the host: the engine answers with the inputs
//   (unknowns included). The host itself ignores the preview flag and would really create.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { startFakeEngine, type FakeEngine, type Severity } from "./fakeEngine";
import {
  annotateSecrets,
  fromStruct,
  isSecretValue,
  secret,
  stripSecrets,
  stripSecretsFromMap,
  toStruct,
  type PropertyMap,
  type SecretValue,
} from "./propertyValues";
import { toProviderRpcError } from "./providerRpcError";

export const DYNAMIC_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";

export interface UrnOptions {
  readonly project?: string;
  readonly stack?: string;
}

export function urn(type: string, name: string, opts: UrnOptions = {}): string {
  return `urn:pulumi:${opts.stack ?? "stack"}::${opts.project ?? "project"}::${type}::${name}`;
}

function urnParts(u: string): { type: string; name: string } {
  const parts = u.split("::");
  if (parts.length < 4) throw new Error(`malformed URN ${u}`);
  return { type: parts[2].split("$").pop() ?? parts[2], name: parts.slice(3).join("::") };
}

export interface LogEntry {
  readonly source: "stdout" | "stderr" | "engine";
  readonly text: string;
  /** Only for engine Log messages. */
  readonly severity?: Severity;
}

export type LogMatch = string | RegExp | ((entry: LogEntry) => boolean);

function matcher(match: LogMatch): (entry: LogEntry) => boolean {
  if (typeof match === "string") return (e) => e.text.includes(match);
  if (match instanceof RegExp) return (e) => match.test(e.text);
  return match;
}

export interface ProviderHostOptions {
  /** The Pulumi program directory: the host's cwd (require() inside a deserialized provider resolves from here). */
  readonly cwd: string;
  readonly env?: Record<string, string | undefined>;
  /** Sets PULUMI_NODEJS_PROJECT / PULUMI_PROJECT as the engine does. Default "project". */
  readonly project?: string;
  readonly stack?: string;
  /** Point PULUMI_NODEJS_ENGINE at the fake engine so pulumi.log.* become engine Log RPCs (the engine does not). */
  readonly logsToEngine?: boolean;
  readonly startTimeoutMs?: number;
}

export interface ConfigureOptions {
  /** Keys to send as secrets (values already wrapped with secret() are secret regardless). */
  readonly secretKeys?: readonly string[];
}

export interface ConfigureResult {
  readonly acceptSecrets: boolean;
  readonly supportsPreview: boolean;
  readonly acceptResources: boolean;
  readonly acceptOutputs: boolean;
}

export interface CheckResult {
  readonly inputs: PropertyMap;
  readonly failures: { property: string; reason: string }[];
}

export type DiffChanges = "unknown" | "none" | "some";
export type PropertyDiffKind = "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";

export interface DiffResult {
  readonly changes: DiffChanges;
  readonly replaces: string[];
  readonly stables: string[];
  readonly deleteBeforeReplace: boolean;
  readonly diffs: string[];
  readonly hasDetailedDiff: boolean;
  readonly detailedDiff: Record<string, { kind: PropertyDiffKind; inputDiff: boolean }>;
}

export interface CreateResult {
  readonly id: string;
  readonly properties: PropertyMap;
  /** False when the engine would answer a preview itself (host does not support previews). */
  readonly hostCalled: boolean;
}

export interface ReadResult {
  /** "" means the resource is gone. */
  readonly id: string;
  readonly properties: PropertyMap;
  readonly inputs?: PropertyMap;
}

export interface UpdateResult {
  readonly properties: PropertyMap;
  readonly hostCalled: boolean;
}

export interface PreviewOptions {
  readonly preview?: boolean;
  /** Send a preview Create/Update to the host anyway (the engine never does for this host). */
  readonly sendPreviewToHost?: boolean;
}

export interface ProviderHost {
  readonly port: number;
  readonly pid: number;
  readonly engine: FakeEngine;
  /** Every line the host printed (after the port line) plus every engine Log message, in arrival order. */
  readonly logs: readonly LogEntry[];
  logText(): string;
  /**
   * Resolves with the first log entry matching (a substring, a pattern or a predicate), waiting for it if needed:
   * a host's stdout line may arrive after the gRPC response of the call that printed it.
   */
  waitForLog(match: LogMatch, timeoutMs?: number): Promise<LogEntry>;
  /** Resolves when the host process exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  urn(type: string, name: string): string;
  getPluginInfo(): Promise<{ version: string }>;
  configure(variables: Record<string, string | SecretValue>, opts?: ConfigureOptions): Promise<ConfigureResult>;
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap, oldInputs?: PropertyMap): Promise<DiffResult>;
  create(urn: string, props: PropertyMap, opts?: PreviewOptions): Promise<CreateResult>;
  read(id: string, urn: string, props: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  update(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs?: PropertyMap,
    opts?: PreviewOptions,
  ): Promise<UpdateResult>;
  delete(id: string, urn: string, props: PropertyMap, oldInputs?: PropertyMap): Promise<void>;
  stop(): Promise<void>;
}

type Callback<Res> = (err: grpc.ServiceError | null, res?: Res) => void;

function unary<Res>(method: string, invoke: (cb: Callback<Res>) => unknown): Promise<Res> {
  return new Promise<Res>((resolve, reject) => {
    invoke((err, res) => {
      if (err) reject(toProviderRpcError(method, err));
      else if (res === undefined) reject(new Error(`${method}: empty response`));
      else resolve(res);
    });
  });
}

const DIFF_KINDS: Record<number, PropertyDiffKind> = {
  [provproto.PropertyDiff.Kind.ADD]: "add",
  [provproto.PropertyDiff.Kind.ADD_REPLACE]: "add-replace",
  [provproto.PropertyDiff.Kind.DELETE]: "delete",
  [provproto.PropertyDiff.Kind.DELETE_REPLACE]: "delete-replace",
  [provproto.PropertyDiff.Kind.UPDATE]: "update",
  [provproto.PropertyDiff.Kind.UPDATE_REPLACE]: "update-replace",
};

function decodeDiff(resp: provproto.DiffResponse): DiffResult {
  const changes = resp.getChanges();
  const detailedDiff: Record<string, { kind: PropertyDiffKind; inputDiff: boolean }> = {};
  resp.getDetaileddiffMap().forEach((d, key) => {
    detailedDiff[key] = { kind: DIFF_KINDS[d.getKind()] ?? "update", inputDiff: d.getInputdiff() };
  });
  return {
    changes:
      changes === provproto.DiffResponse.DiffChanges.DIFF_SOME
        ? "some"
        : changes === provproto.DiffResponse.DiffChanges.DIFF_NONE
          ? "none"
          : "unknown",
    replaces: resp.getReplacesList(),
    stables: resp.getStablesList(),
    deleteBeforeReplace: resp.getDeletebeforereplace(),
    diffs: resp.getDiffsList(),
    hasDetailedDiff: resp.getHasdetaileddiff(),
    detailedDiff,
  };
}

/** Where the engine's shim finds the host: `require.resolve('@pulumi/pulumi/cmd/dynamic-provider')` from the cwd. */
function resolveHostScript(cwd: string): string {
  try {
    return require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [cwd] });
  } catch {
    return require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  }
}

function readPort(
  child: ChildProcessWithoutNullStreams,
  onLine: (source: "stdout" | "stderr", text: string) => void,
  timeoutMs: number,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let port: number | undefined;
    const timer = setTimeout(() => reject(new Error(`provider host printed no port within ${timeoutMs} ms`)), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(why));
    };
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      if (port === undefined) {
        const n = Number(line.trim());
        if (Number.isInteger(n) && n > 0) {
          port = n;
          clearTimeout(timer);
          resolve(n);
          return;
        }
      }
      onLine("stdout", line);
    });
    readline.createInterface({ input: child.stderr }).on("line", (line) => onLine("stderr", line));
    child.once("error", (err) => fail(`provider host failed to start: ${err.message}`));
    child.once("exit", (code, signal) => {
      if (port === undefined) fail(`provider host exited before printing its port (code ${code}, signal ${signal})`);
    });
  });
}

export async function startProviderHost(opts: ProviderHostOptions): Promise<ProviderHost> {
  const logs: LogEntry[] = [];
  const waiters = new Set<(entry: LogEntry) => void>();
  const addLog = (entry: LogEntry) => {
    logs.push(entry);
    for (const w of [...waiters]) w(entry);
  };
  const engine = await startFakeEngine((m) => addLog({ source: "engine", text: m.message, severity: m.severity }));
  const project = opts.project ?? "project";
  const stack = opts.stack ?? "stack";
  const cwd = path.resolve(opts.cwd);
  const child = spawn(process.execPath, [resolveHostScript(cwd), engine.address], {
    cwd,
    env: {
      ...process.env,
      PULUMI_NODEJS_PROJECT: project,
      PULUMI_PROJECT: project,
      PULUMI_CONFIG: "{}",
      ...(opts.logsToEngine ? { PULUMI_NODEJS_ENGINE: engine.address } : {}),
      ...opts.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  let port: number;
  try {
    port = await readPort(child, (source, text) => addLog({ source, text }), opts.startTimeoutMs ?? 15_000);
  } catch (err) {
    child.kill("SIGKILL");
    await engine.stop();
    const printed = logs.map((l) => l.text).join("\n");
    throw new Error(`${(err as Error).message}${printed ? `\n${printed}` : ""}`);
  }

  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  let protocol: ConfigureResult | undefined;
  const configured = (method: string): ConfigureResult => {
    // The host passes its stored config to provider.configure(); before Configure that is undefined and crashes.
    if (!protocol) throw new Error(`${method} called before configure(): the engine always configures first`);
    return protocol;
  };
  const named = <T extends { setUrn(u: string): T; setName(n: string): T; setType(t: string): T }>(req: T, u: string): T => {
    const { type, name } = urnParts(u);
    return req.setUrn(u).setName(name).setType(type);
  };

  const host: ProviderHost = {
    port,
    pid: child.pid ?? -1,
    engine,
    logs,
    exited,
    logText: () => logs.map((l) => l.text).join("\n"),
    waitForLog(match, timeoutMs = 5_000) {
      const test = matcher(match);
      const found = logs.find(test);
      if (found) return Promise.resolve(found);
      return new Promise<LogEntry>((resolve, reject) => {
        const waiter = (entry: LogEntry) => {
          if (!test(entry)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(entry);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no host log line matched ${String(match)} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    urn: (type, name) => urn(type, name, { project, stack }),

    async getPluginInfo() {
      const info = await unary<{ getVersion(): string }>("GetPluginInfo", (cb) => client.getPluginInfo(new Empty(), cb));
      return { version: info.getVersion() };
    },

    async configure(variables, configureOpts = {}) {
      const secretSet = new Set(configureOpts.secretKeys ?? []);
      const args: PropertyMap = {};
      const req = new provproto.ConfigureRequest();
      const vars = req.getVariablesMap();
      for (const [key, value] of Object.entries(variables)) {
        const wrapped = isSecretValue(value) || !secretSet.has(key) ? value : secret(value);
        args[key] = wrapped;
        const plain = stripSecrets(wrapped);
        vars.set(`pulumi-nodejs:config:${key}`, typeof plain === "string" ? plain : JSON.stringify(plain));
      }
      req
        .setArgs(toStruct(args))
        .setAcceptsecrets(true)
        .setAcceptresources(true)
        .setSendsOldInputs(true)
        .setSendsOldInputsToDelete(true)
        .setUrn(urn(DYNAMIC_PROVIDER_TYPE, "default", { project, stack }))
        .setName("default")
        .setType(DYNAMIC_PROVIDER_TYPE);
      const resp = await unary<provproto.ConfigureResponse>("Configure", (cb) => client.configure(req, cb));
      protocol = {
        acceptSecrets: resp.getAcceptsecrets(),
        supportsPreview: resp.getSupportspreview(),
        acceptResources: resp.getAcceptresources(),
        acceptOutputs: resp.getAcceptoutputs(),
      };
      return protocol;
    },

    async check(u, olds, news) {
      const p = configured("Check");
      const strip = (m: PropertyMap) => (p.acceptSecrets ? m : stripSecretsFromMap(m));
      const req = named(new provproto.CheckRequest(), u)
        .setOlds(toStruct(strip(olds)))
        .setNews(toStruct(strip(news)));
      const resp = await unary<provproto.CheckResponse>("Check", (cb) => client.check(req, cb));
      return {
        inputs: annotateSecrets(fromStruct(resp.getInputs()), news),
        failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },

    async diff(id, u, olds, news, oldInputs) {
      const p = configured("Diff");
      const strip = (m: PropertyMap) => (p.acceptSecrets ? m : stripSecretsFromMap(m));
      const req = named(new provproto.DiffRequest(), u)
        .setId(id)
        .setOlds(toStruct(strip(olds)))
        .setNews(toStruct(strip(news)))
        .setOldInputs(toStruct(strip(oldInputs ?? olds)));
      return decodeDiff(await unary<provproto.DiffResponse>("Diff", (cb) => client.diff(req, cb)));
    },

    async create(u, props, createOpts = {}) {
      const p = configured("Create");
      if (createOpts.preview && !p.supportsPreview && !createOpts.sendPreviewToHost) {
        return { id: "", properties: props, hostCalled: false };
      }
      const req = named(new provproto.CreateRequest(), u)
        .setProperties(toStruct(p.acceptSecrets ? props : stripSecretsFromMap(props)))
        .setPreview(createOpts.preview === true);
      const resp = await unary<provproto.CreateResponse>("Create", (cb) => client.create(req, cb));
      return { id: resp.getId(), properties: annotateSecrets(fromStruct(resp.getProperties()), props), hostCalled: true };
    },

    async read(id, u, props, inputs) {
      const p = configured("Read");
      const strip = (m: PropertyMap) => (p.acceptSecrets ? m : stripSecretsFromMap(m));
      const req = named(new provproto.ReadRequest(), u)
        .setId(id)
        .setProperties(toStruct(strip(props)));
      if (inputs) req.setInputs(toStruct(strip(inputs)));
      const resp = await unary<provproto.ReadResponse>("Read", (cb) => client.read(req, cb));
      const newInputs = resp.getInputs();
      return {
        id: resp.getId(),
        properties: annotateSecrets(fromStruct(resp.getProperties()), props),
        ...(newInputs ? { inputs: annotateSecrets(fromStruct(newInputs), inputs ?? {}) } : {}),
      };
    },

    async update(id, u, olds, news, oldInputs, updateOpts = {}) {
      const p = configured("Update");
      if (updateOpts.preview && !p.supportsPreview && !updateOpts.sendPreviewToHost) {
        return { properties: news, hostCalled: false };
      }
      const strip = (m: PropertyMap) => (p.acceptSecrets ? m : stripSecretsFromMap(m));
      const req = named(new provproto.UpdateRequest(), u)
        .setId(id)
        .setOlds(toStruct(strip(olds)))
        .setNews(toStruct(strip(news)))
        .setOldInputs(toStruct(strip(oldInputs ?? {})))
        .setPreview(updateOpts.preview === true);
      const resp = await unary<provproto.UpdateResponse>("Update", (cb) => client.update(req, cb));
      return { properties: annotateSecrets(fromStruct(resp.getProperties()), news), hostCalled: true };
    },

    async delete(id, u, props, oldInputs) {
      const p = configured("Delete");
      const strip = (m: PropertyMap) => (p.acceptSecrets ? m : stripSecretsFromMap(m));
      const req = named(new provproto.DeleteRequest(), u)
        .setId(id)
        .setProperties(toStruct(strip(props)));
      if (oldInputs) req.setOldInputs(toStruct(strip(oldInputs)));
      await unary<Empty>("Delete", (cb) => client.delete(req, cb));
    },

    async stop() {
      client.close();
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      await engine.stop();
    },
  };
  return host;
}
