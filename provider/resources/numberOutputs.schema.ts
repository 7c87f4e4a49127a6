/** Outputs both number resources share: what GET /v1/numbers/{id} says about the number. */
import { z } from "zod";
import { describe } from "./propertyMeta";

export const HealthOutput = z
  .object({
    qualityRating: z.string().nullable(),
    messagingLimitTier: z.string().nullable(),
    metaStatus: z.string().nullable(),
    sendable: z.boolean().nullable(),
  })
  .meta({ title: "Health", description: "Health of a number: quality rating, messaging tier, Meta status, sendable." });
export type HealthOutput = z.infer<typeof HealthOutput>;

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
