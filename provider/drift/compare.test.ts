import { describe, expect, it } from "vitest";
import type { NumberDetail, NumberSummary } from "../client/schemas";
import { compare, compareTenants, type CompareInput } from "./compare";
import type { DeclaredNumber } from "./declaredNumber";
import { IgnoreList } from "./ignoreList";
import { DriftReport } from "./report.schema";
import type { StackSourceState } from "./stackState";
import { declaredNumber, listedNumber, stackSource } from "../../test/support/driftInputs";

const TOKEN = "pulumi-nodejs:dynamic/pilotstatus";

function declared(id: string, over: Partial<DeclaredNumber> = {}): DeclaredNumber {
  const kind = over.resourceType ?? "WhatsAppNumber";
  return declaredNumber(id, {
    urn: `urn:pulumi:dev::numbers::${TOKEN}:${kind}::${id}-res`,
    resourceType: kind,
    provider: kind === "MetaNumber" ? "META" : "PILOT_STATUS",
    ...over,
  });
}
const source = stackSource;
const listed = listedNumber;

function detailOf(n: NumberSummary, health: NumberDetail["health"] = null): NumberDetail {
  return { ...n, number: `+${n.number}`, health, meta: null };
}

function run(
  sources: StackSourceState[],
  numbers: NumberSummary[],
  extra: Partial<CompareInput> = {},
  detailOverrides: Record<string, NumberDetail> = {},
) {
  const details = new Map<string, NumberDetail>();
  const declaredIds = new Set(sources.flatMap((s) => s.numbers.map((n) => n.id)));
  for (const n of numbers)
    if (declaredIds.has(n.id))
      details.set(
        n.id,
        detailOverrides[n.id] ?? detailOf(n, { qualityRating: null, messagingLimitTier: null, metaStatus: null, sendable: true }),
      );
  const report = compare({
    sources,
    account: { numbers, details },
    baseUrl: "http://127.0.0.1:1",
    generatedAt: "2025-01-01T00:00:00.000Z",
    api: { listRequests: 1, detailRequests: details.size, retries: 0, rateLimited: 0, concurrency: 4, lowestConcurrency: 4 },
    ...extra,
  });
  // Every report the function builds must satisfy the published schema.
  expect(DriftReport.parse(report)).toEqual(report);
  return report;
}

