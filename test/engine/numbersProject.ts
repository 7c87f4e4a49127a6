/** test/engine/projects/numbers: one program whose resources each scenario declares in stack config. */
import type { PulumiStack } from "../../testing/engine/pulumi";
import { configureForEmulator, type EngineRig, projectDir } from "./engineRig";

export interface Declared {
  kind: "WhatsAppNumber" | "MetaNumber";
  args?: Record<string, unknown>;
  get?: string;
  options?: { protect?: boolean; retainOnDelete?: boolean; ignoreChanges?: string[]; deleteBeforeReplace?: boolean };
}

export const META_TOKEN = "EAAG-engine-scenario-token-0001";

export class NumbersStack {
  private constructor(readonly stack: PulumiStack) {}

  static async create(rig: EngineRig, resources: Record<string, Declared>, opts: { stack?: string } = {}): Promise<NumbersStack> {
    const stack = await rig.stack(projectDir("test", "engine", "projects", "numbers"), opts);
    await configureForEmulator(stack, rig.emulator);
    await stack.config({ secret: { "scenario:metaAccessToken": META_TOKEN } });
    const s = new NumbersStack(stack);
    await s.declare(resources);
    return s;
  }

  /** Replaces the program's declarations (the next up/preview sees them). */
  declare(resources: Record<string, Declared>): Promise<void> {
    return this.stack.configJson("scenario:resources", resources);
  }
}

/** A QR number's declaration. */
export const qr = (name: string, number: string, extra: Partial<Declared> = {}): Declared => ({
  kind: "WhatsAppNumber",
  ...extra,
  args: { name, number, ...extra.args },
});

/** A Meta number's declaration (token from secret config). */
export const meta = (name: string, number: string, extra: Partial<Declared> = {}): Declared => ({
  kind: "MetaNumber",
  ...extra,
  args: { name, number, metaPhoneId: `mp-${number.replace(/\D/g, "")}`, wabaId: "waba-engine-1", ...extra.args },
});
