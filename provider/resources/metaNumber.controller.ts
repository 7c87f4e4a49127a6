/**
 * CRUD of `MetaNumber` inside the provider host. The access token and app secret go to the API once, at creation;
 * outputs keep them as secrets (so refresh, which sees only outputs, can return them as inputs) and their
 * fingerprint, which the diff compares.
 */
import { ASSUMED, type NumberDetail, type PilotStatusClient } from "../client";
import { type Redact, redactDeep, redactor } from "../client/redact";
import type { Props, ReadResult } from "../engine/controller";
import { FINGERPRINTED, changedSecrets, credentialsFingerprint } from "./credentialsFingerprint";
import { createOnce } from "./createRecovery";
import { type ResourceKind, providerOf } from "./kinds";
import { MetaNumberInputs, type MetaNumberOutputs } from "./metaNumber.schema";
import { NumberController, type UpdateRequest } from "./numberController";
import { adoptIfPresent, liveWabaId, outputsFromDetail, pick, readBackCreated } from "./numberLifecycle";
import { redactingErrors } from "./redactSecrets";

const TYPE = "MetaNumber" satisfies ResourceKind;
const PROVIDER = providerOf(TYPE);
const SECRET_KEYS: readonly string[] = FINGERPRINTED;
const F = ASSUMED.metaCreateFields;
/** Inputs the API never returns: an imported number's state lacks them. */
const WRITE_ONLY = ["metaPhoneId", ...FINGERPRINTED] as const;
const R = ASSUMED.metaCreateResponseFields;

interface WebhookOutputs {
  webhookUrl: string | null;
  verifyToken: string | null;
}

export class MetaNumberController extends NumberController<typeof MetaNumberInputs, MetaNumberOutputs> {
  constructor(client: (account?: string) => PilotStatusClient) {
    super(TYPE, MetaNumberInputs, client, SECRET_KEYS);
  }

  /** Secrets are compared by fingerprint: old outputs never hold them. */
  /**
   * An imported number (`pulumi import`) has in state none of what the API never returns: the Meta phone id and the
   * credentials. Nothing to compare them with, so what the program gives is taken as the number's, not as a change
   * (each would replace a working number).
   */
  protected override unknowable(olds: Props): readonly string[] {
    return typeof olds.credentialsFingerprint !== "string" && olds.accessToken === undefined ? WRITE_ONLY : [];
  }

  protected override decided(olds: Props, news: Props): Record<string, boolean> {
    const changed = changedSecrets(olds.credentialsFingerprint, {
      accessToken: asString(news.accessToken),
      appSecret: asString(news.appSecret),
    });
    return Object.fromEntries(FINGERPRINTED.map((k) => [k, changed.includes(k)]));
  }

  // Every operation that reaches the API reports nothing with the token or app secret in it, even if the API echoes
  // them: its errors are redacted, and so are the outputs filled from the API's answers.
  protected override guard<T>(handled: readonly Props[], op: () => Promise<T>): Promise<T> {
    return redactingErrors(secretsOf(handled), SECRET_KEYS, op);
  }

  protected async createNumber(args: MetaNumberInputs, inputs: Props): Promise<{ id: string; outs: MetaNumberOutputs }> {
    const redact = secretsOf([inputs]);
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
    const kept = { ...pick(args, this.keys.all), ...webhook, credentialsFingerprint: fingerprint(args) };
    const detail = await readBackCreated(client, result.id, kept, `${TYPE} ${args.number}`);
    const outs = this.outputs(args, detail, webhook, redact);
    return { id: outs.numberId, outs };
  }

  protected readNumber(id: string, props: Props, found: NumberDetail): ReadResult {
    const redact = secretsOf([props]);
    const detail = redactDeep(found, redact);
    const outs = { ...props, ...outputsFromDetail(detail), meta: metaOutput(detail), ...liveWaba(detail) };
    // The stored inputs become exactly these: the secrets come back from the outputs, the rest from the account.
    const inputs = { ...pick(props, this.keys.all), name: outs.name, number: outs.number, ...liveWaba(detail) };
    return { id, props: outs, inputs };
  }

  protected async updateNumber({ olds, news, args, detail }: UpdateRequest<MetaNumberInputs>): Promise<{ outs: MetaNumberOutputs }> {
    const redact = secretsOf([olds, news]);
    const webhook = { webhookUrl: asNullableString(olds.webhookUrl), verifyToken: asNullableString(olds.verifyToken) };
    return { outs: this.outputs(args, detail, webhook, redact) };
  }

  /** Outputs from the inputs and the API's answer (redacted: an echoed secret must not land in a plain output). */
  private outputs(args: MetaNumberInputs, found: NumberDetail, webhook: WebhookOutputs, redact: Redact): MetaNumberOutputs {
    const detail = redactDeep(found, redact);
    return {
      ...(pick(args, this.keys.all) as MetaNumberInputs),
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

/** Redacts the resource's own secrets, as each of `handled` (inputs, or outputs that keep them) holds them. */
function secretsOf(handled: readonly Props[]): Redact {
  return redactor(handled.flatMap((props) => SECRET_KEYS.map((k) => asString(props[k]))));
}

function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function asNullableString(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}
