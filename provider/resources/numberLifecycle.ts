/**
 * What both number controllers do the same way: read a number into outputs, find one by phone
 * number, recover a create whose outcome is unknown, adopt, delete, and report partial failures.
 */
import { type NumberDetail, type NumberSummary, type PilotStatusClient, PilotStatusError } from "../client";
import { normalizePhoneNumber } from "../phoneNumber";
import { quote } from "../client/text";
import { PartialFailure } from "../engine/partialFailure";
import { summaryFields } from "../dataSources/numberDetail";
import { type NumberOutputs as CommonOutputs, toHealthOutput } from "./numberOutputs.schema";

/** The most characters of a name a message repeats (a declared name has at most 100). */
const MAX_NAME_ECHO = 100;

/** A number's name for a message: the account's names are not validated, so escaped (controls, bidi) and capped. */
export function quoteName(name: string): string {
  return quote(name, MAX_NAME_ECHO);
}

/** The outputs both resources derive from GET /v1/numbers/{id}: the common outputs, and name and number as read. */
export type NumberOutputs = CommonOutputs & { name: string; number: string };

export function outputsFromDetail(detail: NumberDetail): NumberOutputs {
  const h = detail.health;
  return {
    // summaryFields writes the number as "+digits" (the API writes either), so a refresh shows no false diff.
    ...summaryFields(detail),
    instanceName: detail.instanceName ?? null,
    createdAt: detail.createdAt ?? null,
    updatedAt: detail.updatedAt ?? null,
    health: h ? toHealthOutput(h) : null,
  };
}

/** GET one number; undefined when the tenant no longer has it. */
export async function readDetail(client: PilotStatusClient, id: string): Promise<NumberDetail | undefined> {
  try {
    return await client.getNumber(id);
  } catch (e) {
    if (PilotStatusError.isNotFound(e)) return undefined;
    throw e;
  }
}

export async function findByPhone(client: PilotStatusClient, e164: string): Promise<NumberSummary | undefined> {
  const numbers = await client.listNumbers();
  return numbers.find((n) => normalizePhoneNumber(n.number) === e164);
}

/** Read a number just created; a failure from here on must keep its id (and what `kept` holds) in state. */
export async function readBackCreated(
  client: PilotStatusClient,
  id: string,
  kept: Record<string, unknown>,
  what: string,
): Promise<NumberDetail> {
  try {
    const detail = await readDetail(client, id);
    if (detail !== undefined) return detail;
    throw new Error("the service does not find it right after creating it");
  } catch (e) {
    throw new PartialFailure(
      id,
      { ...kept, numberId: id },
      `${what} was created (${id}) but reading it back failed: ${(e as Error).message.replace(/\.+$/, "")}. It is kept in state; ` +
        "run `pulumi up` again to finish.",
    );
  }
}

/** What a declaration fixes about a number; `wabaId` only for Meta numbers. */
export interface AdoptionTarget {
  name: string;
  number: string;
  provider: string;
  wabaId?: string;
}

/** WABA id of a Meta number as its cached snapshot reports it, if it does. */
export function liveWabaId(detail: NumberDetail): string | undefined {
  const id = detail.meta?.waba?.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** Fields the declaration fixes, compared with the live number before adopting it. */
export function adoptionMismatches(live: NumberDetail, declared: AdoptionTarget): string[] {
  const out: string[] = [];
  if (live.provider !== declared.provider) out.push(`provider is ${live.provider}, declared ${declared.provider}`);
  if (live.name !== declared.name) out.push(`name is ${quoteName(live.name)}, declared ${quoteName(declared.name)}`);
  const waba = liveWabaId(live);
  if (declared.wabaId !== undefined && waba !== undefined && waba !== declared.wabaId) {
    out.push(`WABA id is ${waba}, declared ${declared.wabaId}`);
  }
  return out;
}

/**
 * The number to adopt, refusing one that differs from the declaration; undefined when the tenant has none, so the
 * caller creates it (a replacement of an adopted number deletes it first and must still end with a number).
 */
export async function adoptIfPresent(
  client: PilotStatusClient,
  declared: AdoptionTarget,
  resourceType: string,
): Promise<NumberDetail | undefined> {
  const found = await findByPhone(client, declared.number);
  if (found === undefined) return undefined;
  const detail = await client.getNumber(found.id);
  const mismatches = adoptionMismatches(detail, declared);
  if (mismatches.length > 0) {
    throw new Error(
      `${resourceType}: refusing to adopt ${declared.number} (${found.id}): ${mismatches.join("; ")}. ` +
        "Make the declaration match the live number, then run `pulumi up` again.",
    );
  }
  return detail;
}

/**
 * Read's answer for a number the tenant no longer has. Refresh (old outputs in hand) drops it from state: an empty id
 * is the engine's "gone". A `get` (nothing but the serialized provider in hand) must fail instead: the engine would
 * otherwise record an empty resource and the program would run on with null outputs.
 */
export function missingNumber(resourceType: string, id: string, props: Record<string, unknown>): { id: ""; props: Record<string, never> } {
  if (props.numberId === undefined) {
    throw new Error(
      `${resourceType}.get: this Pilot Status tenant has no number ${id}. Check the id (\`pilotstatus drift\` ` +
        "and the dashboard list the tenant's numbers) and that the configured key belongs to this tenant.",
    );
  }
  return { id: "", props: {} };
}

/** DELETE; a number already gone counts as deleted. */
export async function deleteNumber(client: PilotStatusClient, id: string): Promise<void> {
  try {
    await client.deleteNumber(id);
  } catch (e) {
    if (PilotStatusError.isNotFound(e)) return;
    throw e;
  }
}

/** Pick `keys` from `source`, leaving out absent ones (Struct values cannot be undefined). */
export function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
