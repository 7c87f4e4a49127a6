/** Client options for tests: retry at most once, almost at once, so an error surfaces quickly. */
import type { RetryOptions } from "../../provider/client/retry";

export const fastRetry: { retry: RetryOptions } = { retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 } };
