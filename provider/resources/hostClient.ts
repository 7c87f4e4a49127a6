/**
 * The API client of the provider host process. `configure()` hands over the stack config; the client
 * is made on first use, so `check` and `diff` work (and fail clearly) without a key.
 */
import { PilotStatusClient } from "../client";
import { type ConfigSource, clientOptions, resolveSettings } from "../config";

let source: ConfigSource | undefined;
let client: PilotStatusClient | undefined;

export function configureHost(config: ConfigSource | undefined): void {
  source = config;
  client = undefined;
}

export function hostClient(env: NodeJS.ProcessEnv = process.env): PilotStatusClient {
  if (client === undefined) {
    client = new PilotStatusClient(clientOptions(resolveSettings(source, env)));
  }
  return client;
}
