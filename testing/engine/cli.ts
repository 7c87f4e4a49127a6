/**
 * The real Pulumi CLI for the engine suite and the demo: a `pulumi` on PATH of a supported version, else one built
 * from the Go module proxy into a cache outside the repository (the CLI's own installer cannot download here).
 * The version is pinned once, in package.json's `config.pulumiCli`.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../provider/packageRoot";
import { ensurePythonVenv } from "./python";

interface CliPin {
  /** The version built when no suitable CLI is on PATH. */
  version: string;
  /** The oldest CLI on PATH the suite accepts. */
  minVersion: string;
  /** The YAML language host (github.com/pulumi/pulumi-yaml) the plugin's YAML programs run with. */
  yamlVersion: string;
}

export function cliPin(): CliPin {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as {
    config?: { pulumiCli?: Partial<CliPin> };
  };
  const pin = pkg.config?.pulumiCli;
  if (!pin?.version || !pin.minVersion || !pin.yamlVersion) {
    throw new Error("package.json lacks config.pulumiCli.version/minVersion/yamlVersion");
  }
  return { version: pin.version, minVersion: pin.minVersion, yamlVersion: pin.yamlVersion };
}

/** Where built CLIs live, one folder per version: PILOT_STATUS_ENGINE_CACHE, else ~/.cache/pulumi-pilotstatus. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PILOT_STATUS_ENGINE_CACHE ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-pilotstatus");
}

export function builtCliPath(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), `pulumi-cli-v${version}`, "bin", "pulumi");
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `pulumi version` of a binary ("3.274.1"), or null when it does not run. */
export function cliVersion(bin: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(bin, ["version"], { timeout: 30_000, env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }, (err, stdout) => {
      const m = /^v?(\d+\.\d+\.\d+)/.exec(stdout.trim());
      resolve(err || !m?.[1] ? null : m[1]);
    });
  });
}

/**
 * A `pulumi` on PATH, skipping npm's bin folders (the official npm launcher there downloads on first use, which
 * cannot work offline).
 */
function pulumiOnPath(env: NodeJS.ProcessEnv): string[] {
  return (env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir !== "" && !dir.split(path.sep).includes("node_modules"))
    .map((dir) => path.join(dir, "pulumi"))
    .filter((file) => existsSync(file));
}

export interface LocatedCli {
  readonly path: string;
  readonly version: string;
  /** "built": by ensurePulumiCli just now, into the cache. */
  readonly source: "PATH" | "cache" | "built";
}

/** A usable CLI without building one, or null. */
export async function locatePulumiCli(env: NodeJS.ProcessEnv = process.env): Promise<LocatedCli | null> {
  const pin = cliPin();
  for (const bin of pulumiOnPath(env)) {
    const version = await cliVersion(bin);
    if (version && compareVersions(version, pin.minVersion) >= 0 && version.startsWith("3.")) {
      return { path: bin, version, source: "PATH" };
    }
  }
  const built = builtCliPath(pin.version, env);
  if (existsSync(built)) {
    const version = await cliVersion(built);
    if (version) return { path: built, version, source: "cache" };
  }
  return null;
}

/** Runs a build step: its stdout as the result, its stderr to `log` line by line, and both tails in a failure. */
export function run(
  cmd: string,
  args: readonly string[],
  cwd: string,
  log: (line: string) => void,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], ...(env ? { env } : {}) });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      for (const line of d.split("\n")) if (line.trim()) log(line);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${cmd} ${args.join(" ")} failed (${code}):\n${stderr.slice(-4000)}`)),
    );
  });
}

const PKG = "github.com/pulumi/pulumi/pkg/v3";
const SDK = "github.com/pulumi/pulumi/sdk/v3";

/**
 * The wrapper module's go.mod: pkg/v3 and sdk/v3 at one version, plus that version's non-local `replace` lines
 * (its `../sdk` replace only works inside Pulumi's repository; the others pin forks the CLI needs).
 */
export function wrapperGoMod(version: string, pkgGoMod: string, moduleName = "pilotstatus.local/pulumi-cli"): string {
  const replaces: string[] = [];
  let inBlock = false;
  for (const raw of pkgGoMod.split("\n")) {
    const line = raw.trim();
    if (inBlock) {
      if (line === ")") inBlock = false;
      else if (line && !line.startsWith("//")) replaces.push(line);
      continue;
    }
    if (line === "replace (") inBlock = true;
    else if (line.startsWith("replace ")) replaces.push(line.slice("replace ".length));
  }
  const remote = replaces.filter((r) => {
    const target = r.split("=>")[1]?.trim() ?? "";
    return !target.startsWith(".") && !target.startsWith("/");
  });
  return [
    `module ${moduleName}`,
    "",
    "go 1.26",
    "",
    "require (",
    `\t${PKG} v${version}`,
    `\t${SDK} v${version}`,
    ")",
    "",
    ...remote.map((r) => `replace ${r}`),
    "",
  ].join("\n");
}

/**
 * Builds into a temp folder beside the cache entry whose binaries go in `binDir`, then moves the build's `bin/` there:
 * a half-built binary is never found, and a failed build leaves nothing behind.
 */
export async function buildIntoCache(binDir: string, label: string, build: (work: string) => Promise<void>): Promise<string> {
  const root = path.dirname(binDir);
  await mkdir(path.dirname(root), { recursive: true });
  const work = await mkdtemp(path.join(path.dirname(root), `.build-${label}-`));
  try {
    await build(work);
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    await rename(path.join(work, "bin"), binDir);
    return binDir;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Writes in `work` a Go module that builds against pkg/v3 and sdk/v3 at `version` (wrapperGoMod). */
export async function wrapperModule(work: string, version: string, log: (line: string) => void, moduleName?: string): Promise<void> {
  log(`fetching ${PKG}@v${version}'s go.mod`);
  const info = JSON.parse(await run("go", ["mod", "download", "-json", `${PKG}@v${version}`], work, log)) as {
    GoMod?: string;
    Error?: string;
  };
  if (!info.GoMod) throw new Error(`the Go module proxy did not serve ${PKG}@v${version}: ${info.Error ?? "no go.mod"}`);
  await writeFile(path.join(work, "go.mod"), wrapperGoMod(version, await readFile(info.GoMod, "utf8"), moduleName));
}

