/**
 * Removing secrets from text: each secret as written, and the forms an API or a proxy echoes it in (URL-encoded,
 * JSON-escaped), so "token=EAAG%2B..." or `"secret":"a\"b"` are caught too.
 */
export const REDACTED = "[redacted]";

function forms(secret: string): string[] {
  const out = new Set([secret]);
  try {
    out.add(encodeURIComponent(secret));
    out.add(encodeURIComponent(secret).replace(/%20/g, "+"));
  } catch {
    // a lone surrogate cannot be URL-encoded; the plain form is still redacted
  }
  out.add(JSON.stringify(secret).slice(1, -1));
  return [...out];
}

export type Redact = (text: string) => string;

/** A function that replaces every secret in `secrets` (empty ones ignored) by "[redacted]". */
export function redactor(secrets: readonly (string | undefined)[]): Redact {
  const all = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length > 0).flatMap(forms))];
  // Longest first, so a secret containing another is replaced whole.
  all.sort((a, b) => b.length - a.length);
  if (all.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const s of all) out = out.split(s).join(REDACTED);
    return out;
  };
}

/** `value` with every string in it (keys too) redacted; other values unchanged. */
export function redactDeep<T>(value: T, redact: Redact): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redact)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v, redact)])) as T;
  }
  return value;
}
