/**
 * Cooperative time limits. JavaScript cannot interrupt a computation from outside, so
 * long work takes a Deadline and calls `check` in its loops; past the limit `check`
 * throws TimeLimitExceeded, which the caller turns into an honest "inconclusive"
 * with the reason "time limit". A Deadline never decides anything: it only stops work.
 */

/** Thrown by Deadline.check once the limit has passed. */
export class TimeLimitExceeded extends Error {
  constructor(
    /** What was being done when the limit passed (for the reason line). */
    readonly during: string,
    readonly seconds: number,
  ) {
    super(`time limit of ${seconds} s reached during ${during}`);
  }
}

export class Deadline {
  private constructor(
    /** Absolute end time in ms (performance.now() clock), Infinity for none. */
    private readonly end: number,
    /** The limit in seconds, for messages. */
    readonly seconds: number,
  ) {}

  /** No limit. */
  static none(): Deadline {
    return new Deadline(Infinity, Infinity);
  }

  /** A limit `seconds` from now (a non-finite or negative value means no limit). */
  static in(seconds: number): Deadline {
    if (!Number.isFinite(seconds) || seconds < 0) return Deadline.none();
    return new Deadline(performance.now() + seconds * 1000, seconds);
  }

  /** Whether the limit has passed. */
  expired(): boolean {
    return this.end !== Infinity && performance.now() > this.end;
  }

  /** Seconds left (Infinity when there is no limit, 0 once expired). */
  remaining(): number {
    return this.end === Infinity ? Infinity : Math.max(0, (this.end - performance.now()) / 1000);
  }

  /**
   * Throws TimeLimitExceeded once the limit has passed.
   * @example deadline.check('D2 candidate J = {1, 3}')
   */
  check(during: string): void {
    if (this.expired()) throw new TimeLimitExceeded(during, this.seconds);
  }

  /** The earlier of this deadline and one `seconds` from now. */
  within(seconds: number): Deadline {
    const other = Deadline.in(seconds);
    return other.end < this.end ? other : this;
  }
}
