/**
 * The emulator in its own process, as users run it in CI (`pilotstatus-emulator`), with its state in a data file so
 * it can be restarted on the same port with another tenant key (a key rotation).
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as readline from "node:readline";
import { DEFAULT_TENANT_KEY, EmulatorControl, TENANT_KEY_ENV } from "pulumi-pilotstatus-emulator";
import { EMULATOR_BIN } from "../bins";

export interface EmulatorProcess {
  readonly url: string;
  readonly port: number;
  readonly control: EmulatorControl;
  /** The default tenant's key this process accepts. */
  readonly tenantKey: string;
  stop(): Promise<void>;
}

export interface EmulatorProcessOptions {
  /** State file (kept across restarts). */
  readonly dataFile: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** The default tenant's key; default the well-known one. */
  readonly tenantKey?: string;
  /** Start with the sample numbers (`--sample`), as the examples' READMEs do. */
  readonly sample?: boolean;
}

export function startEmulatorProcess(opts: EmulatorProcessOptions): Promise<EmulatorProcess> {
  // The bin of the emulator package, as `npx pilotstatus-emulator` runs it.
  const cli = EMULATOR_BIN;
  const tenantKey = opts.tenantKey ?? DEFAULT_TENANT_KEY;
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, "--port", String(opts.port ?? 0), "--data", opts.dataFile, "--quiet", ...(opts.sample ? ["--sample"] : [])],
    { env: { ...process.env, [TENANT_KEY_ENV]: tenantKey }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`the emulator did not start in 15 s: ${stderr}`)), 15_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}: ${stderr}`));
    });
    lines.on("line", (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      lines.removeAllListeners("line");
      // Keep draining stdout so the child never blocks on a full pipe.
      child.stdout?.resume();
      const url = m[1];
      resolve({
        url,
        port: Number(new URL(url).port),
        control: new EmulatorControl(url),
        tenantKey,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
