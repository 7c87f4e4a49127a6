/** An object that stands for one created later: declared at the top of a test file, filled in by a hook. */

/**
 * Every property read goes to `current()` at that moment (methods bound to it), so `emu.url` in a test reads
 * the running instance; `current` should throw a clear error when there is none.
 */
export function forwardTo<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get(_, prop) {
      const target = current();
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
    has: (_, prop) => Reflect.has(current(), prop),
  });
}
