/**
 * Splits `pulumi stack export` JSON text, fed in chunks, at the only three levels the audit walks: the top object,
 * its `deployment` object, and `deployment.resources`. Each value at those levels (each resource, the manifest, the
 * version, ...) is handed to JSON.parse on its own and passed on, so neither the whole text, nor a tree of the whole
 * export, nor a validated copy of it is ever held: one chunk and one resource at a time. The scan between values is
 * a character loop that only tracks strings and bracket depth; JSON.parse checks every value fully, and the loop
 * checks what lies between them (`{`, keys, `:`, `,`, `]`, `}`, whitespace), so the text is accepted only if it is
 * JSON — and then the values passed on are the ones JSON.parse of the whole text would give.
 *
 * It gives up on anything else: text that is not JSON, a top level that is not an object, a `deployment` that is not
 * an object, `resources` that is neither an array nor null, `deployment` or `resources` given twice. The caller then
 * reads the export the plain way (JSON.parse of the whole text, then zod), which says what is wrong as it always did.
 */

/** Where the values go, in text order. Values are what JSON.parse gives for them. */
export interface ExportSink {
  /** A value of the top object other than `deployment`. */
  topValue(key: string, value: unknown): void;
  /** `deployment` opens; it is an object. */
  deployment(): void;
  /** A value of `deployment` other than `resources`. */
  deploymentValue(key: string, value: unknown): void;
  /** `deployment.resources`: an array that opens here, or null. */
  resources(kind: "array" | "null"): void;
  resource(index: number, value: unknown): void;
}

