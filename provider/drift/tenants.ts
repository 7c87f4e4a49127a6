/**
 * Which tenants an audit reads, decided before any request. The declared numbers are grouped by the account they name
 * (the resource's `account`; none = the default account); each account used gets its key and base URL — the default
 * one from the settings (PILOT_STATUS_API_KEY / --base-url), a named one from the accounts file or object (shaped like
 * the stack config `pilotstatus:accounts`), else from PILOT_STATUS_API_KEY_<NAME> / PILOT_STATUS_BASE_URL_<NAME> —
 * and the accounts with the same key and base URL are one tenant, listed once. Refused here, each as one line that
 * never shows a key: a name that is not valid, an account with no key anywhere, the same number declared in two
 * accounts of one tenant.
 */
import {
  AccountError,
  type AccountsConfig,
  accountEnvVar,
  accountNameProblem,
  readAccountsConfig,
  resolveAccount,
  tenantIdentity,
} from "../accounts";
import { CONFIG_KEYS, type ConfigSource, ENV_VARS, type ProviderSettings } from "../config";
import type { AccountReader } from "./accountState";
import type { DeclaredNumber } from "./declaredNumber";
import { DriftInputError } from "./errors";
import { readInputFile, type InputFile } from "./readInputFile";
import { jsonErrorWhere, type StackSourceState } from "./stackState";
import { type SecretContext, shown, shownPath, shownResource } from "./shown";

/** An accounts file: a few accounts' settings; 1 MiB is thousands of them. */
export const ACCOUNTS_FILE: InputFile = {
  what: "accounts file",
  maxBytes: 1024 * 1024,
  advice: 'pass a regular JSON file such as {"acme": {"apiKey": "ps_..."}}',
};

/** Named accounts' settings, checked, with where they came from (for messages). */
export interface AccountsSource {
  accounts: AccountsConfig;
  /** "the accounts file accounts.json", "the accounts option". */
  label: string;
}

/** What readAccountsConfig says about the stack config, said about `label` instead. */
function relabel(e: AccountError, label: string): DriftInputError {
  const prefix = `The stack config ${CONFIG_KEYS.accounts}`;
  let rest = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : `: ${e.message}`;
  // ".acme.apiKey is not valid: ..." → ": acme.apiKey is not valid: ..."
  if (rest.startsWith(".")) rest = `: ${rest.slice(1)}`;
  return new DriftInputError(`${label}${rest}`);
}

/** Checks settings shaped like `pilotstatus:accounts` (JSON text) the way the provider does. */
export function parseAccounts(text: string, label: string): AccountsSource {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // Never quoted: the file holds keys.
    throw new DriftInputError(
      `${label} is not valid JSON (${jsonErrorWhere(e)}); expected {"<account>": {"apiKey": "ps_...", "baseUrl": "..."}}`,
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new DriftInputError(
      `${label} is not a JSON object; expected {"<account>": {"apiKey": "ps_...", "baseUrl": "..."}}, as the stack config ${CONFIG_KEYS.accounts}`,
    );
  }
  try {
    return { accounts: readAccountsConfig({ get: (k) => (k === CONFIG_KEYS.accounts ? text : undefined) }), label };
  } catch (e) {
    if (e instanceof AccountError) throw relabel(e, label);
    throw e;
  }
}

/** Reads an accounts file like the stack files (a regular file only, at most 1 MiB). */
export async function loadAccountsFile(path: string, ctx: SecretContext = {}): Promise<AccountsSource> {
  const text = await readInputFile(path, ACCOUNTS_FILE, ctx);
  return parseAccounts(text, `the accounts file ${shownPath(path, ctx)}`);
}

/** The accounts' keys, to redact should one ever reach a message. */
export function accountKeys(source: AccountsSource | undefined): string[] {
  return Object.values(source?.accounts ?? {}).flatMap((a) => (a.apiKey !== undefined ? [a.apiKey] : []));
}

/** One tenant to audit. */
export interface TenantPlan {
  /** Its accounts, the default (undefined) first, then names in order. */
  accounts: Array<string | undefined>;
  /** How to reach it: settings to build a client with, or the client the caller gave for the default account. */
  settings?: ProviderSettings;
  client?: AccountReader & { readonly baseUrl?: string };
  baseUrl: string;
  /** Where its key came from, for a rejected key's message (never the key). */
  keyFrom: string;
  /** How many declared numbers name its accounts. */
  declared: number;
}

