/** What the drift CLI tests share: the emulator and a temp folder for a file, the built CLI, one-line user errors. */
import { beforeAll, expect } from "vitest";
import type { EmulatorHandle } from "pulumi-pilotstatus-emulator";
import { type StateNumber, stackExport, writeStackFile } from "../../testing/stackExport";
import { emulatorEnv, useEmulator } from "../support/emulator";
import { type TempDir, useTempDir } from "../support/tempDir";
import { assertBuilt, type CliResult } from "./runCli";

export interface CliRig {
  readonly emu: EmulatorHandle;
  readonly tmp: TempDir;
  /** The CLI's environment: the emulator's key and URL, plus `over`. */
  env(over?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** A number "Sales" in the account, declared in a stack file of its own. */
  declaredSales(): Promise<{ sales: StateNumber; file: string }>;
}

/** For one test file: the emulator, a temp folder, and a check that the CLI is built. */
export function useCliRig(prefix: string): CliRig {
  const emu = useEmulator();
  const tmp = useTempDir(prefix);
  beforeAll(() => {
    assertBuilt();
  });
  return {
    emu,
    tmp,
    env: (over = {}) => ({ ...emulatorEnv(emu), ...over }),
    async declaredSales() {
      const n = await emu.control.createNumber({ name: "Sales", number: "5511990000001", state: "OPEN" });
      const sales: StateNumber = { kind: "WhatsAppNumber", name: "sales", id: n.id, displayName: "Sales", number: "+5511990000001" };
      return { sales, file: await writeStackFile(tmp.path, `sales-${n.id}.json`, stackExport("dev", "numbers", [sales])) };
    },
  };
}

/** A user error: exit 2, nothing on stdout, one line on stderr (no stack frames) matching `pattern`. */
export function expectUserError(res: CliResult, pattern: RegExp): void {
  expect(res.code, res.stderr).toBe(2);
  expect(res.stdout).toBe("");
  expect(res.stderr.endsWith("\n")).toBe(true);
  expect(res.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(res.stderr).not.toMatch(/\s+at .+:\d+:\d+/);
  expect(res.stderr.trimEnd()).toMatch(pattern);
}
