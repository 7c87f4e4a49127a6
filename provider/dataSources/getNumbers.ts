/** `getNumbers`: every number of the tenant (GET /v1/numbers; cached connection state). */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type InputArgs, parseArgs } from "./args";
import { NumberSummaryShape, summaryFields } from "./numberDetail";
import { type Connect, type DataSourceOptions, programConnect } from "./programClient";

export const GetNumbersArgs = z.strictObject({});
export type GetNumbersArgs = z.input<typeof GetNumbersArgs>;

export const NumberListItem = z
  .object({
    ...NumberSummaryShape,
    instanceName: z.string().nullable().meta({ description: "Pilot Status instance name." }),
    createdAt: z.string().nullable().meta({ description: "When the number was created (ISO 8601)." }),
    updatedAt: z.string().nullable().meta({ description: "When the number last changed (ISO 8601)." }),
  })
  .meta({ title: "NumberSummary", description: "One number as the tenant's list gives it." });
export type NumberListItem = z.infer<typeof NumberListItem>;

export const GetNumbersResult = z.object({
  numbers: z.array(NumberListItem).meta({ description: "The tenant's numbers, in the API's order." }),
});
export type GetNumbersResult = z.infer<typeof GetNumbersResult>;

export async function getNumbers(args: GetNumbersArgs = {}, opts: DataSourceOptions = {}): Promise<GetNumbersResult> {
  return queryNumbers(args, programConnect(opts));
}

/** getNumbers with any client (the program's or the plugin's). */
export async function queryNumbers(args: unknown, connect: Connect): Promise<GetNumbersResult> {
  parseArgs(GetNumbersArgs, args, "getNumbers");
  const list = await connect().listNumbers();
  return {
    numbers: list.map((n) => ({
      ...summaryFields(n),
      instanceName: n.instanceName ?? null,
      createdAt: n.createdAt ?? null,
      updatedAt: n.updatedAt ?? null,
    })),
  };
}

export function getNumbersOutput(args: InputArgs<GetNumbersArgs> = {}, opts: DataSourceOptions = {}): pulumi.Output<GetNumbersResult> {
  return pulumi.output(args).apply((a) => getNumbers(a, opts));
}
