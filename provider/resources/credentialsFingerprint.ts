/**
 * One-way fingerprints of the Meta secrets, kept (as a secret output) so that a rotated token shows
 * as a change without the token itself ever being stored in outputs.
 */
import { createHash } from "node:crypto";

export const FINGERPRINTED = ["accessToken", "appSecret"] as const;
export type FingerprintedField = (typeof FINGERPRINTED)[number];

function digest(value: string | undefined): string {
  return value === undefined ? "-" : createHash("sha256").update(value).digest("hex").slice(0, 32);
}

/** "<sha256(accessToken)>:<sha256(appSecret) or ->" */
export function credentialsFingerprint(secrets: Partial<Record<FingerprintedField, string>>): string {
  return FINGERPRINTED.map((f) => digest(secrets[f])).join(":");
}

/** Which secrets differ between a stored fingerprint and new values (all of them when unknown). */
export function changedSecrets(stored: unknown, secrets: Partial<Record<FingerprintedField, string>>): FingerprintedField[] {
  if (typeof stored !== "string") return FINGERPRINTED.filter((f) => secrets[f] !== undefined);
  const parts = stored.split(":");
  return FINGERPRINTED.filter((f, i) => parts[i] !== digest(secrets[f]));
}
