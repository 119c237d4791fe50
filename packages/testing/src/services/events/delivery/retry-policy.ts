import type { Target } from '../models/target.js';

/** AWS's defaults for a target without a `RetryPolicy`: 185 retries within 24 hours. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;

/**
 * Backoff between retries, on the sandbox clock: the ceiling doubles from 1 s up to 5 min, and
 * each wait is drawn between half the ceiling and the ceiling (jitter), so that with the defaults
 * the 185 retries spread over most of a day, as AWS's do.
 */
export const FIRST_RETRY_CEILING_MS = 1_000;
export const MAXIMUM_RETRY_CEILING_MS = 300_000;

/** Which limit of the retry policy ended the retries. */
export type RetriesExhausted = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly exhausted: RetriesExhausted };

/**
 * Whether a delivery that failed for a transient reason is tried again, and when.
 * `retriesSoFar` counts the retries already made; `ageMs` is how long ago the event was accepted.
 * A retry that would fall after the event's maximum age is not scheduled: the event gives up now.
 */
export function decideRetry(
  policy: Target['RetryPolicy'],
  retriesSoFar: number,
  ageMs: number,
  random: () => number = Math.random,
): RetryDecision {
  const maximumAttempts = policy?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS;
  if (retriesSoFar >= maximumAttempts) return { retry: false, exhausted: 'MaximumRetryAttempts' };
  const delayMs = retryDelayMs(retriesSoFar + 1, random);
  if (ageMs + delayMs > maximumEventAgeMs(policy)) {
    return { retry: false, exhausted: 'MaximumEventAgeInSeconds' };
  }
  return { retry: true, delayMs };
}

/**
 * Whether an event is too old for the retry that is due now: its timer may fire late, and AWS
 * drops an event once it is older than `MaximumEventAgeInSeconds`.
 */
export function tooOldToRetry(policy: Target['RetryPolicy'], ageMs: number): boolean {
  return ageMs > maximumEventAgeMs(policy);
}

function maximumEventAgeMs(policy: Target['RetryPolicy']): number {
  return (policy?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1000;
}

/** The wait before retry number `retry` (1 for the first): exponential, capped, with jitter. */
export function retryDelayMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAXIMUM_RETRY_CEILING_MS, FIRST_RETRY_CEILING_MS * 2 ** (retry - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}
