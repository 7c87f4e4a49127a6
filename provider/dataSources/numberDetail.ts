/** The number detail that getNumberHealth and getNumber return: GET /v1/numbers/{id}, E.164 number. */
import { z } from "zod";
import type { NumberDetail, NumberSummary } from "../client";
import { toE164 } from "../phoneNumber";
import { HealthOutput, MetaSnapshotOutput, NumberOutputsShape, toHealthOutput } from "../resources/numberOutputs.schema";

const d = (description: string) => ({ description });

export { toE164 };

export const NumberHealthResult = HealthOutput;
export const MetaSnapshotResult = MetaSnapshotOutput;

const O = NumberOutputsShape;

/** Fields of one number as the list endpoint gives them: the resources' common outputs, described for a data source. */
export const NumberSummaryShape = {
  numberId: O.numberId.meta(d("The number's id in Pilot Status.")),
  name: z.string().meta(d("Display name.")),
  number: z.string().meta(d("Phone number in E.164 (`+5511999999999`).")),
  provider: O.provider.meta(d("`PILOT_STATUS` (QR-paired), `META` (Cloud API) or another provider code.")),
  state: O.state.meta(d("Connection state: `OPEN`, `CONNECTING` or `CLOSE`.")),
  isFullyConnected: O.isFullyConnected,
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
    health: h === null ? null : toHealthOutput(h),
    meta: m === null ? null : { fetchedAt: m.fetchedAt, phone: m.phone ?? null, profile: m.profile ?? null, waba: m.waba ?? null },
  };
}
