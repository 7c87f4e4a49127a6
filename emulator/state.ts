/**
 * The emulator's in-memory store: tenants' keys, numbers (with their state machine) and calls.
 * Everything the service keeps server-side lives here, secrets included; views.ts decides what leaves. The records'
 * shapes are declared once, as the data file's schemas, in records.ts.
 */
import { randomBytes } from "node:crypto";
import { ASSUMED } from "pulumi-pilotstatus/contract";
import { ApiError, duplicateNumber, numberNotFound, validation } from "./errors";
import { STATES } from "./records";
import type {
  CallRecord,
  ConnectionState,
  HealthRecord,
  KeyRecord,
  MetaCredentials,
  MetaSnapshotRecord,
  NumberRecord,
  RemotePairingRecord,
  StoreSnapshot,
  TenantName,
} from "./records";

export { STATES, TENANTS } from "./records";
export type {
  CallRecord,
  ConnectionState,
  HealthRecord,
  KeyRecord,
  MetaCredentials,
  MetaSnapshotRecord,
  NumberRecord,
  RemotePairingRecord,
  StoreSnapshot,
  TenantName,
} from "./records";

export interface TenantKeyConfig {
  tenant: TenantName;
  id: string;
  raw: string;
}

export interface CreateNumberInput {
  tenant: TenantName;
  name: string;
  number: string;
  provider?: string;
  state?: ConnectionState;
  metaCredentials?: MetaCredentials;
  remotePairing?: RemotePairingRecord;
  /** Fixed ids/keys for the demo sample, so the CLI prints the same keys every run. */
  id?: string;
  rawKey?: string;
  keyId?: string;
}

/**
 * Random bytes drawn from the CSPRNG 16 KiB at a time and handed out once each: one system call per few hundred
 * tokens instead of one per token (seeding 20,000 numbers made 80,000 of them).
 */
const POOL_BYTES = 16 * 1024;
let pool = Buffer.alloc(0);
let poolAt = 0;
/** Reserves `bytes` unused bytes of the pool (refilled when short) and returns where they start. */
function takeRandom(bytes: number): number {
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, bytes));
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += bytes;
  return at;
}

export function randomToken(bytes = 12): string {
  const at = takeRandom(bytes);
  return pool.toString("hex", at, at + bytes);
}
export const newNumberId = (): string => `wa_${randomToken(8)}`;
export const newCallId = (): string => `call_${randomToken(10)}`;

export const PILOT_STATUS = "PILOT_STATUS";
export const META = "META";

const E164_ISH = /^\+?\d{10,15}$/;
/** POST /v1/numbers/meta documents "min 8 digits, optional +". */
const META_NUMBER = /^\+?\d{8,15}$/;

export function normalizeNumber(input: string, provider: string = PILOT_STATUS): string {
  const trimmed = input.trim();
  const pattern = provider === META ? META_NUMBER : E164_ISH;
  if (!pattern.test(trimmed)) {
    throw validation("number must be E.164: optional '+' and 10-15 digits");
  }
  return trimmed.replace(/^\+/, "");
}

export function isState(value: unknown): value is ConnectionState {
  return typeof value === "string" && (STATES as readonly string[]).includes(value);
}

let lastNowMs = Number.NaN;
let lastNowIso = "";
/** The current time as ISO 8601; formatted once per millisecond (a seed makes thousands of numbers in one). */
function nowIso(): string {
  const ms = Date.now();
  if (ms !== lastNowMs) {
    lastNowIso = new Date(ms).toISOString();
    lastNowMs = ms;
  }
  return lastNowIso;
}

/**
 * Sort key of a call: its createdAt in ms. A createdAt that does not parse (only a hand-edited data file has one)
 * sorts after every other call and is never "before" anything.
 */
