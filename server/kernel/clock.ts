/** The only source of "now", so tests and jobs can pin time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class FixedClock implements Clock {
  #t: number;
  constructor(iso: string) {
    this.#t = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.#t);
  }
  advance(ms: number): void {
    this.#t += ms;
  }
  set(iso: string): void {
    this.#t = Date.parse(iso);
  }
}

// China-time arithmetic lives in china-time.ts; this re-export keeps the existing `chinaDate` imports working
// while other branches still import it from here (new code imports china-time.ts).
export { chinaDate } from './china-time.ts';
