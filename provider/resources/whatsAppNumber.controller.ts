/**
 * CRUD of `WhatsAppNumber` inside the provider host. The API has no update endpoint, so every API
 * field replaces; `update` only refreshes outputs (and resumes a wait for pairing).
 */
import type { NumberDetail, PilotStatusClient } from "../client";
import type { Props, ReadResult } from "../engine/controller";
import { createOnce } from "./createRecovery";
import { type ResourceKind, providerOf } from "./kinds";
import { NumberController, type UpdateRequest } from "./numberController";
import { PartialFailure } from "../engine/partialFailure";
import { adoptIfPresent, outputsFromDetail, pick, readBackCreated, readDetail } from "./numberLifecycle";
import { type WaitSettings, waitUntilOpen } from "./waitUntilOpen";
import { WhatsAppNumberInputs, type WhatsAppNumberOutputs } from "./whatsAppNumber.schema";

const TYPE = "WhatsAppNumber" satisfies ResourceKind;
const PROVIDER = providerOf(TYPE);

interface PairingOutputs {
  qrcodeBase64: string | null;
  pairingCode: string | null;
  remotePairingUrl: string | null;
  linkedApiKeyId: string | null;
}
const NO_PAIRING: PairingOutputs = { qrcodeBase64: null, pairingCode: null, remotePairingUrl: null, linkedApiKeyId: null };

export class WhatsAppNumberController extends NumberController<typeof WhatsAppNumberInputs, WhatsAppNumberOutputs> {
  constructor(
    client: (account?: string) => PilotStatusClient,
    private readonly wait: WaitSettings = {},
  ) {
    super(TYPE, WhatsAppNumberInputs, client);
  }

  protected async createNumber(args: WhatsAppNumberInputs): Promise<{ id: string; outs: WhatsAppNumberOutputs }> {
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
    const detail = await readBackCreated(client, id, { ...pick(args, this.keys.all), ...pairing }, `${TYPE} ${args.number}`);
    return this.finish(client, args, this.outputs(args, detail, pairing));
  }

  protected readNumber(id: string, props: Props, detail: NumberDetail): ReadResult {
    const settings = pick(props, this.keys.inPlace);
    const outs = { ...props, ...outputsFromDetail(detail) };
    // Inputs as the account has them, so `pulumi refresh` then `preview` shows the drift as a diff; the account name
    // stays (it is where the number is, not something the service reports).
    const inputs = { ...settings, ...pick(props, ["account"]), name: outs.name, number: outs.number };
    return { id, props: outs, inputs };
  }

  protected async updateNumber({
    id,
    olds,
    args,
    client,
    detail,
  }: UpdateRequest<WhatsAppNumberInputs>): Promise<{ outs: WhatsAppNumberOutputs }> {
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

  private outputs(
    args: WhatsAppNumberInputs,
    detail: Parameters<typeof outputsFromDetail>[0],
    pairing: PairingOutputs,
  ): WhatsAppNumberOutputs {
    return { ...(pick(args, this.keys.all) as WhatsAppNumberInputs), ...outputsFromDetail(detail), ...pairing };
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
