/**
 * CRUD of `MetaNumber` inside the provider host. The access token and app secret go to the API once, at creation;
 * outputs keep them as secrets (so refresh, which sees only outputs, can return them as inputs) and their
 * fingerprint, which the diff compares.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ASSUMED, type NumberDetail, type PilotStatusClient } from "../client";
import { type Redact, redactDeep, redactor } from "../client/redact";
import { checkInputs, parseInputs } from "./checkInputs";
import { FINGERPRINTED, changedSecrets, credentialsFingerprint } from "./credentialsFingerprint";
import { createOnce } from "./createRecovery";
import { diffInputs } from "./diffInputs";
import { type ResourceKind, providerOf } from "./kinds";
import { accountOf, accountRefusal } from "./accountOf";
import { configureHost } from "./hostClient";
import { MetaNumberInputs, type MetaNumberOutputs } from "./metaNumber.schema";
import {
  adoptIfPresent,
  deleteNumber,
  missingNumber,
  liveWabaId,
  outputsFromDetail,
  pick,
  readBackCreated,
  readDetail,
} from "./numberLifecycle";
import { propertiesWhere } from "./propertyMeta";
import { redactingErrors } from "./redactSecrets";
import { replacementRefusals } from "./replacementGuard";

const TYPE = "MetaNumber" satisfies ResourceKind;
const PROVIDER = providerOf(TYPE);
const SECRET_KEYS: readonly string[] = FINGERPRINTED;
const INPUT_KEYS = Object.keys(MetaNumberInputs.shape);
const PLAIN_INPUT_KEYS = INPUT_KEYS.filter((k) => !SECRET_KEYS.includes(k));
const REPLACE_ON_CHANGE = propertiesWhere(MetaNumberInputs.shape, (m) => m.replaceOnChange);
const IN_PLACE = PLAIN_INPUT_KEYS.filter((k) => !REPLACE_ON_CHANGE.includes(k));
const F = ASSUMED.metaCreateFields;
const R = ASSUMED.metaCreateResponseFields;

type Props = Record<string, unknown>;
interface WebhookOutputs {
  webhookUrl: string | null;
  verifyToken: string | null;
}

export class MetaNumberController implements dynamic.ResourceProvider {
  constructor(private readonly client: (account?: string) => PilotStatusClient) {}

  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    configureHost(req.config);
  }

  async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
    const checked = checkInputs(MetaNumberInputs, news, TYPE);
    if (checked.failures.length > 0) return checked;
    const refused = accountRefusal(checked.inputs);
    if (refused) return { ...checked, failures: [refused] };
    const rules = { replaceOnChange: REPLACE_ON_CHANGE, secret: SECRET_KEYS, kind: TYPE } as const;
    return { ...checked, failures: replacementRefusals(olds, checked.inputs, rules) };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
    const changed = changedSecrets(olds.credentialsFingerprint, {
      accessToken: asString(news.accessToken),
      appSecret: asString(news.appSecret),
    });
    // Secrets are compared by fingerprint: old outputs never hold them.
    const decided = Object.fromEntries(FINGERPRINTED.map((k) => [k, changed.includes(k)]));
    return diffInputs(olds, news, { replaceOnChange: REPLACE_ON_CHANGE, inPlace: IN_PLACE, decided });
  }

  // Every operation that reaches the API reports nothing with the token or app secret in it, even if the API echoes
  // them: its errors are redacted, and so are the outputs filled from the API's answers.
  async create(inputs: Props): Promise<dynamic.CreateResult> {
    const redact = secretsOf(inputs);
    return redactingErrors(redact, SECRET_KEYS, () => this.createNumber(parseInputs(MetaNumberInputs, inputs, TYPE), redact));
  }

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    const redact = secretsOf(props);
    return redactingErrors(redact, SECRET_KEYS, () => this.readNumber(id, props, redact));
  }

  async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
    const redact = redactor([...secretValues(olds), ...secretValues(news)]);
    return redactingErrors(redact, SECRET_KEYS, () => this.updateNumber(id, olds, parseInputs(MetaNumberInputs, news, TYPE), redact));
  }

  async delete(id: string, props: Props): Promise<void> {
    await redactingErrors(secretsOf(props), SECRET_KEYS, () => deleteNumber(this.client(accountOf(props)), id));
  }

  private async createNumber(args: MetaNumberInputs, redact: Redact): Promise<dynamic.CreateResult> {
    const client = this.client(args.account);
    if (args.adoptExisting) {
      const declared = { name: args.name, number: args.number, provider: PROVIDER, wabaId: args.wabaId };
      const detail = await adoptIfPresent(client, declared, TYPE);
      if (detail) {
        // The service never returns the webhook settings again: they are in the dashboard.
        const outs = this.outputs(args, detail, { webhookUrl: null, verifyToken: null }, redact);
        return { id: outs.numberId, outs };
      }
    }
    const result = await createOnce(
      client,
      { number: args.number, name: args.name, provider: PROVIDER },
      () =>
        client.createMetaNumber({
          name: args.name,
          number: args.number,
          metaPhoneId: args.metaPhoneId,
          [F.wabaId]: args.wabaId,
          [F.accessToken]: args.accessToken,
          ...(args.appSecret !== undefined ? { [F.appSecret]: args.appSecret } : {}),
        }),
      (c) => c.instance.id,
    );
    // webhookUrl is a plain output: an echoed secret in it is redacted (verifyToken is a secret output itself).
    const webhook: WebhookOutputs = result.created
      ? { webhookUrl: redact(result.created[R.webhookUrl]), verifyToken: result.created[R.verifyToken] }
      : { webhookUrl: null, verifyToken: null };
    const kept = { ...pick(args, INPUT_KEYS), ...webhook, credentialsFingerprint: fingerprint(args) };
    const detail = await readBackCreated(client, result.id, kept, `${TYPE} ${args.number}`);
    const outs = this.outputs(args, detail, webhook, redact);
    return { id: outs.numberId, outs };
  }

  private async readNumber(id: string, props: Props, redact: Redact): Promise<dynamic.ReadResult> {
    const found = await readDetail(this.client(accountOf(props)), id);
    if (found === undefined) return missingNumber(TYPE, id, props);
    const detail = redactDeep(found, redact);
    const outs = { ...props, ...outputsFromDetail(detail), meta: metaOutput(detail), ...liveWaba(detail) };
    // The stored inputs become exactly these: the secrets come back from the outputs, the rest from the account.
    const inputs = { ...pick(props, INPUT_KEYS), name: outs.name, number: outs.number, ...liveWaba(detail) };
    return { id, props: outs, inputs };
  }

  private async updateNumber(id: string, olds: Props, args: MetaNumberInputs, redact: Redact): Promise<dynamic.UpdateResult> {
    const detail = await readDetail(this.client(args.account), id);
    if (detail === undefined) {
      throw new Error(
        `${TYPE} ${id} no longer exists in the tenant (deleted outside Pulumi). Run \`pulumi refresh\` to drop ` +
          "it from state; the next `pulumi up` creates it again.",
      );
    }
    const webhook = { webhookUrl: asNullableString(olds.webhookUrl), verifyToken: asNullableString(olds.verifyToken) };
    return { outs: this.outputs(args, detail, webhook, redact) };
  }

  /** Outputs from the inputs and the API's answer (redacted: an echoed secret must not land in a plain output). */
  private outputs(args: MetaNumberInputs, found: NumberDetail, webhook: WebhookOutputs, redact: Redact): MetaNumberOutputs {
    const detail = redactDeep(found, redact);
    return {
      ...(pick(args, INPUT_KEYS) as MetaNumberInputs),
      ...outputsFromDetail(detail),
      meta: metaOutput(detail),
      ...webhook,
      credentialsFingerprint: fingerprint(args),
    };
  }
}

/** The WABA id the account reports (when its snapshot has one), so `pulumi refresh` shows a change. */
function liveWaba(detail: NumberDetail): { wabaId?: string } {
  const id = liveWabaId(detail);
  return id === undefined ? {} : { wabaId: id };
}

function fingerprint(args: MetaNumberInputs): string {
  return credentialsFingerprint({ accessToken: args.accessToken, appSecret: args.appSecret });
}

function metaOutput(detail: NumberDetail): MetaNumberOutputs["meta"] {
  const m = detail.meta;
  if (!m) return null;
  return { fetchedAt: m.fetchedAt ?? null, phone: m.phone ?? null, profile: m.profile ?? null, waba: m.waba ?? null };
}

function secretValues(props: Props): (string | undefined)[] {
  return SECRET_KEYS.map((k) => asString(props[k]));
}

/** Redacts the resource's own secrets, as `props` (inputs, or outputs that keep them) hold them. */
function secretsOf(props: Props): Redact {
  return redactor(secretValues(props));
}

function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function asNullableString(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}
