/**
 * Every name the Pilot Status API uses that is NOT published (REFERENCE.md marks them ASSUMED).
 * The client and the emulator both read them from here, so when the real names become known
 * this file is the only one to change.
 */
export const ASSUMED = {
  /** POST /v1/numbers/meta credential fields (only name, number, metaPhoneId are published). */
  metaCreateFields: {
    wabaId: "metaWabaId",
    accessToken: "metaAccessToken",
    appSecret: "metaAppSecret",
  },
  /** POST /v1/numbers/meta response: `{ instance, webhookUrl, verifyToken }`. */
  metaCreateResponseFields: {
    webhookUrl: "webhookUrl",
    verifyToken: "verifyToken",
  },
  errorCodes: {
    /** Duplicate number in the tenant (unpublished): 409. */
    numberAlreadyExists: "NUMBER_ALREADY_EXISTS",
    /** /connect on a Meta number, /calls on an unsupported provider: 400. */
    featureNotSupported: "FEATURE_NOT_SUPPORTED",
    /** Number-scoped key on a tenant-only endpoint (PUBLIC name, unpublished endpoints). */
    numberScopeNotAllowed: "NUMBER_SCOPE_NOT_ALLOWED",
    tenantScopeNotAllowed: "TENANT_SCOPE_NOT_ALLOWED",
    notConnected: "WHATSAPP_INSTANCE_NOT_CONNECTED",
    callNotFound: "CALL_NOT_FOUND",
    numberNotFound: "NUMBER_NOT_FOUND",
    alreadyConnected: "ALREADY_CONNECTED",
    validation: "VALIDATION_ERROR",
    unauthorized: "UNAUTHORIZED",
    rateLimited: "RATE_LIMITED",
  },
  /** Rate-limit headers: only "429 Too many requests" is published. */
  headers: {
    retryAfter: "retry-after",
    /** Tenant key naming the number for per-number endpoints (PUBLIC, SDK >= 1.14). */
    numberId: "x-whatsapp-number-id",
  },
  /** Health value sets, borrowed from Meta's; any string is accepted on the wire. */
  qualityRatings: ["GREEN", "YELLOW", "RED", "UNKNOWN"],
  /** Meta numbers are OPEN once their credentials check out (no QR). */
  metaInitialState: "OPEN",
} as const;
