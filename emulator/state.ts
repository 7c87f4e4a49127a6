/**
 * The emulator's in-memory store: tenants' keys, numbers (with their state machine) and calls.
 * Everything the service keeps server-side lives here, secrets included; views.ts decides what leaves.
 */
import { randomBytes } from "node:crypto";
import { ASSUMED } from "../provider/client/assumed";
import { ApiError, duplicateNumber, numberNotFound, validation } from "./errors";

export type TenantName = "default" | "other";
export const TENANTS: readonly TenantName[] = ["default", "other"];

export const STATES = ["OPEN", "CONNECTING", "CLOSE"] as const;
export type ConnectionState = (typeof STATES)[number];

export interface KeyRecord {
  id: string;
  raw: string;
  name: string;
  tenant: TenantName;
  /** null = tenant-scoped key. */
  numberId: string | null;
}

export interface HealthRecord {
  qualityRating: string | null;
  messagingLimitTier: string | null;
  metaStatus: string | null;
  /** null = follow isFullyConnected. */
  sendable: boolean | null;
}

export interface MetaCredentials {
  phoneId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string | null;
  verifyToken: string;
}

export interface MetaSnapshotRecord {
  fetchedAt: string;
  phone: Record<string, unknown>;
  profile: Record<string, unknown>;
  waba: Record<string, unknown>;
  errors: Record<string, unknown>;
}

export interface NumberRecord {
  id: string;
  tenant: TenantName;
  instanceName: string;
  name: string;
  /** Digits only, no '+'. */
  digits: string;
  provider: string;
  state: ConnectionState;
  createdAt: string;
  updatedAt: string;
  health: HealthRecord;
  meta: MetaSnapshotRecord | null;
  metaCredentials: MetaCredentials | null;
  remotePairing: { token: string; externalRef: string | null; redirectUrl: string | null } | null;
}

export interface CallRecord {
  id: string;
  numberId: string;
  externalCallId: string | null;
  direction: string;
  status: string;
  peerNumber: string | null;
  durationSeconds: number | null;
  startedAt: string | null;
  connectedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What persistence writes and reads. */
export interface StoreSnapshot {
  version: 1;
  keys: KeyRecord[];
  numbers: NumberRecord[];
  calls: CallRecord[];
}

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
  remotePairing?: NumberRecord["remotePairing"];
  /** Fixed ids/keys for the demo sample, so the CLI prints the same keys every run. */
  id?: string;
  rawKey?: string;
  keyId?: string;
}

export const randomToken = (bytes = 12): string => randomBytes(bytes).toString("hex");
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

function nowIso(): string {
  return new Date().toISOString();
}

