/**
 * A tenant of 1000 numbers behind the emulator's rate limiter: the audit lists once, fetches detail
 * only for the declared numbers (bounded, slowed by 429s, every 429 retried), never for unmanaged ones.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type AuditProgress, DriftReport, auditDrift } from "../../provider/drift";
import { assertBuilt, runCli } from "./runCli";
import { type StateNumber, stackExport, writeStackFile } from "../../testing/stackExport";
import { useEmulator } from "../support/emulator";
import { useTempDir } from "../support/tempDir";

const TOTAL = 1000;
const DECLARED = 150;

// Seeded once for the whole file, so not reset between tests.
const emu = useEmulator({ reset: false });
const tmp = useTempDir("drift-large-");
let files: string[];
let declared: string[];

beforeAll(async () => {
  assertBuilt();
  const { ids } = await emu.control.seed({ count: TOTAL, state: "OPEN", namePrefix: "Store", numberStart: "5511980000000" });
  declared = ids.slice(0, DECLARED);
  const state = (id: string, i: number): StateNumber => ({
    kind: "WhatsAppNumber",
    name: `store-${i + 1}`,
    id,
    displayName: `Store ${i + 1}`,
    number: `+${5511980000000 + i}`,
  });
  const numbers = declared.map(state);
  // A tenant split across two stacks.
  files = [
    await writeStackFile(tmp.path, "south.json", stackExport("south", "stores", numbers.slice(0, 100))),
    await writeStackFile(tmp.path, "north.json", stackExport("north", "stores", numbers.slice(100))),
  ];
}, 60_000);

describe("drift audit of a 1000-number tenant", () => {
  it("through the rate limiter (50/s): bounded detail calls, 429s retried, progress on stderr only", async () => {
    await emu.control.rateLimit({ enabled: true, perSecond: 50 });
    await emu.control.resetRequests();
    const res = await runCli(["drift", ...files.flatMap((f) => ["--stack-file", f]), "--json", "--progress"], {
      PILOT_STATUS_API_KEY: emu.tenantKey,
      PILOT_STATUS_BASE_URL: emu.url,
    });
    await emu.control.rateLimit({ enabled: false });
    const { counts } = await emu.control.requests();

    expect(res.code).toBe(1);
    const report = DriftReport.parse(JSON.parse(res.stdout));
    expect(report.summary).toEqual({
      accountTotal: TOTAL,
      declared: DECLARED,
      managed: DECLARED,
      inSync: DECLARED,
      changed: 0,
      missing: 0,
      unmanaged: TOTAL - DECLARED,
      unhealthy: 0,
      ignored: 0,
    });
    expect(report.coverage).toBe(15);
    expect(report.drifted).toBe(true);

    // 151 requests against a 50-token bucket: some were refused, and each refusal was retried.
    expect(report.api.rateLimited).toBeGreaterThan(0);
    expect(report.api.retries).toBe(report.api.rateLimited);
    // The key's scheduler learned a pace from the 429s (the bucket refills at 50/s); the concurrency stayed as asked.
    expect(report.api.pacedRequestsPerSecond).toBeGreaterThan(0);
    expect(report.api.pacedRequestsPerSecond).toBeLessThan(200);
    expect(report.api.lowestConcurrency).toBe(report.api.concurrency);
    // The list went first into a full bucket; then one detail call per declared number, plus its retries.
    expect(counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": DECLARED + report.api.retries });

    const progress = res.stderr.trimEnd().split("\n");
    expect(progress[0]).toBe("pilotstatus drift: listed the account's numbers");
    expect(progress.at(-1)).toMatch(
      new RegExp(`^pilotstatus drift: reading declared numbers ${DECLARED}/${DECLARED} \\(concurrency \\d, \\d+ retr(y|ies)\\)$`),
    );
  });

  it("as a library: reports progress up to every declared number and makes no call for unmanaged ones", async () => {
    await emu.control.resetRequests();
    const events: AuditProgress[] = [];
    const report = await auditDrift({
      stackFiles: files,
      settings: { apiKey: emu.tenantKey, baseUrl: emu.url },
      concurrency: 8,
      ignore: [declared[0]!],
      onProgress: (p) => events.push(p),
    });
    expect(report.summary).toMatchObject({ accountTotal: TOTAL - 1, declared: DECLARED - 1, managed: DECLARED - 1, ignored: 1 });
    const details = events.filter((e) => e.phase === "detail").map((e) => e.done);
    expect(details).toEqual(Array.from({ length: DECLARED }, (_, i) => i));
    expect(events.at(-1)).toMatchObject({ phase: "detail", done: DECLARED - 1, total: DECLARED - 1 });
    // The ignored declared number needs no detail call either.
    expect((await emu.control.requests()).counts).toEqual({ "GET /v1/numbers": 1, "GET /v1/numbers/:id": DECLARED - 1 });
  });
});