function callKey(c: CallRecord): number {
  const ms = Date.parse(c.createdAt);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** Newest first; equal keys keep their order (Array.prototype.sort is stable). */
const newestFirst = (a: { k: number }, b: { k: number }): number => (a.k === b.k ? 0 : a.k < b.k ? 1 : -1);

/**
 * One number's calls, newest first, ties in the order they were added (as a stable sort of everything added so far
 * would leave them), with each call's createdAt as a number beside it: a `before`/`limit` page is found by binary
 * search and costs what the page holds; adding k calls to n costs O(n + k) (O(k) when they are all older).
 */
class CallLog {
  private calls: CallRecord[] = [];
  /** keys[i] = callKey(calls[i]), non-increasing. */
  private keys: number[] = [];
  /** Calls whose createdAt does not parse: the last ones in the list. */
  private unparsable = 0;
  /** Per call id, the first call with it in list order (what a scan of the list would find). */
  private byId = new Map<string, CallRecord>();

  get size(): number {
    return this.calls.length;
  }

  add(added: readonly CallRecord[]): void {
    if (added.length === 0) return;
    const incoming = added.map((c) => ({ c, k: callKey(c) }));
    let sorted = true;
    for (let i = 1; i < incoming.length && sorted; i++) sorted = incoming[i - 1]!.k >= incoming[i]!.k;
    if (!sorted) incoming.sort(newestFirst);

    for (const { c, k } of incoming) {
      // An id seen before keeps its first call unless this one sorts strictly ahead of it (ties: the older entry first).
      const seen = this.byId.get(c.id);
      if (seen === undefined || k > callKey(seen)) this.byId.set(c.id, c);
      if (k === Number.NEGATIVE_INFINITY) this.unparsable++;
    }

    const n = this.calls.length;
    if (n === 0 || incoming[0]!.k <= this.keys[n - 1]!) {
      // All at or after the oldest: appended (the common case for generated history).
      for (const { c, k } of incoming) {
        this.calls.push(c);
        this.keys.push(k);
      }
      return;
    }
    const calls: CallRecord[] = [];
    const keys: number[] = [];
    let i = 0;
    let j = 0;
    while (i < n || j < incoming.length) {
      // On a tie the call already stored goes first.
      if (j >= incoming.length || (i < n && this.keys[i]! >= incoming[j]!.k)) {
        calls.push(this.calls[i]!);
        keys.push(this.keys[i]!);
        i++;
      } else {
        calls.push(incoming[j]!.c);
        keys.push(incoming[j]!.k);
        j++;
      }
    }
    this.calls = calls;
    this.keys = keys;
  }

  /** Newest first; with `beforeMs`, only calls created strictly before it. */
  page(limit: number, beforeMs: number | null): CallRecord[] {
    if (beforeMs === null) return this.calls.slice(0, limit);
    const end = this.calls.length - this.unparsable;
    // First index whose key is < beforeMs (keys are non-increasing).
    let lo = 0;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < beforeMs) hi = mid;
      else lo = mid + 1;
    }
    return this.calls.slice(lo, Math.min(end, lo + limit));
  }

  all(): readonly CallRecord[] {
    return this.calls;
  }

  find(callId: string): CallRecord | undefined {
    return this.byId.get(callId);
  }
}

/**
 * One value or several: most index entries hold one (a key's raw value, a number's keys, a tenant's phone number),
 * stored bare, no array each (seeding makes tens of thousands; an array each doubled the store's memory). Several
 * are kept in an array ordered by `order` (ties: insertion order). Values must not be arrays.
 */
type Slot<V> = V | V[] | undefined;

function slotAll<V>(slot: Slot<V>): readonly V[] {
  return slot === undefined ? [] : Array.isArray(slot) ? slot : [slot];
}

function slotCount<V>(slot: Slot<V>): number {
  return slot === undefined ? 0 : Array.isArray(slot) ? slot.length : 1;
}

function slotAdd<V>(slot: Slot<V>, v: V, order: (v: V) => number): V | V[] {
  if (slot === undefined) return v;
  const list = Array.isArray(slot) ? [...slot] : [slot];
  const o = order(v);
  let i = list.length;
  while (i > 0 && order(list[i - 1]!) > o) i--;
  list.splice(i, 0, v);
  return list;
}

function slotDelete<V>(slot: Slot<V>, v: V): Slot<V> {
  if (!Array.isArray(slot)) return slot === v ? undefined : slot;
  const list = slot.filter((x) => x !== v);
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
}

const noOrder = (): number => 0;

/** A multimap of slots. */
class MultiIndex<V extends object | string> {
  private readonly map = new Map<string, V | V[]>();

