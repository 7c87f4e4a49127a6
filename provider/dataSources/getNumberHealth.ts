/** `getNumberHealth`: connection state, health and Meta snapshot of one number (GET /v1/numbers/{id}). */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type InputArgs, parseArgs } from "./args";
import { NumberDetailResult, toNumberDetailResult } from "./numberDetail";
import { type DataSourceOptions, programClient } from "./programClient";

export const GetNumberHealthArgs = z.strictObject({
  numberId: z.string().trim().min(1, "must not be empty").meta({ description: "Id of the number in Pilot Status." }),
  refresh: z
    .boolean()
    .default(false)
    .meta({ description: "Fetch live from Meta (`?refresh=1`) and store the snapshot, instead of the cached one." }),
});
export type GetNumberHealthArgs = z.input<typeof GetNumberHealthArgs>;

export const GetNumberHealthResult = NumberDetailResult;
export type GetNumberHealthResult = z.infer<typeof GetNumberHealthResult>;

export async function getNumberHealth(args: GetNumberHealthArgs, opts: DataSourceOptions = {}): Promise<GetNumberHealthResult> {
  const a = parseArgs(GetNumberHealthArgs, args, "getNumberHealth");
  const client = programClient(opts);
  return toNumberDetailResult(await client.getNumber(a.numberId, { refresh: a.refresh }));
}

export function getNumberHealthOutput(
  args: InputArgs<GetNumberHealthArgs>,
  opts: DataSourceOptions = {},
): pulumi.Output<GetNumberHealthResult> {
  return pulumi.output(args).apply((a) => getNumberHealth(a, opts));
}