describe("compare", () => {
  it("puts matching numbers in sync, with 100% coverage and no drift", () => {
    const r = run([source([declared("wa_01"), declared("wa_02")])], [listed("wa_01"), listed("wa_02")]);
    expect(r.inSync.map((e) => e.id)).toEqual(["wa_01", "wa_02"]);
    expect(r.summary).toMatchObject({ accountTotal: 2, declared: 2, managed: 2, changed: 0, missing: 0, unmanaged: 0, unhealthy: 0 });
    expect(r.coverage).toBe(100);
    expect(r.drifted).toBe(false);
  });

  it("treats digits-only and +E.164 forms of one number as equal", () => {
    const r = run([source([declared("wa_01", { number: "+5511900000001" })])], [listed("wa_01", { number: "5511900000001" })]);
    expect(r.changed).toEqual([]);
  });

  it("reports each changed field from state to account", () => {
    const r = run(
      [source([declared("wa_01", { name: "Sales", number: "+5511900000001" })])],
      [listed("wa_01", { name: "Sales BR", number: "5511900000009", provider: "EVO_GO" })],
    );
    expect(r.changed).toHaveLength(1);
    expect(r.changed[0]!.changes).toEqual([
      { field: "name", state: "Sales", account: "Sales BR" },
      { field: "number", state: "+5511900000001", account: "+5511900000009" },
      { field: "provider", state: "PILOT_STATUS", account: "EVO_GO" },
    ]);
    expect(r.inSync).toEqual([]);
    expect(r.summary.managed).toBe(1);
    expect(r.drifted).toBe(true);
  });

  it("does not compare a field the state only holds as a secret", () => {
    const r = run([source([declared("wa_01", { name: null })])], [listed("wa_01", { name: "Anything" })]);
    expect(r.inSync.map((e) => e.id)).toEqual(["wa_01"]);
  });

  it("reports missing numbers and points at a same-number twin in the account", () => {
    const r = run(
      [source([declared("wa_01", { number: "+5511900000001" }), declared("wa_02", { number: "+5511900000002" })])],
      [listed("wa_99", { number: "5511900000001" })],
    );
    expect(r.missing.map((m) => [m.id, m.sameNumberInAccount])).toEqual([
      ["wa_01", "wa_99"],
      ["wa_02", null],
    ]);
    expect(r.unmanaged.map((u) => u.id)).toEqual(["wa_99"]);
    expect(r.coverage).toBe(0);
    expect(r.warnings.map((w) => w.code)).toEqual(["ALL_MISSING"]);
  });

  it("counts coverage as managed-and-present over the account, rounded down", () => {
    const account = [listed("wa_01"), listed("wa_02"), listed("wa_03")];
    const r = run([source([declared("wa_01"), declared("wa_02")])], account);
    expect(r.unmanaged.map((u) => u.id)).toEqual(["wa_03"]);
    expect(r.coverage).toBe(66.6);
  });

  it("lists every unhealthy reason, and a number can be changed and unhealthy at once", () => {
    const meta = listed("wa_02", { provider: "META" });
    const r = run(
      [source([declared("wa_01"), declared("wa_02", { resourceType: "MetaNumber", name: "Old" })])],
      [listed("wa_01", { state: "CLOSE", isFullyConnected: false }), meta],
      {},
      {
        wa_01: detailOf(listed("wa_01", { state: "CLOSE", isFullyConnected: false }), {
          qualityRating: null,
          messagingLimitTier: null,
          metaStatus: null,
          sendable: false,
        }),
        wa_02: detailOf(meta, { qualityRating: "RED", messagingLimitTier: "TIER_250", metaStatus: "FLAGGED", sendable: true }),
      },
    );
    expect(r.unhealthy.map((u) => [u.id, u.reasons.map((x) => x.code)])).toEqual([
      ["wa_01", ["STATE_NOT_OPEN", "NOT_SENDABLE"]],
      ["wa_02", ["QUALITY_NOT_GREEN", "META_STATUS_NOT_CONNECTED"]],
    ]);
    expect(r.changed.map((c) => c.id)).toEqual(["wa_02"]);
    expect(r.inSync.map((c) => c.id)).toEqual(["wa_01"]);
  });

  it("drops ignored numbers, by id or phone number, from every bucket and from coverage", () => {
    const ignore = IgnoreList.of(["wa_03", "+55 11 90000-0004", "wa_nothing"]);
    const r = run([source([declared("wa_01"), declared("wa_04")])], [listed("wa_01"), listed("wa_03"), listed("wa_04"), listed("wa_05")], {
      ignore,
    });
    expect(r.ignored).toEqual(["wa_03", "wa_04"]);
    expect(r.summary).toMatchObject({ ignored: 2, accountTotal: 2, declared: 1, managed: 1, unmanaged: 1 });
    expect(r.unmanaged.map((u) => u.id)).toEqual(["wa_05"]);
    expect(r.coverage).toBe(50);
    expect(r.warnings.map((w) => w.code)).toEqual(["UNUSED_IGNORE_ENTRY"]);
    expect(r.warnings[0]!.message).toContain("wa_nothing");
  });

  it("merges several sources and warns when two declare the same number", () => {
    const a = source([declared("wa_01"), declared("wa_02")], { name: "a.json" });
    const b = source(
      [declared("wa_02", { source: "b.json", urn: "urn:pulumi:prod::numbers::x::other" }), declared("wa_03", { source: "b.json" })],
      { name: "b.json" },
    );
    const r = run([a, b], [listed("wa_01"), listed("wa_02"), listed("wa_03")]);
    expect(r.summary).toMatchObject({ declared: 3, managed: 3, unmanaged: 0 });
    expect(r.inSync.find((e) => e.id === "wa_02")!.source).toBe("dev.json");
    expect(r.warnings.map((w) => w.code)).toEqual(["DUPLICATE_DECLARATION"]);
    expect(r.sources.map((s) => [s.name, s.numbers])).toEqual([
      ["a.json", 2],
      ["b.json", 2],
    ]);
  });

  it("honours failOn: only the chosen buckets make drift", () => {
    const sources = [source([declared("wa_01")])];
    const account = [listed("wa_01"), listed("wa_02")];
    expect(run(sources, account, { failOn: ["changed", "missing"] }).drifted).toBe(false);
    expect(run(sources, account, { failOn: ["unmanaged"] }).drifted).toBe(true);
    expect(run(sources, account, { failOn: [] }).drifted).toBe(false);
  });

  it("neither manages nor flags a replaced resource awaiting deletion", () => {
    const r = run([source([declared("wa_01")], { pendingDeleteIds: ["wa_02"] })], [listed("wa_01"), listed("wa_02")]);
    expect(r.unmanaged).toEqual([]);
    expect(r.summary.accountTotal).toBe(1);
    expect(r.warnings.map((w) => w.code)).toEqual(["PENDING_DELETE"]);
  });

  it("treats a number that vanished between list and detail as missing", () => {
    const details = new Map<string, NumberDetail>();
    const r = compare({
      sources: [source([declared("wa_01")])],
      account: { numbers: [listed("wa_01")], details, vanished: new Set(["wa_01"]) },
      baseUrl: "x",
      generatedAt: "2025-01-01T00:00:00.000Z",
      api: { listRequests: 1, detailRequests: 1, retries: 0, rateLimited: 0, concurrency: 1, lowestConcurrency: 1 },
    });
    expect(r.missing.map((m) => m.id)).toEqual(["wa_01"]);
    expect(r.summary.accountTotal).toBe(0);
    expect(r.coverage).toBe(100);
  });
});

