/**
 * Wire shapes of the Pilot Status API (REFERENCE.md). Objects are loose: the service adds fields
 * over time and a provider must not break when it does. `null` only where the docs allow it.
 * These schemas are the single source of the client's types and of the emulator's responses.
 */
import { z } from "zod";
import { ASSUMED } from "./assumed";

/** `OPEN | CONNECTING | CLOSE`; kept open-ended so a new state does not break a refresh. */
export const ConnectionState = z.string().min(1);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** `PILOT_STATUS | META | EVO_GO | …` — unknown providers stay strings. */
export const ProviderCode = z.string().min(1);

const IsoDate = z.string().min(1);

export const ApiKeySummary = z.looseObject({
  name: z.string(),
  keyPrefix: z.string(),
  keyLast4: z.string(),
});

/** GET /v1/numbers item. `number` is digits without `+` here. */
export const NumberSummary = z.looseObject({
  id: z.string().min(1),
  instanceName: z.string().optional(),
  number: z.string(),
  name: z.string(),
  provider: ProviderCode,
  apiKeys: z.array(ApiKeySummary).optional(),
  state: ConnectionState,
  isFullyConnected: z.boolean(),
  createdAt: IsoDate.optional(),
  updatedAt: IsoDate.optional(),
});
export type NumberSummary = z.infer<typeof NumberSummary>;

export const NumberList = z.array(NumberSummary);
export type NumberList = z.infer<typeof NumberList>;

/**
 * Health fields may be null for non-Meta numbers (ASSUMED); values are open strings. The one declaration of a
 * number's health: the resource outputs and the drift report take these fields (closed, without the wire's extras).
 */
export const HealthFields = {
  qualityRating: z.string().nullable(),
  messagingLimitTier: z.string().nullable(),
  metaStatus: z.string().nullable(),
  sendable: z.boolean().nullable(),
};
export const Health = z.looseObject(HealthFields);
export type Health = z.infer<typeof Health>;

export const MetaSnapshot = z.looseObject({
  fetchedAt: IsoDate.nullable(),
  phone: z.record(z.string(), z.unknown()).nullable().optional(),
  profile: z.record(z.string(), z.unknown()).nullable().optional(),
  waba: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type MetaSnapshot = z.infer<typeof MetaSnapshot>;

/** GET /v1/numbers/{id}. The detail example writes `number` as `+55…`. */
export const NumberDetail = NumberSummary.extend({
  health: Health.nullable().optional(),
  meta: MetaSnapshot.nullable().optional(),
});
export type NumberDetail = z.infer<typeof NumberDetail>;

/** GET /v1/numbers/{id}/status. Older edition had `{ id, state }`. */
export const NumberStatus = z.looseObject({
  id: z.string().optional(),
  state: ConnectionState,
  isFullyConnected: z.boolean().optional(),
});
export type NumberStatus = z.infer<typeof NumberStatus>;

/** `instance` in create responses (OLD shape: `status`, not `state`). */
export const CreatedInstance = z.looseObject({
  id: z.string().min(1),
  instanceName: z.string().optional(),
  number: z.string(),
  name: z.string(),
  status: ConnectionState.optional(),
  state: ConnectionState.optional(),
  provider: ProviderCode.optional(),
});
export type CreatedInstance = z.infer<typeof CreatedInstance>;

export const PairingMaterial = z.looseObject({
  qrcodeBase64: z.string().nullable(),
  pairingCode: z.string().nullable(),
});
export type PairingMaterial = z.infer<typeof PairingMaterial>;

/** POST /v1/numbers → 201. */
export const CreateNumberResponse = PairingMaterial.extend({
  instance: CreatedInstance,
  linkedApiKeyId: z.string().nullable().optional(),
});
export type CreateNumberResponse = z.infer<typeof CreateNumberResponse>;

export const CreateNumberRequest = z.object({
  name: z.string().min(1),
  number: z.string().min(1),
  linkToApiKey: z.boolean().optional(),
});
export type CreateNumberRequest = z.infer<typeof CreateNumberRequest>;

/** GET /v1/numbers/{id}/connect → 200. */
export const ConnectResponse = PairingMaterial;
export type ConnectResponse = z.infer<typeof ConnectResponse>;

const M = ASSUMED.metaCreateFields;
/** POST /v1/numbers/meta request; credential field names are ASSUMED. */
export const CreateMetaNumberRequest = z.object({
  name: z.string().min(1),
  number: z.string().min(1),
  metaPhoneId: z.string().min(1),
  [M.wabaId]: z.string().min(1),
  [M.accessToken]: z.string().min(1),
  [M.appSecret]: z.string().min(1).optional(),
});
export type CreateMetaNumberRequest = z.infer<typeof CreateMetaNumberRequest>;

const MR = ASSUMED.metaCreateResponseFields;
/** POST /v1/numbers/meta → 201 (ASSUMED shape). */
export const CreateMetaNumberResponse = z.looseObject({
  instance: CreatedInstance,
  [MR.webhookUrl]: z.string(),
  [MR.verifyToken]: z.string(),
});
export type CreateMetaNumberResponse = z.infer<typeof CreateMetaNumberResponse>;

/** The API's number providers a resource kind creates (resources/kinds.ts maps each kind to one). */
export const NumberProvider = z.enum(["PILOT_STATUS", "META"]);
export type NumberProvider = z.infer<typeof NumberProvider>;

export const RemotePairingRequest = z.object({
  provider: NumberProvider.optional(),
  name: z.string().min(1).optional(),
  number: z.string().min(1).optional(),
  sendViaWhatsApp: z.boolean().optional(),
  redirectUrl: z.string().optional(),
  externalRef: z.string().optional(),
  linkToApiKey: z.boolean().optional(),
  metaFlow: z.enum(["embedded", "credentials"]).optional(),
});
export type RemotePairingRequest = z.infer<typeof RemotePairingRequest>;

/** POST /v1/numbers/remote-pairing → 201. */
export const RemotePairingResponse = z.looseObject({
  instance: CreatedInstance,
  remotePairingUrl: z.string(),
  maskedNumber: z.string().nullable().optional(),
  messageSent: z.boolean().optional(),
});
export type RemotePairingResponse = z.infer<typeof RemotePairingResponse>;

export const DeleteResponse = z.looseObject({ ok: z.boolean() });
export type DeleteResponse = z.infer<typeof DeleteResponse>;

export const Call = z.looseObject({
  id: z.string().min(1),
  externalCallId: z.string().nullable().optional(),
  direction: z.string(),
  status: z.string(),
  peerNumber: z.string().nullable().optional(),
  durationSeconds: z.number().nullable().optional(),
  startedAt: IsoDate.nullable().optional(),
  connectedAt: IsoDate.nullable().optional(),
  endedAt: IsoDate.nullable().optional(),
  createdAt: IsoDate,
  updatedAt: IsoDate.optional(),
});
export type Call = z.infer<typeof Call>;

export const CallList = z.looseObject({ calls: z.array(Call) });
export type CallList = z.infer<typeof CallList>;

/** Every error body: `{ error, code? }`. */
export const ApiErrorBody = z.looseObject({
  error: z.string(),
  code: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
