/**
 * Account names made to forge the report, through the built CLI and the emulator: escape sequences
 * (CSI, OSC 8 links, window titles, 8-bit CSI), newlines and carriage returns that print a fake verdict,
 * bidi overrides and isolates, NUL, DEL, lone surrogates, HTML, Markdown links, pipes and backticks. The
 * table shows them visibly, the Markdown escapes them, the JSON keeps them exact.
 */
import { describe, expect, it } from "vitest";
import { useCliRig } from "./cliRig";
import { DriftReport } from "../../provider/drift";
import { HOSTILE, NICE, RAW_UNSAFE, markdownCells } from "./hostileStrings";
import { runCli } from "./runCli";

const rig = useCliRig("drift-hostileNames-");
const { emu, env, declaredSales } = rig;

describe("account names made to forge the report", () => {
  it("table: shown visibly, one line per number, the real verdict last; Markdown: escaped; JSON: exact", async () => {
    const { sales, file } = await declaredSales();
    // The declared number renamed in the dashboard to a name that prints a fake verdict.
    await emu.control.rename(sales.id, { name: HOSTILE.forgedLine });
    const names = [...Object.values(HOSTILE), ...NICE];
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      ids.push((await emu.control.createNumber({ name, number: `55119900002${String(i).padStart(2, "0")}`, state: "OPEN" })).id);
    }

    const table = await runCli(["drift", "--stack-file", file], env());
    expect(table.stderr).toBe("");
    expect(table.code).toBe(1);
    expect(table.stdout).not.toMatch(RAW_UNSAFE);
    const lines = table.stdout.split("\n");
    // Each unmanaged number on exactly one line; no line says what the account's names say.
    for (const id of ids) expect(lines.filter((l) => l.includes(id))).toHaveLength(1);
    expect(lines.filter((l) => /^(Drift found|No drift)/.test(l))).toEqual([`Drift found: changed 1, unmanaged ${names.length}.`]);
    expect(lines.at(-2)).toBe(`Drift found: changed 1, unmanaged ${names.length}.`);
    expect(lines.find((l) => l.startsWith(`  ${sales.id}`))).toContain(
      "Sales  →  Support\\nDrift found: none.\\nNo drift: the account matches the state.",
    );
    expect(table.stdout).toContain("Sales\\u001b[2J\\u001b[H");
    expect(table.stdout).toContain("Click \\u001b]8;;http://evil.example\\u0007here\\u001b]8;;\\u0007");
    expect(table.stdout).toContain("abc\\u202egnp.exe\\u202c");
    for (const n of NICE) expect(table.stdout).toContain(n);

    const md = await runCli(["drift", "--stack-file", file, "--markdown"], env());
    expect(md.code).toBe(1);
    expect(md.stdout).not.toMatch(RAW_UNSAFE);
    expect(md.stdout).not.toMatch(/[<>]/);
    expect(md.stdout).not.toMatch(/(?<!\\)\]\(/);
    // No URL GFM would link, outside the renderer's own code spans (the account's URL is one).
    expect(md.stdout.replace(/(?<!\\)`[^`\n]*`/g, "")).not.toMatch(/https?:\/\/|www\./i);
    const rows = md.stdout.split("\n").filter((l) => l.startsWith("|"));
    const unmanagedRows = rows.filter((l) => ids.some((id) => l.includes(id)));
    expect(unmanagedRows).toHaveLength(names.length);
    for (const row of unmanagedRows) expect(markdownCells(row), row).toHaveLength(5);
    expect(md.stdout).toContain("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    for (const n of NICE) expect(md.stdout).toContain(n);

    const json = await runCli(["drift", "--stack-file", file, "--json"], env());
    expect(json.code).toBe(1);
    // Exact: every name parses back as the account has it ...
    const report = DriftReport.parse(JSON.parse(json.stdout));
    const account = Object.fromEntries(report.unmanaged.map((u) => [u.id, u.name]));
    expect(ids.map((id) => account[id])).toEqual(names);
    expect(report.changed[0]!.changes).toEqual([{ field: "name", state: "Sales", account: HOSTILE.forgedLine }]);
    // ... and the bytes carry no raw control, C1 or bidi character (JSON's own line breaks aside).
    expect(json.stdout.replace(/\n/g, "")).not.toMatch(RAW_UNSAFE);
  });
});