describe("compare at scale", () => {
  /** An array that counts reads of its elements: a scan per missing number would read the account N times over. */
  function counted<T>(items: T[]): { items: T[]; reads: () => number } {
    let reads = 0;
    const items_ = new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    return { items: items_, reads: () => reads };
  }

  it("indexes the account once: with 3,000 of 6,000 declared numbers missing, each account number is read once, and every bucket is right", () => {
    const N = 6000;
    const pad = (i: number) => String(i).padStart(6, "0");
    const decl: DeclaredNumber[] = [];
    const listedNumbers: NumberSummary[] = [];
    for (let i = 0; i < N; i++) {
      // Even: present (every fourth renamed). Odd: missing; every third of those has its phone number under a new id.
      decl.push(declared(`wa_${pad(i)}`, { number: `+55119${pad(i)}00`, name: `N${i}` }));
      if (i % 2 === 0)
        listedNumbers.push(listed(`wa_${pad(i)}`, { number: `55119${pad(i)}00`, name: i % 4 === 0 ? `N${i} (renamed)` : `N${i}` }));
      else if (i % 3 === 0) listedNumbers.push(listed(`wa_new_${pad(i)}`, { number: `55119${pad(i)}00`, name: `N${i}` }));
    }
    const account = counted(listedNumbers);
    const r = compare({
      sources: [source(decl)],
      account: { numbers: account.items, details: new Map() },
      baseUrl: "x",
      generatedAt: "2025-01-01T00:00:00.000Z",
      api: { listRequests: 1, detailRequests: 0, retries: 0, rateLimited: 0, concurrency: 4, lowestConcurrency: 4 },
      healthCheck: "stateOnly",
    });
    expect(account.reads()).toBe(listedNumbers.length);

    const twins = Array.from({ length: N }, (_, i) => i).filter((i) => i % 2 === 1 && i % 3 === 0);
    expect(r.summary).toEqual({
      accountTotal: N / 2 + twins.length,
      declared: N,
      managed: N / 2,
      inSync: N / 4,
      changed: N / 4,
      missing: N / 2,
      unmanaged: twins.length,
      unhealthy: 0,
      ignored: 0,
    });
    expect(r.missing.filter((m) => m.sameNumberInAccount !== null).map((m) => [m.id, m.sameNumberInAccount])).toEqual(
      twins.map((i) => [`wa_${pad(i)}`, `wa_new_${pad(i)}`]),
    );
    expect(r.changed[0]).toMatchObject({ id: "wa_000000", changes: [{ field: "name", state: "N0", account: "N0 (renamed)" }] });
    expect(r.unmanaged.map((u) => u.id)).toEqual(twins.map((i) => `wa_new_${pad(i)}`));
    expect(r.healthCheck).toBe("stateOnly");
  });
});

