// Through the real provider host: names with control, bidi or only invisible characters and pairing redirect URLs
// that are not https (http only to loopback) are refused by Check, naming the property, before any request.
import { describe, expect, it } from "vitest";
import type { ProviderRpcError } from "../../testing/providerRpcError";
import { BAD_NAMES, BAD_REDIRECT_URLS } from "./badInputs";
import { takeRequests, typeOf, useRig } from "./hostRig";

const META = typeOf("MetaNumber");
const QR = typeOf("WhatsAppNumber");
const rig = useRig();
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e as ProviderRpcError,
  );

describe("dangerous names and redirect URLs", () => {
  it("Check refuses every one on both resources, naming the property, with 0 requests", async () => {
    await takeRequests(rig.emu);
    let refused = 0;
    // A string that is not well-formed UTF-16 (a lone surrogate) cannot travel over gRPC (it arrives as U+FFFD);
    // the unit tests beside the schema refuse those.
    const names = BAD_NAMES.filter(({ value }) => !LONE_SURROGATE.test(value));
    for (const { value, what } of names) {
      for (const [type, kind, extra] of [
        [QR, "WhatsAppNumber", {}],
        [META, "MetaNumber", { metaPhoneId: "1", wabaId: "2", accessToken: "t" }],
      ] as const) {
        const urn = rig.host.urn(type, "bad");
        const news = { ...extra, name: value, number: "+5511988880010", __provider: rig.provider[kind] };
        const { failures } = await rig.host.check(urn, {}, news);
        expect(
          failures.map((f) => f.property),
          JSON.stringify(value),
        ).toEqual(["name"]);
        expect(failures[0]!.reason).toMatch(what);
        refused += 1;
      }
    }
    for (const { value, what } of BAD_REDIRECT_URLS) {
      const urn = rig.host.urn(QR, "bad");
      const news = {
        name: "S",
        number: "+5511988880011",
        pairingMethod: "remoteLink",
        pairingRedirectUrl: value,
        __provider: rig.provider.WhatsAppNumber,
      };
      const { failures } = await rig.host.check(urn, {}, news);
      expect(
        failures.map((f) => f.property),
        value,
      ).toEqual(["pairingRedirectUrl"]);
      expect(failures[0]!.reason).toMatch(what);
      refused += 1;
    }
    expect(refused).toBe(names.length * 2 + BAD_REDIRECT_URLS.length);
    expect(await takeRequests(rig.emu)).toEqual({});
  });

  it("a create sent a bad name or URL without Check refuses it before any request", async () => {
    await takeRequests(rig.emu);
    const urn = rig.host.urn(QR, "direct");
    const bad = [
      { name: "Sup\u202eport", number: "+5511988880012" },
      { name: "S", number: "+5511988880012", pairingMethod: "remoteLink", pairingRedirectUrl: "http://example.com/x" },
    ];
    for (const props of bad) {
      const failure = await failureOf(rig.host.create(urn, { ...props, __provider: rig.provider.WhatsAppNumber }));
      expect(failure.message).toMatch(/"(name|pairingRedirectUrl)" (contains|must use)/);
      expect(failure.message).not.toContain("\u202e");
    }
    expect(await takeRequests(rig.emu)).toEqual({});
  });
});
