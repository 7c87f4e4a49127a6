/**
 * Account and state strings are the dashboard's or the state file's, not ours: the table must never pass
 * a control character, escape sequence, newline or bidi override to the terminal, and the Markdown must
 * never let one become HTML, a link, a code span or a table row (the CLI test checks --json stays exact).
 */
import { describe, expect, it } from "vitest";
import type { DriftReport } from "../report.schema";
import { HOSTILE, NICE, RAW_UNSAFE, tableRowsKeepTheirCells } from "../../../test/drift/hostileStrings";
import { renderMarkdown } from "./markdown";
import { renderTable } from "./table";

function report(): DriftReport {
  const h = Object.values(HOSTILE);
  const ref = (i: number) => ({
    id: `wa_${i}${i === 0 ? HOSTILE.clear : ""}`,
    urn: `urn:pulumi:dev::numbers::pulumi-nodejs:dynamic/pilotstatus:WhatsAppNumber::res${i === 1 ? HOSTILE.forgedLine : i}`,
    resourceType: "WhatsAppNumber" as const,
    stack: i === 2 ? `numbers/${HOSTILE.bidi}` : "numbers/dev",
    source: "dev.json",
  });
  return {
    schemaVersion: 1,
    generatedAt: "2025-01-01T00:00:00.000Z",
    baseUrl: `http://127.0.0.1:1/${HOSTILE.title}`,
    sources: [{ kind: "file", name: `dev${HOSTILE.forgedLine}.json`, numbers: 3, stacks: [`numbers/${HOSTILE.osc8}`] }],
    failOn: ["changed", "missing", "unmanaged", "unhealthy"],
    drifted: true,
    summary: {
      accountTotal: 3,
      declared: 3,
      managed: 2,
      inSync: 0,
      changed: 2,
      missing: 1,
      unmanaged: h.length + NICE.length,
      unhealthy: 1,
      ignored: 0,
    },
    coverage: 66.6,
    inSync: [],
    changed: [
      {
        ...ref(0),
        name: "Sales",
        number: "+5511900000001",
        provider: "PILOT_STATUS",
        changes: h.map((account) => ({ field: "name", state: "Sales", account })),
      },
      {
        ...ref(1),
        name: HOSTILE.html,
        number: "+5511900000002",
        provider: "PILOT_STATUS",
        changes: [{ field: "name", state: HOSTILE.link, account: HOSTILE.pipes }],
      },
    ],
    missing: [
      { ...ref(2), name: HOSTILE.forgedLine, number: HOSTILE.nul, provider: "PILOT_STATUS", sameNumberInAccount: HOSTILE.backticks },
    ],
    unmanaged: [
      ...h.map((name, i) => ({ id: `wa_u${i}`, name, number: "+5511900000099", provider: HOSTILE.csiC1, state: HOSTILE.carriage })),
      ...NICE.map((name, i) => ({ id: `wa_n${i}`, name, number: "+5511900000098", provider: "PILOT_STATUS", state: "OPEN" })),
    ],
    unhealthy: [
      {
        ...ref(0),
        name: HOSTILE.osc8,
        number: "+5511900000001",
        provider: "PILOT_STATUS",
        state: HOSTILE.isolate,
        isFullyConnected: false,
        health: null,
        reasons: [{ code: "STATE_NOT_OPEN", message: `state is ${HOSTILE.forgedLine}` }],
      },
    ],
    ignored: [],
    warnings: [
      { code: "SOURCE_WITHOUT_NUMBERS", message: `${HOSTILE.forgedLine} declares no pulumi-pilotstatus numbers` },
      { code: "UNUSED_IGNORE_ENTRY", message: `# ignore entry ${HOSTILE.html}` },
    ],
    api: { listRequests: 1, detailRequests: 2, retries: 0, rateLimited: 0, concurrency: 4, lowestConcurrency: 4 },
  };
}

/** The line count the table has when every value stays on its line. */
function expectedTableLines(r: DriftReport): number {
  const changedRows = r.changed.reduce((n, c) => n + c.changes.length, 0);
  // Title, account, state, blank, coverage, 6 summary rows; per bucket: blank, title, header, rows;
  // warnings: blank, title, one line each; blank, verdict; the final newline.
  return (
    11 + (3 + changedRows) + (3 + r.missing.length) + (3 + r.unmanaged.length) + (3 + r.unhealthy.length) + (2 + r.warnings.length) + 2 + 1
  );
}

