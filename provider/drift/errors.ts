/** A mistake in what the user gave (files, flags, stack names): reported as one line, exit 2. */
export class DriftInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DriftInputError";
  }
}

/**
 * A request of one tenant's audit failed, when the audit reads named accounts: `cause` is the client's error, `tenant`
 * names the tenant's accounts, `keyFrom` says where its key came from (an environment variable, the accounts file).
 */
export class TenantAuditError extends Error {
  constructor(
    readonly tenant: string,
    readonly keyFrom: string,
    cause: unknown,
  ) {
    super(`${tenant}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "TenantAuditError";
  }
}
