import { builder } from '../attribute.js';
import { type Codec, typeIssue } from '../codec.js';

const booleanCodec: Codec<boolean> = {
  kind: 'boolean',
  check: (value, path, issues) =>
    typeof value === 'boolean' || typeIssue(issues, path, 'a boolean', value),
  marshal: (value) => ({ BOOL: value }),
  unmarshal: (value) => value.BOOL,
};

/** A boolean (`BOOL`). DynamoDB keys cannot be booleans. */
export function boolean() {
  return builder<'boolean', boolean>(booleanCodec);
}
