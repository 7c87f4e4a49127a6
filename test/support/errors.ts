/** Awaiting a call that must fail with the client's error type. */
import { expect } from "vitest";
import { PilotStatusError } from "../../provider/client/errors";

/** The PilotStatusError `promise` rejects with; fails the test if it resolves or rejects with anything else. */
export async function caught(promise: Promise<unknown>): Promise<PilotStatusError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(PilotStatusError);
    return e as PilotStatusError;
  }
  throw new Error("expected the call to reject with a PilotStatusError, but it resolved");
}