export interface PlanOptions {
  /** The default account's settings (when a number names no account, or none is declared). */
  settings?: ProviderSettings | undefined;
  /** The default account's client, instead of settings. */
  client?: (AccountReader & { readonly baseUrl?: string }) | undefined;
  accounts?: AccountsSource | undefined;
  /** For PILOT_STATUS_API_KEY_<NAME>, PILOT_STATUS_BASE_URL_<NAME> and what a named account leaves out. */
  env: NodeJS.ProcessEnv;
}

/** A named account's key is set somewhere: in the accounts file or object, or in its environment variable. */
function keyOf(name: string, accounts: AccountsConfig, env: NodeJS.ProcessEnv): { from: string } | undefined {
  if (accounts[name]?.apiKey !== undefined) return { from: "file" };
  const v = env[accountEnvVar("apiKey", name)];
  return v !== undefined && v.trim() !== "" ? { from: accountEnvVar("apiKey", name) } : undefined;
}

const describeAccount = (a: string | undefined) => (a === undefined ? `the default account (${ENV_VARS.apiKey})` : `account "${a}"`);

/** "WhatsAppNumber "sales" of "numbers/prod" (prod.json)", and how many more. */
function usedBy(numbers: readonly DeclaredNumber[], ctx: SecretContext): string {
  const more = numbers.length - 1;
  return `declared by ${shownResource(numbers[0]!, ctx)}${more > 0 ? ` and ${more} more` : ""}`;
}

/**
 * The tenants to audit, in report order (the default account's first, then by account name). Throws DriftInputError
 * for anything the user must fix, before any request.
 */
