/**
 * The Python side of the engine suite: a virtualenv in the cache with the Pulumi Python SDK (pinned in package.json,
 * config.pulumiCli.pythonSdkVersion) and the pilotstatus SDK that `pulumi package gen-sdk --language python`
 * generates from the provider plugin. The CLI's generation goes through the pulumi-language-python stand-in
 * (pythonLanguageHost.ts), which runs Pulumi's own Python generator: `pulumi-python-codegen`, built here with Go
 * from pkg/v3 at the CLI's pinned version. The venv's folder is keyed on the SDK pin, the CLI pin and a hash of
 * schema.json, so a schema change builds a new one; `.complete` in it is written last.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { packageRoot } from "../../provider/packageRoot";
import { buildIntoCache, cacheDir, cliPin, hasGo, locatePulumiCli, run, wrapperModule } from "./cli";

/** Bumped when the way the venv is built changes, so that an older build is not found. */
const RECIPE = "r2";

export function pythonSdkVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as {
    config?: { pulumiCli?: { pythonSdkVersion?: string } };
  };
  const v = pkg.config?.pulumiCli?.pythonSdkVersion;
  if (!v) throw new Error("package.json lacks config.pulumiCli.pythonSdkVersion");
  return v;
}

function schemaHash(): string {
  return createHash("sha256")
    .update(readFileSync(path.join(packageRoot(), "schema.json")))
    .digest("hex")
    .slice(0, 12);
}

/** The venv for the current pins and schema.json (whether or not it is built). */
export function pythonVenvDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), `python-venv-${RECIPE}-sdk${pythonSdkVersion()}-cli${cliPin().version}-schema${schemaHash()}`);
}

/** The folder of the built pulumi-python-codegen (on gen-sdk's PATH). */
export function pythonCodegenDir(env: NodeJS.ProcessEnv = process.env): string {
  const source = createHash("sha256").update(readFileSync(codegenSource())).digest("hex").slice(0, 12);
  return path.join(cacheDir(env), `pulumi-python-codegen-v${cliPin().version}-${source}`, "bin");
}

const codegenSource = () => path.join(packageRoot(), "testing", "engine", "python-codegen", "main.go");

/** The built venv, or null. */
export function locatePythonVenv(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = pythonVenvDir(env);
  return existsSync(path.join(dir, ".complete")) ? dir : null;
}

const succeeds = (cmd: string, args: string[]) => new Promise<boolean>((resolve) => execFile(cmd, args, (err) => resolve(!err)));

/** pulumi-python-codegen, built once with Go (its modules are the CLI's, so cached after the CLI's build). */
export async function ensurePythonCodegen(log: (line: string) => void): Promise<string | null> {
  const dir = pythonCodegenDir();
  if (existsSync(path.join(dir, "pulumi-python-codegen"))) return dir;
  if (!(await hasGo())) return null;
  const { version } = cliPin();
  return buildIntoCache(dir, `python-codegen-v${version}`, async (work) => {
    log(`building pulumi-python-codegen from github.com/pulumi/pulumi/pkg/v3@v${version}`);
    await wrapperModule(work, version, log, "pilotstatus.local/pulumi-python-codegen");
    await copyFile(codegenSource(), path.join(work, "main.go"));
    await run("go", ["mod", "tidy"], work, log);
    await run("go", ["build", "-trimpath", "-ldflags", "-s -w", "-o", path.join(work, "bin", "pulumi-python-codegen"), "."], work, log);
  });
}

/**
 * The generator writes version 0.0.0 unless the schema asks for its own (`language.python.respectSchemaVersion`),
 * for a release to stamp with sed: stamped here with schema.json's version, in setup.py and pulumi-plugin.json, as a
 * provider's release does. Without it the program registers its resources for pilotstatus@0.0.0, and `pulumi import`
 * cannot load that schema from the plugin (which is 0.1.0).
 */
async function stampVersion(sdkDir: string): Promise<void> {
  const { version } = JSON.parse(readFileSync(path.join(packageRoot(), "schema.json"), "utf8")) as { version?: string };
  if (!version) return;
  const setup = path.join(sdkDir, "setup.py");
  const text = await readFile(setup, "utf8");
  if (!/^VERSION = "0\.0\.0"$/m.test(text)) return;
  await writeFile(setup, text.replace(/^VERSION = "0\.0\.0"$/m, `VERSION = ${JSON.stringify(version)}`));
  const pluginJson = path.join(sdkDir, "pulumi_pilotstatus", "pulumi-plugin.json");
  const meta = JSON.parse(await readFile(pluginJson, "utf8")) as Record<string, unknown>;
  await writeFile(pluginJson, `${JSON.stringify({ ...meta, version }, null, 2)}\n`);
}

export type PythonVenv = { readonly dir: string; readonly built: boolean } | { readonly dir: null; readonly reason: string };

/**
 * The venv: found, or built (python3 -m venv, pip install pulumi==<pin>, gen-sdk of the plugin by the CLI, pip
 * install of the generated SDK). `dir: null` with the reason when it cannot be built here.
 */
export async function ensurePythonVenv(log: (line: string) => void): Promise<PythonVenv> {
  const found = locatePythonVenv();
  if (found) return { dir: found, built: false };
  if (!(await succeeds("python3", ["-m", "venv", "--help"]))) {
    return { dir: null, reason: "no python3 with the venv module: the Python program of the plugin suite cannot run" };
  }
  const cli = await locatePulumiCli();
  if (!cli) return { dir: null, reason: "no Pulumi CLI to generate the Python SDK with" };
  const codegen = await ensurePythonCodegen(log);
  if (!codegen) return { dir: null, reason: "no Go to build pulumi-python-codegen: the Python SDK cannot be generated" };
  const dir = pythonVenvDir();
  const root = packageRoot();
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  const home = await mkdtemp(path.join(path.dirname(dir), ".gen-sdk-home-"));
  try {
    log(`creating ${dir}`);
    await run("python3", ["-m", "venv", dir], root, log);
    const pip = path.join(dir, "bin", "pip");
    log(`pip install pulumi==${pythonSdkVersion()}`);
    await run(pip, ["install", "--quiet", "--disable-pip-version-check", `pulumi==${pythonSdkVersion()}`], root, log);
    const sdk = path.join(dir, "pilotstatus-sdk");
    log("pulumi package gen-sdk --language python");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: [path.dirname(cli.path), ...pythonEnginePath(cli.path), process.env.PATH ?? ""].join(path.delimiter),
      PULUMI_HOME: home,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    await run(
      cli.path,
      ["package", "gen-sdk", path.join(root, "plugin", "pulumi-resource-pilotstatus"), "--language", "python", "--out", sdk],
      root,
      log,
      env,
    );
    await stampVersion(path.join(sdk, "python"));
    log("pip install the generated SDK");
    await run(pip, ["install", "--quiet", "--disable-pip-version-check", path.join(sdk, "python")], root, log);
    await writeFile(path.join(dir, ".complete"), `${new Date().toISOString()}\n`);
    return { dir, built: true };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * Folders a stack running Python programs needs first on the engine's PATH: the pulumi-language-python stand-in and
 * the generator it runs for `pulumi import --out`.
 */
export function pythonEnginePath(cli: string, env: NodeJS.ProcessEnv = process.env): string[] {
  // A real pulumi-language-python beside the CLI wins over the stand-in (as pulumi.ts does for Node.js).
  const standIn = existsSync(path.join(path.dirname(cli), "pulumi-language-python"))
    ? []
    : [path.join(packageRoot(), "testing", "engine", "bin")];
  return [...standIn, pythonCodegenDir(env)];
}
