/**
 * What the engine suite's LanguageRuntime stand-ins (languageHost.ts for Node.js, pythonLanguageHost.ts for Python)
 * share: the gRPC server with the no-op handlers, Run as the Go hosts answer it (exit 32 is "bail", any other
 * non-zero exit an error), Cancel interrupting the running programs, and `main()` as a plugin. Each host supplies
 * only how a program is launched, its About and any extra handlers (code generation).
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { LanguageRuntimeService } from "@pulumi/pulumi/proto/language_grpc_pb";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";

/** The SDKs' (and our Python exec script's) "the program already showed an actionable message" exit code. */
const EXITED_AFTER_MESSAGE = 32;

/** The process a Run request starts. */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface LanguageRuntime {
  /** The program's process for a Run request, under the engine's current address; a throw is the Run's error. */
  launch(req: langproto.RunRequest, engine: string): Launch;
  about(): langproto.AboutResponse;
  /** Handlers beyond the shared ones (e.g. GeneratePackage). */
  handlers?: Partial<grpc.UntypedServiceImplementation>;
}

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

export function unary<Req, Res>(fn: (req: Req) => Promise<Res> | Res): Unary<Req, Res> {
  return (call, cb) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (res) => cb(null, res),
        (err: unknown) => cb({ code: grpc.status.UNKNOWN, details: err instanceof Error ? err.message : String(err) }),
      );
  };
}

/** `--name value` for each pair with a value, in order (the Go hosts skip empty flags). */
export function flags(pairs: ReadonlyArray<readonly [string, string | undefined]>): string[] {
  return pairs.flatMap(([k, v]) => (v ? [`--${k}`, v] : []));
}

export function startLanguageRuntime(engineAddress: string, runtime: LanguageRuntime): Promise<{ port: number; server: grpc.Server }> {
  let engine = engineAddress;
  const running = new Set<ChildProcess>();

  const run = async (req: langproto.RunRequest): Promise<langproto.RunResponse> => {
    const res = new langproto.RunResponse();
    let launch: Launch;
    try {
      launch = runtime.launch(req, engine);
    } catch (err) {
      return res.setError(err instanceof Error ? err.message : String(err));
    }
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(launch.command, launch.args, { cwd: launch.cwd, env: launch.env, stdio: ["ignore", "inherit", "inherit"] });
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
    about: unary(() => runtime.about()),
    getProgramDependencies: unary(() => new langproto.GetProgramDependenciesResponse()),
    installDependencies: (call: grpc.ServerWritableStream<unknown, unknown>) => call.end(),
    cancel: unary(() => {
      for (const child of running) child.kill("SIGINT");
      return new Empty();
    }),
    ...runtime.handlers,
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
export async function serveAsPlugin(start: (engineAddress: string) => Promise<{ port: number }>): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("-version") || args.includes("--version")) {
    console.log("3.0.0");
    return;
  }
  const engineAddress = args.filter((a) => !a.startsWith("-")).pop() ?? "";
  const { port } = await start(engineAddress);
  process.stdout.write(`${port}\n`);
  // The CLI kills its plugins when it ends; if it was killed itself, this host must not outlive it.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000);
}
