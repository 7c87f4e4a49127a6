// Names and pairing redirect URLs: Check refuses the dangerous ones, naming the property and describing what is
// wrong without echoing the raw characters.
import { describe, expect, it } from "vitest";
import { BAD_NAMES, BAD_REDIRECT_URLS, GOOD_NAMES, GOOD_REDIRECT_URLS } from "../../test/resources/badInputs";
import { checkInputs, parseInputs } from "../engine/checkInputs";
import { MetaNumberInputs } from "./metaNumber.schema";
import { WhatsAppNumberInputs } from "./whatsAppNumber.schema";

const QR = { number: "+5511999999999" };
const META = { number: "+5511999999999", metaPhoneId: "1", wabaId: "2", accessToken: "t" };
const checkQr = (news: Record<string, unknown>) => checkInputs(WhatsAppNumberInputs, news, "WhatsAppNumber");
const checkMeta = (news: Record<string, unknown>) => checkInputs(MetaNumberInputs, news, "MetaNumber");

/** Characters a refusal must never print raw: the ones it is about. */
const RAW_DANGER = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\p{Default_Ignorable_Code_Point}\u2800\ufffe\uffff]|\p{Cs}/u;
const hasLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe("names", () => {
  it(`refuses all ${BAD_NAMES.length} dangerous names on both resources, saying what and where`, () => {
    let refused = 0;
    for (const { value, what } of BAD_NAMES) {
      for (const [check, base] of [
        [checkQr, QR],
        [checkMeta, META],
      ] as const) {
        const { failures } = check({ ...base, name: value });
        expect(failures, JSON.stringify(value)).toHaveLength(1);
        const [failure] = failures;
        expect(failure!.property).toBe("name");
        expect(failure!.reason).toMatch(/^"name" /);
        expect(failure!.reason, JSON.stringify(value)).toMatch(what);
        expect(RAW_DANGER.test(failure!.reason) || hasLoneSurrogate(failure!.reason), JSON.stringify(failure!.reason)).toBe(false);
        refused += 1;
      }
    }
    expect(refused).toBe(BAD_NAMES.length * 2);
  });

  it("accepts ordinary names in any script, emoji with joiners and RTL text with its mark", () => {
    for (const name of GOOD_NAMES) {
      expect(checkQr({ ...QR, name }).failures, name).toEqual([]);
      expect(checkMeta({ ...META, name }).failures, name).toEqual([]);
    }
  });

  it("a create given a bad name directly (no Check) refuses it the same way, without the raw text", () => {
    expect(() => parseInputs(WhatsAppNumberInputs, { ...QR, name: "a\u202eb" })).toThrow(
      /"name" contains a bidirectional control character \(U\+202E\)/,
    );
    try {
      parseInputs(WhatsAppNumberInputs, { ...QR, name: "a\u202eb" });
    } catch (e) {
      expect((e as Error).message).not.toContain("\u202e");
    }
  });
});

describe("pairingRedirectUrl", () => {
  it(`refuses all ${BAD_REDIRECT_URLS.length} URLs that are not https (or http to loopback), saying why`, () => {
    for (const { value, what } of BAD_REDIRECT_URLS) {
      const { failures } = checkQr({ ...QR, name: "S", pairingMethod: "remoteLink", pairingRedirectUrl: value });
      expect(failures, value).toHaveLength(1);
      expect(failures[0]!.property).toBe("pairingRedirectUrl");
      expect(failures[0]!.reason, value).toMatch(/^"pairingRedirectUrl" /);
      expect(failures[0]!.reason, value).toMatch(what);
      expect(RAW_DANGER.test(failures[0]!.reason), failures[0]!.reason).toBe(false);
      // The value itself is never echoed (it could be long, or carry a token in its query).
      if (value.length > 3) expect(failures[0]!.reason).not.toContain(value);
    }
  });

  it("accepts https anywhere and http to a loopback host", () => {
    for (const url of GOOD_REDIRECT_URLS) {
      const out = checkQr({ ...QR, name: "S", pairingMethod: "remoteLink", pairingRedirectUrl: url });
      expect(out.failures, url).toEqual([]);
      expect(out.inputs.pairingRedirectUrl).toBe(url);
    }
  });
});
