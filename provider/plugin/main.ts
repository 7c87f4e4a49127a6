#!/usr/bin/env node
/**
 * `pulumi-resource-pilotstatus`: the provider plugin the engine starts for a Pulumi program in any language (YAML,
 * Python, Go, ...). It serves the dynamic provider's own controllers and functions; see server.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configureHost } from "../resources/hostClient";
import { programClient } from "../dataSources/programClient";
import { FUNCTIONS } from "../dataSources/functions";
import { newControllers } from "../host";
import { packageRoot } from "../packageRoot";
import type { ConfigSource } from "../config";
import { providerConfigSource } from "./providerConfig";
import { servePlugin } from "./server";

let settings: ConfigSource | undefined;

void servePlugin({
  controllers: newControllers(),
  schema: () => readFileSync(join(packageRoot(), "schema.json"), "utf8"),
  configure(config) {
    settings = providerConfigSource(config);
    configureHost(settings);
  },
  invoke: (name, args) =>
    FUNCTIONS[name].run(args, (extra = {}) => programClient(extra, process.env, settings ?? { get: () => undefined })),
}).catch((e: unknown) => {
  process.stderr.write(`pulumi-resource-pilotstatus: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
