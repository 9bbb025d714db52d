/**
 * Server-side concurrency cap (Salesforce limits long-running concurrent API
 * requests per org). Requests beyond the cap wait in FIFO order for a slot.
 */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  /** Resolves once the request holds a slot under `cap` (undefined: no cap). Call the returned function when done. */
  async acquire(cap: () => number | undefined): Promise<() => void> {
    if (this.isFull(cap())) {
      // The releasing request counts our slot for us before waking us, so a newcomer cannot overtake.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.drain(cap());
    };
  }

  /** Whether a request arriving now would have to wait. */
  isFull(cap: number | undefined): boolean {
    return cap !== undefined && this.active >= cap;
  }

  private drain(cap: number | undefined): void {
    while (this.waiting.length > 0 && !this.isFull(cap)) {
      this.active++;
      this.waiting.shift()?.();
    }
  }
}
