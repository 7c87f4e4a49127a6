/** Outputs both number resources share: what GET /v1/numbers/{id} says about the number. */
import { z } from "zod";
import { type Health, HealthFields } from "../client/schemas";
import { describe, describeEach } from "../engine/propertyMeta";

const d = (description: string) => ({ description });

// The wire's health fields, closed (the wire object is loose) and described for schema.json.
export const HealthOutput = z
  .object(
    describeEach(HealthFields, {
      qualityRating: "Meta quality rating (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`); null for QR numbers.",
      messagingLimitTier: "Meta messaging limit tier, e.g. `TIER_1K`; null for QR numbers.",
      metaStatus: "Meta phone status, e.g. `CONNECTED`, `FLAGGED`; null for QR numbers.",
      sendable: "True when the number can send now.",
    }),
  )
  .meta({ title: "Health", description: "Health of a number as Pilot Status reports it." });
export type HealthOutput = z.infer<typeof HealthOutput>;

const HEALTH_KEYS = Object.keys(HealthFields) as (keyof HealthOutput)[];

/** The output health of a wire health: its declared fields only, so a field the service adds never reaches state. */
export function toHealthOutput(h: Health): HealthOutput {
  return Object.fromEntries(HEALTH_KEYS.map((k) => [k, h[k]])) as HealthOutput;
}

export const MetaSnapshotOutput = z
  .object({
    fetchedAt: z.string().nullable().meta(d("When the snapshot was fetched from Meta (ISO 8601).")),
    phone: z.record(z.string(), z.unknown()).nullable().meta(d("Meta's phone number object.")),
    profile: z.record(z.string(), z.unknown()).nullable().meta(d("WhatsApp business profile.")),
    waba: z.record(z.string(), z.unknown()).nullable().meta(d("WhatsApp Business Account.")),
  })
  .meta({ title: "MetaSnapshot", description: "Meta Graph snapshot of a Cloud API number, cached by Pilot Status." });
export type MetaSnapshotOutput = z.infer<typeof MetaSnapshotOutput>;

export const NumberOutputsShape = {
  numberId: describe(z.string(), { description: "The number's id in Pilot Status (also the resource id)." }),
  instanceName: describe(z.string().nullable(), { description: "Pilot Status instance name." }),
  provider: describe(z.string(), { description: "`PILOT_STATUS` (QR-paired) or `META` (Cloud API)." }),
  state: describe(z.string(), {
    description: "Connection state: `OPEN`, `CONNECTING` or `CLOSE`, as of the last create or refresh.",
  }),
  isFullyConnected: describe(z.boolean(), { description: "True when the number is ready to send." }),
  createdAt: describe(z.string().nullable(), { description: "When the number was created (ISO 8601)." }),
  updatedAt: describe(z.string().nullable(), { description: "When the number last changed (ISO 8601)." }),
  health: describe(HealthOutput.nullable(), {
    description: "Quality rating, messaging tier, Meta status and `sendable` (fields null for QR numbers).",
  }),
};

/** The common outputs as one object: their type for the controllers and the program-side class. */
export const NumberOutputs = z.object(NumberOutputsShape);
export type NumberOutputs = z.infer<typeof NumberOutputs>;
