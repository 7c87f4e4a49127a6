/**
 * CRUD of `WhatsAppNumber` inside the provider host. The API has no update endpoint, so every API
 * field replaces; `update` only refreshes outputs (and resumes a wait for pairing).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { PilotStatusClient } from "../client";
import { checkInputs, parseInputs } from "./checkInputs";
import { createOnce } from "./createRecovery";
import { diffInputs } from "./diffInputs";
import { type ResourceKind, providerOf } from "./kinds";
import { accountOf, accountRefusal } from "./accountOf";
import { configureHost } from "./hostClient";
import {
  PartialFailure,
  adoptIfPresent,
  deleteNumber,
  missingNumber,
  outputsFromDetail,
  pick,
  readBackCreated,
  readDetail,
} from "./numberLifecycle";
import { propertiesWhere } from "./propertyMeta";
import { replacementRefusals } from "./replacementGuard";
import { type WaitSettings, waitUntilOpen } from "./waitUntilOpen";
import { WhatsAppNumberInputs, type WhatsAppNumberOutputs } from "./whatsAppNumber.schema";

const TYPE = "WhatsAppNumber" satisfies ResourceKind;
const PROVIDER = providerOf(TYPE);
const INPUT_KEYS = Object.keys(WhatsAppNumberInputs.shape);
const REPLACE_ON_CHANGE = propertiesWhere(WhatsAppNumberInputs.shape, (m) => m.replaceOnChange);
const IN_PLACE = INPUT_KEYS.filter((k) => !REPLACE_ON_CHANGE.includes(k));

type Props = Record<string, unknown>;
interface PairingOutputs {
  qrcodeBase64: string | null;
  pairingCode: string | null;
  remotePairingUrl: string | null;
  linkedApiKeyId: string | null;
}
const NO_PAIRING: PairingOutputs = { qrcodeBase64: null, pairingCode: null, remotePairingUrl: null, linkedApiKeyId: null };

export class WhatsAppNumberController implements dynamic.ResourceProvider {
  constructor(
    private readonly client: (account?: string) => PilotStatusClient,
    private readonly wait: WaitSettings = {},
  ) {}

  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    configureHost(req.config);
  }

  async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
    const checked = checkInputs(WhatsAppNumberInputs, news, TYPE);
    if (checked.failures.length > 0) return checked;
    const refused = accountRefusal(checked.inputs);
    if (refused) return { ...checked, failures: [refused] };
    return {
      ...checked,
      failures: replacementRefusals(olds, checked.inputs, { replaceOnChange: REPLACE_ON_CHANGE, secret: [], kind: TYPE }),
    };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
    return diffInputs(olds, news, { replaceOnChange: REPLACE_ON_CHANGE, inPlace: IN_PLACE });
  }

  async create(inputs: Props): Promise<dynamic.CreateResult> {
    const args = parseInputs(WhatsAppNumberInputs, inputs, TYPE);
    const client = this.client(args.account);
    if (args.adoptExisting) {
      const detail = await adoptIfPresent(client, { name: args.name, number: args.number, provider: PROVIDER }, TYPE);
      if (detail) return this.finish(client, args, this.outputs(args, detail, NO_PAIRING));
    }

    let pairing: PairingOutputs = NO_PAIRING;
    let id: string;
    if (args.pairingMethod === "remoteLink") {
      const result = await createOnce(
        client,
        { number: args.number, name: args.name, provider: PROVIDER },
        () =>
          client.createRemotePairing({
            provider: PROVIDER,
            name: args.name,
            number: args.number,
            sendViaWhatsApp: args.sendPairingLinkViaWhatsApp,
            ...(args.pairingRedirectUrl !== undefined ? { redirectUrl: args.pairingRedirectUrl } : {}),
            ...(args.linkToApiKey !== undefined ? { linkToApiKey: args.linkToApiKey } : {}),
          }),
        (c) => c.instance.id,
      );
      id = result.id;
      if (result.created) pairing = { ...NO_PAIRING, remotePairingUrl: result.created.remotePairingUrl };
    } else {
      const result = await createOnce(
        client,
        { number: args.number, name: args.name, provider: PROVIDER },
        () =>
          client.createNumber({
            name: args.name,
            number: args.number,
            ...(args.linkToApiKey !== undefined ? { linkToApiKey: args.linkToApiKey } : {}),
          }),
        (c) => c.instance.id,
      );
      id = result.id;
      if (result.created) {
        const c = result.created;
        pairing = {
          qrcodeBase64: c.qrcodeBase64,
          pairingCode: c.pairingCode,
          remotePairingUrl: null,
          linkedApiKeyId: c.linkedApiKeyId ?? null,
        };
      } else {
        // The create response (and its codes) was lost: ask for fresh ones so the phone can still pair.
        const fresh = await client.connectNumber(id).catch(() => undefined);
        if (fresh) pairing = { ...NO_PAIRING, qrcodeBase64: fresh.qrcodeBase64, pairingCode: fresh.pairingCode };
      }
    }

    // The pairing material exists only in the create response: a partial failure keeps it in state.
    const detail = await readBackCreated(client, id, { ...pick(args, INPUT_KEYS), ...pairing }, `${TYPE} ${args.number}`);
    return this.finish(client, args, this.outputs(args, detail, pairing));
  }

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    const detail = await readDetail(this.client(accountOf(props)), id);
    if (detail === undefined) return missingNumber(TYPE, id, props);
    const settings = pick(props, IN_PLACE);
    const outs = { ...props, ...outputsFromDetail(detail) };
    // Inputs as the account has them, so `pulumi refresh` then `preview` shows the drift as a diff; the account name
    // stays (it is where the number is, not something the service reports).
    const inputs = { ...settings, ...pick(props, ["account"]), name: outs.name, number: outs.number };
    return { id, props: outs, inputs };
  }

  async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
    const args = parseInputs(WhatsAppNumberInputs, news, TYPE);
    const client = this.client(args.account);
    const detail = await readDetail(client, id);
    if (detail === undefined) {
      throw new Error(
        `${TYPE} ${id} no longer exists in the tenant (deleted outside Pulumi). Run \`pulumi refresh\` to drop ` +
          "it from state; the next `pulumi up` creates it again.",
      );
    }
    let pairing: PairingOutputs = { ...NO_PAIRING, ...(pick(olds, Object.keys(NO_PAIRING)) as Partial<PairingOutputs>) };
    const renewalAsked = args.renewPairingCodes !== olds.renewPairingCodes;
    if ((args.waitUntilConnected || renewalAsked) && args.pairingMethod === "code" && detail.state !== "OPEN") {
      // Resuming a wait or asked to: the codes from an earlier run may have expired, or the number was disconnected.
      const fresh = await client.connectNumber(id).catch(() => undefined);
      if (fresh) pairing = { ...pairing, qrcodeBase64: fresh.qrcodeBase64, pairingCode: fresh.pairingCode };
    }
    const outs = this.outputs(args, detail, pairing);
    const finished = await this.finish(client, args, outs);
    return { outs: finished.outs };
  }

  async delete(id: string, props: Props): Promise<void> {
    await deleteNumber(this.client(accountOf(props)), id);
  }

  private outputs(
    args: WhatsAppNumberInputs,
    detail: Parameters<typeof outputsFromDetail>[0],
    pairing: PairingOutputs,
  ): WhatsAppNumberOutputs {
    return { ...(pick(args, INPUT_KEYS) as WhatsAppNumberInputs), ...outputsFromDetail(detail), ...pairing };
  }

  private async finish(
    client: PilotStatusClient,
    args: WhatsAppNumberInputs,
    outs: WhatsAppNumberOutputs,
  ): Promise<{ id: string; outs: WhatsAppNumberOutputs }> {
    if (!args.waitUntilConnected || outs.state === "OPEN") return { id: outs.numberId, outs };
    // The number exists from here on: any failure must keep it (and its pairing material) in state.
    const kept = (why: string) =>
      new PartialFailure(
        outs.numberId,
        outs,
        `${TYPE} ${args.number} (${outs.numberId}) exists, but waiting for it to be paired failed: ${why}. The number ` +
          "is kept in state with its pairing material; run `pulumi up` again to resume waiting.",
      );
    let status: Awaited<ReturnType<typeof waitUntilOpen>>;
    try {
      status = await waitUntilOpen(client, outs.numberId, args.waitTimeoutSeconds, this.wait);
    } catch (e) {
      throw kept(e instanceof Error ? e.message : String(e));
    }
    if (status === undefined) {
      const how =
        args.pairingMethod === "remoteLink"
          ? args.sendPairingLinkViaWhatsApp
            ? "open the pairing link sent to the phone by WhatsApp"
            : "open the pairing link (secret output `remotePairingUrl`)"
          : outs.qrcodeBase64 === null && outs.pairingCode === null
            ? "pair it from the Pilot Status dashboard (no pairing code is in state)"
            : "scan the QR code or type the pairing code (secret outputs `qrcodeBase64`, `pairingCode`)";
      throw new PartialFailure(
        outs.numberId,
        outs,
        `${TYPE} ${args.number} (${outs.numberId}) was not paired within ${args.waitTimeoutSeconds}s: ${how}, ` +
          "then run `pulumi up` again to resume waiting. The number is kept in state.",
      );
    }
    const paired = await readDetail(client, outs.numberId).catch((e: unknown) => {
      throw kept(e instanceof Error ? e.message : String(e));
    });
    if (paired === undefined) return { id: outs.numberId, outs: { ...outs, state: status.state } };
    return { id: outs.numberId, outs: { ...outs, ...outputsFromDetail(paired) } };
  }
}
