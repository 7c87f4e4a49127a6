/**
 * The API contract without the client: the wire schemas, the ASSUMED names and the zod-issue wording. The emulator
 * package implements this contract and imports it by name (`pulumi-pilotstatus/contract`), so the compiler checks the
 * emulator against the client, and the emulator loads neither got nor the scheduler.
 */
export * from "./schemas";
export { ASSUMED } from "./assumed";
export { MAX_ISSUES, describeIssues, issuePath, issueReason, unknownKeys } from "./zodIssues";
