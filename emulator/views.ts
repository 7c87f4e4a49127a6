/**
 * What leaves the emulator: public response bodies (shaped to parse with provider/client/schemas.ts)
 * and the control API's state dump. No raw key or Meta secret is ever copied here.
 */
import type { CallRecord, HealthRecord, KeyRecord, NumberRecord, Store } from "./state";
import { META } from "./state";

export interface ApiKeySummaryView {
  name: string;
  keyPrefix: string;
  keyLast4: string;
}

export interface NumberSummaryView {
  id: string;
  instanceName: string;
  number: string;
  name: string;
  provider: string;
  apiKeys: ApiKeySummaryView[];
  state: string;
  isFullyConnected: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NumberDetailView extends NumberSummaryView {
  health: HealthRecord;
  meta: NumberRecord["meta"];
}

export interface CreatedInstanceView {
  id: string;
  instanceName: string;
  number: string;
  name: string;
  status: string;
  state: string;
  provider: string;
}

export type CallView = Omit<CallRecord, "numberId">;

export const isFullyConnected = (n: NumberRecord): boolean => n.state === "OPEN";

export function keySummary(k: KeyRecord): ApiKeySummaryView {
  return { name: k.name, keyPrefix: k.raw.slice(0, 7), keyLast4: k.raw.slice(-4) };
}

export function toSummary(store: Store, n: NumberRecord): NumberSummaryView {
  return {
    id: n.id,
    instanceName: n.instanceName,
    number: n.digits,
    name: n.name,
    provider: n.provider,
    apiKeys: store.keysOfNumber(n.id).map(keySummary),
    state: n.state,
    isFullyConnected: isFullyConnected(n),
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}

/** Non-Meta numbers: only `sendable` is known (ASSUMED), and it follows the connection. */
export function toHealth(n: NumberRecord): HealthRecord {
  return { ...n.health, sendable: n.health.sendable ?? isFullyConnected(n) };
}

/** The detail example (DOC 002) writes `number` as `+55…`, unlike the list. */
export function toDetail(store: Store, n: NumberRecord): NumberDetailView {
  return {
    ...toSummary(store, n),
    number: n.digits === "" ? "" : `+${n.digits}`,
    health: toHealth(n),
    meta: n.provider === META ? n.meta : null,
  };
}

/** OLD create shape uses `status`; `state` is added so either reading works. */
export function toCreatedInstance(n: NumberRecord): CreatedInstanceView {
  return {
    id: n.id,
    instanceName: n.instanceName,
    number: n.digits,
    name: n.name,
    status: n.state,
    state: n.state,
    provider: n.provider,
  };
}

export function toStatus(n: NumberRecord): { id: string; state: string; isFullyConnected: boolean } {
  return { id: n.id, state: n.state, isFullyConnected: isFullyConnected(n) };
}

export function toCall(c: CallRecord): CallView {
  const { numberId: _numberId, ...view } = c;
  return view;
}

export interface StateDumpNumber extends NumberDetailView {
  tenant: string;
  keys: Array<ApiKeySummaryView & { keyId: string }>;
  calls: CallView[];
}

export interface StateDump {
  tenants: Record<string, { tenantKeyId: string | null; numbers: StateDumpNumber[] }>;
}

export function toStateDump(store: Store, tenantKeyIds: Record<string, string>): StateDump {
  const tenants: StateDump["tenants"] = {};
  for (const [tenant, keyId] of Object.entries(tenantKeyIds)) {
    tenants[tenant] = { tenantKeyId: keyId, numbers: [] };
  }
  for (const n of store.allNumbers()) {
    const bucket = (tenants[n.tenant] ??= { tenantKeyId: null, numbers: [] });
    bucket.numbers.push({
      ...toDetail(store, n),
      tenant: n.tenant,
      keys: store.keysOfNumber(n.id).map((k) => ({ keyId: k.id, ...keySummary(k) })),
      calls: store.allCalls(n.id).map(toCall),
    });
  }
  return { tenants };
}