describe("compare with the list only (healthCheck stateOnly)", () => {
  it("compares name, number and provider from the list, and takes health from its state and connection alone", () => {
    const sources = [source([declared("wa_01"), declared("wa_02"), declared("wa_03", { name: "Old" })])];
    const numbers = [
      listed("wa_01", { state: "CLOSE", isFullyConnected: false }),
      listed("wa_02", { state: "OPEN", isFullyConnected: false }),
      listed("wa_03", { provider: "META" }),
    ];
    const r = compare({
      sources,
      account: { numbers, details: new Map() },
      baseUrl: "x",
      generatedAt: "2025-01-01T00:00:00.000Z",
      api: { listRequests: 1, detailRequests: 0, retries: 0, rateLimited: 0, concurrency: 4, lowestConcurrency: 4 },
      healthCheck: "stateOnly",
    });
    expect(DriftReport.parse(r)).toEqual(r);
    expect(r.healthCheck).toBe("stateOnly");
    expect(r.unhealthy.map((u) => [u.id, u.reasons.map((x) => x.code), u.health])).toEqual([
      ["wa_01", ["STATE_NOT_OPEN"], null],
      ["wa_02", ["NOT_FULLY_CONNECTED"], null],
    ]);
    expect(r.changed.map((c) => [c.id, c.changes.map((x) => x.field)])).toEqual([["wa_03", ["name", "provider"]]]);
  });

  it("says health was read in full by default", () => {
    expect(run([source([declared("wa_01")])], [listed("wa_01")]).healthCheck).toBe("full");
  });
});