describe("table output with hostile account and state strings", () => {
  const r = report();
  const out = renderTable(r);

  it("passes no control character, escape sequence, bidi override or lone surrogate to the terminal", () => {
    expect(out).not.toMatch(RAW_UNSAFE);
    expect(out).not.toContain("\u001b");
  });

  it("cannot forge lines: every value stays on its row, the verdict is the last line", () => {
    const lines = out.split("\n");
    expect(lines).toHaveLength(expectedTableLines(r));
    expect(lines.filter((l) => /^Drift found|^No drift/.test(l))).toEqual([
      "Drift found: changed 2, missing 1, unmanaged 26, unhealthy 1.",
    ]);
    expect(lines.at(-2)).toBe("Drift found: changed 2, missing 1, unmanaged 26, unhealthy 1.");
  });

  it("shows the control characters visibly", () => {
    expect(out).toContain("Sales\\u001b[2J\\u001b[H");
    expect(out).toContain("Click \\u001b]8;;http://evil.example\\u0007here\\u001b]8;;\\u0007");
    expect(out).toContain("Support\\nDrift found: none.\\nNo drift: the account matches the state.");
    expect(out).toContain("abc\\u202egnp.exe\\u202c");
    expect(out).toContain("nul\\u0000byte");
    expect(out).toContain("C1 \\u009b31m red");
    expect(out).toContain("lone\\ud800x");
    expect(out).toContain("\\u200b\\u200b\\ufeff");
  });

  it("keeps normal Unicode intact, and aligned", () => {
    for (const n of NICE) expect(out).toContain(n);
    const rows = out.split("\n").filter((l) => /wa_n\d/.test(l));
    const numberColumn = rows.map((l) => {
      const at = l.indexOf("+5511900000098");
      return [...new Intl.Segmenter().segment(l.slice(0, at))].reduce(
        (w, s) => w + (/\p{Emoji_Presentation}|\p{Regional_Indicator}|[\u3000-\u9fff]/u.test(s.segment) ? 2 : 1),
        0,
      );
    });
    expect(new Set(numberColumn).size).toBe(1);
  });
});

describe("Markdown output with hostile account and state strings", () => {
  const r = report();
  const md = renderMarkdown(r);
  const lines = md.split("\n");

  it("has no raw HTML, no raw control character, no link and no autolink", () => {
    expect(md).not.toMatch(/[<>]/);
    expect(md).not.toMatch(RAW_UNSAFE);
    expect(md).not.toMatch(/&(?!amp;|lt;|gt;|#58;|#46;|#32;)/); // every & starts one of our entities
    expect(md).not.toMatch(/(?<!\\)\]\(/); // no [text](url)
    expect(md).not.toMatch(/(?<!\\)!(?<!\\)\[/);
    expect(md).not.toMatch(/https?:\/\//); // no bare URL GFM would link
    expect(md).not.toMatch(/www\./i);
  });

  it("cannot add rows or cells: every row of a table has its header's cell count", () => {
    const rows = tableRowsKeepTheirCells(lines, (n, header, line) => expect(n, line).toBe(header));
    const changedRows = r.changed.reduce((n, c) => n + c.changes.length, 0);
    // Each table: header, delimiter, one line per entry (the summary has six).
    expect(rows).toBe(8 + (2 + changedRows) + (2 + r.missing.length) + (2 + r.unmanaged.length) + (2 + r.unhealthy.length));
    // And no line outside a table starts a new one.
    expect(lines.filter((l) => /^\s*\|/.test(l) && !l.startsWith("| "))).toEqual([]);
  });

  it("opens no code span of its own choosing: backticks in values are escaped", () => {
    const unescapedTicks = (md.match(/(?<!\\)`/g) ?? []).length;
    // Only the code spans the renderer makes (ids and resource names it knows are plain), in pairs.
    expect(unescapedTicks % 2).toBe(0);
    expect(md).toContain("\\`\\`code\\`\\` \\`x");
  });

  it("keeps normal Unicode intact", () => {
    for (const n of NICE) expect(md).toContain(n);
  });

  it("escapes a leading block marker of a list item", () => {
    expect(lines).toContain("- \\# ignore entry &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
  });
});
