/**
 * An ignore list of 200,000 entries (an inventory exported from elsewhere): read, matched by lookup
 * and reported in about a second; the entries that match nothing are counted in one warning after the
 * first twenty, not listed one by one.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useCliRig } from "./cliRig";
import { DriftReport } from "../../provider/drift";
import { runCliWithin } from "./runCli";

const rig = useCliRig("drift-largeIgnoreFile-");
const { emu, tmp, env, declaredSales } = rig;

describe("an ignore file of 200,000 entries", () => {
  it("is read, matched and reported in linear time; unused entries are counted, not listed one by one", async () => {
    const { sales, file } = await declaredSales();
    const lab = await emu.control.createNumber({ name: "Lab", number: "5511990000050", state: "OPEN" });
    const qa = await emu.control.createNumber({ name: "QA", number: "5511990000051", state: "OPEN" });
    const ENTRIES = 200_000;
    const lines = ["# numbers kept by hand, exported from the old inventory"];
    for (let i = 0; i < ENTRIES - 2; i++) {
      lines.push(i % 2 === 0 ? `wa_old_${i.toString(16).padStart(8, "0")}` : `+55 21 9${String(10_000_000 + i).slice(-8)}  # shop ${i}`);
    }
    lines.push(lab.id, "+55 (11) 99000-0051");
    const ignoreFile = join(tmp.path, "ignore-200k.txt");
    await writeFile(ignoreFile, `${lines.join("\n")}\n`);

    const res = await runCliWithin(["drift", "--stack-file", file, "--ignore-file", ignoreFile, "--json"], env(), 60_000);
    expect(res.timedOut).toBe(false);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const report = DriftReport.parse(JSON.parse(res.stdout));
    expect(report.ignored).toEqual([lab.id, qa.id].sort());
    expect(report.inSync.map((e) => e.id)).toEqual([sales.id]);
    expect(report.summary).toMatchObject({ accountTotal: 1, ignored: 2, unmanaged: 0 });
    const unused = report.warnings.filter((w) => w.code === "UNUSED_IGNORE_ENTRY");
    expect(unused).toHaveLength(21);
    expect(unused.at(-1)!.message).toBe(
      `${ENTRIES - 2 - 20} more ignore entries match no number in the account or the state (${ENTRIES - 2} of ${ENTRIES} in all)`,
    );
    // The whole run, a child process reading 200,000 lines: seconds at most (it was a stack overflow).
    console.log(`pilotstatus drift with a 200,000-entry ignore file: ${Math.round(res.ms)} ms`);
    expect(res.ms).toBeLessThan(15_000);
  });
});
