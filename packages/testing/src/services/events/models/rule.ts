import type { TargetInputRenderer } from '../delivery/target-input.js';
import type { Target } from './target.js';

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** A target with its input shaping compiled once, when it was put. */
export interface RuleTarget {
  readonly definition: Target;
  readonly input: TargetInputRenderer;
}

/** A rule: its pattern (kept as the text it was given, and compiled once) and its targets. */
export interface Rule {
  readonly name: string;
  readonly arn: string;
  readonly busName: string;
  /** The pattern exactly as PutRule received it; DescribeRule returns this text. */
  eventPattern: string;
  /** The compiled pattern: called once per event on the bus. */
  matches: (event: unknown) => boolean;
  state: RuleState;
  description?: string;
  roleArn?: string;
  /** Targets by id, in the order they were first put. */
  readonly targets: Map<string, RuleTarget>;
}
