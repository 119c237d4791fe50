import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { fail } from '../../schema/issues.js';
import { parsePath } from '../../schema/paths.js';
import type { AnyTableDefinition } from '../definition.js';

/**
 * Collects the placeholders of one request. Every name becomes `#n<i>` and every value `:v<i>`,
 * so reserved words (`status`, `name`, `count`, …) and odd characters never reach the
 * expression text. A name used twice gets one placeholder.
 */
export class ExpressionContext {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly nameAliases = new Map<string, string>();
  private valueCount = 0;

  constructor(readonly definition: AnyTableDefinition) {}

  /** The table named in validation errors: the logical name, as the definition's own errors do. */
  get table(): string {
    return this.definition.name;
  }

  /** `address.city` → `#n0.#n1`, `tags[0]` → `#n2[0]`; the root must be a defined attribute. */
  path(path: string): string {
    const parsed = parsePath(path);
    if (!parsed) fail(path, 'path', 'is not a valid attribute path', this.table);
    if (!(parsed.name in this.definition.attributes)) {
      fail(
        path,
        'unknownAttribute',
        `"${parsed.name}" is not an attribute of ${this.table}`,
        this.table,
      );
    }
    let text = this.name(parsed.name);
    for (const segment of parsed.segments) {
      text += 'index' in segment ? `[${segment.index}]` : `.${this.name(segment.member)}`;
    }
    return text;
  }

  name(name: string): string {
    let alias = this.nameAliases.get(name);
    if (!alias) {
      alias = `#n${this.nameAliases.size}`;
      this.nameAliases.set(name, alias);
      this.names[alias] = name;
    }
    return alias;
  }

  value(value: AttributeValue): string {
    const alias = `:v${this.valueCount++}`;
    this.values[alias] = value;
    return alias;
  }

  /**
   * Marshals a value a condition, filter or key condition compares with, through the definition
   * (so a Date on a datetime attribute gets its stored form). Only its type is checked: the
   * attribute's rules (`min`, `pattern`, custom rules) constrain stored values, not the values
   * they are compared with (`{ qty: { gte: 0 } }` on `attr.number({ min: 1 })` is a fair filter).
   */
  comparedValue(path: string, value: unknown): string {
    return this.value(this.definition.toValue(path, value, { rules: false }));
  }

  /** The placeholder maps for the SDK input; omitted when empty (DynamoDB rejects empty maps). */
  placeholders(): {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, AttributeValue>;
  } {
    return {
      ...(this.nameAliases.size > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(this.valueCount > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
