/**
 * A resource's own secrets (a Meta access token and app secret) out of everything it reports: the error of any
 * operation (message, stack, the API's text, a partial failure's reasons and properties) and the outputs filled
 * from the API's answers. The client already redacts them from the request that carries them; this covers the
 * requests that do not (a read-back, a refresh) and anything the API echoes in a 2xx answer.
 */
import { PilotStatusError } from "../client";
import { type Redact, redactDeep } from "../client/redact";
import { PartialFailure } from "../engine/partialFailure";

/** `e`, with every text in it redacted; `keep` names the properties that hold the secrets on purpose (secret outputs). */
export function redactError(e: unknown, redact: Redact, keep: readonly string[]): unknown {
  if (!(e instanceof Error)) return typeof e === "string" ? redact(e) : e;
  e.message = redact(e.message);
  if (e.stack !== undefined) e.stack = redact(e.stack);
  if (e instanceof PilotStatusError && e.apiError !== undefined) {
    (e as { apiError: string | undefined }).apiError = redact(e.apiError);
  }
  if (e instanceof PartialFailure) {
    e.reasons.splice(0, e.reasons.length, ...e.reasons.map(redact));
    for (const [key, value] of Object.entries(e.properties)) {
      if (!keep.includes(key)) e.properties[key] = redactDeep(value, redact);
    }
  }
  return e;
}

/** Runs `op`; whatever it throws leaves with the secrets redacted. */
export async function redactingErrors<T>(redact: Redact, keep: readonly string[], op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw redactError(e, redact, keep);
  }
}
