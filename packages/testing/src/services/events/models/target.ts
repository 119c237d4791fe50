/** A rule target as PutTargets stores it (the API's own shape, so listings return it unchanged). */
export interface Target {
  readonly Id: string;
  readonly Arn: string;
  readonly RoleArn?: string;
  /** Constant JSON text sent instead of the event. */
  readonly Input?: string;
  /** JSONPath of the part of the event to send. */
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Readonly<Record<string, string>>;
    readonly InputTemplate: string;
  };
  readonly SqsParameters?: { readonly MessageGroupId?: string };
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly RetryPolicy?: {
    readonly MaximumRetryAttempts?: number;
    readonly MaximumEventAgeInSeconds?: number;
  };
}
