/**
 * --stack-file and --ignore-file name regular files. A FIFO would block the audit until something
 * writes to it, a device such as /dev/zero never ends, a directory has no text: each fails at once
 * (the CLI is killed if it has not ended within seconds), with exit 2 and one line.
 */
import { execFileSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DriftReport } from "../../provider/drift";
import { assertBuilt, type CliResult, runCli, runCliWithin } from "./runCli";
import { type StateNumber, stackExport, writeStackFile } from "../../testing/stackExport";
import { emulatorEnv, useEmulator } from "../support/emulator";
import { useTempDir } from "../support/tempDir";

const emu = useEmulator();
const tmp = useTempDir("drift-inputFiles-");

beforeAll(() => {
  assertBuilt();
});

const env = (over: NodeJS.ProcessEnv = {}) => ({ ...emulatorEnv(emu), ...over });

function expectUserError(res: CliResult, pattern: RegExp): void {
  expect(res.code, res.stderr).toBe(2);
  expect(res.stdout).toBe("");
  expect(res.stderr.endsWith("\n")).toBe(true);
  expect(res.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(res.stderr).not.toMatch(/\s+at .+:\d+:\d+/);
  expect(res.stderr.trimEnd()).toMatch(pattern);
}

async function declaredSales(): Promise<{ sales: StateNumber; file: string }> {
  const n = await emu.control.createNumber({ name: "Sales", number: "5511990000001", state: "OPEN" });
  const sales: StateNumber = { kind: "WhatsAppNumber", name: "sales", id: n.id, displayName: "Sales", number: "+5511990000001" };
  return { sales, file: await writeStackFile(tmp.path, `sales-${n.id}.json`, stackExport("dev", "numbers", [sales])) };
}

describe("stack and ignore files that are not regular files fail at once", () => {
  const WITHIN = 5_000;

  it("a FIFO, a device and a directory as --stack-file or --ignore-file: exit 2, one line, no read", async () => {
    const { file } = await declaredSales();
    const fifo = join(tmp.path, "export.fifo");
    execFileSync("mkfifo", [fifo]);
    const dir = join(tmp.path, "a-directory");
    await mkdir(dir, { recursive: true });
    const cases: Array<[string[], RegExp]> = [
      [["--stack-file", fifo], /^pilotstatus drift: cannot read stack file .*export\.fifo: it is a FIFO \(named pipe\), not a regular file; write the export to a file first/],
      [["--stack-file", "/dev/zero"], /^pilotstatus drift: cannot read stack file \/dev\/zero: it is a character device, not a regular file/],
      [["--stack-file", "/dev/urandom"], /^pilotstatus drift: cannot read stack file \/dev\/urandom: it is a character device, not a regular file/],
      [["--stack-file", dir], /^pilotstatus drift: cannot read stack file .*a-directory: it is a directory, not a regular file/],
      [["--stack-file", file, "--ignore-file", fifo], /^pilotstatus drift: cannot read ignore file .*export\.fifo: it is a FIFO \(named pipe\), not a regular file/],
      [["--stack-file", file, "--ignore-file", "/dev/zero"], /^pilotstatus drift: cannot read ignore file \/dev\/zero: it is a character device, not a regular file/],
      [["--stack-file", file, "--ignore-file", dir], /^pilotstatus drift: cannot read ignore file .*a-directory: it is a directory, not a regular file/],
    ];
    for (const [args, pattern] of cases) {
      const res = await runCliWithin(["drift", ...args], env(), WITHIN);
      expect(res.timedOut, `${args.join(" ")} still running after ${WITHIN} ms`).toBe(false);
      expectUserError(res, pattern);
    }
    // Refused before any API call.
    expect((await emu.control.requests()).counts).toEqual({});
  });

  it("a symbolic link to a regular file is read as that file", async () => {
    const { sales, file } = await declaredSales();
    const link = join(tmp.path, "current.json");
    execFileSync("ln", ["-sf", file, link]);
    const res = await runCli(["drift", "--stack-file", link, "--json"], env());
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(DriftReport.parse(JSON.parse(res.stdout)).inSync.map((e) => e.id)).toEqual([sales.id]);
  });
});