  constructor(private readonly order: (v: V) => number = noOrder) {}

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }

  first(k: string): V | undefined {
    const e = this.map.get(k);
    return Array.isArray(e) ? e[0] : e;
  }

  all(k: string): readonly V[] {
    return slotAll(this.map.get(k));
  }

  count(k: string): number {
    return slotCount(this.map.get(k));
  }

  has(k: string, v: V): boolean {
    const e = this.map.get(k);
    return Array.isArray(e) ? e.includes(v) : e === v;
  }

  add(k: string, v: V): void {
    this.map.set(k, slotAdd(this.map.get(k), v, this.order));
  }

  delete(k: string, v: V): void {
    const left = slotDelete(this.map.get(k), v);
    if (left === undefined) this.map.delete(k);
    else this.map.set(k, left);
  }

  /** Takes every value of `k` out. */
  take(k: string): Slot<V> {
    const e = this.map.get(k);
    if (e !== undefined) this.map.delete(k);
    return e;
  }
}

/** A key and its place in the order keys were added (a scan of all keys sees them in that order). */
interface KeyEntry {
  key: KeyRecord;
  seq: number;
}
const seqOf = (e: KeyEntry): number => e.seq;
const keyOf = (e: KeyEntry): KeyRecord => e.key;

/**
 * A number and what hangs off it: its keys (key order) and its place in its tenant's list (creation order), so
 * that creating, listing and deleting touch this one entry rather than a hash table per index.
 */
interface NumberEntry {
  n: NumberRecord;
  keys: Slot<KeyEntry>;
  prev: NumberEntry | undefined;
  next: NumberEntry | undefined;
}

/** One tenant's numbers, in creation order: a doubly linked list through their entries. */
interface TenantNumbers {
  head: NumberEntry | undefined;
  tail: NumberEntry | undefined;
}

/**
 * Indexed, so that a request costs the same whatever the tenant's size: keys by id, by raw value and by number;
 * numbers by id and per tenant (creation order); phone numbers per tenant; calls per number (CallLog). Every
 * index answers exactly what a scan in insertion order would (first match, same order).
 */
export class Store {
  /** Insertion order = the order a scan of all keys sees them. */
  private keys = new Map<string, KeyEntry>();
  private nextKeySeq = 0;
  private keysByRaw = new MultiIndex<KeyEntry>(seqOf);
  /** Keys bound to a number id that has no number (only from a data file or a relink to an unknown id). */
  private orphanKeys = new MultiIndex<KeyEntry>(seqOf);
  /** Creation order (Map insertion order, kept by persistence too). */
  private numbers = new Map<string, NumberEntry>();
  private tenantNumbers = new Map<TenantName, TenantNumbers>();
  /** Per tenant, per digits: the ids of the numbers that have them (more than one only from a hand-edited file). */
  private digitsByTenant = new Map<TenantName, MultiIndex<string>>();
  /** Made on a number's first call. */
  private calls = new Map<string, CallLog>();
  private listeners: Array<() => void> = [];

