/**
 * What both number controllers do alike: configure the host's clients, check (schema, account, replacement guard),
 * diff, read a number the tenant no longer has, refuse to update one, delete. A kind's controller adds only what
 * differs: create, how read shapes the inputs it returns, what update does; `guard` wraps every operation that
 * reaches the API (MetaNumber redacts its secrets there) and `decided` gives diff its verdicts on secrets.
 */
import type { z } from "zod";
import type { NumberDetail, PilotStatusClient } from "../client";
import type {
  CheckResult,
  ConfigureRequest,
  CreateResult,
  DiffResult,
  Props,
  ReadResult,
  ResourceController,
  UpdateResult,
} from "../engine/controller";
import { diffInputs } from "../engine/diffInputs";
import { accountOf, accountRefusal } from "./accountOf";
import { checkInputs, parseInputs } from "../engine/checkInputs";
import { configureHost } from "./hostClient";
import type { ResourceKind } from "./kinds";
import { deleteNumber, missingNumber, readDetail } from "./numberLifecycle";
import { propertiesWhere } from "../engine/propertyMeta";
import { replacementRefusals } from "./replacementGuard";

/** A kind's input keys, from its schema. */
export interface InputKeys {
  /** Every input. */
  readonly all: string[];
  /** Inputs whose change replaces the number. */
  readonly replaceOnChange: string[];
  /** Plain (not secret) inputs that change in place. */
  readonly inPlace: string[];
  /** What check fills in for an input left out (its schema default). */
  readonly defaults: Props;
}

export function inputKeys(schema: z.ZodObject, secret: readonly string[]): InputKeys {
  const all = Object.keys(schema.shape);
  const replaceOnChange = propertiesWhere(schema.shape, (m) => m.replaceOnChange);
  const inPlace = all.filter((k) => !secret.includes(k) && !replaceOnChange.includes(k));
  const defaults = Object.fromEntries(
    Object.entries(schema.shape).flatMap(([k, field]) => {
      const filled = (field as z.ZodType).safeParse(undefined);
      return filled.success && filled.data !== undefined ? [[k, filled.data]] : [];
    }),
  );
  return { all, replaceOnChange, inPlace, defaults };
}

/** What update has in hand once the number is known to exist. */
export interface UpdateRequest<Args> {
  id: string;
  olds: Props;
  news: Props;
  args: Args;
  client: PilotStatusClient;
  detail: NumberDetail;
}

export abstract class NumberController<S extends z.ZodObject, O extends Props> implements ResourceController {
  protected readonly keys: InputKeys;

  protected constructor(
    protected readonly kind: ResourceKind,
    protected readonly schema: S,
    protected readonly client: (account?: string) => PilotStatusClient,
    /** Inputs never echoed by the replacement guard, nor compared as plain values by diff. */
    protected readonly secretKeys: readonly string[] = [],
  ) {
    this.keys = inputKeys(schema, secretKeys);
  }

  async configure(req: ConfigureRequest): Promise<void> {
    configureHost(req.config);
  }

  async check(olds: Props, news: Props): Promise<CheckResult> {
    const checked = checkInputs(this.schema, news, this.kind);
    if (checked.failures.length > 0) return checked;
    const refused = accountRefusal(checked.inputs);
    if (refused) return { ...checked, failures: [refused] };
    const rules = {
      replaceOnChange: this.keys.replaceOnChange,
      secret: this.secretKeys,
      kind: this.kind,
      skip: this.unknowable(olds),
    } as const;
    return { ...checked, failures: replacementRefusals(olds, checked.inputs, rules) };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<DiffResult> {
    const { replaceOnChange, inPlace } = this.keys;
    const unknowable = Object.fromEntries(this.unknowable(olds).map((k) => [k, false]));
    return diffInputs(olds, news, { replaceOnChange, inPlace, decided: { ...this.decided(olds, news), ...unknowable } });
  }

  async create(inputs: Props): Promise<CreateResult> {
    return this.guard([inputs], () => this.createNumber(this.parse(inputs), inputs));
  }

  async read(id: string, props: Props): Promise<ReadResult> {
    return this.guard([props], async () => {
      const detail = await readDetail(this.client(accountOf(props)), id);
      if (detail === undefined) return missingNumber(this.kind, id, props);
      // An import (`pulumi import`) reads with no state: the outputs get the defaults check would fill in, so the
      // generated code (which leaves them out) shows no diff; the inputs, which become that code, stay without them.
      const filled = Object.keys(this.keys.defaults).filter((k) => props[k] === undefined);
      const read = this.readNumber(id, { ...this.keys.defaults, ...props }, detail);
      if (read.inputs !== undefined && filled.length > 0) {
        read.inputs = Object.fromEntries(Object.entries(read.inputs).filter(([k]) => !filled.includes(k)));
      }
      return read;
    });
  }

  async update(id: string, olds: Props, news: Props): Promise<UpdateResult> {
    return this.guard([olds, news], async () => {
      const args = this.parse(news);
      const client = this.client(accountOf(args));
      const detail = await readDetail(client, id);
      if (detail === undefined) {
        throw new Error(
          `${this.kind} ${id} no longer exists in the tenant (deleted outside Pulumi). Run \`pulumi refresh\` to drop ` +
            "it from state; the next `pulumi up` creates it again.",
        );
      }
      return this.updateNumber({ id, olds, news, args, client, detail });
    });
  }

  async delete(id: string, props: Props): Promise<void> {
    await this.guard([props], () => deleteNumber(this.client(accountOf(props)), id));
  }

  /** Creates the number from the checked inputs (`inputs`: as the engine sent them). */
  protected abstract createNumber(args: z.output<S>, inputs: Props): Promise<{ id: string; outs: O }>;

  /** Read's answer for a number the tenant has (`props`: the outputs in state, or nothing but `__provider` for a get). */
  protected abstract readNumber(id: string, props: Props, detail: NumberDetail): ReadResult;

  /** Update of a number the tenant has. */
  protected abstract updateNumber(req: UpdateRequest<z.output<S>>): Promise<{ outs: O }>;

  /** Inputs the state cannot hold (never returned by the API) when it was imported: not compared. None by default. */
  protected unknowable(_olds: Props): readonly string[] {
    return [];
  }

  /** Verdicts for inputs that old outputs cannot show (secrets compared by fingerprint); none by default. */
  protected decided(_olds: Props, _news: Props): Readonly<Record<string, boolean>> | undefined {
    return undefined;
  }

  /** Runs one operation that reaches the API; `handled` are the property sets it was given. As is by default. */
  protected guard<T>(_handled: readonly Props[], op: () => Promise<T>): Promise<T> {
    return op();
  }

  /** Typed inputs for create/update (inputs that skipped check fail here, with check's messages). */
  protected parse(props: Props): z.output<S> {
    return parseInputs(this.schema, props, this.kind);
  }
}
