/**
 * The table pads by terminal columns, not UTF-16 units: a CJK character takes two, an emoji sequence (ZWJ
 * family, flag) two however many code units it has, a combining mark none. `.length` gets each one wrong.
 */
import { describe, expect, it } from "vitest";
import type { DriftReport } from "../report.schema";
import { displayWidth, padDisplay, visible } from "./safeText";
import { renderTable } from "./table";

const FAMILY = "\u{1f468}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}"; // 👨‍👩‍👧‍👦, 11 UTF-16 units
const FLAG = "\u{1f1e7}\u{1f1f7}"; // 🇧🇷, two regional indicators
const E_ACUTE = "e\u0301"; // e + COMBINING ACUTE ACCENT

describe("displayWidth", () => {
  it.each([
    ["plain ASCII", "Sales", 5],
    ["CJK", "東京", 4],
    ["an emoji ZWJ family", FAMILY, 2],
    ["a flag", FLAG, 2],
    ["a combining mark", E_ACUTE, 1],
    ["an ambiguous-width dash, as narrow", "–", 1],
    ["a mix", `Loja ${FLAG} 東京 ${E_ACUTE}`, 14],
    ["the empty string", "", 0],
  ])("%s", (_, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it("measures the visible escapes of control characters, not the characters", () => {
    expect(displayWidth(visible("a\u001b[2Jb"))).toBe("a\\u001b[2Jb".length);
    expect(displayWidth(visible("x\u202ey"))).toBe("x\\u202ey".length);
  });

  it("pads to the column, never below the text", () => {
    expect(padDisplay("東京", 6)).toBe("東京  ");
    expect(padDisplay(FAMILY, 3)).toBe(`${FAMILY} `);
    expect(padDisplay(E_ACUTE, 3)).toBe(`${E_ACUTE}  `);
    expect(padDisplay("東京", 3)).toBe("東京");
  });
});

describe("table rows with wide and zero-width names", () => {
  const names = ["東京", FAMILY, FLAG, E_ACUTE, "abcd"];
  const r: DriftReport = {
    schemaVersion: 1,
    generatedAt: "2025-01-01T00:00:00.000Z",
    baseUrl: "http://127.0.0.1:1",
    sources: [{ kind: "file", name: "dev.json", numbers: 0, stacks: [] }],
    failOn: ["unmanaged"],
    drifted: true,
    summary: {
      accountTotal: names.length,
      declared: 0,
      managed: 0,
      inSync: 0,
      changed: 0,
      missing: 0,
      unmanaged: names.length,
      unhealthy: 0,
      ignored: 0,
    },
    coverage: 0,
    inSync: [],
    changed: [],
    missing: [],
    unmanaged: names.map((name, i) => ({ id: `wa_${i}`, name, number: `+551190000000${i}`, provider: "PILOT_STATUS", state: "OPEN" })),
    unhealthy: [],
    ignored: [],
    warnings: [],
    api: { listRequests: 1, detailRequests: 0, retries: 0, rateLimited: 0, concurrency: 4, lowestConcurrency: 4 },
  };
  const lines = renderTable(r).split("\n");

  it("pads each name to the widest (4 columns), so the NUMBER column lines up", () => {
    const at = lines.findIndex((l) => l.startsWith("  ID"));
    expect(lines.slice(at, at + 1 + names.length)).toEqual([
      "  ID    NAME  NUMBER          PROVIDER      STATE",
      "  wa_0  東京  +5511900000000  PILOT_STATUS  OPEN",
      `  wa_1  ${FAMILY}    +5511900000001  PILOT_STATUS  OPEN`,
      `  wa_2  ${FLAG}    +5511900000002  PILOT_STATUS  OPEN`,
      `  wa_3  ${E_ACUTE}     +5511900000003  PILOT_STATUS  OPEN`,
      "  wa_4  abcd  +5511900000004  PILOT_STATUS  OPEN",
    ]);
  });
});
