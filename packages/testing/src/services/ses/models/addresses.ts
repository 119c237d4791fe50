/** The longest address SES takes (RFC 5321's path limit); longer text is refused unread. */
export const MAX_ADDRESS_LENGTH = 320;

/**
 * The bare address of an SES address field, which may carry a display name:
 * `"Jane Doe" <jane@example.com>` and `jane@example.com` both give `jane@example.com`.
 * Undefined when the text is no address.
 */
export function bareAddress(text: string): string | undefined {
  if (text.length > MAX_ADDRESS_LENGTH * 2) return undefined;
  const angled = /<([^<>]*)>\s*$/.exec(text);
  const address = (angled ? angled[1] : text)?.trim() ?? '';
  const at = address.lastIndexOf('@');
  if (
    at <= 0 ||
    at !== address.indexOf('@') ||
    at === address.length - 1 ||
    address.length > MAX_ADDRESS_LENGTH
  ) {
    return undefined;
  }
  if (/[\s<>,;]/.test(address)) return undefined;
  return address;
}

/** The domain of a bare address, in lower case. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** A domain SES takes as an identity: two or more dot-separated labels of letters, digits, hyphens. */
export function isDomainName(text: string): boolean {
  const labels = text.split('.');
  return (
    text.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(label))
  );
}
