import { SandboxError } from '../errors.js';

/** The cloud assembly cannot be read: no manifest, a missing template, a stack that is not in it. */
export class InvalidCloudAssemblyError extends SandboxError {
  readonly code = 'INVALID_CLOUD_ASSEMBLY' as const;
  override get name(): 'InvalidCloudAssemblyError' {
    return 'InvalidCloudAssemblyError';
  }
  constructor(
    /** The cloud assembly folder. */
    readonly assembly: string,
    reason: string,
  ) {
    super(`cloud assembly ${assembly}: ${reason}`);
  }
}

/** A template the sandbox cannot resolve: a bad intrinsic function, a missing reference. */
export class TemplateError extends SandboxError {
  readonly code = 'INVALID_TEMPLATE' as const;
  override get name(): 'TemplateError' {
    return 'TemplateError';
  }
  constructor(
    /** Where in the template (`Resources.Queue.Properties.QueueName.Fn::Join`). */
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** A resource type the sandbox neither creates nor records; the stack is not deployed. */
export class UnsupportedResourceTypeError extends SandboxError {
  readonly code = 'UNSUPPORTED_RESOURCE_TYPE' as const;
  override get name(): 'UnsupportedResourceTypeError' {
    return 'UnsupportedResourceTypeError';
  }
  constructor(
    readonly stackName: string,
    readonly logicalId: string,
    readonly resourceType: string,
  ) {
    super(
      `stack ${stackName}: resource ${logicalId} has the type ${resourceType}, which the sandbox does not support; nothing of the stack was created`,
    );
  }
}

/** A resource the sandbox's services refused; what the stack had created so far is removed. */
export class ResourceCreationError extends SandboxError {
  readonly code = 'RESOURCE_CREATION_FAILED' as const;
  override get name(): 'ResourceCreationError' {
    return 'ResourceCreationError';
  }
  constructor(
    readonly stackName: string,
    readonly logicalId: string,
    readonly resourceType: string,
    reason: string,
  ) {
    super(`stack ${stackName}: ${logicalId} (${resourceType}) could not be created: ${reason}`);
  }
}

/** A stack whose export another deployed stack imports cannot be destroyed before that stack. */
export class StackInUseError extends SandboxError {
  readonly code = 'STACK_IN_USE' as const;
  override get name(): 'StackInUseError' {
    return 'StackInUseError';
  }
  constructor(
    readonly stackName: string,
    readonly exportName: string,
    readonly importedBy: string,
  ) {
    super(
      `stack ${stackName} cannot be destroyed: its export ${exportName} is imported by stack ${importedBy}; destroy ${importedBy} first`,
    );
  }
}
