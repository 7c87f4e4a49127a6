/**
 * What leaves the emulator: public response bodies and the control API's state dump. No raw key or Meta secret is
 * ever copied here. Each body's type is the client's wire schema's (provider/client/schemas.ts), so an emulator that
 * forgets, misspells or mistypes a field the client reads does not compile.
 */
import type { z } from "zod";
import type { ApiKeySummary, Call, CreatedInstance, Health, NumberDetail, NumberStatus, NumberSummary } from "pulumi-pilotstatus/contract";
import type { CallRecord, KeyRecord, NumberRecord, Store } from "./state";
import { META } from "./state";

/**
 * A client schema's input without the `[k: string]: unknown` a loose object adds, so that a view that misspells a
 * field, or sends one the client does not declare, fails to compile as surely as one that leaves a field out.
 */
type Wire<S extends z.ZodType> = { [K in keyof z.input<S> as string extends K ? never : K]: z.input<S>[K] };
/** The client's shape, with the fields it treats as optional that the emulator always sends made required. */
type Sends<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };
/** ... and those it allows to be null that the emulator never sends as null made non-null. */
type NotNull<T, K extends keyof T> = Omit<T, K> & { [P in K]: NonNullable<T[P]> };

type NumberFieldsSent = "instanceName" | "apiKeys" | "createdAt" | "updatedAt";
export type ApiKeySummaryView = Wire<typeof ApiKeySummary>;
export type NumberSummaryView = Sends<Wire<typeof NumberSummary>, NumberFieldsSent>;
export type HealthView = Wire<typeof Health>;
/** `meta` is sent, null for non-Meta numbers. */
export type NumberDetailView = NotNull<Sends<Wire<typeof NumberDetail>, NumberFieldsSent | "health" | "meta">, "health">;
export type NumberStatusView = Sends<Wire<typeof NumberStatus>, "id" | "isFullyConnected">;
export type CreatedInstanceView = Sends<Wire<typeof CreatedInstance>, "instanceName" | "status" | "state" | "provider">;
export type CallView = Sends<
  Wire<typeof Call>,
  "externalCallId" | "peerNumber" | "durationSeconds" | "startedAt" | "connectedAt" | "endedAt" | "updatedAt"
>;

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
export function toHealth(n: NumberRecord): HealthView {
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

export function toStatus(n: NumberRecord): NumberStatusView {
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
    tenants[n.tenant] ??= { tenantKeyId: null, numbers: [] };
    const bucket = tenants[n.tenant]!;
    bucket.numbers.push({
      ...toDetail(store, n),
      tenant: n.tenant,
      keys: store.keysOfNumber(n.id).map((k) => ({ keyId: k.id, ...keySummary(k) })),
      calls: store.allCalls(n.id).map(toCall),
    });
  }
  return { tenants };
}
