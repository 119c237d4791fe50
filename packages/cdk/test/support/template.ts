import type { Template } from 'aws-cdk-lib/assertions';

/** A resource of a synthesized template. */
export interface TemplateResource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
}

/** One statement of an IAM or resource policy. */
export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, unknown>;
  Sid?: string;
}

/** Resources of one type, by logical id. */
export function resourcesOfType(
  template: Template,
  type: string,
): Record<string, TemplateResource> {
  return template.findResources(type) as Record<string, TemplateResource>;
}

/** The one resource of `type` whose logical id starts with `prefix`. */
export function resourceNamed(
  template: Template,
  type: string,
  prefix: string,
): [string, TemplateResource] {
  const matches = Object.entries(resourcesOfType(template, type)).filter(([id]) =>
    id.startsWith(prefix),
  );
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} starting with ${prefix}, found ${matches.length}`);
  }
  return matches[0] as [string, TemplateResource];
}

/** The statements of the inline policy attached to the role whose logical id starts with `prefix`. */
export function roleStatements(template: Template, rolePrefix: string): PolicyStatement[] {
  const [roleId] = resourceNamed(template, 'AWS::IAM::Role', rolePrefix);
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
    )
    .flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement,
    );
}

/** Every string inside a value, depth first (to search resources for wildcards). */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** `[logicalId, attribute]` of a `Fn::GetAtt`, or the id of a `Ref`. */
export function refTarget(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.Ref === 'string') return record.Ref;
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  }
  return undefined;
}
