#!/usr/bin/env node
/**
 * `pulumi-resource-pilotstatus`: the provider plugin the engine starts for a Pulumi program in any language (YAML,
 * Python, Go, ...). It serves the dynamic provider's own controllers and functions (core.ts; the wire: server.ts).
 */
import { pluginCore } from "./core";
import { servePlugin } from "./server";

servePlugin(pluginCore()).catch((e: unknown) => {
  process.stderr.write(`pulumi-resource-pilotstatus: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
