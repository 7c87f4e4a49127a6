/**
 * The indexed Store answers exactly what a scan of everything in insertion order answers (the store before it had
 * indexes): random sequences of creates, deletes, relinks, renames and added calls, with shared phone numbers, raw
 * keys, key ids, call ids and createdAt ties, checked after every step against a scanning model, and again after a
 * snapshot is loaded into a new store.
 */
import { describe, expect, it } from "vitest";
import { ASSUMED } from "pulumi-pilotstatus/contract";
import { ApiError } from "./errors";
import { tenantKeys } from "./keys";
import { Store, TENANTS, type CallRecord, type KeyRecord, type NumberRecord, type TenantName } from "./state";

/** The pre-index semantics: Maps in insertion order, every question a scan. */
class ScanModel {
  keys = new Map<string, KeyRecord>();
  numbers = new Map<string, NumberRecord>();
  calls = new Map<string, CallRecord[]>();

  constructor(tenant: readonly KeyRecord[]) {
    for (const k of tenant) this.keys.set(k.id, k);
  }
  keyByRaw(raw: string) {
    for (const k of this.keys.values()) if (k.raw === raw) return k;
    return undefined;
  }
  keysOfNumber(id: string) {
    return [...this.keys.values()].filter((k) => k.numberId === id);
  }
  listNumbers(t: TenantName) {
    return [...this.numbers.values()].filter((n) => n.tenant === t);
  }
  taken(t: TenantName, digits: string, exceptId?: string) {
    return [...this.numbers.values()].some((n) => n.tenant === t && n.digits === digits && n.id !== exceptId);
  }
  created(n: NumberRecord, k: KeyRecord) {
    this.numbers.set(n.id, n);
    this.keys.set(k.id, k);
    this.calls.set(n.id, []);
  }
  deleted(id: string) {
    this.numbers.delete(id);
    this.calls.delete(id);
    for (const k of [...this.keys.values()]) if (k.numberId === id) this.keys.delete(k.id);
  }
  addCalls(id: string, calls: CallRecord[]) {
    const list = this.calls.get(id) ?? [];
    list.push(...calls);
    list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    this.calls.set(id, list);
  }
  listCalls(id: string, limit: number, beforeMs: number | null) {
    const list = this.calls.get(id) ?? [];
    return (beforeMs === null ? list : list.filter((c) => Date.parse(c.createdAt) < beforeMs)).slice(0, limit);
  }
  getCall(id: string, callId: string) {
    return this.calls.get(id)?.find((c) => c.id === callId);
  }
  snapshot() {
    return {
      version: 1,
      keys: [...this.keys.values()].filter((k) => k.numberId !== null),
      numbers: [...this.numbers.values()],
      calls: [...this.calls.values()].flat(),
    };
  }
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T0 = Date.parse("2026-07-03T15:00:00.000Z");
const TIMES = Array.from({ length: 6 }, (_, i) => new Date(T0 - i * 1000).toISOString());
const DIGITS = Array.from({ length: 8 }, (_, i) => `55119600000${10 + i}`);
const RAWS = ["ps_shared_raw_a", "ps_shared_raw_b"];
const CALL_IDS = ["call_a", "call_b", "call_c", "call_d"];
/** Number ids no number has (yet): keys relinked to them are orphans until a number is made with the id. */
const ORPHAN_IDS = ["wa_orphan_1", "wa_orphan_2"];

function call(numberId: string, id: string, createdAt: string): CallRecord {
  return {
    id,
    numberId,
    externalCallId: null,
    direction: "INBOUND",
    status: "COMPLETED",
    peerNumber: null,
    durationSeconds: 1,
    startedAt: createdAt,
    connectedAt: null,
    endedAt: null,
    createdAt,
    updatedAt: createdAt,
  };
}

const TAKEN = `409 ${ASSUMED.errorCodes.numberAlreadyExists}`;
const outcome = (f: () => unknown): unknown => {
  try {
    f();
    return "ok";
  } catch (e) {
    if (e instanceof ApiError) return `${e.statusCode} ${e.code}`;
    throw e;
  }
};

function expectSame(store: Store, model: ScanModel, rand: () => number, what: string): void {
  const numberIds = [...new Set([...model.numbers.keys(), ...ORPHAN_IDS, "wa_unknown"])];
  for (const raw of [...[...model.keys.values()].map((k) => k.raw), ...RAWS, "ps_nope"]) {
    expect(store.keyByRaw(raw), `${what}: keyByRaw ${raw}`).toBe(model.keyByRaw(raw));
  }
  for (const id of numberIds) {
    expect([...store.keysOfNumber(id)], `${what}: keysOfNumber ${id}`).toEqual(model.keysOfNumber(id));
    expect(store.defaultKey(id), `${what}: defaultKey ${id}`).toBe(
      model.keysOfNumber(id).find((k) => k.name === "Default") ?? model.keysOfNumber(id)[0],
    );
    for (let i = 0; i < 3; i++) {
      const limit = 1 + Math.floor(rand() * 8);
      const r = rand();
      const before = r < 0.3 ? null : Date.parse(TIMES[Math.floor(rand() * TIMES.length)]!) + (r < 0.6 ? 0 : r < 0.8 ? 1 : -1);
      expect(store.listCalls(id, limit, before), `${what}: listCalls ${id} ${limit} ${before}`).toEqual(model.listCalls(id, limit, before));
    }
    for (const c of CALL_IDS) expect(store.getCall(id, c), `${what}: getCall ${id} ${c}`).toBe(model.getCall(id, c));
    expect(store.callCount(id)).toBe(model.calls.get(id)?.length ?? 0);
  }
  for (const t of TENANTS) {
    expect(store.listNumbers(t), `${what}: listNumbers ${t}`).toEqual(model.listNumbers(t));
    for (const d of DIGITS) expect(store.hasNumber(t, d), `${what}: hasNumber ${t} ${d}`).toBe(model.taken(t, d));
    for (const id of numberIds) expect(store.tenantHas(t, id)).toBe(model.numbers.get(id)?.tenant === t);
  }
  expect(store.allNumbers()).toEqual([...model.numbers.values()]);
  expect(store.snapshot(), `${what}: snapshot`).toEqual(model.snapshot());
}

describe("Store indexes against a scan of everything", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`random sequence ${seed}: same answers after every step, and after a snapshot is loaded`, () => {
      const rand = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const config = tenantKeys({});
      const store = new Store(config);
      const model = new ScanModel(config.map((k) => store.keyById(k.id)!));
      const reloaded = () => {
        const fresh = new Store(config);
        fresh.load(structuredClone(store.snapshot()));
        return fresh;
      };

      for (let step = 0; step < 150; step++) {
        const r = rand();
        const ids = [...model.numbers.keys()];
        if (r < 0.3 || ids.length === 0) {
          const tenant = pick(TENANTS);
          const digits = rand() < 0.1 ? "" : pick(DIGITS);
          const input = {
            tenant,
            name: `N${step}`,
            number: digits,
            ...(rand() < 0.15 ? { rawKey: pick(RAWS) } : {}),
            ...(rand() < 0.05 && model.keys.size > 2 ? { keyId: pick([...model.keys.keys()]) } : {}),
            ...(rand() < 0.05 ? { id: pick(ids) } : rand() < 0.1 ? { id: pick(ORPHAN_IDS) } : {}),
          };
          const expected =
            (digits !== "" && model.taken(tenant, digits)) || (input.id !== undefined && model.numbers.has(input.id)) ? TAKEN : "ok";
          let made: ReturnType<Store["createNumber"]> | undefined;
          expect(outcome(() => (made = store.createNumber(input)))).toBe(expected);
          if (made) model.created(made.number, made.key);
        } else if (r < 0.4) {
          const id = rand() < 0.8 ? pick(ids) : pick([...ORPHAN_IDS, "wa_unknown"]);
          store.deleteNumber(id);
          model.deleted(id);
        } else if (r < 0.5) {
          const key = pick([...model.keys.values()].filter((k) => k.numberId !== null));
          if (key) store.relinkKey(key.id, rand() < 0.25 ? pick(ORPHAN_IDS) : pick(ids)); // the model sees the same record change
        } else if (r < 0.65) {
          const n = model.numbers.get(pick(ids))!;
          const digits = pick(DIGITS);
          const expected = model.taken(n.tenant, digits, n.id) ? TAKEN : "ok";
          expect(outcome(() => store.rename(n, { number: digits }))).toBe(expected);
        } else {
          const id = pick(ids);
          const batch = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => call(id, pick(CALL_IDS), pick(TIMES)));
          store.addCalls(id, batch);
          model.addCalls(id, [...batch]);
        }
        expectSame(store, model, rand, `seed ${seed} step ${step}`);
        if (step % 25 === 24) {
          const fresh = reloaded();
          for (const id of ORPHAN_IDS) expect(fresh.keysOfNumber(id).map((k) => k.id)).toEqual(store.keysOfNumber(id).map((k) => k.id));
          expect(fresh.snapshot()).toEqual(store.snapshot());
          for (const id of model.numbers.keys()) {
            expect(fresh.listCalls(id, 100, null).map((c) => c.id)).toEqual(store.listCalls(id, 100, null).map((c) => c.id));
            expect(fresh.keysOfNumber(id).map((k) => k.id)).toEqual(store.keysOfNumber(id).map((k) => k.id));
          }
          for (const raw of RAWS) expect(fresh.keyByRaw(raw)?.id).toBe(store.keyByRaw(raw)?.id);
          for (const t of TENANTS) for (const d of DIGITS) expect(fresh.hasNumber(t, d)).toBe(store.hasNumber(t, d));
        }
      }
    });
  }

  it("a call whose createdAt does not parse (a hand-edited data file) is listed last and is never before anything", () => {
    const store = new Store(tenantKeys({}));
    const { number } = store.createNumber({ tenant: "default", name: "A", number: "+5511960000001" });
    store.addCalls(number.id, [
      call(number.id, "call_bad", "not a date"),
      call(number.id, "call_old", TIMES[3]!),
      call(number.id, "call_new", TIMES[0]!),
    ]);
    expect(store.listCalls(number.id, 10, null).map((c) => c.id)).toEqual(["call_new", "call_old", "call_bad"]);
    expect(store.listCalls(number.id, 10, Date.parse(TIMES[0]!)).map((c) => c.id)).toEqual(["call_old"]);
    expect(store.getCall(number.id, "call_bad")?.createdAt).toBe("not a date");
  });
});
