/**
 * Runs the real `pulumi` CLI on a project folder, offline by construction: a file backend and PULUMI_HOME in a temp
 * folder, a passphrase secrets provider, no update check, no plugin downloads. The stack's config lives in a file
 * of the temp folder (`--config-file`), so a project such as an example keeps its own Pulumi.<stack>.yaml intact:
 * that file is copied in as the starting config.
 */
import { spawn } from "node:child_process";
import { copyFile, mkdir, readFile, rename } from "node:fs/promises";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../../provider/packageRoot";
import { yamlHostDir } from "./cli";

export const ENGINE_PASSPHRASE = "pilotstatus-engine-suite";

/** Folders the engine finds its plugins in: the stand-in language host, the SDK's dynamic-provider launcher. */
export function pluginPath(cli: string): string[] {
  const root = packageRoot();
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] }));
  const cliDir = path.dirname(cli);
  // A real pulumi-language-nodejs beside the CLI wins over the stand-in.
  const standIn = existsSync(path.join(cliDir, "pulumi-language-nodejs")) ? [] : [path.join(root, "testing", "engine", "bin")];
  const yaml = yamlHostDir();
  return [cliDir, ...standIn, sdkDir, ...(existsSync(yaml) ? [yaml] : [])];
}

/** The environment of every CLI run: nothing reaches beyond 127.0.0.1, nothing of the developer's Pulumi set-up. */
export function engineEnv(cli: string, workDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  // Keep the machine's basics; drop the developer's Pulumi and Pilot Status settings.
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(PULUMI_|PILOT_STATUS_)/.test(k)) base[k] = v;
  }
  return {
    ...base,
    PATH: [...pluginPath(cli), process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_HOME: path.join(workDir, "pulumi-home"),
    PULUMI_BACKEND_URL: pathToFileURL(path.join(workDir, "backend")).href,
    PULUMI_CONFIG_PASSPHRASE: ENGINE_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // Plain, stable output to assert on.
    NO_COLOR: "1",
    ...extra,
  };
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr as one text, for messages. */
  readonly output: string;
}

export class CliError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly run: CliRun,
  ) {
    super(`pulumi ${args.join(" ")} exited with ${run.code ?? run.signal}:\n${run.output.slice(-6000)}`);
  }
}

export interface ExportedResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
}

export interface StackOptions {
  readonly cli: string;
  /** The project folder (Pulumi.yaml). */
  readonly dir: string;
  /** A temp folder of the caller's: backend, PULUMI_HOME and the stack's config file go there. */
  readonly workDir: string;
  readonly stack?: string;
  /** Added to every run's environment. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Default: the project folder. */
  readonly cwd?: string;
  readonly onSpawn?: (pid: number) => void;
}

/** Commands that read the stack's config (and so take --config-file). */
const TAKES_CONFIG_FILE = new Set(["up", "preview", "refresh", "destroy", "config", "import"]);

export class PulumiStack {
  readonly stack: string;
  readonly configFile: string;
  env: NodeJS.ProcessEnv;

  private constructor(readonly opts: StackOptions) {
    this.stack = opts.stack ?? "dev";
    this.configFile = path.join(opts.workDir, `Pulumi.${this.stack}.yaml`);
    this.env = engineEnv(opts.cli, opts.workDir, opts.env);
  }

  /**
   * `pulumi stack init`, starting from the project's own Pulumi.<stack>.yaml when it has one. `stack init` writes
   * the passphrase's salt into Pulumi.<stack>.yaml beside Pulumi.yaml and takes no --config-file: it runs on a copy
   * of the project file in the temp folder, so the project's own files are never touched.
   */
  static async init(opts: StackOptions): Promise<PulumiStack> {
    const s = new PulumiStack(opts);
    await mkdir(path.join(opts.workDir, "backend"), { recursive: true });
    const initDir = path.join(opts.workDir, "init");
    await mkdir(initDir, { recursive: true });
    await copyFile(path.join(opts.dir, "Pulumi.yaml"), path.join(initDir, "Pulumi.yaml"));
    const stackFile = `Pulumi.${s.stack}.yaml`;
    if (existsSync(path.join(opts.dir, stackFile))) await copyFile(path.join(opts.dir, stackFile), path.join(initDir, stackFile));
    await s.ok(["stack", "init", s.stack], { cwd: initDir });
    await rename(path.join(initDir, stackFile), s.configFile);
    return s;
  }

