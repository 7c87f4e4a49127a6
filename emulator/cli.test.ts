import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CallList, NumberList } from "pulumi-pilotstatus/contract";
import { EmulatorControl } from "./control";
import { DEFAULT_TENANT_KEY, TENANT_KEY_ENV } from "./keys";
import { obj, request } from "../test/support/http";
import { EMULATOR_BIN } from "../testing/bins";

const CLI = EMULATOR_BIN;
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

/** Collects stdout until the banner's last line has arrived. */
function waitForBanner(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("control API:")) resolve(out);
    });
    proc.on("exit", (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
  });
}

describe("emulator CLI", () => {
  it("prints URL and keys that work, and stops cleanly on SIGTERM", async () => {
    expect(existsSync(CLI), "run `npm run build` first").toBe(true);
    child = spawn(process.execPath, [CLI, "--port", "0", "--sample"], { stdio: ["ignore", "pipe", "pipe"] });
    const banner = await waitForBanner(child);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    const key = /tenant key:\s+(ps_\S+)/.exec(banner)?.[1];
    const numberKey = /number wa_sample_support .* key: (ps_\S+)/.exec(banner)?.[1];
    expect(url && key && numberKey).toBeTruthy();
    expect(banner).toContain(`curl -s ${url}/v1/numbers -H "x-api-key: ${key}"`);

    const numbers = NumberList.parse((await request(url!, "GET", "/v1/numbers", { key: key! })).body);
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    const calls = CallList.parse((await request(url!, "GET", "/v1/calls", { key: numberKey! })).body).calls;
    expect(calls.length).toBeGreaterThan(0);
    expect((await new EmulatorControl(url!).requests()).counts["GET /v1/numbers"]).toBe(1);

    const exited = new Promise<number | null>((r) => child!.on("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("emulator CLI --public-url", () => {
  it("prints the public URL and uses it in the links the API hands out", async () => {
    child = spawn(process.execPath, [CLI, "--port", "0", "--quiet", "--public-url", "https://emu.example.test/ps/"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const banner = await waitForBanner(child);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(banner).toContain("public URL:        https://emu.example.test/ps\n");
    const r = await request(url!, "POST", "/v1/numbers/remote-pairing", {
      key: /tenant key:\s+(ps_\S+)/.exec(banner)![1]!,
      body: { name: "Remote", number: "+5511966660001" },
      headers: { "x-forwarded-host": "evil.example" },
    });
    expect(r.status).toBe(201);
    expect(String(obj(r.body).remotePairingUrl)).toMatch(/^https:\/\/emu\.example\.test\/ps\/pair\/[0-9a-f]+$/);
  });
});

describe("emulator CLI errors", () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      proc.on("exit", (code) => resolve({ code, stderr }));
    });

  it("explain a bad port, a taken port and a data file that is not emulator state, in one line each", async () => {
    const bad = await run(["--port", "abc"]);
    expect(bad).toEqual({ code: 1, stderr: 'pilotstatus-emulator: --port takes a number from 0 to 65535, not "abc"\n' });
    expect(await run(["--port", "0", "--public-url", "emu.example.test"])).toEqual({
      code: 1,
      stderr:
        'pilotstatus-emulator: --public-url takes an http(s) URL without credentials, query or fragment, such as https://emulator.example.test, not "emu.example.test"\n',
    });

    child = spawn(process.execPath, [CLI, "--port", "0", "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(await waitForBanner(child))?.[1];
    const taken = await run(["--port", port!]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(
      new RegExp(
        `^pilotstatus-emulator: .*EADDRINUSE.*:${port}: the port is taken, pass another with --port N \\(0 picks a free one\\)\\n$`,
      ),
    );

    const dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
    try {
      const notState = join(dir, "state.json");
      writeFileSync(notState, JSON.stringify({ numbers: [] }));
      const wrong = await run(["--port", "0", "--data", notState]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(
        /^pilotstatus-emulator: data file .*state\.json is not an emulator state file \(at .*\): move it away or pass another --data path\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("emulator CLI --help, --version and unknown flags", () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      proc.on("close", (code) => resolve({ code, stdout, stderr }));
    });

  it("--help lists every flag and the environment variable it reads, and exits 0 without starting", async () => {
    const res = await run(["--help"]);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe("");
    expect(res.stdout).toMatch(/^Usage: pilotstatus-emulator \[options\]\n/);
    for (const flag of [
      "--port <n>",
      "--host <address>",
      "--public-url <url>",
      "--data <file>",
      "--sample",
      "--quiet",
      "-h, --help",
      "-V, --version",
    ]) {
      expect(res.stdout).toContain(`  ${flag}`);
    }
    expect(res.stdout).toContain(`${TENANT_KEY_ENV}  the default tenant's API key (default ${DEFAULT_TENANT_KEY})`);
    expect(res.stdout).toContain("Exit codes:");
    expect(res.stdout).not.toContain("listening on");
    expect((await run(["-h"])).stdout).toBe(res.stdout);
  });

  it("--version and -V print the emulator package's version and exit 0", async () => {
    const { name, version } = JSON.parse(readFileSync(join(__dirname, "package.json"), "utf8")) as { name: string; version: string };
    expect(name).toBe("pulumi-pilotstatus-emulator");
    for (const flag of ["--version", "-V"]) {
      expect(await run([flag])).toEqual({ code: 0, stdout: `pulumi-pilotstatus-emulator ${version}\n`, stderr: "" });
    }
  });

  it("an unknown flag, a stray argument or a missing value is one line that points at --help, exit 1", async () => {
    expect(await run(["--prot", "0"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "pilotstatus-emulator: unknown option '--prot' (see pilotstatus-emulator --help)\n",
    });
    expect(await run(["8787"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "pilotstatus-emulator: unexpected argument (not shown): the emulator takes only options (see pilotstatus-emulator --help)\n",
    });
    expect(await run(["--port"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "pilotstatus-emulator: option '--port <value>' argument missing (see pilotstatus-emulator --help)\n",
    });
    // What could be a pasted key is not echoed.
    const pasted = await run(["--ps_live_0123456789abcdef"]);
    expect(pasted.code).toBe(1);
    expect(pasted.stderr).toBe("pilotstatus-emulator: unknown option (not shown) (see pilotstatus-emulator --help)\n");
  });
});