// Where the scan is between values.
const TOP = 0;
const DEPLOYMENT = 1;
const RESOURCES = 2;
// What it expects next there.
const KEY_OR_END = 0; // just after `{`
const KEY = 1; // after `,` in an object
const COLON = 2;
const VALUE = 3; // after `:` or after `,` in the array
const COMMA_OR_END = 4;
const VALUE_OR_END = 5; // just after `[`
const BEFORE = 6; // nothing read yet
const DONE = 7; // the top object closed: whitespace only
// What is being captured.
const NONE = 0;
const STRING = 1;
const CONTAINER = 2;
const PRIMITIVE = 3;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class ExportSplitter {
  readonly #sink: ExportSink;
  #gaveUp = false;
  #level = TOP;
  #expect = BEFORE;
  /** The last key read at TOP or DEPLOYMENT. */
  #key = "";
  #capturingKey = false;
  #seenDeployment = false;
  #seenResources = false;
  #index = 0;

  #cap = NONE;
  /** Parts of the value being captured, from earlier chunks. */
  #parts: string[] = [];
  #depth = 0;
  #inString = false;
  /** The chunk ended on a backslash inside a string: the next chunk's first character is escaped. */
  #escaped = false;

  constructor(sink: ExportSink) {
    this.#sink = sink;
  }

  /** False once it gave up (then nothing more is read). */
  get ok(): boolean {
    return !this.#gaveUp;
  }

  /** Reads the next chunk of text; false once it gave up. */
  push(s: string): boolean {
    if (this.#gaveUp || s.length === 0) return !this.#gaveUp;
    const n = s.length;
    let i = 0;
    let start = 0; // where the value being captured starts in this chunk
    while (i < n) {
      if (this.#cap !== NONE) {
        const end = this.#scan(s, i);
        if (end < 0) {
          this.#parts.push(start === 0 ? s : s.slice(start));
          return true;
        }
        const text = this.#parts.length === 0 ? s.slice(start, end) : this.#parts.join("") + s.slice(start, end);
        this.#parts = [];
        this.#cap = NONE;
        if (!this.#deliver(text)) return false;
        i = end;
        continue;
      }
      const c = s.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      switch (this.#expect) {
        case BEFORE:
          if (c !== 123) return this.#giveUp(); // not an object: the plain reader says what it is
          this.#expect = KEY_OR_END;
          i++;
          continue;
        case DONE:
          return this.#giveUp();
        case KEY_OR_END:
        case KEY:
          if (c === 125 && this.#expect === KEY_OR_END) {
            this.#close();
            i++;
            continue;
          }
          if (c !== 34) return this.#giveUp();
          this.#capturingKey = true;
          this.#startString();
          start = i;
          i++;
          continue;
        case COLON:
          if (c !== 58) return this.#giveUp();
          this.#expect = VALUE;
          i++;
          continue;
        case COMMA_OR_END:
          if (c === 44) {
            this.#expect = this.#level === RESOURCES ? VALUE : KEY;
            i++;
            continue;
          }
          if (c === (this.#level === RESOURCES ? 93 : 125)) {
            this.#close();
            i++;
            continue;
          }
          return this.#giveUp();
        case VALUE_OR_END:
        case VALUE: {
          if (c === 93 && this.#expect === VALUE_OR_END) {
            this.#close();
            i++;
            continue;
          }
          if (this.#level === TOP && this.#key === "deployment") {
            // A second `deployment` would replace the first; an export never has one. Nor one that is not an object.
            if (c !== 123 || this.#seenDeployment) return this.#giveUp();
            this.#seenDeployment = true;
            this.#sink.deployment();
            this.#level = DEPLOYMENT;
            this.#expect = KEY_OR_END;
            i++;
            continue;
          }
          if (this.#level === DEPLOYMENT && this.#key === "resources") {
            if (this.#seenResources || (c !== 91 && c !== 110)) return this.#giveUp();
            this.#seenResources = true;
            if (c === 91) {
              this.#sink.resources("array");
              this.#level = RESOURCES;
              this.#expect = VALUE_OR_END;
              i++;
              continue;
            }
            // `null` is read as a value and checked in deliver.
          }
          this.#capturingKey = false;
          start = i;
          if (c === 34) {
            this.#startString();
            i++;
          } else if (c === 123 || c === 91) {
            this.#cap = CONTAINER;
            this.#depth = 1;
            this.#inString = false;
            i++;
          } else {
            // A number, true, false, null — or something JSON.parse refuses.
            this.#cap = PRIMITIVE;
          }
          continue;
        }
        default:
          return this.#giveUp();
      }
    }
    // A key or value opened on the chunk's last character.
    if (this.#cap !== NONE) this.#parts.push(start === 0 ? s : s.slice(start));
    return true;
  }

  /** The text ended: true when it was one whole export of the expected shape. */
  end(): boolean {
    if (!this.#gaveUp && (this.#expect !== DONE || this.#cap !== NONE)) this.#giveUp();
    return !this.#gaveUp;
  }

  #giveUp(): false {
    this.#gaveUp = true;
    this.#parts = [];
    return false;
  }

  #startString(): void {
    this.#cap = STRING;
    this.#escaped = false;
  }

  #close(): void {
    if (this.#level === RESOURCES) this.#level = DEPLOYMENT;
    else if (this.#level === DEPLOYMENT) this.#level = TOP;
    else {
      this.#expect = DONE;
      return;
    }
    this.#expect = COMMA_OR_END;
  }

  /** From `i` on, the end (exclusive) of the value being captured, or -1 when it goes on past this chunk. */
  #scan(s: string, i: number): number {
    if (this.#cap === STRING) return this.#stringEnd(s, i);
    if (this.#cap === PRIMITIVE) {
      for (const n = s.length; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c === 44 || c === 125 || c === 93 || isSpace(c)) return i;
      }
      return -1;
    }
    const n = s.length;
    while (i < n) {
      if (this.#inString) {
        const end = this.#stringEnd(s, i);
        if (end < 0) return -1;
        this.#inString = false;
        i = end;
        continue;
      }
      const c = s.charCodeAt(i++);
      if (c === 34) {
        this.#inString = true;
        this.#escaped = false;
      } else if (c === 123 || c === 91) this.#depth++;
      else if ((c === 125 || c === 93) && --this.#depth === 0) return i;
    }
    return -1;
  }

  /**
   * Inside a string from `i` on: just past its closing quote, or -1 when it goes on past this chunk. `i` is never in
   * the middle of an escape, so a quote closes the string when an even number of backslashes runs up to it.
   */
  #stringEnd(s: string, i: number): number {
    const n = s.length;
    if (this.#escaped) {
      this.#escaped = false;
      i++;
    }
    for (;;) {
      const q = s.indexOf('"', i);
      const stop = q < 0 ? n : q;
      let k = stop - 1;
      while (k >= i && s.charCodeAt(k) === 92) k--;
      const odd = (stop - 1 - k) % 2 === 1;
      if (q < 0) {
        // The chunk ends inside the string; on a backslash that escapes the next chunk's first character, maybe.
        this.#escaped = odd;
        return -1;
      }
      if (!odd) return q + 1;
      i = q + 1;
    }
  }

  /** A whole key or value: parsed and passed on. False when it is not JSON (then the splitter gave up). */
  #deliver(text: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.#giveUp();
    }
    if (this.#capturingKey) {
      this.#capturingKey = false;
      this.#key = value as string;
      this.#expect = COLON;
      return true;
    }
    if (this.#level === TOP) this.#sink.topValue(this.#key, value);
    else if (this.#level === DEPLOYMENT) {
      if (this.#key === "resources") {
        if (value !== null) return this.#giveUp();
        this.#sink.resources("null");
      } else this.#sink.deploymentValue(this.#key, value);
    } else this.#sink.resource(this.#index++, value);
    this.#expect = COMMA_OR_END;
    return true;
  }
}