export function planTenants(sources: readonly StackSourceState[], options: PlanOptions, ctx: SecretContext = {}): TenantPlan[] {
  const byAccount = new Map<string | undefined, DeclaredNumber[]>();
  for (const s of sources) {
    for (const d of s.numbers) {
      let list = byAccount.get(d.account);
      if (list === undefined) {
        list = [];
        byAccount.set(d.account, list);
      }
      list.push(d);
    }
  }
  // Nothing declared at all (--allow-empty): the default account, as before named accounts.
  if (byAccount.size === 0) byAccount.set(undefined, []);

  const names = [...byAccount.keys()].filter((a): a is string => a !== undefined).sort();
  for (const name of names) {
    const problem = accountNameProblem(name);
    if (problem) throw new DriftInputError(`${problem} (${usedBy(byAccount.get(name)!, ctx)})`);
  }

  const accounts = options.accounts?.accounts ?? {};
  const fileLabel = options.accounts?.label;
  const whereToSet = (name: string) =>
    `export ${accountEnvVar("apiKey", name)}=ps_... or give it in ${fileLabel ?? "an accounts file"} (--accounts-file), as {"${name}": {"apiKey": "ps_..."}}`;
  for (const name of names) {
    if (keyOf(name, accounts, options.env) !== undefined) continue;
    const configured = Object.keys(accounts).filter((n) => keyOf(n, accounts, options.env) !== undefined);
    const fromEnv = Object.keys(options.env)
      .filter((k) => k.startsWith(`${ENV_VARS.apiKey}_`) && options.env[k]?.trim())
      .map((k) => k.slice(ENV_VARS.apiKey.length + 1).toLowerCase());
    const known = [...new Set([...configured, ...fromEnv])].sort();
    const listed = known.length > 0 ? ` Accounts with a key: ${known.map((k) => shown(k, ctx)).join(", ")}.` : "";
    const what = accounts[name] === undefined ? `unknown account "${name}"` : `account "${name}" has no API key in ${fileLabel}`;
    throw new DriftInputError(`${what} (${usedBy(byAccount.get(name)!, ctx)}): ${whereToSet(name)}.${listed}`);
  }

  // What a named account leaves out (base URL, timeout) comes from the default settings, as in the provider.
  const fallback: ConfigSource = {
    get: (k) => {
      if (k === CONFIG_KEYS.accounts) return JSON.stringify(accounts);
      if (k === CONFIG_KEYS.baseUrl) return options.settings?.baseUrl;
      if (k === CONFIG_KEYS.requestTimeoutSeconds)
        return options.settings?.timeoutMs !== undefined ? String(options.settings.timeoutMs / 1000) : undefined;
      return undefined;
    },
  };

  interface Group {
    plan: TenantPlan;
    numbers: DeclaredNumber[];
  }
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  const join = (id: string, account: string | undefined, make: () => Omit<TenantPlan, "accounts" | "declared">) => {
    const numbers = byAccount.get(account)!;
    let g = groups.get(id);
    if (g === undefined) {
      g = { plan: { ...make(), accounts: [], declared: 0 }, numbers: [] };
      groups.set(id, g);
      order.push(g);
    }
    g.plan.accounts.push(account);
    g.plan.declared += numbers.length;
    g.numbers.push(...numbers);
  };

  if (byAccount.has(undefined)) {
    if (options.client !== undefined) {
      const client = options.client;
      join("default client", undefined, () => ({
        client,
        baseUrl: client.baseUrl ?? options.settings?.baseUrl ?? "",
        keyFrom: ENV_VARS.apiKey,
      }));
    } else if (options.settings !== undefined) {
      const settings = options.settings;
      join(tenantIdentity(settings), undefined, () => ({ settings, baseUrl: settings.baseUrl, keyFrom: ENV_VARS.apiKey }));
    } else {
      const numbers = byAccount.get(undefined)!;
      throw new DriftInputError(
        `auditDrift needs a client or settings${numbers.length > 0 ? ` for the default account (${usedBy(numbers, ctx)} names no account)` : ""}`,
      );
    }
  }
  for (const name of names) {
    const timeout = accounts[name]?.requestTimeoutSeconds;
    if (timeout !== undefined && !(Number(timeout) > 0 && Number.isFinite(Number(timeout)))) {
      const value = /^[-+\d.eE]{1,20}$/.test(String(timeout).trim())
        ? `, not ${String(timeout).trim()}`
        : " (the value given is not a number; not shown)";
      throw new DriftInputError(`${fileLabel}: ${name}.requestTimeoutSeconds must be a positive number of seconds, e.g. 30${value}`);
    }
    let settings: ProviderSettings;
    try {
      settings = resolveAccount(name, fallback, options.env);
    } catch (e) {
      // A bad PILOT_STATUS_REQUEST_TIMEOUT_SECONDS: the user's to fix; its message shows no secret (config.ts).
      throw new DriftInputError(`account "${name}": ${(e as Error).message}`);
    }
    const from = keyOf(name, accounts, options.env)!.from;
    join(tenantIdentity(settings), name, () => ({
      settings,
      baseUrl: settings.baseUrl,
      keyFrom: from === "file" ? `${name}.apiKey in ${fileLabel}` : from,
    }));
  }

  for (const g of order) checkDeclaredOnce(g.numbers, ctx);
  return order.map((g) => g.plan);
}

/** One tenant's numbers: a phone number (or a number id) declared under two of its accounts is refused. */
function checkDeclaredOnce(numbers: readonly DeclaredNumber[], ctx: SecretContext): void {
  const byNumber = new Map<string, DeclaredNumber>();
  const byId = new Map<string, DeclaredNumber>();
  for (const d of numbers) {
    for (const [index, key, what] of [
      [byNumber, d.number, `phone number ${d.number !== null && /^\+\d{4,15}$/.test(d.number) ? d.number : shown(d.number ?? "", ctx)}`],
      [byId, d.id, `number id ${shown(d.id, ctx)}`],
    ] as const) {
      if (key === null) continue;
      const first = index.get(key);
      if (first === undefined) {
        index.set(key, d);
        continue;
      }
      // The same account twice is another matter (two stacks, one number): a warning of the report, as before.
      if (first.account === d.account) continue;
      throw new DriftInputError(
        `the ${what} is declared in ${describeAccount(first.account)} by ${shownResource(first, ctx)} and in ${describeAccount(d.account)} by ` +
          `${shownResource(d, ctx)}; the two accounts have the same key and base URL, so they are one tenant. A number can be declared once ` +
          `per tenant: remove one of the two declarations (or give the accounts their own tenants' keys)`,
      );
    }
  }
}
