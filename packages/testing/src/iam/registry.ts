import { type FunctionCredentials, newFunctionCredentials } from './credentials.js';
import { awsManagedPolicy, isAwsManagedPolicyArn } from './managed-policies.js';
import { type PolicyStatement, parsePolicyDocument } from './policy-document.js';

/** A deployed function as IAM sees it: the role it runs as, and its variables for hints. */
export interface FunctionIdentity {
  readonly functionName: string;
  readonly functionArn: string;
  /** The execution role's ARN (`Role`); absent when the template gives none. */
  readonly roleArn?: string;
  readonly environment: Readonly<Record<string, string>>;
}

interface RoleEntry {
  readonly arn: string;
  readonly inline: readonly PolicyStatement[];
  readonly managedPolicyArns: readonly string[];
}

interface AttachedPolicy {
  readonly statements: readonly PolicyStatement[];
  /** Role names it is attached to. */
  readonly roles: readonly string[];
  /** Its ARN, for managed policies. */
  readonly arn?: string;
}

/** An `AWS::Lambda::Permission`: a statement of the function's resource policy. */
export interface FunctionPermission {
  readonly functionName: string;
  readonly statement: PolicyStatement;
}

/** The role name of a role ARN: `arn:aws:iam::1:role/path/name` → `name`. */
export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

/**
 * What the deployed templates say about IAM: roles with their inline and attached policies,
 * managed policies, the role each function runs as and the credentials that identify it, and
 * functions' resource policies. Filled by the deploy, read by the checks on every request.
 */
export class IamRegistry {
  private readonly roles = new Map<string, RoleEntry>();
  private readonly attached = new Map<string, AttachedPolicy>();
  private readonly managedByArn = new Map<string, readonly PolicyStatement[]>();
  private readonly functions = new Map<string, FunctionIdentity>();
  private readonly credentials = new Map<string, FunctionCredentials>();
  private readonly byAccessKey = new Map<string, string>();
  private readonly permissions = new Map<string, FunctionPermission>();
  private readonly deployedRules = new Set<string>();
  private pendingWarnings: string[] = [];
  private changes = 0;
  private readonly roleStatements = new Map<string, PolicyStatement[]>();

  /**
   * Grows with every change to what the registry holds, so that what was decided from it can
   * be kept for as long as it stays the same.
   */
  get revision(): number {
    return this.changes;
  }

  private changed(): void {
    this.changes++;
    this.roleStatements.clear();
  }

  /** Deploy warnings since the last call (unknown managed policies, roles no stack defines). */
  takeWarnings(): string[] {
    const warnings = this.pendingWarnings;
    this.pendingWarnings = [];
    return warnings;
  }

  putRole(roleName: string, properties: Readonly<Record<string, unknown>>, arn: string): void {
    this.changed();
    const inline: PolicyStatement[] = [];
    const policies = Array.isArray(properties.Policies) ? properties.Policies : [];
    for (const policy of policies as { PolicyName?: unknown; PolicyDocument?: unknown }[]) {
      inline.push(
        ...parsePolicyDocument(
          policy?.PolicyDocument,
          `inline policy ${String(policy?.PolicyName)} of role ${roleName}`,
        ),
      );
    }
    const managedPolicyArns = Array.isArray(properties.ManagedPolicyArns)
      ? properties.ManagedPolicyArns.map(String)
      : [];
    for (const policyArn of managedPolicyArns) {
      if (isAwsManagedPolicyArn(policyArn) && !awsManagedPolicy(policyArn)) {
        this.pendingWarnings.push(
          `role ${roleName} attaches the AWS managed policy ${policyArn}, whose actions the sandbox does not know: its calls are checked without it, so what it would allow is denied`,
        );
      } else if (!isAwsManagedPolicyArn(policyArn) && !this.managedByArn.has(policyArn)) {
        this.pendingWarnings.push(
          `role ${roleName} attaches the managed policy ${policyArn}, which no deployed stack defines: its calls are checked without it`,
        );
      }
    }
    this.roles.set(roleName, { arn, inline, managedPolicyArns });
  }

