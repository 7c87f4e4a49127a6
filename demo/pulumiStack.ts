/**
 * The stack with the real Pulumi CLI: a local file backend in the demo's temp folder (no login), and a stack
 * whose config file, Pulumi.<stack>.yaml beside Pulumi.yaml, is removed again on cleanup.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import * as path from "node:path";
import * as readline from "node:readline";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { Cleanup } from "./cleanup";
import type { DemoStack, UpResult } from "./demoStack";
import type { Narrator } from "./narrator";

const SECRET_PLACEHOLDER = "[secret]";

/**
 * `pulumi version`, or null when the CLI is not there. Under `npm run`, "pulumi" is the official npm launcher
 * (a devDependency) unless a CLI is installed: it downloads the CLI on first use, hence the long timeout.
 */
export function detectPulumi(command: string): Promise<string | null> {
  return new Promise((resolve) => {
    let out = "";
    let child: ChildProcess;
    try {
      child = spawn(command, ["version"], { stdio: ["ignore", "pipe", "ignore"], timeout: 300_000 });
    } catch {
      resolve(null);
      return;
    }
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", () => resolve(null));
    child.on("close", (code) => resolve(code === 0 && out.trim() !== "" ? out.trim() : null));
  });
}

export interface PulumiStackOptions {
  readonly command: string;
  /** The project directory (Pulumi.yaml). */
  readonly cwd: string;
  /** Temp folder for the backend. */
  readonly workDir: string;
  /** A new stack's name (its config file must not exist yet). */
  readonly stack: string;
  readonly narrator: Narrator;
  readonly config: { plain: Record<string, string>; secret: Record<string, string> };
  /** Children to kill on Ctrl-C. */
  readonly children: Set<ChildProcess>;
  readonly cleanup: Cleanup;
}

export class PulumiStack implements DemoStack {
  readonly how: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly configFile: string;

  private constructor(
    private readonly opts: PulumiStackOptions,
    version: string,
  ) {
    this.how = `Pulumi CLI ${version}, local backend in ${path.relative(opts.cwd, opts.workDir)}`;
    this.configFile = path.join(opts.cwd, `Pulumi.${opts.stack}.yaml`);
    this.env = {
      ...process.env,
      PULUMI_BACKEND_URL: pathToFileURL(path.join(opts.workDir, "backend")).href,
      // The file backend encrypts secrets with a passphrase; this one only guards a throw-away demo stack.
      PULUMI_CONFIG_PASSPHRASE: "pilotstatus-demo-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
  }

  static async create(opts: PulumiStackOptions, version: string): Promise<PulumiStack> {
    const s = new PulumiStack(opts, version);
    await mkdir(path.join(opts.workDir, "backend"), { recursive: true });
    // Before init: `stack init` writes the config file (the passphrase's salt), which stop() removes.
    opts.cleanup.add(`remove ${path.basename(s.configFile)}`, () => rm(s.configFile, { force: true }));
    await s.run(["stack", "init"], { show: false });
    const pairs = [
      ...Object.entries(opts.config.plain).map(([k, v]) => ["--plaintext", `${k}=${v}`]),
      ...Object.entries(opts.config.secret).map(([k, v]) => ["--secret", `${k}=${v}`]),
    ].flat();
    await s.run(["config", "set-all", ...pairs], { show: false });
    return s;
  }

  async up(): Promise<UpResult> {
    await this.run(["up", "--yes", "--skip-preview"]);
    const json = await this.run(["stack", "output", "--json"], { show: false });
    const outputs = z.record(z.string(), z.unknown()).parse(JSON.parse(json));
    return { outputs, secretOutputs: Object.keys(outputs).filter((k) => outputs[k] === SECRET_PLACEHOLDER) };
  }

  async previewRefresh(): Promise<void> {
    await this.run(["refresh", "--preview-only", "--diff"]);
  }

  async exportState(file: string): Promise<void> {
    await this.run(["stack", "export", "--file", file], { show: false });
  }

  async acceptRefresh(): Promise<void> {
    await this.run(["refresh", "--yes", "--skip-preview"]);
  }

  async stop(): Promise<void> {}

  /** Runs `pulumi <args> --stack <stack> --non-interactive`; prints its output (redacted) unless show is false. */
  private run(args: readonly string[], { show = true } = {}): Promise<string> {
    const { narrator, children } = this.opts;
    const full = [...args, "--stack", this.opts.stack, "--non-interactive"];
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.command, full, { cwd: this.opts.cwd, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      children.add(child);
      let stdout = "";
      let stderr = "";
      readline.createInterface({ input: child.stdout }).on("line", (line) => {
        stdout += `${line}\n`;
        if (show) narrator.block(line);
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => {
        children.delete(child);
        if (code === 0) resolve(stdout);
        else reject(new Error(`\`pulumi ${args.slice(0, 2).join(" ")}\` exited with ${code}: ${narrator.redact(stderr.trim() || stdout.trim().split("\n").slice(-5).join("\n"))}`));
      });
    });
  }
}