  constructor(private readonly tenantKeys: readonly TenantKeyConfig[]) {
    this.reset();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  reset(): void {
    this.clear();
    this.installTenantKeys();
    this.changed();
  }

  private clear(): void {
    this.keys.clear();
    this.keysByRaw.clear();
    this.orphanKeys.clear();
    this.numbers.clear();
    this.tenantNumbers.clear();
    this.digitsByTenant.clear();
    this.calls.clear();
  }

  private installTenantKeys(): void {
    for (const k of this.tenantKeys) {
      this.putKey({ id: k.id, raw: k.raw, name: "Tenant", tenant: k.tenant, numberId: null });
    }
  }

  // ---- key indexes ----
  /** Adds a key, or replaces the one with its id in its place (as Map.set does). */
  private putKey(key: KeyRecord): void {
    const old = this.keys.get(key.id);
    if (old) this.unindexKey(old);
    const entry: KeyEntry = { key, seq: old ? old.seq : this.nextKeySeq++ };
    this.keys.set(key.id, entry);
    this.indexKey(entry);
  }

  private dropKey(entry: KeyEntry): void {
    this.unindexKey(entry);
    this.keys.delete(entry.key.id);
  }

  private indexKey(entry: KeyEntry): void {
    this.keysByRaw.add(entry.key.raw, entry);
    const id = entry.key.numberId;
    if (id === null) return;
    const owner = this.numbers.get(id);
    if (owner) owner.keys = slotAdd(owner.keys, entry, seqOf);
    else this.orphanKeys.add(id, entry);
  }

  private unindexKey(entry: KeyEntry): void {
    this.keysByRaw.delete(entry.key.raw, entry);
    const id = entry.key.numberId;
    if (id === null) return;
    const owner = this.numbers.get(id);
    if (owner) owner.keys = slotDelete(owner.keys, entry);
    else this.orphanKeys.delete(id, entry);
  }

  /** Keys bound to `numberId`, in key order. */
  private keyEntriesOf(numberId: string): readonly KeyEntry[] {
    const owner = this.numbers.get(numberId);
    return owner ? slotAll(owner.keys) : this.orphanKeys.all(numberId);
  }

  // ---- keys ----
  keyByRaw(raw: string): KeyRecord | undefined {
    return this.keysByRaw.first(raw)?.key;
  }

  keyById(id: string): KeyRecord | undefined {
    return this.keys.get(id)?.key;
  }

  /** In the order the keys were made. */
  keysOfNumber(numberId: string): readonly KeyRecord[] {
    return this.keyEntriesOf(numberId).map(keyOf);
  }

  /** The number's own key, made with it. */
  defaultKey(numberId: string): KeyRecord | undefined {
    const keys = this.keysOfNumber(numberId);
    return keys.find((k) => k.name === "Default") ?? keys[0];
  }

  relinkKey(keyId: string, numberId: string): void {
    const entry = this.keys.get(keyId);
    if (!entry) return;
    this.unindexKey(entry);
    entry.key.numberId = numberId;
    this.indexKey(entry);
    this.changed();
  }

  // ---- number indexes ----
  /** Adds the number's entry last in its tenant's list and indexes its phone number. */
  private indexNumber(entry: NumberEntry): void {
    const list = getOrMake(this.tenantNumbers, entry.n.tenant, () => ({ head: undefined, tail: undefined }));
    entry.prev = list.tail;
    entry.next = undefined;
    if (list.tail) list.tail.next = entry;
    else list.head = entry;
    list.tail = entry;
    this.indexDigits(entry.n);
  }

  private unindexNumber(entry: NumberEntry): void {
    const list = this.tenantNumbers.get(entry.n.tenant);
    if (list) {
      if (entry.prev) entry.prev.next = entry.next;
      else list.head = entry.next;
      if (entry.next) entry.next.prev = entry.prev;
      else list.tail = entry.prev;
    }
    entry.prev = entry.next = undefined;
    this.unindexDigits(entry.n);
  }

  private indexDigits(n: NumberRecord): void {
    getOrMake(this.digitsByTenant, n.tenant, () => new MultiIndex<string>()).add(n.digits, n.id);
  }

  private unindexDigits(n: NumberRecord): void {
    this.digitsByTenant.get(n.tenant)?.delete(n.digits, n.id);
  }

  // ---- numbers ----
  listNumbers(tenant: TenantName): NumberRecord[] {
    const out: NumberRecord[] = [];
    for (let e = this.tenantNumbers.get(tenant)?.head; e; e = e.next) out.push(e.n);
    return out;
  }

  allNumbers(): NumberRecord[] {
    const out: NumberRecord[] = [];
    for (const e of this.numbers.values()) out.push(e.n);
    return out;
  }

  /** Tenant isolation: another tenant's id is as absent as an unknown one. */
  getNumber(tenant: TenantName, id: string): NumberRecord {
    const n = this.numbers.get(id)?.n;
    if (!n || n.tenant !== tenant) throw numberNotFound();
    return n;
  }

  /** Whether `id` is one of the tenant's numbers. */
  tenantHas(tenant: TenantName, id: string): boolean {
    return this.numbers.get(id)?.n.tenant === tenant;
  }

  /** Control API: any tenant. */
  getAnyNumber(id: string): NumberRecord {
    const n = this.numbers.get(id)?.n;
    if (!n) throw numberNotFound();
    return n;
  }

  private assertUnique(tenant: TenantName, digits: string, exceptId?: string): void {
    if (digits === "") return;
    const index = this.digitsByTenant.get(tenant);
    if (!index) return;
    const others = index.count(digits) - (exceptId !== undefined && index.has(digits, exceptId) ? 1 : 0);
    if (others > 0) throw duplicateNumber();
  }

  hasNumber(tenant: TenantName, digits: string): boolean {
    return (this.digitsByTenant.get(tenant)?.count(digits) ?? 0) > 0;
  }

  createNumber(input: CreateNumberInput): { number: NumberRecord; key: KeyRecord } {
    const provider = input.provider ?? PILOT_STATUS;
    if (input.name.trim() === "") throw validation("name is required");
    const digits = input.number === "" ? "" : normalizeNumber(input.number, provider);
    this.assertUnique(input.tenant, digits);
    const id = input.id ?? newNumberId();
    if (this.numbers.has(id)) throw new ApiError(409, ASSUMED.errorCodes.numberAlreadyExists, "id taken");
    const isMeta = provider === META;
    const at = nowIso();
    const number: NumberRecord = {
      id,
      tenant: input.tenant,
      instanceName: `PS-${randomToken(4).toUpperCase()}`,
      name: input.name,
      digits,
      provider,
      state: input.state ?? (isMeta ? ASSUMED.metaInitialState : "CONNECTING"),
      createdAt: at,
      updatedAt: at,
      health: isMeta
        ? { qualityRating: "GREEN", messagingLimitTier: "TIER_1K", metaStatus: "CONNECTED", sendable: true }
        : { qualityRating: null, messagingLimitTier: null, metaStatus: null, sendable: null },
      meta: null,
      metaCredentials: isMeta
        ? (input.metaCredentials ?? {
            phoneId: randomDigits(15),
            wabaId: randomDigits(15),
            accessToken: `EAAG${randomToken(24)}`,
            appSecret: null,
            verifyToken: `vt_${randomToken(12)}`,
          })
        : null,
      remotePairing: input.remotePairing ?? null,
    };
    if (isMeta) number.meta = buildMetaSnapshot(number);
    const raw = input.rawKey ?? `ps_${randomToken(16)}`;
    const key: KeyRecord = { id: input.keyId ?? `key_${randomToken(8)}`, raw, name: "Default", tenant: input.tenant, numberId: id };
    const entry: NumberEntry = { n: number, keys: undefined, prev: undefined, next: undefined };
    this.numbers.set(id, entry);
    // Keys that already named this id (a data file's orphans) are its keys now, before its own.
    if (this.orphanKeys.size > 0) entry.keys = this.orphanKeys.take(id);
    this.indexNumber(entry);
    this.putKey(key);
    if (this.calls.size > 0) this.calls.delete(id); // a new number starts without calls
    this.changed();
    return { number, key };
  }

  deleteNumber(id: string): void {
    // A number-scoped key without its number can do nothing, so it goes too.
    for (const e of this.keyEntriesOf(id)) this.dropKey(e);
    const entry = this.numbers.get(id);
    if (entry) {
      this.unindexNumber(entry);
      this.numbers.delete(id);
    }
    this.calls.delete(id);
    this.changed();
  }

  setState(n: NumberRecord, state: ConnectionState): void {
    if (n.state === state) return;
    n.state = state;
    touch(n);
    this.changed();
  }

  rename(n: NumberRecord, patch: { name?: string; number?: string }): void {
    if (patch.name !== undefined) {
      if (patch.name.trim() === "") throw validation("name must not be empty");
      n.name = patch.name;
    }
    if (patch.number !== undefined) {
      const digits = normalizeNumber(patch.number, n.provider);
      this.assertUnique(n.tenant, digits, n.id);
      const indexed = this.numbers.get(n.id)?.n === n;
      if (indexed) this.unindexDigits(n);
      n.digits = digits;
      if (indexed) this.indexDigits(n);
    }
    touch(n);
    this.changed();
  }

  setHealth(n: NumberRecord, patch: Partial<HealthRecord>): void {
    n.health = { ...n.health, ...patch };
    touch(n);
    this.changed();
  }

  /** ?refresh=1: a "live" Graph fetch, persisted as the new cached snapshot. */
  refreshMeta(n: NumberRecord): void {
    if (n.provider !== META) return;
    n.meta = buildMetaSnapshot(n);
    this.changed();
  }

  // ---- calls ----
  /** Linear: O(calls already there + calls added), plus a sort of the added ones unless they come newest first. */
  addCalls(numberId: string, calls: CallRecord[]): void {
    getOrMake(this.calls, numberId, () => new CallLog()).add(calls);
    this.changed();
  }

  /** Newest first, strictly before `beforeMs`: O(log n + limit). */
  listCalls(numberId: string, limit: number, beforeMs: number | null): CallRecord[] {
    return this.calls.get(numberId)?.page(limit, beforeMs) ?? [];
  }

  /** Newest first. */
  allCalls(numberId: string): readonly CallRecord[] {
    return this.calls.get(numberId)?.all() ?? [];
  }

  getCall(numberId: string, callId: string): CallRecord | undefined {
    return this.calls.get(numberId)?.find(callId);
  }

  callCount(numberId: string): number {
    return this.calls.get(numberId)?.size ?? 0;
  }

  // ---- persistence ----
  snapshot(): StoreSnapshot {
    const keys: KeyRecord[] = [];
    for (const { key } of this.keys.values()) if (key.numberId !== null) keys.push(key);
    // Numbers' calls in number order (as before call logs were made lazily), then any kept for an id with no number.
    const calls: CallRecord[] = [];
    for (const id of this.numbers.keys()) for (const c of this.allCalls(id)) calls.push(c);
    for (const [id, log] of this.calls) if (!this.numbers.has(id)) for (const c of log.all()) calls.push(c);
    return { version: 1, keys, numbers: this.allNumbers(), calls };
  }

  /** Tenant keys always come from configuration, not from the file. */
  load(snap: StoreSnapshot): void {
    this.clear();
    this.installTenantKeys();
    const callsOf = new Map<string, CallRecord[]>();
    for (const n of snap.numbers) {
      this.numbers.set(n.id, { n, keys: undefined, prev: undefined, next: undefined });
      callsOf.set(n.id, []);
    }
    // Built from the final map, so an id listed twice in the file is indexed once, as the map holds it.
    for (const e of this.numbers.values()) this.indexNumber(e);
    for (const k of snap.keys) if (k.numberId !== null) this.putKey(k);
    for (const c of snap.calls) callsOf.get(c.numberId)?.push(c);
    for (const [id, list] of callsOf) {
      if (list.length === 0) continue;
      const log = new CallLog();
      log.add(list);
      this.calls.set(id, log);
    }
  }
}

function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** updatedAt moves forward on every change, even two changes within one millisecond. */
function touch(n: NumberRecord): void {
  const now = Date.now();
  const prev = Date.parse(n.updatedAt);
  n.updatedAt = new Date(Math.max(now, prev + 1)).toISOString();
}

export function randomDigits(count: number): string {
  const at = takeRandom(count);
  let out = "";
  for (let i = at; i < at + count; i++) out += String(pool[i]! % 10);
  return out.replace(/^0/, "1");
}

function displayPhone(digits: string): string {
  if (digits.length === 13 && digits.startsWith("55")) {
    return `+55 ${digits.slice(2, 4)} ${digits.slice(4, 9)}-${digits.slice(9)}`;
  }
  return `+${digits}`;
}

/** Shaped like DOC 002's example; values follow the number's current health. */
export function buildMetaSnapshot(n: NumberRecord): MetaSnapshotRecord {
  const h = n.health;
  return {
    fetchedAt: new Date().toISOString(),
    phone: {
      displayPhoneNumber: displayPhone(n.digits),
      verifiedName: n.name,
      qualityRating: h.qualityRating,
      status: h.metaStatus,
      codeVerificationStatus: "VERIFIED",
      nameStatus: "APPROVED",
      platformType: "CLOUD_API",
      throughput: { level: "STANDARD" },
      messagingLimitTier: h.messagingLimitTier,
      businessManagerMessagingLimit: h.messagingLimitTier,
      accountMode: "LIVE",
    },
    profile: {
      about: "Emulated business profile",
      email: "contact@example.com",
      websites: ["https://example.com"],
      vertical: "PROF_SERVICES",
    },
    waba: {
      id: n.metaCredentials?.wabaId ?? null,
      name: `${n.name} WABA`,
      currency: "BRL",
      businessVerificationStatus: "verified",
      accountReviewStatus: "APPROVED",
      ownershipType: "CLIENT",
    },
    errors: {},
  };
}