describe("compareTenants: each declared number in the tenant of its account", () => {
  const api = (list: number) => ({
    listRequests: list,
    detailRequests: 0,
    retries: 0,
    rateLimited: 0,
    concurrency: 4,
    lowestConcurrency: 4,
  });
  const snapshot = (numbers: NumberSummary[]) => ({ numbers, details: new Map<string, NumberDetail>() });

  function twoTenants(ignore?: IgnoreList) {
    const sources = [
      source([
        declared("wa_01"),
        declared("wa_02", { account: "acme" }),
        declared("wa_03", { account: "acme-br" }),
        declared("wa_04", { account: "acme" }),
      ]),
    ];
    const report = compareTenants({
      sources,
      ...(ignore ? { ignore } : {}),
      generatedAt: "2025-01-01T00:00:00.000Z",
      healthCheck: "stateOnly",
      tenants: [
        // The default account: wa_01, and wa_09 nobody declares.
        { accounts: [undefined], baseUrl: "http://default", account: snapshot([listed("wa_01"), listed("wa_09")]), api: api(1) },
        // acme and acme-br share a key: one tenant. wa_02 renamed; wa_03 in sync; wa_04 only in the default tenant's list.
        {
          accounts: ["acme", "acme-br"],
          baseUrl: "http://acme",
          account: snapshot([listed("wa_02", { name: "Renamed" }), listed("wa_03"), listed("wa_08")]),
          api: api(1),
        },
      ],
    });
    expect(DriftReport.parse(report)).toEqual(report);
    return report;
  }

  it("gives each tenant its own buckets: unmanaged only when no stack declares it in an account of that tenant", () => {
    const r = twoTenants();
    const [dflt, acme] = r.tenants!;
    expect(dflt).toMatchObject({ account: null, accounts: [], baseUrl: "http://default", drifted: true, coverage: 50 });
    expect(dflt!.inSync.map((e) => e.id)).toEqual(["wa_01"]);
    expect(dflt!.unmanaged.map((e) => e.id)).toEqual(["wa_09"]);
    expect(acme).toMatchObject({ account: "acme", accounts: ["acme", "acme-br"], baseUrl: "http://acme" });
    expect(acme!.changed.map((e) => [e.id, e.account, e.changes])).toEqual([
      ["wa_02", "acme", [{ field: "name", state: "Name wa_02", account: "Renamed" }]],
    ]);
    expect(acme!.inSync.map((e) => [e.id, e.account])).toEqual([["wa_03", "acme-br"]]);
    // Declared in acme, but another tenant's: missing in acme, not found in the default tenant.
    expect(acme!.missing.map((e) => e.id)).toEqual(["wa_04"]);
    expect(acme!.unmanaged.map((e) => e.id)).toEqual(["wa_08"]);
    expect(acme!.summary).toEqual({
      accountTotal: 3,
      declared: 3,
      managed: 2,
      inSync: 1,
      changed: 1,
      missing: 1,
      unmanaged: 1,
      unhealthy: 0,
      ignored: 0,
    });
  });

  it("sums the tenants at the top level: summary, buckets (by id), coverage, requests; no entry of the default account names an account", () => {
    const r = twoTenants();
    expect(r.summary).toEqual({
      accountTotal: 5,
      declared: 4,
      managed: 3,
      inSync: 2,
      changed: 1,
      missing: 1,
      unmanaged: 2,
      unhealthy: 0,
      ignored: 0,
    });
    expect(r.coverage).toBe(60);
    expect(r.inSync.map((e) => e.id)).toEqual(["wa_01", "wa_03"]);
    expect(r.unmanaged.map((e) => e.id)).toEqual(["wa_08", "wa_09"]);
    expect(r.inSync[0]).not.toHaveProperty("account");
    expect(r.drifted).toBe(true);
    expect(r.baseUrl).toBe("http://default, http://acme");
    expect(r.api).toEqual(api(2));
  });

  it("names the tenant in front of its own warnings; an ignore entry used in any tenant is not unused", () => {
    const r = twoTenants(IgnoreList.of(["wa_08", "wa_nothing"]));
    expect(r.tenants![1]!.ignored).toEqual(["wa_08"]);
    expect(r.tenants![0]!.ignored).toEqual([]);
    expect(r.ignored).toEqual(["wa_08"]);
    expect(r.summary.ignored).toBe(1);
    expect(r.warnings.map((w) => w.message)).toEqual(["ignore entry wa_nothing matches no number in the account or the state"]);

    const allMissing = compareTenants({
      sources: [source([declared("wa_01"), declared("wa_02", { account: "acme" })])],
      generatedAt: "2025-01-01T00:00:00.000Z",
      tenants: [
        { accounts: [undefined], baseUrl: "http://default", account: snapshot([listed("wa_01")]), api: api(1) },
        { accounts: ["acme"], baseUrl: "http://acme", account: snapshot([]), api: api(1) },
      ],
    });
    expect(allMissing.tenants![1]!.warnings.map((w) => w.message)).toEqual([
      "none of the 1 declared numbers is in the account at http://acme: is the API key from the right tenant, and the base URL right?",
    ]);
    expect(allMissing.warnings.map((w) => w.message)).toEqual([
      'account "acme": none of the 1 declared numbers is in the account at http://acme: is the API key from the right tenant, and the base URL right?',
    ]);
  });

  it("one named tenant: the top level is that tenant's, and the report still says which account it is", () => {
    const r = compareTenants({
      sources: [source([declared("wa_02", { account: "acme" })])],
      generatedAt: "2025-01-01T00:00:00.000Z",
      tenants: [{ accounts: ["acme"], baseUrl: "http://acme", account: snapshot([listed("wa_02")]), api: api(1) }],
    });
    expect(r.baseUrl).toBe("http://acme");
    expect(r.tenants).toHaveLength(1);
    expect(r.inSync).toBe(r.tenants![0]!.inSync);
    expect(r.summary).toEqual(r.tenants![0]!.summary);
  });

  it("compare(), the single-account function, has no tenants and compares every number whatever its account", () => {
    const r = run([source([declared("wa_01", { account: "acme" })])], [listed("wa_01")]);
    expect(r).not.toHaveProperty("tenants");
    expect(r.inSync.map((e) => [e.id, e.account])).toEqual([["wa_01", "acme"]]);
  });
});
