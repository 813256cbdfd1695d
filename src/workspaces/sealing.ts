import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Tokens at rest: AES-256-GCM with a random 96-bit nonce per seal. A sealed value names the key
 * that sealed it (a short fingerprint, not the key), so a list of keys can be rotated: the first
 * seals, any of them opens, and what an older key sealed is re-sealed when next read or written.
 *
 *   v1.<key fingerprint>.<nonce>.<tag>.<ciphertext>   (base64url parts)
 */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
  /** Whether a sealed value was sealed by a key other than the current one. */
  isStale(sealed: string): boolean;
}

export class SealError extends Error {
  override readonly name = 'SealError';
}

const VERSION = 'v1';

export function fingerprint(key: Buffer): string {
  return createHash('sha256').update('peer-circles token key').update(key).digest('base64url').slice(0, 8);
}

export function createSealer(keys: Buffer[]): Sealer {
  if (keys.length === 0) throw new SealError('no token encryption key');
  for (const key of keys) if (key.length !== 32) throw new SealError('a token encryption key must be 32 bytes');
  const byPrint = new Map(keys.map((k) => [fingerprint(k), k] as const));
  const current = keys[0]!;
  const currentPrint = fingerprint(current);
  const parts = (sealed: string) => {
    const p = sealed.split('.');
    if (p.length !== 5 || p[0] !== VERSION) throw new SealError('not a sealed value');
    return { print: p[1]!, nonce: p[2]!, tag: p[3]!, body: p[4]! };
  };
  return {
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, currentPrint, nonce.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join(
        '.',
      );
    },
    open(sealed) {
      const { print, nonce, tag, body } = parts(sealed);
      const key = byPrint.get(print);
      // Names no key material: only that the sealing key is not among those configured.
      if (!key) throw new SealError('sealed with a key that is not in TOKEN_ENCRYPTION_KEY (was an old key dropped too soon?)');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError('a sealed value failed its integrity check');
      }
    },
    isStale(sealed) {
      return parts(sealed).print !== currentPrint;
    },
  };
}