export class Store {
  private keys = new Map<string, KeyRecord>();
  private numbers = new Map<string, NumberRecord>();
  /** Per number, kept sorted newest first. */
  private calls = new Map<string, CallRecord[]>();
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
    this.keys.clear();
    this.numbers.clear();
    this.calls.clear();
    this.installTenantKeys();
    this.changed();
  }

  private installTenantKeys(): void {
    for (const k of this.tenantKeys) {
      this.keys.set(k.id, { id: k.id, raw: k.raw, name: "Tenant", tenant: k.tenant, numberId: null });
    }
  }

  // ---- keys ----
  keyByRaw(raw: string): KeyRecord | undefined {
    for (const k of this.keys.values()) if (k.raw === raw) return k;
    return undefined;
  }

  keyById(id: string): KeyRecord | undefined {
    return this.keys.get(id);
  }

  keysOfNumber(numberId: string): KeyRecord[] {
    return [...this.keys.values()].filter((k) => k.numberId === numberId);
  }

  /** The number's own key, made with it. */
  defaultKey(numberId: string): KeyRecord | undefined {
    return this.keysOfNumber(numberId).find((k) => k.name === "Default") ?? this.keysOfNumber(numberId)[0];
  }

  relinkKey(keyId: string, numberId: string): void {
    const key = this.keys.get(keyId);
    if (!key) return;
    key.numberId = numberId;
    this.changed();
  }

  // ---- numbers ----
  listNumbers(tenant: TenantName): NumberRecord[] {
    // Creation order (Map insertion order, kept by persistence too).
    return [...this.numbers.values()].filter((n) => n.tenant === tenant);
  }

  allNumbers(): NumberRecord[] {
    return [...this.numbers.values()];
  }

  /** Tenant isolation: another tenant's id is as absent as an unknown one. */
  getNumber(tenant: TenantName, id: string): NumberRecord {
    const n = this.numbers.get(id);
    if (!n || n.tenant !== tenant) throw numberNotFound();
    return n;
  }

  /** Control API: any tenant. */
  getAnyNumber(id: string): NumberRecord {
    const n = this.numbers.get(id);
    if (!n) throw numberNotFound();
    return n;
  }

  private assertUnique(tenant: TenantName, digits: string, exceptId?: string): void {
    if (digits === "") return;
    for (const n of this.numbers.values()) {
      if (n.tenant === tenant && n.digits === digits && n.id !== exceptId) throw duplicateNumber();
    }
  }

  hasNumber(tenant: TenantName, digits: string): boolean {
    for (const n of this.numbers.values()) if (n.tenant === tenant && n.digits === digits) return true;
    return false;
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
    this.numbers.set(id, number);
    this.keys.set(key.id, key);
    this.calls.set(id, []);
    this.changed();
    return { number, key };
  }

  deleteNumber(id: string): void {
    this.numbers.delete(id);
    this.calls.delete(id);
    // A number-scoped key without its number can do nothing, so it goes too.
    for (const k of [...this.keys.values()]) if (k.numberId === id) this.keys.delete(k.id);
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
      n.digits = digits;
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
  addCalls(numberId: string, calls: CallRecord[]): void {
    const list = this.calls.get(numberId) ?? [];
    list.push(...calls);
    list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    this.calls.set(numberId, list);
    this.changed();
  }

  /** Newest first, strictly before `beforeMs`. */
  listCalls(numberId: string, limit: number, beforeMs: number | null): CallRecord[] {
    const list = this.calls.get(numberId) ?? [];
    const filtered = beforeMs === null ? list : list.filter((c) => Date.parse(c.createdAt) < beforeMs);
    return filtered.slice(0, limit);
  }

  getCall(numberId: string, callId: string): CallRecord | undefined {
    return this.calls.get(numberId)?.find((c) => c.id === callId);
  }

  callCount(numberId: string): number {
    return this.calls.get(numberId)?.length ?? 0;
  }

  // ---- persistence ----
  snapshot(): StoreSnapshot {
    return {
      version: 1,
      keys: [...this.keys.values()].filter((k) => k.numberId !== null),
      numbers: [...this.numbers.values()],
      calls: [...this.calls.values()].flat(),
    };
  }

  /** Tenant keys always come from configuration, not from the file. */
  load(snap: StoreSnapshot): void {
    this.keys.clear();
    this.numbers.clear();
    this.calls.clear();
    this.installTenantKeys();
    for (const n of snap.numbers) {
      this.numbers.set(n.id, n);
      this.calls.set(n.id, []);
    }
    for (const k of snap.keys) if (k.numberId !== null) this.keys.set(k.id, k);
    for (const c of snap.calls) this.calls.get(c.numberId)?.push(c);
    for (const list of this.calls.values()) list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }
}

/** updatedAt moves forward on every change, even two changes within one millisecond. */
function touch(n: NumberRecord): void {
  const now = Date.now();
  const prev = Date.parse(n.updatedAt);
  n.updatedAt = new Date(Math.max(now, prev + 1)).toISOString();
}

export function randomDigits(count: number): string {
  const bytes = randomBytes(count);
  let out = "";
  for (const b of bytes) out += String(b % 10);
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
