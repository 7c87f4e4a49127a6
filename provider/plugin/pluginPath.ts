#!/usr/bin/env node
/** `npm run -s plugin:path`: the folder the engine runs the provider plugin from (`pulumi package get-schema <it>`). */
import { join } from "node:path";
import { packageRoot } from "../packageRoot";

export const pluginFolder = (): string => join(packageRoot(), "plugin");

if (require.main === module) process.stdout.write(`${pluginFolder()}\n`);
