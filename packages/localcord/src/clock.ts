/** Milliseconds since the Unix epoch, like Date.now. Every rule with a time in it reads this clock. */
export type Clock = () => number;

export interface AdjustableClock {
  readonly now: Clock;
  /** Moves the clock forward (or back, with a negative value) without waiting. */
  advance(ms: number): void;
}

/**
 * Real time plus an adjustable offset. Real time keeps moving, so discord.js's own pacing
 * (which reads Date.now) still agrees with the server's windows; `advance` lets a test jump
 * past a deadline, such as the three seconds to acknowledge an interaction.
 */
export function createAdjustableClock(): AdjustableClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}
