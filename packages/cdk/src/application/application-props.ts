import type { DavinciApplicationProps } from './davinci-application-props.js';

/** Props of {@link Application}: those of {@link DavinciApplicationProps}, and of the CDK `App`. */
export interface ApplicationProps extends DavinciApplicationProps {
  /**
   * Where `synth()` writes the cloud assembly.
   * @default `CDK_OUTDIR` when run by the CDK CLI, otherwise a temporary directory
   */
  readonly outdir?: string;
  /**
   * Extra CDK context values.
   * @default none
   */
  readonly context?: Readonly<Record<string, unknown>>;
  /**
   * Run aws-cdk-lib's built-in CloudFormation schema validation on `synth()` (it takes a few
   * seconds; `CDK_VALIDATION=false` also turns it off).
   * @default true
   */
  readonly builtinCloudFormationValidation?: boolean;
}
