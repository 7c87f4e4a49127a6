/**
 * Secrets across the plugin's wire. The plugin accepts secrets (Configure says so), so the engine sends a secret as
 * `{ [specialSigKey]: specialSecretSig, value }`; the controllers work on plain values, and the plugin marks what it
 * returns: every property that came in secret, and every property the kind's schema declares secret (pairing codes,
 * tokens), so no secret reaches state or a program in plaintext.
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import type { Props } from "../engine/controller";

export type { Props };

const isSecret = (v: unknown): v is { value: unknown } =>
  typeof v === "object" && v !== null && (v as Record<string, unknown>)[specialSigKey] === specialSecretSig;

export const secret = (value: unknown): Props => ({ [specialSigKey]: specialSecretSig, value });

/** The value with every secret wrapper removed, at any depth. */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  }
  return value;
}

/** The top-level keys whose value is (or holds) a secret. */
export function secretKeys(props: Props): string[] {
  const holds = (v: unknown): boolean =>
    isSecret(v) || (Array.isArray(v) ? v.some(holds) : typeof v === "object" && v !== null && Object.values(v).some(holds));
  return Object.keys(props).filter((k) => holds(props[k]));
}

/** `props` with each of `keys` (when present and not null) wrapped as a secret. */
export function conceal(props: Props, keys: Iterable<string>): Props {
  const out: Props = { ...props };
  for (const k of keys) {
    if (out[k] !== undefined && out[k] !== null && !isSecret(out[k])) out[k] = secret(out[k]);
  }
  return out;
}
