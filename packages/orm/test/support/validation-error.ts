import { ValidationError } from '../../src/errors.js';

/** The ValidationError that `run` throws. Any other error is rethrown, and no error fails the test. */
export function validationErrorOf(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}
