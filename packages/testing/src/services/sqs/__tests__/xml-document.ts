/** One element of a parsed answer: its name, child elements and decoded text. */
export interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

const XML_CHARACTER = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = /^[A-Za-z_][\w.-]*$/;
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * A strict parser for the XML the query protocol answers with (elements, attributes, text,
 * references; no DTD, comments or CDATA). Throws on anything an XML 1.0 parser would refuse
 * there: a character outside XML's set, an unknown or malformed reference, a reference to a
 * character XML cannot carry, mismatched or unclosed tags, text outside the root element.
 */
export function parseXmlDocument(xml: string): XmlElement {
  if (!XML_CHARACTER.test(xml)) throw new Error('the document has a character XML cannot carry');
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const open: XmlElement[] = [root];
  for (const token of body.split(/(<[^>]*>)/)) {
    const current = open.at(-1) as XmlElement;
    if (!token.startsWith('<')) {
      if (current === root && token.trim() !== '') throw new Error('text outside the root');
      current.text += decodeText(token);
      continue;
    }
    const closing = /^<\/([^\s>]+)\s*>$/.exec(token);
    if (closing) {
      if (current.name !== closing[1]) throw new Error(`</${closing[1]}> closes <${current.name}>`);
      open.pop();
      continue;
    }
    const opening = /^<([^\s/>]+)((?:\s+[^\s=]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!opening?.[1] || !NAME.test(opening[1])) throw new Error(`malformed tag ${token}`);
    if (current === root && root.children.length > 0) throw new Error('a second root element');
    for (const [, value] of (opening[2] ?? '').matchAll(/="([^"]*)"/g)) decodeText(value ?? '');
    const element: XmlElement = { name: opening[1], children: [], text: '' };
    current.children.push(element);
    if (opening[3] !== '/') open.push(element);
  }
  if (open.length !== 1) throw new Error(`<${open.at(-1)?.name}> is never closed`);
  const [document] = root.children;
  if (!document) throw new Error('no root element');
  return document;
}

function decodeText(text: string): string {
  if (/[<]/.test(text)) throw new Error('a stray <');
  return text.replace(/&([^;&]*);|&/g, (reference, name: string | undefined) => {
    if (name === undefined) throw new Error('a bare &');
    const named = ENTITIES[name];
    if (named !== undefined) return named;
    const code = /^#x([0-9A-Fa-f]+)$/.exec(name)?.[1] ?? /^#([0-9]+)$/.exec(name)?.[1];
    if (code === undefined) throw new Error(`unknown reference ${reference}`);
    const codePoint = name.startsWith('#x') ? Number.parseInt(code, 16) : Number(code);
    const character = codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '';
    if (!character || !XML_CHARACTER.test(character)) {
      throw new Error(`reference ${reference} to a character XML cannot carry`);
    }
    return character;
  });
}

/** Text of every element with this name, in document order. */
export function textsOf(element: XmlElement, name: string): string[] {
  const found: string[] = [];
  const pending = [element];
  for (let next = pending.shift(); next; next = pending.shift()) {
    if (next.name === name) found.push(next.text);
    pending.unshift(...next.children);
  }
  return found;
}
