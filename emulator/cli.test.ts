import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CallList, NumberList } from "../provider/client/schemas";
import { EmulatorControl } from "./control";
import { request } from "./testing";

const CLI = join(__dirname, "..", "dist", "emulator", "cli.js");
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
    expect(existsSync(CLI), "run `npx tsc -p .` first").toBe(true);
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
