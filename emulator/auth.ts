/**
 * API keys and scopes. `x-api-key` carries the raw `ps_` key; `x-api-key-id` names a key by id
 * (DOC 000). A key is tenant-scoped (numberId null) or bound to one number.
 */
import { ASSUMED } from "pulumi-pilotstatus/contract";
import { ApiError } from "./errors";
import type { KeyRecord, Store, TenantName } from "./state";

export interface Principal {
  keyId: string;
  tenant: TenantName;
  /** Set for number-scoped keys. */
  numberId: string | null;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === "" ? undefined : s.trim();
}

export function authenticate(store: Store, headers: Record<string, string | string[] | undefined>): Principal {
  const raw = header(headers, "x-api-key");
  const id = header(headers, "x-api-key-id");
  let key: KeyRecord | undefined;
  if (raw !== undefined) key = store.keyByRaw(raw);
  else if (id !== undefined) key = store.keyById(id);
  if (!key) throw new ApiError(401, ASSUMED.errorCodes.unauthorized, "Unauthorized");
  return { keyId: key.id, tenant: key.tenant, numberId: key.numberId };
}

/**
 * Per-number endpoints (/v1/calls*): a number key uses its own number; a tenant key must name one
 * of its numbers in `x-whatsapp-number-id` (PUBLIC, SDK >= 1.14), else 403.
 */
export function boundNumberId(store: Store, p: Principal, headers: Record<string, string | string[] | undefined>): string {
  if (p.numberId !== null) return p.numberId;
  const named = header(headers, ASSUMED.headers.numberId);
  if (named !== undefined && store.tenantHas(p.tenant, named)) return named;
  throw new ApiError(403, ASSUMED.errorCodes.tenantScopeNotAllowed, "Tenant-scoped keys cannot call number endpoints");
}
