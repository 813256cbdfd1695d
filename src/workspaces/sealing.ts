import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Tokens at rest: AES-256-GCM with a random 96-bit nonce per seal and the full 16-byte tag. A
 * sealed value names the key that sealed it (a short fingerprint, not the key), so a list of keys
 * can be rotated: the first seals, any of them opens, and what an older key sealed is re-sealed
 * when next read or written.
 *
 *   v2.<key fingerprint>.<nonce>.<tag>.<ciphertext>   (base64url parts)
 *
 * A v2 value is bound to its owner (`team:<id>` or `enterprise:<id>`) as associated data, so a
 * value copied into another workspace's row does not open there. v1 values, sealed before that,
 * carry no associated data: they still open (tag length enforced all the same) and count as
 * stale, so the next read seals them again as v2.
 */
export interface Sealer {
  seal(plain: string, owner: string): string;
  open(sealed: string, owner: string): string;
  /** Whether a sealed value should be sealed again: by a key other than the current one, or in the old format. */
  isStale(sealed: string): boolean;
}

export class SealError extends Error {
  override readonly name = 'SealError';
}

const VERSION = 'v2';
const UNBOUND = 'v1';
// Node accepts shorter GCM tags unless told the length, and a 4-byte tag is forged in 2^32 tries.
const TAG_BYTES = 16;

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
    if (p.length !== 5 || (p[0] !== VERSION && p[0] !== UNBOUND)) throw new SealError('not a sealed value');
    return { version: p[0], print: p[1]!, nonce: p[2]!, tag: p[3]!, body: p[4]! };
  };
  return {
    seal(plain, owner) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(owner, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, currentPrint, nonce.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join(
        '.',
      );
    },
    open(sealed, owner) {
      const { version, print, nonce, tag, body } = parts(sealed);
      const key = byPrint.get(print);
      // Names no key material: only that the sealing key is not among those configured.
      if (!key) throw new SealError('sealed with a key that is not in TOKEN_ENCRYPTION_KEY (was an old key dropped too soon?)');
      try {
        const tagBytes = Buffer.from(tag, 'base64url');
        if (tagBytes.length !== TAG_BYTES) throw new SealError('short tag');
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'), { authTagLength: TAG_BYTES });
        if (version === VERSION) decipher.setAAD(Buffer.from(owner, 'utf8'));
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError('a sealed value failed its integrity check');
      }
    },
    isStale(sealed) {
      const { version, print } = parts(sealed);
      return version !== VERSION || print !== currentPrint;
    },
  };
}
