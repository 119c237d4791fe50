import { compileEventPattern, InvalidEventPatternError } from '@davinci/event-bus';
import { ServiceError } from '../../../edge/service-error.js';

/**
 * Compiles a pattern given as text, as the API carries it. The text goes to the matcher unparsed,
 * so a pattern that repeats a key is judged as EventBridge judges it.
 */
export function compilePatternText(pattern: string): (event: unknown) => boolean {
  try {
    return compileEventPattern(pattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) {
      throw new ServiceError(
        'InvalidEventPatternException',
        `Event pattern is not valid. Reason: ${error.message}`,
      );
    }
    throw error;
  }
}
