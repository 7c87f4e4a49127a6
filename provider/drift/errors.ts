/** A mistake in what the user gave (files, flags, stack names): reported as one line, exit 2. */
export class DriftInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DriftInputError";
  }
}
