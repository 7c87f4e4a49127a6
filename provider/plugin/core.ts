/**
 * What the plugin serves, wired once: every kind's controller (the dynamic face's own), the functions' registry with
 * the process's client, schema.json, and Configure's settings for both. main.ts serves it; tests and the benchmark
 * use the same.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ConfigSource } from "../config";
import { FUNCTIONS } from "../dataSources/functions";
import { programClient } from "../dataSources/programClient";
import { newControllers } from "../host";
import { packageRoot } from "../packageRoot";
import { configureHost } from "../resources/hostClient";
import { providerConfigSource } from "./providerConfig";
import type { PluginCore } from "./server";

export function pluginCore(): PluginCore {
  // Until Configure: nothing from config, so the environment alone (as the dynamic face without stack config).
  let settings: ConfigSource = { get: () => undefined };
  return {
    controllers: newControllers(),
    schema: () => readFileSync(join(packageRoot(), "schema.json"), "utf8"),
    configure(config) {
      settings = providerConfigSource(config);
      configureHost(settings);
    },
    invoke: (name, args) => FUNCTIONS[name].run(args, (extra = {}) => programClient(extra, process.env, settings)),
  };
}
