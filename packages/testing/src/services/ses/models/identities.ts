import { randomBytes } from 'node:crypto';
import { domainOf } from './addresses.js';

/** What an SES identity is: one address, or a whole domain. */
export type IdentityType = 'EMAIL_ADDRESS' | 'DOMAIN';

/** A verified sender identity. The sandbox verifies every identity as it is created. */
export interface EmailIdentity {
  /** The address or domain, as it was created. */
  readonly name: string;
  readonly type: IdentityType;
  /** Easy DKIM's three tokens (domains only). */
  readonly dkimTokens: readonly string[];
}

/** The identities senders are verified against; names compare case-insensitively. */
export class IdentityStore {
  readonly #identities = new Map<string, EmailIdentity>();

  /** Adds an identity; false when it exists already. */
  add(name: string): boolean {
    const key = name.toLowerCase();
    if (this.#identities.has(key)) return false;
    const type: IdentityType = name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN';
    const dkimTokens = type === 'DOMAIN' ? [dkimToken(), dkimToken(), dkimToken()] : [];
    this.#identities.set(key, { name, type, dkimTokens });
    return true;
  }

  /** Removes an identity; false when there was none. */
  remove(name: string): boolean {
    return this.#identities.delete(name.toLowerCase());
  }

  get(name: string): EmailIdentity | undefined {
    return this.#identities.get(name.toLowerCase());
  }

  /** Every identity, sorted by name, for stable listings and pages. */
  list(): EmailIdentity[] {
    return [...this.#identities.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The identity that lets `address` send: the address itself, else its domain, else a parent
   * domain of it (a verified domain covers its subdomains, as in SES).
   */
  verifierOf(address: string): EmailIdentity | undefined {
    const own = this.get(address);
    if (own) return own;
    const labels = domainOf(address).split('.');
    for (let start = 0; start < labels.length - 1; start += 1) {
      const domain = this.#identities.get(labels.slice(start).join('.'));
      if (domain?.type === 'DOMAIN') return domain;
    }
    return undefined;
  }
}

/** A DKIM token as SES makes them: 32 lower-case letters and digits. */
function dkimToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
