export {
  assertMaxLength,
  assertNameSegment,
  toKebabCase,
  toPascalCase,
  toStackName,
} from './names.js';
