/** `pilotstatus --version`, the help's environment section and PILOT_STATUS_DEBUG (and its old name). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliIo, runCli as runInProcess } from "../../provider/drift/command";
import { assertBuilt, runCli } from "./runCli";

const { version } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };

beforeAll(() => {
  assertBuilt();
});

describe("pilotstatus --version", () => {
  it("prints package.json's version and exits 0, before the command and after drift alike", async () => {
    for (const args of [["--version"], ["-V"], ["drift", "--version"], ["drift", "-V"]]) {
      expect(await runCli(args, {}), args.join(" ")).toEqual({ code: 0, stdout: `pulumi-pilotstatus ${version}\n`, stderr: "" });
    }
  });

  it("both help texts list it; drift's lists the environment variables it reads", async () => {
    const top = await runCli(["--help"], {});
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^ {2}-V, --version {2}print the version/m);
    const drift = await runCli(["drift", "--help"], {});
    expect(drift.stdout).toMatch(/^ {2}-V, --version {11}print the version/m);
    for (const name of [
      "PILOT_STATUS_API_KEY[_<NAME>]",
      "PILOT_STATUS_BASE_URL[_<NAME>]",
      "PILOT_STATUS_REQUEST_TIMEOUT_SECONDS",
      "PILOT_STATUS_DEBUG=1",
      "NO_COLOR",
      "TERM=dumb",
    ]) {
      expect(drift.stdout).toContain(`\n  ${name} `);
    }
  });
});

describe("PILOT_STATUS_DEBUG", () => {
  /** stdout that fails: an error that is no user's, so the message offers the stack trace. */
  function io(env: NodeJS.ProcessEnv) {
    const err: string[] = [];
    const value: CliIo = {
      stdout: {
        write() {
          throw new Error("stdout is gone");
        },
      },
      stderr: { write: (t: string) => err.push(t) },
      env,
    };
    return { value, err };
  }

  it("an unexpected error names it; set, it prints the trace", async () => {
    const plain = io({});
    expect(await runInProcess(["drift", "--help"], plain.value)).toBe(2);
    expect(plain.err).toEqual(["pilotstatus drift: stdout is gone (unexpected; set PILOT_STATUS_DEBUG=1 for the stack trace)\n"]);

    const debug = io({ PILOT_STATUS_DEBUG: "1" });
    expect(await runInProcess(["drift", "--help"], debug.value)).toBe(2);
    expect(debug.err).toHaveLength(2);
    expect(debug.err[0]).toMatch(/^Error: stdout is gone\n\s+at /);
  });

  it("the old name PILOTSTATUS_DEBUG still works, with a deprecation warning", async () => {
    const old = io({ PILOTSTATUS_DEBUG: "1" });
    expect(await runInProcess(["drift", "--help"], old.value)).toBe(2);
    expect(old.err[0]).toBe("pilotstatus: warning: PILOTSTATUS_DEBUG is deprecated, set PILOT_STATUS_DEBUG=1 instead\n");
    expect(old.err[1]).toMatch(/^Error: stdout is gone\n\s+at /);
    expect(old.err).toHaveLength(3);
  });
});
