/** Drift audit: compare the numbers Pulumi stacks declare with what the Pilot Status account has. */
export { auditDrift, loadSources, checkDeclaresSomething, DEFAULT_CONCURRENCY, AUDIT_RETRY, type AuditDriftOptions } from "./auditDrift";
export { compare, compareTenants, type AccountSnapshot, type CompareInput, type CompareTenantsInput, type TenantSnapshot } from "./compare";
export { planTenants, parseAccounts, loadAccountsFile, type TenantPlan, type AccountsSource } from "./tenants";
export { fetchAccountState, type AccountReader, type AuditProgress } from "./accountState";
export { parseStackExport, loadStackFile, StackExport, type StackSourceState } from "./stackState";
export { exportStack, type PulumiCliOptions } from "./pulumiCli";
export { IgnoreList, parseIgnoreEntry, parseIgnoreText, loadIgnoreFile, type IgnoreEntry } from "./ignoreList";
export { unhealthyReasons } from "./health";
export { DriftInputError, TenantAuditError } from "./errors";
export type { DeclaredNumber } from "./declaredNumber";
export * from "./report.schema";
export { renderTable } from "./render/table";
export { renderMarkdown } from "./render/markdown";
export { exitCodeOf, EXIT } from "./exitCode";
