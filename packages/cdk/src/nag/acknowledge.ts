import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Records why a cdk-nag (or any policy-validation) rule does not apply to `scope`. Uses CDK's own
 * acknowledgement metadata, so applications that do not run cdk-nag need no dependency on it.
 */
export function acknowledgeRule(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
