export { PilotStatusClient, type PilotStatusClientOptions, type ListCallsOptions } from "./client";
export { PilotStatusError, type PilotStatusErrorKind } from "./errors";
export type { IterateCallsOptions } from "./calls";
export { DEFAULT_RETRY, type RetryOptions, type RetryEvent } from "./retry";
export { DEFAULT_BASE_URL } from "./baseUrl";
export * from "./schemas";
export { ASSUMED } from "./assumed";
