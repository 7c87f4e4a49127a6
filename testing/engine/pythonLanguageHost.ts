/**
 * A stand-in for the `pulumi-language-python` plugin, for machines that have the Pulumi CLI but not its Python
 * language host (the Go module proxy here does not serve `sdk/python/cmd/pulumi-language-python`), as
 * languageHost.ts is for Node.js. It speaks the LanguageRuntime protocol and runs a program as the Go host's Run
 * does: `<python> -u <exec script> --monitor … --engine … --project … --stack … --pwd … --dry_run … --parallel …
 * --organization … <program dir>`, with the stack's config in PULUMI_CONFIG (keys as the engine sends them,
 * `ns:key`, which the Python SDK reads) and PULUMI_CONFIG_SECRET_KEYS. The exec script is ours
 * (testing/engine/bin/pulumi-language-python-exec); the Python is `<virtualenv>/bin/python` of the project's
 * `runtime.options.virtualenv`, else `python3` on PATH. GeneratePackage (what `pulumi package gen-sdk --language
 * python` calls) and GenerateProgram (`pulumi import --out`) run `pulumi-python-codegen` from PATH: Pulumi's own
 * Python generators, built by python.ts.
 * Left out: dependency installation (the venv is built by python.ts), required-plugin discovery from installed
 * packages (a program names its plugins in Pulumi.yaml), toolchains other than a venv (uv, poetry),
 * typecheckers, packing, debugging and the `--tracing` endpoint.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { LanguageRuntimeService } from "@pulumi/pulumi/proto/language_grpc_pb";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import { packageRoot } from "../../provider/packageRoot";

/** The exec script's "the error is already logged to the engine" exit code. */
const EXITED_AFTER_MESSAGE = 32;

export const execScript = (): string => path.join(packageRoot(), "testing", "engine", "bin", "pulumi-language-python-exec");

/** The Python a program runs with: `<virtualenv>/bin/python` (relative to the program's root), else python3. */
export function pythonFor(options: Record<string, unknown>, rootDir: string): { python: string; virtualenv?: string } {
  const venv = options.virtualenv;
  if (venv === undefined || venv === "") return { python: "python3" };
  if (typeof venv !== "string") throw new Error("virtualenv option must be a string");
  const toolchain = options.toolchain;
  if (toolchain !== undefined && toolchain !== "pip") {
    throw new Error(`toolchain ${String(toolchain)} is not supported by this stand-in (only pip with a virtualenv)`);
  }
  const virtualenv = path.resolve(rootDir, venv);
  return { python: path.join(virtualenv, "bin", "python"), virtualenv };
}

/** The exec script's arguments for a Run request, in the order the Go host writes them. */
export function execArgs(req: langproto.RunRequest, engine: string, programDir: string): string[] {
  const args = ["-u", execScript()];
  const add = (k: string, v: string | undefined) => {
    if (v) args.push(`--${k}`, v);
  };
  add("monitor", req.getMonitorAddress());
  add("engine", engine);
  add("project", req.getProject());
  add("stack", req.getStack());
  add("pwd", programDir);
  add("dry_run", String(req.getDryrun()));
  add("parallel", String(req.getParallel()));
  add("organization", req.getOrganization());
  add("root_directory", req.getInfo()?.getRootDirectory());
  const entry = req.getInfo()?.getEntryPoint() || req.getProgram() || ".";
  args.push(path.resolve(programDir, entry), ...req.getArgsList());
  return args;
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

function exec(cmd: string, args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited with ${code}:\n${err.slice(-4000)}`))));
    child.stdin.end(opts.input ?? "");
  });
}

export function startPythonLanguageHost(engineAddress: string): Promise<{ port: number; server: grpc.Server }> {
  let engine = engineAddress;
  const running = new Set<ChildProcess>();

  const run = async (req: langproto.RunRequest): Promise<langproto.RunResponse> => {
    const res = new langproto.RunResponse();
    const info = req.getInfo();
    const programDir = info?.getProgramDirectory() || req.getPwd();
    let py: ReturnType<typeof pythonFor>;
    try {
      py = pythonFor((info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>, info?.getRootDirectory() || programDir);
    } catch (err) {
      return res.setError(err instanceof Error ? err.message : String(err));
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(Object.fromEntries(req.getConfigMap().entries() as Iterable<[string, string]>)),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
      // As the Go host does: the venv's bin first on PATH, VIRTUAL_ENV set, no PYTHONHOME from outside.
      ...(py.virtualenv
        ? { VIRTUAL_ENV: py.virtualenv, PATH: [path.join(py.virtualenv, "bin"), process.env.PATH ?? ""].join(path.delimiter) }
        : {}),
    };
    delete env.PYTHONHOME;
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(py.python, execArgs(req, engine, programDir), { cwd: programDir, env, stdio: ["ignore", "inherit", "inherit"] });
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

  /** `pulumi package gen-sdk --language python`: Pulumi's generator (pulumi-python-codegen on PATH) writes the SDK. */
  const generatePackage = async (req: langproto.GeneratePackageRequest): Promise<langproto.GeneratePackageResponse> => {
    const dir = req.getDirectory();
    await mkdir(dir, { recursive: true });
    await exec("pulumi-python-codegen", ["package", dir, req.getLoaderTarget()], { cwd: dir, env: process.env, input: req.getSchema() });
    for (const [name, content] of req.getExtraFilesMap().entries() as Iterable<[string, Uint8Array | string]>) {
      const file = path.join(dir, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    return new langproto.GeneratePackageResponse();
  };

  /** `pulumi import --out` (and `convert`): the PCL the CLI writes, as Python, by Pulumi's generator. */
  const generateProgram = async (req: langproto.GenerateProgramRequest): Promise<langproto.GenerateProgramResponse> => {
    const sources = Object.fromEntries(req.getSourceMap().entries() as Iterable<[string, string]>);
    const args = ["program", req.getLoaderTarget(), ...(req.getStrict() ? ["strict"] : [])];
    const out = await exec("pulumi-python-codegen", args, { cwd: process.cwd(), env: process.env, input: JSON.stringify(sources) });
    const files = JSON.parse(out) as Record<string, string>;
    const res = new langproto.GenerateProgramResponse();
    for (const [name, base64] of Object.entries(files)) res.getSourceMap().set(name, Buffer.from(base64, "base64"));
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
    about: unary(() => new langproto.AboutResponse().setExecutable("python3")),
    getProgramDependencies: unary(() => new langproto.GetProgramDependenciesResponse()),
    installDependencies: (call: grpc.ServerWritableStream<unknown, unknown>) => call.end(),
    runtimeOptionsPrompts: unary(() => new langproto.RuntimeOptionsResponse()),
    generatePackage: unary(generatePackage),
    generateProgram: unary(generateProgram),
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
  const { port } = await startPythonLanguageHost(engineAddress);
  process.stdout.write(`${port}\n`);
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000);
}
