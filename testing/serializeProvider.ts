// The `__provider` string exactly as dynamic.Resource produces it: @pulumi/pulumi/dynamic/index.js calls
// runtime.serializeFunction(() => provider, { allowSecrets: true }) and stores `.text` (as a secret Output when
// `.containsSecrets`). The same public runtime function is called here; it needs no Pulumi runtime, settings or
// mocks — only the V8 inspector, which Node provides in every process.
import * as pulumi from "@pulumi/pulumi";

export interface SerializedProvider {
  /** What goes into `__provider`. */
  readonly text: string;
  /** True when the closure captured a secret Output (dynamic.Resource then marks `__provider` secret). */
  readonly containsSecrets: boolean;
}

export async function serializeProviderDetailed(provider: object): Promise<SerializedProvider> {
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return { text: sf.text, containsSecrets: sf.containsSecrets };
}

export async function serializeProvider(provider: object): Promise<string> {
  return (await serializeProviderDetailed(provider)).text;
}
