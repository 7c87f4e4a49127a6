// Loads the COMPILED harness and fixtures (dist/) with Node's own require: the provider host can only run CommonJS,
// and Pulumi's closure serializer must see the compiled functions, not vitest-transformed ones.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dist = path.join(repoRoot, "dist/testing");
const load = createRequire(import.meta.url);

function compiled<T>(rel: string): T {
  const file = path.join(dist, rel);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return load(file) as T;
}

export const providerHost = compiled<typeof import("../../testing/providerHost")>("providerHost.js");
export const programDriver = compiled<typeof import("../../testing/programDriver")>("programDriver.js");
export const serialize = compiled<typeof import("../../testing/serializeProvider")>("serializeProvider.js");
export const values = compiled<typeof import("../../testing/propertyValues")>("propertyValues.js");
export const rpcError = compiled<typeof import("../../testing/providerRpcError")>("providerRpcError.js");
export const greeting = compiled<typeof import("../../testing/fixtures/greeting")>("fixtures/greeting.js");
export const engineModel = compiled<typeof import("../../testing/engineModel")>("engineModel.js");
export const engineSdk = compiled<typeof import("../../testing/engine/sdk")>("engine/sdk.js");
export const engineLanguageHost = compiled<typeof import("../../testing/engine/languageHost")>("engine/languageHost.js");
export const echo = compiled<typeof import("../../testing/fixtures/echoProvider")>("fixtures/echoProvider.js");
export const thin = compiled<typeof import("../../testing/fixtures/thinLoader")>("fixtures/thinLoader.js");
export const pulumi = load("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
export const engineCli = compiled<typeof import("../../testing/engine/cli")>("engine/cli.js");
export const enginePulumi = compiled<typeof import("../../testing/engine/pulumi")>("engine/pulumi.js");
export const emulatorProcess = compiled<typeof import("../../testing/engine/emulatorProcess")>("engine/emulatorProcess.js");
