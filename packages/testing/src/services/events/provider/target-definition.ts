import { ServiceError } from '../../../edge/service-error.js';
import { UnsupportedJsonPathError } from '../delivery/json-path.js';
import { compileTargetInput } from '../delivery/target-input.js';
import { arnService } from '../models/arns.js';
import type { RuleTarget } from '../models/rule.js';
import type { Target } from '../models/target.js';
import { isRecord, NAME_RULES, optionalInteger, optionalString, requiredString } from './params.js';

const INPUT_PATHS_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * Reads and checks one entry of PutTargets' `Targets`, and compiles its input shaping, so that a
 * bad target is refused before anything is stored and delivery has nothing left to check.
 */
export function readTarget(entry: unknown, index: number): RuleTarget {
  if (!isRecord(entry))
    throw new ServiceError('SerializationException', `Targets[${index}] must be an object`);
  const id = requiredString(entry, 'Id', NAME_RULES.target);
  const arn = requiredString(entry, 'Arn', { max: 1600 });
  if (arnService(arn) === undefined) {
    throw new ServiceError(
      'ValidationException',
      `Parameter ${arn} is not valid. Reason: Provided Arn is not in correct format.`,
    );
  }
  const input = optionalString(entry, 'Input', { min: 0, max: 8192 });
  const inputPath = optionalString(entry, 'InputPath', { min: 0, max: 256 });
  const transformer = readTransformer(entry.InputTransformer, id);
  const shapes = [input, inputPath, transformer].filter((shape) => shape !== undefined);
  if (shapes.length > 1) {
    throw new ServiceError(
      'ValidationException',
      `Only one of Input, InputPath, or InputTransformer can be provided for target ${id}.`,
    );
  }
  if (input !== undefined && !isJson(input)) {
    throw new ServiceError(
      'ValidationException',
      `Parameter Input is not valid for target ${id}: it must be valid JSON text.`,
    );
  }
  const groupId = isRecord(entry.SqsParameters) ? entry.SqsParameters.MessageGroupId : undefined;
  if (arnService(arn) === 'sqs' && arn.endsWith('.fifo') && typeof groupId !== 'string') {
    throw new ServiceError(
      'ValidationException',
      `Parameter(s) SqsParameters must be specified for target: ${id}.`,
    );
  }
  const deadLetterArn = isRecord(entry.DeadLetterConfig) ? entry.DeadLetterConfig.Arn : undefined;
  if (
    deadLetterArn !== undefined &&
    (typeof deadLetterArn !== 'string' || arnService(deadLetterArn) !== 'sqs')
  ) {
    throw new ServiceError(
      'ValidationException',
      `Parameter DeadLetterConfig.Arn is not valid for target ${id}: it must be the ARN of an SQS queue.`,
    );
  }
  const retry = isRecord(entry.RetryPolicy) ? entry.RetryPolicy : undefined;
  const maximumRetryAttempts =
    retry && optionalInteger(retry, 'MaximumRetryAttempts', { min: 0, max: 185 });
  const maximumEventAge =
    retry && optionalInteger(retry, 'MaximumEventAgeInSeconds', { min: 60, max: 86_400 });
  const roleArn = optionalString(entry, 'RoleArn', { max: 1600 });
  const definition: Target = {
    Id: id,
    Arn: arn,
    ...(roleArn !== undefined && { RoleArn: roleArn }),
    ...(input !== undefined && { Input: input }),
    ...(inputPath !== undefined && { InputPath: inputPath }),
    ...(transformer !== undefined && { InputTransformer: transformer }),
    ...(typeof groupId === 'string' && { SqsParameters: { MessageGroupId: groupId } }),
    ...(typeof deadLetterArn === 'string' && { DeadLetterConfig: { Arn: deadLetterArn } }),
    ...(retry && {
      RetryPolicy: {
        ...(maximumRetryAttempts !== undefined && { MaximumRetryAttempts: maximumRetryAttempts }),
        ...(maximumEventAge !== undefined && { MaximumEventAgeInSeconds: maximumEventAge }),
      },
    }),
  };
  try {
    return { definition, input: compileTargetInput(definition) };
  } catch (error) {
    if (error instanceof UnsupportedJsonPathError) {
      throw new ServiceError('ValidationException', `Target ${id}: ${error.message}`);
    }
    throw error;
  }
}

function readTransformer(value: unknown, targetId: string): Target['InputTransformer'] {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value))
    throw new ServiceError('SerializationException', 'InputTransformer must be an object');
  const template = requiredString(value, 'InputTemplate', { max: 8192 });
  const map = value.InputPathsMap;
  if (map === undefined || map === null) return { InputTemplate: template };
  if (!isRecord(map))
    throw new ServiceError('SerializationException', 'InputPathsMap must be a map');
  const entries = Object.entries(map);
  if (entries.length > 100) {
    throw new ServiceError(
      'ValidationException',
      `InputPathsMap of target ${targetId} has more than 100 entries.`,
    );
  }
  const paths: Record<string, string> = {};
  for (const [key, path] of entries) {
    if (!INPUT_PATHS_KEY.test(key) || key.length > 256) {
      throw new ServiceError(
        'ValidationException',
        `InputPathsMap key ${JSON.stringify(key)} of target ${targetId} is not valid: it must match [A-Za-z0-9_-]+ (at most 256 characters).`,
      );
    }
    if (typeof path !== 'string')
      throw new ServiceError('SerializationException', 'InputPathsMap values must be strings');
    paths[key] = path;
  }
  return { InputPathsMap: paths, InputTemplate: template };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
