/**
 * `Account`: a Pilot Status tenant named in a program, passed to resources (`account: acme`) and data sources.
 * Like an explicit provider of pulumi-github or the Terraform providers, but it carries only its name: the key stays
 * in the stack config (or the environment) of each process that needs it, so nothing secret reaches `__provider`
 * or the state, and refresh and destroy find the key from the stored configuration by the name.
 */
import { AccountError, resolveAccount } from "./accounts";
import { programConfig } from "./dataSources/programClient";

export class Account {
  readonly name: string;

  /** Fails at once, before any request, when the name is not valid or no key is configured for it. */
  constructor(name: string) {
    resolveAccount(name, programConfig, process.env);
    this.name = name;
  }

  toString(): string {
    return `Account(${this.name})`;
  }
}

/** An `account` argument as resources and data sources store it: the name. */
export function accountName(account: Account | string | undefined): string | undefined {
  if (account === undefined || account instanceof Account) return account?.name;
  if (typeof account === "string") return account;
  throw new AccountError(`account must be an Account or an account name (got ${typeof account})`);
}
