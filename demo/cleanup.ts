/** Undo steps run once, in reverse order, on success, on failure and on Ctrl-C / SIGTERM. */

interface Step {
  what: string;
  run: () => Promise<void> | void;
}

export class Cleanup {
  private readonly steps: Step[] = [];
  private readonly late: Promise<void>[] = [];
  private running: Promise<void> | undefined;
  /** Set once a signal arrived: the exit code the process must end with. */
  signalExitCode: number | undefined;

  add(what: string, run: () => Promise<void> | void): void {
    // Something that finished starting after cleaning up began (Ctrl-C during start-up) is undone at once.
    if (this.running !== undefined) this.late.push(this.running.then(() => this.runStep({ what, run })));
    else this.steps.push({ what, run });
  }

  /** Runs the steps (once) and waits for any added since. */
  async run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) await this.runStep(step);
    })();
    await this.running;
    await Promise.all(this.late);
  }

  /**
   * On a signal: note the exit code and clean up. The interrupted run then fails, cleans up what it was still
   * starting and exits with signalExitCode; should it hang, the process exits a few seconds after cleaning up.
   */
  onSignals(): void {
    const handle = (signal: NodeJS.Signals, code: number) => {
      this.signalExitCode = code;
      process.stderr.write(`\n${signal}: cleaning up\n`);
      void this.run().finally(() => setTimeout(() => process.exit(code), 5_000));
    };
    process.once("SIGINT", () => handle("SIGINT", 130));
    process.once("SIGTERM", () => handle("SIGTERM", 143));
  }

  private async runStep(step: Step): Promise<void> {
    try {
      await step.run();
    } catch (e) {
      process.stderr.write(`cleanup: ${step.what} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
}
