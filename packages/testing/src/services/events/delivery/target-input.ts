import type { EventBridgeEvent } from '../models/event.js';
import type { Target } from '../models/target.js';
import { type JsonPath, parseJsonPath, readJsonPath } from './json-path.js';

/** What a target receives: the whole event, a constant, an InputPath's part or a transformer's output. */
export interface TargetInputRenderer {
  render(event: EventBridgeEvent, rule: { name: string; arn: string }, ingestedAt: string): string;
}

const PLACEHOLDER = /<([A-Za-z0-9_\-.]+)>/g;

/** Built once per target at PutTargets, so bad paths fail there and delivery stays cheap. */
export function compileTargetInput(target: Target): TargetInputRenderer {
  if (target.Input !== undefined) {
    const constant = target.Input;
    return { render: () => constant };
  }
  if (target.InputPath !== undefined) {
    const path = parseJsonPath(target.InputPath);
    return { render: (event) => JSON.stringify(readJsonPath(event, path) ?? null) };
  }
  if (target.InputTransformer !== undefined) return compileTransformer(target.InputTransformer);
  return { render: (event) => JSON.stringify(event) };
}

function compileTransformer(
  transformer: NonNullable<Target['InputTransformer']>,
): TargetInputRenderer {
  const paths = new Map<string, JsonPath>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    paths.set(name, parseJsonPath(path));
  }
  const template = transformer.InputTemplate;
  // A template that is JSON gets JSON values where a placeholder stands outside quotes; a plain
  // text template gets the values as text.
  const jsonTemplate = /^\s*[[{]/.test(template);
  return {
    render(event, rule, ingestedAt) {
      const values = (name: string): { found: boolean; value: unknown } => {
        switch (name) {
          case 'aws.events.rule-arn':
            return { found: true, value: rule.arn };
          case 'aws.events.rule-name':
            return { found: true, value: rule.name };
          case 'aws.events.event.ingestion-time':
            return { found: true, value: ingestedAt };
          case 'aws.events.event.json':
            return { found: true, value: event };
          case 'aws.events.event': {
            const { detail: _detail, ...envelope } = event;
            return { found: true, value: envelope };
          }
        }
        const path = paths.get(name);
        return path
          ? { found: true, value: readJsonPath(event, path) }
          : { found: false, value: undefined };
      };
      return substitute(template, jsonTemplate, values);
    },
  };
}

function substitute(
  template: string,
  jsonTemplate: boolean,
  lookup: (name: string) => { found: boolean; value: unknown },
): string {
  let output = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    const { found, value } = lookup(name);
    if (!found) continue; // not a variable: the text stays as written
    output += template.slice(last, match.index);
    const insideString = jsonTemplate && isInsideJsonString(template, match.index);
    output += jsonTemplate && !insideString ? asJson(value) : asText(value, insideString);
    last = match.index + match[0].length;
  }
  return output + template.slice(last);
}

function asJson(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** Inside a JSON string the value must not break the string: escape it as string content. */
function asText(value: unknown, withinString: boolean): string {
  if (value === undefined || value === null) return withinString ? '' : 'null';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return withinString ? JSON.stringify(text).slice(1, -1) : text;
}

/** True when `offset` lies between the quotes of a JSON string literal. */
function isInsideJsonString(text: string, offset: number): boolean {
  let inside = false;
  for (let i = 0; i < offset; i++) {
    const char = text[i];
    if (inside && char === '\\') i++;
    else if (char === '"') inside = !inside;
  }
  return inside;
}
