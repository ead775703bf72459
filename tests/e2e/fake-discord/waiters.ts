/**
 * Promises that resolve when a matching item shows up, with a timeout that is always cleared, so a
 * finished test leaves no timers behind.
 */

/**
 * Default time limit of every wait the fake offers. It only decides how long a test that is already failing
 * takes to say so, never whether a working bot passes, so it is generous for slow, loaded machines; it stays
 * below vitest's testTimeout so a failing wait reports its own message (which names what did arrive).
 */
export const WAIT_TIMEOUT_MS = 15_000;

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class Waiters<T> {
  private readonly pending = new Set<Waiter<T>>();

  /** Waits for a future `offer` matching the predicate; rejects with `describeTimeout()` after `timeoutMs`. */
  add(predicate: (item: T) => boolean, timeoutMs: number, describeTimeout: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(waiter);
          reject(new Error(describeTimeout()));
        }, timeoutMs),
      };
      this.pending.add(waiter);
    });
  }

  /** Resolves every waiter whose predicate accepts the item. */
  offer(item: T): void {
    for (const waiter of [...this.pending]) {
      let matches = false;
      try {
        matches = waiter.predicate(item);
      } catch (error) {
        this.settle(waiter);
        waiter.reject(error as Error);
        continue;
      }
      if (matches) {
        this.settle(waiter);
        waiter.resolve(item);
      }
    }
  }

  rejectAll(error: Error): void {
    for (const waiter of [...this.pending]) {
      this.settle(waiter);
      waiter.reject(error);
    }
  }

  private settle(waiter: Waiter<T>): void {
    clearTimeout(waiter.timer);
    this.pending.delete(waiter);
  }
}
