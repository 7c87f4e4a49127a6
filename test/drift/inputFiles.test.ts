/**
 * --stack-file and --ignore-file name regular files. A FIFO would block the audit until something
 * writes to it, a device such as /dev/zero never ends, a directory has no text: each fails at once
 * (the CLI is killed if it has not ended within seconds), with exit 2 and one line.
 */
import { execFileSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectUserError, useCliRig } from "./cliRig";
import { DriftReport } from "../../provider/drift";
import { runCli, runCliWithin } from "./runCli";

const rig = useCliRig("drift-inputFiles-");
const { emu, tmp, env, declaredSales } = rig;

describe("stack and ignore files that are not regular files fail at once", () => {
  const WITHIN = 5_000;

  it("a FIFO, a device and a directory as --stack-file or --ignore-file: exit 2, one line, no read", async () => {
    const { file } = await declaredSales();
    const fifo = join(tmp.path, "export.fifo");
    execFileSync("mkfifo", [fifo]);
    const dir = join(tmp.path, "a-directory");
    await mkdir(dir, { recursive: true });
    const cases: Array<[string[], RegExp]> = [
      [
        ["--stack-file", fifo],
        /^pilotstatus drift: cannot read stack file .*export\.fifo: it is a FIFO \(named pipe\), not a regular file; write the export to a file first/,
      ],
      [
        ["--stack-file", "/dev/zero"],
        /^pilotstatus drift: cannot read stack file \/dev\/zero: it is a character device, not a regular file/,
      ],
      [
        ["--stack-file", "/dev/urandom"],
        /^pilotstatus drift: cannot read stack file \/dev\/urandom: it is a character device, not a regular file/,
      ],
      [["--stack-file", dir], /^pilotstatus drift: cannot read stack file .*a-directory: it is a directory, not a regular file/],
      [
        ["--stack-file", file, "--ignore-file", fifo],
        /^pilotstatus drift: cannot read ignore file .*export\.fifo: it is a FIFO \(named pipe\), not a regular file/,
      ],
      [
        ["--stack-file", file, "--ignore-file", "/dev/zero"],
        /^pilotstatus drift: cannot read ignore file \/dev\/zero: it is a character device, not a regular file/,
      ],
      [
        ["--stack-file", file, "--ignore-file", dir],
        /^pilotstatus drift: cannot read ignore file .*a-directory: it is a directory, not a regular file/,
      ],
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
