/**
 * Program side: a key set with `pulumi config set` (no --secret) is plain text in Pulumi.<stack>.yaml and in the
 * state, where the engine stores the whole stack config as the default provider's inputs. Say so once per run.
 */
import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { CONFIG_KEYS } from "../config";

let warned = false;

export function warnIfKeyInPlaintext(): void {
  if (warned) return;
  warned = true;
  // The SDK marks it internal; without it (another SDK version) there is simply no warning.
  const isSecret = (runtimeConfig as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  if (isSecret === undefined) return;
  const key = CONFIG_KEYS.apiKey;
  if (runtimeConfig.getConfig(key) !== undefined && !isSecret(key)) {
    void pulumi.log.warn(
      `${key} is set in plain text: it is stored unencrypted in Pulumi.<stack>.yaml and, with the provider's ` +
        `configuration, in the stack's state. Encrypt it with \`pulumi config set --secret ${key} <the same key>\`.`,
    );
  }
  // A structured value is secret as a whole as soon as one leaf is: plain means no account key is encrypted.
  const accounts = CONFIG_KEYS.accounts;
  if (runtimeConfig.getConfig(accounts)?.includes('"apiKey"') && !isSecret(accounts)) {
    void pulumi.log.warn(
      `${accounts} holds API keys in plain text: they are stored unencrypted in Pulumi.<stack>.yaml and in the stack's ` +
        `state. Set each with \`pulumi config set --secret --path '${accounts}.<name>.apiKey' <the same key>\`.`,
    );
  }
}
