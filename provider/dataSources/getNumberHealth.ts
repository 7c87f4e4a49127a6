/** `getNumberHealth`: connection state, health and Meta snapshot of one number (GET /v1/numbers/{id}). */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type InputArgs, parseArgs } from "./args";
import { NumberDetailResult, toNumberDetailResult } from "./numberDetail";
import { type Connect, type DataSourceOptions, programConnect } from "./programClient";

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
  return queryNumberHealth(args, programConnect(opts));
}

/** getNumberHealth with any client (the program's or the plugin's). */
export async function queryNumberHealth(args: unknown, connect: Connect): Promise<GetNumberHealthResult> {
  const a = parseArgs(GetNumberHealthArgs, args, "getNumberHealth");
  return toNumberDetailResult(await connect().getNumber(a.numberId, { refresh: a.refresh }));
}

export function getNumberHealthOutput(
  args: InputArgs<GetNumberHealthArgs>,
  opts: DataSourceOptions = {},
): pulumi.Output<GetNumberHealthResult> {
  return pulumi.output(args).apply((a) => getNumberHealth(a, opts));
}
