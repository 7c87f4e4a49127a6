/**
 * The API clients of the provider host process, one per account (accounts.ts; undefined = the default settings).
 * `configure()` hands over the stack config; a client is made on first use, so `check` and `diff` work (and fail
 * clearly) without a key.
 */
import { PilotStatusClient } from "../client";
import { resolveAccount } from "../accounts";
import { type ConfigSource, clientOptions } from "../config";

let source: ConfigSource | undefined;
const clients = new Map<string | undefined, PilotStatusClient>();

export function configureHost(config: ConfigSource | undefined): void {
  source = config;
  clients.clear();
}

export function hostClient(account?: string, env: NodeJS.ProcessEnv = process.env): PilotStatusClient {
  let client = clients.get(account);
  if (client === undefined) {
    client = new PilotStatusClient(clientOptions(resolveAccount(account, source, env)));
    clients.set(account, client);
  }
  return client;
}

/** Check's question: is `account` usable here? The problem (unknown name, no key) as a message, or undefined. */
export function accountProblem(account: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (account === undefined) return undefined;
  try {
    resolveAccount(account, source, env);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