  deleteRole(roleName: string): void {
    this.changed();
    this.roles.delete(roleName);
  }

  /** An `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy` (with `arn`), by its physical id. */
  putPolicy(
    id: string,
    source: string,
    document: unknown,
    roles: readonly string[],
    arn?: string,
  ): void {
    this.changed();
    const statements = parsePolicyDocument(document, source);
    this.attached.set(id, { statements, roles, ...(arn !== undefined && { arn }) });
    if (arn !== undefined) this.managedByArn.set(arn, statements);
  }

  deletePolicy(id: string): void {
    this.changed();
    const policy = this.attached.get(id);
    this.attached.delete(id);
    if (policy?.arn !== undefined) this.managedByArn.delete(policy.arn);
  }

  /** Every statement of the identity policies of a role; none for a role no stack defines. */
  statementsOfRole(roleArn: string): readonly PolicyStatement[] {
    let statements = this.roleStatements.get(roleArn);
    if (!statements) {
      statements = this.collectStatements(roleArn);
      this.roleStatements.set(roleArn, statements);
    }
    return statements;
  }

  private collectStatements(roleArn: string): PolicyStatement[] {
    const roleName = roleNameOf(roleArn);
    const role = this.roles.get(roleName);
    if (!role) return [];
    const statements = [...role.inline];
    for (const policy of this.attached.values()) {
      if (policy.roles.includes(roleName)) statements.push(...policy.statements);
    }
    for (const policyArn of role.managedPolicyArns) {
      const managed = awsManagedPolicy(policyArn) ?? this.managedByArn.get(policyArn);
      if (managed) statements.push(...managed);
    }
    return statements;
  }

  /**
   * Records the role a function runs as and answers the credentials its workers get: the same
   * ones for as long as a function of that name is deployed, so a redeploy keeps them valid.
   */
  putFunction(identity: FunctionIdentity): FunctionCredentials {
    this.changed();
    if (identity.roleArn !== undefined && !this.roles.has(roleNameOf(identity.roleArn))) {
      this.pendingWarnings.push(
        `function ${identity.functionName} runs as ${identity.roleArn}, which no deployed stack defines: every call it makes is denied`,
      );
    }
    this.functions.set(identity.functionName, identity);
    let credentials = this.credentials.get(identity.functionName);
    if (!credentials) {
      credentials = newFunctionCredentials();
      this.credentials.set(identity.functionName, credentials);
      this.byAccessKey.set(credentials.accessKeyId, identity.functionName);
    }
    return credentials;
  }

  deleteFunction(functionName: string): void {
    this.changed();
    const credentials = this.credentials.get(functionName);
    if (credentials) this.byAccessKey.delete(credentials.accessKeyId);
    this.credentials.delete(functionName);
    this.functions.delete(functionName);
  }

  /** The function an access key id was issued to, or undefined. */
  functionOfKey(accessKeyId: string): FunctionIdentity | undefined {
    const name = this.byAccessKey.get(accessKeyId);
    return name === undefined ? undefined : this.functions.get(name);
  }

  functionNamed(functionName: string): FunctionIdentity | undefined {
    return this.functions.get(functionName);
  }

  /**
   * Rules a deploy created: their deliveries are checked against the targets' resource policies.
   * Rules a test puts through the API with the sandbox's own credentials are its own, unchecked.
   */
  putDeployedRule(ruleArn: string): void {
    this.deployedRules.add(ruleArn);
  }

  deleteDeployedRule(ruleArn: string): void {
    this.deployedRules.delete(ruleArn);
  }

  isDeployedRule(ruleArn: string): boolean {
    return this.deployedRules.has(ruleArn);
  }

  putPermission(id: string, permission: FunctionPermission): void {
    this.changed();
    this.permissions.set(id, permission);
  }

  deletePermission(id: string): void {
    this.changed();
    this.permissions.delete(id);
  }

  /** The statements of a function's resource policy (its `AWS::Lambda::Permission`s). */
  functionPolicy(functionName: string): PolicyStatement[] {
    return [...this.permissions.values()]
      .filter((permission) => permission.functionName === functionName)
      .map((permission) => permission.statement);
  }
}
