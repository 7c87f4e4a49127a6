/** The tenants' well-known keys, so every run (and the CLI banner) shows the same ones. */
import type { TenantKeyConfig } from "./state";

export const DEFAULT_TENANT_KEY = "ps_emulator_tenant_default_key";
export const DEFAULT_TENANT_KEY_ID = "key_tenant_default";
export const OTHER_TENANT_KEY = "ps_emulator_tenant_other_key";
export const OTHER_TENANT_KEY_ID = "key_tenant_other";
export const TENANT_KEY_ENV = "PILOT_STATUS_EMULATOR_TENANT_KEY";

export function tenantKeys(env: NodeJS.ProcessEnv = process.env): TenantKeyConfig[] {
  const fromEnv = env[TENANT_KEY_ENV]?.trim();
  return [
    { tenant: "default", id: DEFAULT_TENANT_KEY_ID, raw: fromEnv ? fromEnv : DEFAULT_TENANT_KEY },
    { tenant: "other", id: OTHER_TENANT_KEY_ID, raw: OTHER_TENANT_KEY },
  ];
}
