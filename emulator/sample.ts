/** `--sample`: a few demo numbers and calls with fixed ids and keys, so docs and curl lines stay valid. */
import { generateCalls } from "./callGenerator";
import type { Store } from "./state";

export function seedSample(store: Store): void {
  if (store.allNumbers().length > 0) return; // a data file already holds them
  const support = store.createNumber({
    tenant: "default",
    id: "wa_sample_support",
    keyId: "key_sample_support",
    rawKey: "ps_emulator_number_sample_support",
    name: "Support",
    number: "+5511900000001",
    state: "OPEN",
  }).number;
  store.createNumber({
    tenant: "default",
    id: "wa_sample_sales",
    keyId: "key_sample_sales",
    rawKey: "ps_emulator_number_sample_sales",
    name: "Sales",
    number: "+5511900000002",
  });
  const official = store.createNumber({
    tenant: "default",
    id: "wa_sample_official",
    keyId: "key_sample_official",
    rawKey: "ps_emulator_number_sample_official",
    name: "Official (Meta)",
    number: "+5511900000003",
    provider: "META",
    // Fixed, so a demo program can declare (and adopt) it exactly.
    metaCredentials: {
      phoneId: "109876543210987",
      wabaId: "102030405060708",
      accessToken: "EAAG-sample-not-a-real-token",
      appSecret: null,
      verifyToken: "vt_sample_official",
    },
  }).number;
  store.addCalls(support.id, generateCalls(support.id, 30, Date.now(), 900));
  store.addCalls(official.id, generateCalls(official.id, 10, Date.now(), 3600));
}
