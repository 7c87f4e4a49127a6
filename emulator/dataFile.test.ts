/**
 * `--data file` under real processes: a write acknowledged to a client survives kill -9; one emulator per file,
 * and the restart flow of testing/engine/emulatorProcess.ts (SIGTERM, wait for exit, start again) keeps working.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CreateNumberResponse, NumberList } from "pulumi-pilotstatus/contract";
import { DEFAULT_TENANT_KEY } from "./keys";
import { request } from "../test/support/http";
import { EMULATOR_BIN } from "../testing/bins";

const CLI = EMULATOR_BIN;
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDataFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "ps-emu-data-"));
  dirs.push(dir);
  return join(dir, "state.json");
}

interface Running {
  proc: ChildProcess;
  url: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** As testing/engine/emulatorProcess.ts starts it: `--port N --data file --quiet`, URL from the "listening on" line. */
function startCli(dataFile: string, port = 0): Promise<Running> {
  expect(existsSync(CLI), "run `npm run build` first").toBe(true);
  const proc = spawn(process.execPath, [CLI, "--port", String(port), "--data", dataFile, "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(proc);
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url && out.includes("control API:")) resolve({ proc, url, exited });
    });
    void exited.then((code) => reject(new Error(`cli exited with ${code}: ${err}${out}`)));
  });
}

async function kill9(r: Running): Promise<void> {
  r.proc.kill("SIGKILL");
  await r.exited;
}

const lockPid = (file: string) => (JSON.parse(readFileSync(`${file}.lock`, "utf8")) as { pid: number }).pid;

function runToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    children.push(proc);
    let stderr = "";
    const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000); // one that starts instead of refusing
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const list = async (url: string) => NumberList.parse((await request(url, "GET", "/v1/numbers", { key: DEFAULT_TENANT_KEY })).body);

describe("--data: what a client was told is saved survives kill -9", () => {
  it("a create, an out-of-band pair, a reconnect (a GET) and a delete are on disk before their 2xx", async () => {
    const file = tempDataFile();

    const a = await startCli(file);
    const created = await request(a.url, "POST", "/v1/numbers", {
      key: DEFAULT_TENANT_KEY,
      body: { name: "Acked", number: "+5511955550001" },
    });
    expect(created.status).toBe(201);
    await kill9(a); // right after the 2xx: no timer, no shutdown hook gets to run
    const id = CreateNumberResponse.parse(created.body).instance.id;
    expect(lockPid(file)).toBe(a.proc.pid); // left behind by the killed process…

    const b = await startCli(file);
    expect(lockPid(file)).toBe(b.proc.pid); // …and taken over, its pid being dead
    expect((await list(b.url)).map((n) => [n.id, n.name])).toEqual([[id, "Acked"]]);
    const pair = await request(b.url, "POST", `/__emulator/numbers/${id}/pair`);
    expect(pair.status).toBe(200);
    await kill9(b);

    const c = await startCli(file);
    expect((await list(c.url)).map((n) => [n.id, n.state])).toEqual([[id, "OPEN"]]);
    expect((await request(c.url, "POST", `/__emulator/numbers/${id}/disconnect`)).status).toBe(200);
    expect((await request(c.url, "GET", `/v1/numbers/${id}/connect`, { key: DEFAULT_TENANT_KEY })).status).toBe(200);
    await kill9(c);

    const d = await startCli(file);
    expect((await list(d.url)).map((n) => [n.id, n.state])).toEqual([[id, "CONNECTING"]]);
    const deleted = await request(d.url, "DELETE", `/v1/numbers/${id}`, { key: DEFAULT_TENANT_KEY });
    expect(deleted.status).toBe(200);
    await kill9(d);

    const e = await startCli(file);
    expect(await list(e.url)).toEqual([]);
    e.proc.kill("SIGTERM");
    expect(await e.exited).toBe(0);
  });
});

describe("--data: one emulator per data file", () => {
  it("refuses a second emulator on the file in one line; SIGTERM, wait for exit, start again on the same port works", async () => {
    const file = tempDataFile();
    const a = await startCli(file);
    const created = await request(a.url, "POST", "/v1/numbers", {
      key: DEFAULT_TENANT_KEY,
      body: { name: "Mine", number: "+5511955550002" },
    });
    expect(created.status).toBe(201);
    const before = readFileSync(file, "utf8");

    const second = await runToExit(["--port", "0", "--data", file, "--quiet"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `^pilotstatus-emulator: data file .*state\\.json is in use by another emulator \\(pid ${a.proc.pid}, since [^;]+; lock file .*state\\.json\\.lock\\): stop it, or pass another --data path\\n$`,
      ),
    );
    expect(readFileSync(file, "utf8")).toBe(before); // the refused one wrote nothing
    expect((await list(a.url)).map((n) => n.name)).toEqual(["Mine"]); // and the first still serves

    const port = new URL(a.url).port;
    a.proc.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
    const b = await startCli(file, Number(port));
    expect(b.url).toBe(a.url);
    expect((await list(b.url)).map((n) => n.name)).toEqual(["Mine"]);
    b.proc.kill("SIGTERM");
    expect(await b.exited).toBe(0);
  });
});
