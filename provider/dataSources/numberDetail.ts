/** The number detail that getNumberHealth and getNumber return: GET /v1/numbers/{id}, E.164 number. */
import { z } from "zod";
import type { NumberDetail, NumberSummary } from "../client";
import { normalizePhoneNumber } from "../phoneNumber";

const d = (description: string) => ({ description });

/** E.164 with "+"; an API value that is no phone number at all is passed through unchanged. */
export function toE164(raw: string): string {
  return normalizePhoneNumber(raw) ?? raw;
}

export const NumberHealthResult = z
  .object({
    qualityRating: z.string().nullable().meta(d("Meta quality rating (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`); null for QR numbers.")),
    messagingLimitTier: z.string().nullable().meta(d("Meta messaging limit tier, e.g. `TIER_1K`; null for QR numbers.")),
    metaStatus: z.string().nullable().meta(d("Meta phone status, e.g. `CONNECTED`, `FLAGGED`; null for QR numbers.")),
    sendable: z.boolean().nullable().meta(d("True when the number can send now.")),
  })
  .meta(d("Health of the number as Pilot Status reports it."));

export const MetaSnapshotResult = z
  .object({
    fetchedAt: z.string().nullable().meta(d("When the snapshot was fetched from Meta (ISO 8601).")),
    phone: z.record(z.string(), z.unknown()).nullable().meta(d("Meta's phone number object.")),
    profile: z.record(z.string(), z.unknown()).nullable().meta(d("WhatsApp business profile.")),
    waba: z.record(z.string(), z.unknown()).nullable().meta(d("WhatsApp Business Account.")),
  })
  .meta(d("Cached (or, with `refresh`, live) Meta snapshot; null for non-Meta numbers."));

/** Fields of one number as the list endpoint gives them. */
export const NumberSummaryShape = {
  numberId: z.string().meta(d("The number's id in Pilot Status.")),
  name: z.string().meta(d("Display name.")),
  number: z.string().meta(d("Phone number in E.164 (`+5511999999999`).")),
  provider: z.string().meta(d("`PILOT_STATUS` (QR-paired), `META` (Cloud API) or another provider code.")),
  state: z.string().meta(d("Connection state: `OPEN`, `CONNECTING` or `CLOSE`.")),
  isFullyConnected: z.boolean().meta(d("True when the number is ready to send.")),
};

export const NumberDetailResult = z.object({
  ...NumberSummaryShape,
  health: NumberHealthResult.nullable(),
  meta: MetaSnapshotResult.nullable(),
});
export type NumberDetailResult = z.infer<typeof NumberDetailResult>;

export function summaryFields(n: NumberSummary) {
  return {
    numberId: n.id,
    name: n.name,
    number: toE164(n.number),
    provider: n.provider,
    state: n.state,
    isFullyConnected: n.isFullyConnected,
  };
}

export function toNumberDetailResult(n: NumberDetail): NumberDetailResult {
  const h = n.health ?? null;
  const m = n.meta ?? null;
  return {
    ...summaryFields(n),
    health:
      h === null
        ? null
        : { qualityRating: h.qualityRating, messagingLimitTier: h.messagingLimitTier, metaStatus: h.metaStatus, sendable: h.sendable },
    meta:
      m === null
        ? null
        : { fetchedAt: m.fetchedAt, phone: m.phone ?? null, profile: m.profile ?? null, waba: m.waba ?? null },
  };
}
