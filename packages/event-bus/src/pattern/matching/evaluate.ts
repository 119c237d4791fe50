import type { Branch } from '../parse-pattern.js';
import { type ArrayPosition, collectFieldValues } from './event-values.js';

/** True when the event satisfies every field of one branch. */
export function matchesBranch(event: unknown, branch: Branch): boolean {
  let constrained: ArrayPosition[][] | undefined;
  for (const rule of branch) {
    const values = collectFieldValues(event, rule);
    if (values.unconditional) continue;
    if (!values.present) {
      if (rule.matchesAbsent) continue;
      return false;
    }
    if (values.positions === undefined) return false;
    if (constrained === undefined) constrained = [values.positions];
    else constrained.push(values.positions);
  }
  // Values inside arrays may only be combined when they come from the same array elements.
  return (
    constrained === undefined || constrained.length === 1 || chooseConsistent(constrained, 0, [])
  );
}

function chooseConsistent(
  fields: readonly ArrayPosition[][],
  next: number,
  chosen: ArrayPosition[],
): boolean {
  if (next === fields.length) return true;
  for (const candidate of fields[next] as ArrayPosition[]) {
    if (chosen.every((other) => agree(other, candidate))) {
      chosen.push(candidate);
      if (chooseConsistent(fields, next + 1, chosen)) return true;
      chosen.pop();
    }
  }
  return false;
}

function agree(a: ArrayPosition, b: ArrayPosition): boolean {
  for (let x: ArrayPosition | undefined = a; x !== undefined; x = x.outer) {
    for (let y: ArrayPosition | undefined = b; y !== undefined; y = y.outer) {
      if (x.array === y.array && x.index !== y.index) return false;
    }
  }
  return true;
}
