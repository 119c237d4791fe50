import type { ExpressionContext } from './expression-context.js';

/** `['name', 'address.city']` → `#n0, #n1.#n2`; the listed paths are checked against the definition. */
export function compileProjection(context: ExpressionContext, paths: readonly string[]): string {
  return paths.map((path) => context.path(path)).join(', ');
}
