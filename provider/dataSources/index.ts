/** Data sources: read-only lookups that run in the Pulumi program (dynamic providers cannot serve Invoke). */
export { programClient, programConfig, type ProgramClientOptions, type DataSourceOptions } from "./programClient";
export type { InputArgs } from "./args";
export { NumberDetailResult, NumberHealthResult, MetaSnapshotResult } from "./numberDetail";
export { getNumberHealth, getNumberHealthOutput, GetNumberHealthArgs, GetNumberHealthResult } from "./getNumberHealth";
export {
  getRecentCalls,
  getRecentCallsOutput,
  aggregateCalls,
  GetRecentCallsArgs,
  GetRecentCallsResult,
  RecentCall,
  CallAggregates,
} from "./getRecentCalls";
export { getNumbers, getNumbersOutput, GetNumbersArgs, GetNumbersResult, NumberListItem } from "./getNumbers";
export { getNumber, getNumberOutput, GetNumberArgs, GetNumberResult } from "./getNumber";
