/**
 * What the emulator keeps, declared once: these zod schemas are the `--data` file's format (persistence.ts parses
 * the file with StoreSnapshotFile) and the store's record types are inferred from them (state.ts re-exports them).
 * A change here changes the data file: existing files must still load (persistence.test.ts, dataFile.test.ts).
 * What leaves over the wire is typed against the client's schemas instead (views.ts).
 */
import { z } from "zod";

export type TenantName = "default" | "other";
export const TENANTS: readonly TenantName[] = ["default", "other"];

export const STATES = ["OPEN", "CONNECTING", "CLOSE"] as const;
export type ConnectionState = (typeof STATES)[number];

const nullableStr = z.string().nullable();

export const KeyRecord = z.object({
  id: z.string(),
  raw: z.string(),
  name: z.string(),
  tenant: z.enum(TENANTS),
  /** null = tenant-scoped key. */
  numberId: nullableStr,
});
export type KeyRecord = z.infer<typeof KeyRecord>;

export const HealthRecord = z.object({
  qualityRating: nullableStr,
  messagingLimitTier: nullableStr,
  metaStatus: nullableStr,
  /** null = follow isFullyConnected. */
  sendable: z.boolean().nullable(),
});
export type HealthRecord = z.infer<typeof HealthRecord>;

export const MetaSnapshotRecord = z.object({
  fetchedAt: z.string(),
  phone: z.record(z.string(), z.unknown()),
  profile: z.record(z.string(), z.unknown()),
  waba: z.record(z.string(), z.unknown()),
  errors: z.record(z.string(), z.unknown()),
});
export type MetaSnapshotRecord = z.infer<typeof MetaSnapshotRecord>;

export const MetaCredentials = z.object({
  phoneId: z.string(),
  wabaId: z.string(),
  accessToken: z.string(),
  appSecret: nullableStr,
  verifyToken: z.string(),
});
export type MetaCredentials = z.infer<typeof MetaCredentials>;

export const RemotePairingRecord = z.object({ token: z.string(), externalRef: nullableStr, redirectUrl: nullableStr });
export type RemotePairingRecord = z.infer<typeof RemotePairingRecord>;

export const NumberRecord = z.object({
  id: z.string(),
  tenant: z.enum(TENANTS),
  instanceName: z.string(),
  name: z.string(),
  /** Digits only, no '+'. */
  digits: z.string(),
  provider: z.string(),
  state: z.enum(STATES),
  createdAt: z.string(),
  updatedAt: z.string(),
  health: HealthRecord,
  meta: MetaSnapshotRecord.nullable(),
  metaCredentials: MetaCredentials.nullable(),
  remotePairing: RemotePairingRecord.nullable(),
});
export type NumberRecord = z.infer<typeof NumberRecord>;

export const CallRecord = z.object({
  id: z.string(),
  numberId: z.string(),
  externalCallId: nullableStr,
  direction: z.string(),
  status: z.string(),
  peerNumber: nullableStr,
  durationSeconds: z.number().nullable(),
  startedAt: nullableStr,
  connectedAt: nullableStr,
  endedAt: nullableStr,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CallRecord = z.infer<typeof CallRecord>;

/** The data file: what persistence writes and reads. */
export const StoreSnapshotFile = z.object({
  version: z.literal(1),
  keys: z.array(KeyRecord),
  numbers: z.array(NumberRecord),
  calls: z.array(CallRecord),
});
export type StoreSnapshot = z.infer<typeof StoreSnapshotFile>;
