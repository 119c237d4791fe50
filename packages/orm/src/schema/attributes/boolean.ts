import { builder } from '../attribute.js';
import { type Codec, describeType } from '../codec.js';

const booleanCodec: Codec<boolean> = {
  kind: 'boolean',
  check(value, path, issues) {
    if (typeof value === 'boolean') return true;
    issues.add(path, 'type', `expected a boolean, got ${describeType(value)}`);
    return false;
  },
  marshal: (value) => ({ BOOL: value }),
  unmarshal: (value) => value.BOOL,
  nested: 'none',
};

/** A boolean (`BOOL`). DynamoDB keys cannot be booleans. */
export function boolean() {
  return builder<'boolean', boolean>(booleanCodec);
}
