/**
 * pulumi-pilotstatus: Pilot Status WhatsApp numbers as Pulumi resources, data sources and a drift audit.
 */
import type * as api from "./index";
import type { ResourceKind } from "./resources/kinds";
export { WhatsAppNumber, type WhatsAppNumberArgs } from "./resources/whatsAppNumber";
export { Account } from "./account";
export { MetaNumber, type MetaNumberArgs } from "./resources/metaNumber";
export type { HealthOutput } from "./resources/numberOutputs.schema";
export { typeToken } from "./resources/typeTokens";
export { CONFIG_KEYS, ENV_VARS, DEFAULT_BASE_URL } from "./config";
export { PilotStatusClient, PilotStatusError } from "./client";
export * from "./dataSources";
export { auditDrift, type AuditDriftOptions } from "./drift";
export { normalizePhoneNumber } from "./phoneNumber";

/** Compile-time only: every kind of resources/kinds.ts is exported above by its name (the compiler points here if not). */
// biome-ignore lint/correctness/noUnusedVariables: never used; it exists for the compiler to check.
type EveryKindExported = Pick<typeof api, ResourceKind>;
