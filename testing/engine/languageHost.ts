/**
 * A stand-in for the `pulumi-language-nodejs` plugin, for machines that have the Pulumi CLI but not its Node.js
 * language host (the Go module proxy here does not serve `sdk/nodejs/cmd/pulumi-language-nodejs`). It speaks the
 * LanguageRuntime protocol and runs programs exactly as the Go host's Run does (pulumi/pulumi
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go): `node <@pulumi/pulumi/cmd/run> --monitor … --engine … <entry>`
 * with PULUMI_CONFIG in the `ns:config:key` form, PULUMI_CONFIG_SECRET_KEYS and PULUMI_NODEJS_TYPESCRIPT, so the
 * SDK's own TypeScript support loads `index.ts`. Left out: the monitor proxy (tracing only), the `--sync` pipes
 * (the SDK falls back to async invokes), dependency installation, code generation and debugging.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { LanguageRuntimeService } from "@pulumi/pulumi/proto/language_grpc_pb";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";

/** The SDK's "the program already showed an actionable message" exit code. */
const EXITED_AFTER_MESSAGE = 32;

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

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

function unary<Req, Res>(fn: (req: Req) => Promise<Res> | Res): Unary<Req, Res> {
  return (call, cb) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (res) => cb(null, res),
        (err: unknown) => cb({ code: grpc.status.UNKNOWN, details: err instanceof Error ? err.message : String(err) }),
      );
  };
}

export function startLanguageHost(engineAddress: string): Promise<{ port: number; server: grpc.Server }> {
  let engine = engineAddress;
  const running = new Set<ChildProcess>();

  const run = async (req: langproto.RunRequest): Promise<langproto.RunResponse> => {
    const res = new langproto.RunResponse();
    const info = req.getInfo();
    const programDir = info?.getProgramDirectory() || req.getPwd();
    let opts: NodeOptions;
    let runPath: string;
    try {
      opts = nodeOptions((info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>);
      runPath = locateRun(programDir);
    } catch (err) {
      return res.setError(err instanceof Error ? err.message : String(err));
    }
    const args = [runPath];
    const add = (k: string, v: string | undefined) => {
      if (v) args.push(`--${k}`, v);
    };
    add("monitor", req.getMonitorAddress());
    add("engine", engine);
    add("organization", req.getOrganization());
    add("project", req.getProject());
    add("root-directory", info?.getRootDirectory());
    add("stack", req.getStack());
    add("pwd", programDir);
    if (req.getDryrun()) args.push("--dry-run");
    add("parallel", String(req.getParallel()));
    args.push(info?.getEntryPoint() || req.getProgram() || ".", ...req.getArgsList());

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PULUMI_CONFIG: sdkConfig(req.getConfigMap().entries() as Iterable<[string, string]>),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
      ...(opts.typescript ? { PULUMI_NODEJS_TYPESCRIPT: "true" } : {}),
      ...(opts.tsconfig ? { PULUMI_NODEJS_TSCONFIG_PATH: opts.tsconfig } : {}),
    };
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [...opts.nodeargs, ...args], { cwd: programDir, env, stdio: ["ignore", "inherit", "inherit"] });
      running.add(child);
      child.on("error", reject);
      child.on("close", (c) => {
        running.delete(child);
        resolve(c);
      });
    }).catch((err: unknown) => {
      res.setError(`Problem executing program (could not run language executor): ${String(err)}`);
      return 0;
    });
    if (code === EXITED_AFTER_MESSAGE) res.setBail(true);
    else if (code !== 0) res.setError(`Program exited with non-zero exit code: ${code}`);
    return res;
  };

  const impl: Partial<grpc.UntypedServiceImplementation> = {
    handshake: unary((req: langproto.LanguageHandshakeRequest) => {
      engine = req.getEngineAddress() || engine;
      return new langproto.LanguageHandshakeResponse();
    }),
    getRequiredPlugins: unary(() => new langproto.GetRequiredPluginsResponse()),
    getRequiredPackages: unary(() => new langproto.GetRequiredPackagesResponse()),
    run: unary(run),
    getPluginInfo: unary(() => new pluginproto.PluginInfo().setVersion("3.0.0")),
    about: unary(() => new langproto.AboutResponse().setExecutable(process.execPath).setVersion(process.version)),
    getProgramDependencies: unary(() => new langproto.GetProgramDependenciesResponse()),
    installDependencies: (call: grpc.ServerWritableStream<unknown, unknown>) => call.end(),
    cancel: unary(() => {
      for (const child of running) child.kill("SIGINT");
      return new Empty();
    }),
  };

  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(LanguageRuntimeService, impl as grpc.UntypedServiceImplementation);
  return new Promise((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve({ port, server }),
    );
  });
}

/** As a plugin: argv ends with the engine's address; the port goes to stdout; exits when the CLI goes away. */
export async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("-version") || args.includes("--version")) {
    console.log("3.0.0");
    return;
  }
  const engineAddress = args.filter((a) => !a.startsWith("-")).pop() ?? "";
  const { port } = await startLanguageHost(engineAddress);
  process.stdout.write(`${port}\n`);
  // The CLI kills its plugins when it ends; if it was killed itself, this host must not outlive it.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000);
}
