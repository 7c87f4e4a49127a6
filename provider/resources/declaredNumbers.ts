/**
 * Program side: one phone number may be declared once per tenant. Two accounts with the same key are one tenant, so
 * the same number under both (or twice under one) would have two resources fight over one number; refused when the
 * second is declared, before any request. Numbers still unknown (Outputs) are not checked here; the service's 409
 * still catches them.
 */
import * as runtimeState from "@pulumi/pulumi/runtime/state";
import { AccountError, resolveAccount, tenantIdentity } from "../accounts";
import { programConfig } from "../dataSources/programClient";
import { normalizePhoneNumber } from "../phoneNumber";

interface Claim {
  kind: string;
  resource: string;
  account: string | undefined;
}

// One registry per program run: test runners (and the mocks runtime) run several programs in one process, each with
// its own stack resource. The SDK marks getStackResource internal; without it, one registry per process.
const byRun = new WeakMap<object, Map<string, Claim>>();
const fallback = new Map<string, Claim>();

function registry(): Map<string, Claim> {
  const get = (runtimeState as { getStackResource?: () => object | undefined }).getStackResource;
  const run = get?.();
  if (run === undefined) return fallback;
  let r = byRun.get(run);
  if (r === undefined) {
    r = new Map();
    byRun.set(run, r);
  }
  return r;
}

const describeAccount = (a: string | undefined) => (a === undefined ? "the default account (pilotstatus:apiKey)" : `account "${a}"`);

export function claimNumber(kind: string, resource: string, account: string | undefined, number: unknown): void {
  if (typeof number !== "string") return;
  const e164 = normalizePhoneNumber(number);
  if (e164 === undefined) return; // check refuses it with the reason
  let tenant: string;
  try {
    tenant = tenantIdentity(resolveAccount(account, programConfig, process.env));
  } catch {
    return; // no key here: the provider host reports that, with what to do
  }
  const claims = registry();
  const key = `${tenant} ${e164}`;
  const first = claims.get(key);
  // The same resource declared again (a program run again in one process) is not a second declaration.
  if (first !== undefined && !(first.kind === kind && first.resource === resource)) {
    const same = first.account === account;
    throw new AccountError(
      `${kind} "${resource}" declares ${e164}, which "${first.resource}" already declares ` +
        (same
          ? `in ${describeAccount(account)}`
          : `in ${describeAccount(first.account)}; ${describeAccount(account)} uses the same key, so it is the same tenant`) +
        ". A number can be declared once per tenant: remove one of the two declarations (or give the account its own tenant's key).",
    );
  }
  claims.set(key, { kind, resource, account });
}
