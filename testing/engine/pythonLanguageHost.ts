/**
 * A stand-in for the `pulumi-language-python` plugin, for machines that have the Pulumi CLI but not its Python
 * language host (the Go module proxy here does not serve `sdk/python/cmd/pulumi-language-python`), as
 * languageHost.ts is for Node.js. It speaks the LanguageRuntime protocol (languageRuntime.ts) and runs a program
 * as the Go host's Run does: `<python> -u <exec script> --monitor … --engine … --project … --stack … --pwd …
 * --dry_run … --parallel … --organization … <program dir>`, with the stack's config in PULUMI_CONFIG (keys as the
 * engine sends them, `ns:key`, which the Python SDK reads) and PULUMI_CONFIG_SECRET_KEYS. The exec script is ours
 * (testing/engine/bin/pulumi-language-python-exec); the Python is `<virtualenv>/bin/python` of the project's
 * `runtime.options.virtualenv`, else `python3` on PATH. GeneratePackage (what `pulumi package gen-sdk --language
 * python` calls) and GenerateProgram (`pulumi import --out`) run `pulumi-python-codegen` from PATH: Pulumi's own
 * Python generators, built by python.ts.
 * Left out: dependency installation (the venv is built by python.ts), required-plugin discovery from installed
 * packages (a program names its plugins in Pulumi.yaml), toolchains other than a venv (uv, poetry),
 * typecheckers, packing, debugging and the `--tracing` endpoint.
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import type * as grpc from "@grpc/grpc-js";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import { packageRoot } from "../../provider/packageRoot";
import { flags, type Launch, serveAsPlugin, startLanguageRuntime, unary } from "./languageRuntime";

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
  const entry = req.getInfo()?.getEntryPoint() || req.getProgram() || ".";
  return [
    "-u",
    execScript(),
    ...flags([
      ["monitor", req.getMonitorAddress()],
      ["engine", engine],
      ["project", req.getProject()],
      ["stack", req.getStack()],
      ["pwd", programDir],
      ["dry_run", String(req.getDryrun())],
      ["parallel", String(req.getParallel())],
      ["organization", req.getOrganization()],
      ["root_directory", req.getInfo()?.getRootDirectory()],
    ]),
    path.resolve(programDir, entry),
    ...req.getArgsList(),
  ];
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

/** The Go host's Run: the exec script under the project's Python, the venv's bin first on PATH. */
function launch(req: langproto.RunRequest, engine: string): Launch {
  const info = req.getInfo();
  const programDir = info?.getProgramDirectory() || req.getPwd();
  const py = pythonFor((info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>, info?.getRootDirectory() || programDir);
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
  return { command: py.python, args: execArgs(req, engine, programDir), cwd: programDir, env };
}

export function startPythonLanguageHost(engineAddress: string): Promise<{ port: number; server: grpc.Server }> {
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

  return startLanguageRuntime(engineAddress, {
    launch,
    about: () => new langproto.AboutResponse().setExecutable("python3"),
    handlers: {
      runtimeOptionsPrompts: unary(() => new langproto.RuntimeOptionsResponse()),
      generatePackage: unary(generatePackage),
      generateProgram: unary(generateProgram),
    },
  });
}

export const main = (): Promise<void> => serveAsPlugin(startPythonLanguageHost);