  /**
   * Runs `pulumi <args>` for this stack; never throws on a non-zero exit. The CLI leads its own process group, so
   * `killGroup(pid)` can end it with its plugins at once, as a CI runner cancelling a job does.
   */
  run(args: readonly string[], opts: RunOptions = {}): Promise<CliRun> {
    const full = [...args, "--non-interactive"];
    if (args[0] !== "stack" || args[1] !== "init") full.push("--stack", this.stack);
    if (TAKES_CONFIG_FILE.has(args[0] ?? "")) full.push("--config-file", this.configFile);
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.cli, full, {
        cwd: opts.cwd ?? this.opts.dir,
        env: { ...this.env, ...opts.env },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      if (child.pid !== undefined) opts.onSpawn?.(child.pid);
      let stdout = "";
      let stderr = "";
      let output = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
        output += d;
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
        output += d;
      });
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, output }));
    });
  }

  /** Runs `pulumi <args>`; throws CliError (with the output) unless it exits 0. */
  async ok(args: readonly string[], opts: RunOptions = {}): Promise<CliRun> {
    const r = await this.run(args, opts);
    if (r.code !== 0) throw new CliError(args, r);
    return r;
  }

  up(...extra: string[]): Promise<CliRun> {
    return this.ok(["up", "--yes", "--skip-preview", ...extra]);
  }

  refresh(...extra: string[]): Promise<CliRun> {
    return this.ok(["refresh", "--yes", "--skip-preview", ...extra]);
  }

  destroy(...extra: string[]): Promise<CliRun> {
    return this.ok(["destroy", "--yes", "--skip-preview", ...extra]);
  }

  /** Sets plain and secret config (`pulumi config set-all`); with `path`, keys are paths (`a:b.c.d`). */
  async config(values: { plain?: Record<string, string>; secret?: Record<string, string>; path?: boolean }): Promise<void> {
    const pairs = [
      ...(values.path ? ["--path"] : []),
      ...Object.entries(values.plain ?? {}).map(([k, v]) => ["--plaintext", `${k}=${v}`]),
      ...Object.entries(values.secret ?? {}).map(([k, v]) => ["--secret", `${k}=${v}`]),
    ].flat();
    if (pairs.length) await this.ok(["config", "set-all", ...pairs]);
  }

  /** Sets one config value as JSON text, which the program reads with `config.requireObject`. */
  async configJson(key: string, value: unknown): Promise<void> {
    await this.ok(["config", "set", key, JSON.stringify(value)]);
  }

  /** `pulumi stack export` as text (no --show-secrets). */
  async exportText(): Promise<string> {
    const file = path.join(this.opts.workDir, `export-${this.stack}-${Date.now()}.json`);
    await this.ok(["stack", "export", "--file", file]);
    return readFile(file, "utf8");
  }

  /** The state's resources (`pulumi stack export`): secrets stay ciphertext. */
  async resources(): Promise<ExportedResource[]> {
    const doc = JSON.parse(await this.exportText()) as { deployment?: { resources?: ExportedResource[] } };
    return doc.deployment?.resources ?? [];
  }

  /** One resource's state by its name (the last URN segment). */
  async resource(name: string): Promise<ExportedResource | undefined> {
    return (await this.resources()).find((r) => r.urn.endsWith(`::${name}`));
  }

  /** The stack's outputs as of the last program run (`refresh` does not run the program, so it leaves them). */
  async outputs(opts: { showSecrets?: boolean } = {}): Promise<Record<string, unknown>> {
    const r = await this.ok(["stack", "output", "--json", ...(opts.showSecrets ? ["--show-secrets"] : [])]);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }
}

/**
 * SIGKILL to a CLI run and everything it started, as a CI runner cancelling a job does: the CLI's process group,
 * and the groups of its plugins (the CLI starts each plugin in a process group of its own, so killing the CLI's
 * group alone would orphan them).
 */
export function killGroup(pid: number): number[] {
  const groups = [pid, ...childrenOf(pid)];
  for (const group of groups) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  return groups;
}

/** True while any process of the group `pgid` is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Direct children of `pid` (Linux /proc); each plugin leads its own process group. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return out;
}
