/** The interfaces use-cases need from the outside world, so tests and jobs can supply their own. */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
