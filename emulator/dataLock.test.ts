/** One emulator per data file, in one process: the lock file beside it. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorHandle } from "./index";

const dirs: string[] = [];
const running: EmulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDataFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "ps-emu-lock-"));
  dirs.push(dir);
  return join(dir, "state.json");
}

async function start(dataFile: string, port = 0): Promise<EmulatorHandle> {
  const emu = await startEmulator({ port, dataFile });
  running.push(emu);
  return emu;
}

const lockOf = (file: string) => JSON.parse(readFileSync(`${file}.lock`, "utf8")) as { pid: number; token: string; since: string };

/** A pid that was alive a moment ago and is not any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  expect(r.pid).toBeGreaterThan(0);
  return r.pid!;
}

describe("the data file's lock", () => {
  it("refuses a second emulator on the same file while the first runs, and lets one start after the first stopped", async () => {
    const file = tempDataFile();
    const a = await start(file);
    await a.control.createNumber({ name: "First", number: "+5511944440001" });
    expect(lockOf(file).pid).toBe(process.pid);

    await expect(startEmulator({ port: 0, dataFile: file })).rejects.toThrow(
      new RegExp(
        `^data file ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is in use by another emulator \\(pid ${process.pid}, this process, since .*; lock file .*state\\.json\\.lock\\): stop it, or pass another --data path$`,
      ),
    );
    // The refused one changed nothing: the first still owns the file and its data.
    expect(lockOf(file).pid).toBe(process.pid);
    expect(readFileSync(file, "utf8")).toContain("First");

    await a.stop();
    expect(existsSync(`${file}.lock`)).toBe(false);
    const b = await start(file);
    expect((await b.control.state()).tenants.default!.numbers.map((n) => n.name)).toEqual(["First"]);
  });

  it("takes over the lock of a process that is gone, and of a previous process that had our pid (a container's pid 1)", async () => {
    const file = tempDataFile();
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), token: "gone", since: "2020-01-01T00:00:00.000Z" }));
    const a = await start(file);
    expect(lockOf(file)).toMatchObject({ pid: process.pid });
    expect(lockOf(file).token).not.toBe("gone");
    await a.stop();

    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, token: "before-the-restart", since: "2020-01-01T00:00:00.000Z" }));
    const b = await start(file);
    expect(lockOf(file).token).not.toBe("before-the-restart");
    await b.stop();
    expect(readdirSync(join(file, "..")).sort()).toEqual(["state.json"]);
  });

  it("refuses a lock file that is not an emulator's, in one line, without touching it", async () => {
    const file = tempDataFile();
    writeFileSync(`${file}.lock`, "something else");
    await expect(startEmulator({ port: 0, dataFile: file })).rejects.toThrow(
      /^data file .*state\.json has a lock file .*state\.json\.lock that is not an emulator's: remove it if no emulator uses this file, or pass another --data path$/,
    );
    expect(readFileSync(`${file}.lock`, "utf8")).toBe("something else");
  });

  it("is released when the start fails after taking it (a taken port, a data file that is not state)", async () => {
    const file = tempDataFile();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startEmulator({ port, dataFile: file })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
    expect(existsSync(`${file}.lock`)).toBe(false);

    writeFileSync(file, "not json");
    await expect(startEmulator({ port: 0, dataFile: file })).rejects.toThrow(/is not JSON/);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("removes temp files that writes killed half-way left behind", async () => {
    const file = tempDataFile();
    writeFileSync(join(file, "..", ".state.json.4242.tmp"), "{ half");
    writeFileSync(join(file, "..", ".other.json.4242.tmp"), "not ours");
    const a = await start(file);
    await a.stop();
    expect(readdirSync(join(file, "..")).sort()).toEqual([".other.json.4242.tmp", "state.json"]);
  });
});