/** Builds `pulumi` v<version> with Go into the cache (atomically: a half-built binary is never found). */
export async function buildPulumiCli(version: string, log: (line: string) => void): Promise<string> {
  const target = builtCliPath(version);
  await buildIntoCache(path.dirname(target), `v${version}`, async (work) => {
    await wrapperModule(work, version, log);
    // A build-tagged import keeps the CLI's package in the module graph for `go mod tidy`.
    await writeFile(path.join(work, "tools.go"), `//go:build tools\n\npackage tools\n\nimport _ "${PKG}/cmd/pulumi"\n`);
    log("resolving the CLI's dependencies (go mod tidy)");
    await run("go", ["mod", "tidy"], work, log);
    log(`building pulumi v${version} (several minutes on 2 cores the first time)`);
    const out = path.join(work, "bin", "pulumi");
    await run(
      "go",
      ["build", "-trimpath", "-ldflags", `-s -w -X ${SDK}/go/common/version.Version=v${version}`, "-o", out, `${PKG}/cmd/pulumi`],
      work,
      log,
    );
  });
  return target;
}

const YAML_HOST = "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml";

/** The folder holding the built `pulumi-language-yaml` of the pinned version (on the engine's PATH when it exists). */
export function yamlHostDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), `pulumi-language-yaml-v${cliPin().yamlVersion}`, "bin");
}

/**
 * The YAML language host, built once with `go install` into the cache (atomically, as the CLI is): the engine runs
 * Pulumi YAML programs with it, the provider plugin's first language beside Node.js. Its folder, or null without Go.
 */
export async function ensureYamlHost(log: (line: string) => void): Promise<string | null> {
  const dir = yamlHostDir();
  if (existsSync(path.join(dir, "pulumi-language-yaml"))) return dir;
  if (!(await hasGo())) return null;
  const { yamlVersion } = cliPin();
  return buildIntoCache(dir, `yaml-v${yamlVersion}`, async (work) => {
    log(`building pulumi-language-yaml v${yamlVersion} (a few minutes the first time)`);
    await run("go", ["install", "-trimpath", "-ldflags", "-s -w", `${YAML_HOST}@v${yamlVersion}`], work, log, {
      ...process.env,
      GOBIN: path.join(work, "bin"),
    });
  });
}

export function hasGo(): Promise<boolean> {
  return new Promise((resolve) => execFile("go", ["version"], (err) => resolve(!err)));
}

/** Why there is no CLI and what to do about it, in one line; `rerun` is the command to run once that is done. */
export function noCliReason(rerun = "npm run -s engine:cli"): string {
  const { version, minVersion } = cliPin();
  return (
    `no Pulumi CLI >= v${minVersion} on PATH and no Go to build v${version}: install the Pulumi CLI ` +
    `(https://www.pulumi.com/docs/install/) or Go >= 1.26, then run \`${rerun}\` again`
  );
}

/**
 * A usable CLI: one locatePulumiCli() finds, else v<pin> built with Go into the cache (onBuild is told first: it
 * takes minutes). null when there is none and no Go to build one (noCliReason() says what to install).
 */
export async function ensurePulumiCli(
  log: (line: string) => void,
  opts: { onBuild?: (version: string) => void } = {},
): Promise<LocatedCli | null> {
  const found = await locatePulumiCli();
  if (found) return found;
  const { version } = cliPin();
  if (!(await hasGo())) return null;
  opts.onBuild?.(version);
  const bin = await buildPulumiCli(version, log);
  const built = await cliVersion(bin);
  if (built !== version) throw new Error(`built ${bin}, but \`pulumi version\` printed ${built ?? "nothing"}`);
  return { path: bin, version, source: "built" };
}

/** `npm run -s engine:cli`: the CLI's absolute path as the last line of stdout; progress on stderr. */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`engine:cli: ${line}\n`);
  const cli = await ensurePulumiCli(log);
  if (!cli) {
    console.error(`engine:cli: ${noCliReason()}`);
    process.exit(1);
  }
  log(cli.source === "built" ? `built pulumi v${cli.version}` : `using pulumi v${cli.version} from ${cli.source}`);
  const yaml = await ensureYamlHost(log);
  log(yaml ? `pulumi-language-yaml in ${yaml}` : "no Go: the YAML programs of the plugin suite cannot run");
  // Only the Python program of the plugin suite needs the venv: without one that suite says so, the others run.
  const venvStart = Date.now();
  const venv = await ensurePythonVenv(log).catch((err: unknown) => ({
    dir: null,
    reason: `the Python venv could not be built: ${err instanceof Error ? err.message : String(err)}`,
  }));
  log(
    venv.dir !== null
      ? `Python venv with the pilotstatus SDK in ${venv.dir}${venv.built ? ` (built in ${Math.round((Date.now() - venvStart) / 1000)} s)` : ""}`
      : venv.reason,
  );
  console.log(cli.path);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`engine:cli: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
