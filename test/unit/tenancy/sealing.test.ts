import { createCipheriv, randomBytes } from 'node:crypto';
import { createSealer, fingerprint, SealError } from '../../../src/workspaces/sealing';

const key = randomBytes(32);
const TOKEN = '{"bot":{"token":"xoxb-1-2-secret"}}';

/** A value as the first version sealed it: no associated data. */
function sealedTheOldWay(plain: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    'v1',
    fingerprint(key),
    nonce.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

/** The same value with its authentication tag cut to `bytes`. */
function withTagCut(sealed: string, bytes: number): string {
  const parts = sealed.split('.');
  parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, bytes).toString('base64url');
  return parts.join('.');
}

describe('sealed tokens', () => {
  const sealer = createSealer([key]);

  it('open for the workspace they were sealed for', () => {
    expect(sealer.open(sealer.seal(TOKEN, 'team:T0AAA'), 'team:T0AAA')).toBe(TOKEN);
  });

  it('do not open for another workspace or org: the owner is bound as associated data', () => {
    const sealed = sealer.seal(TOKEN, 'team:T0AAA');
    expect(() => sealer.open(sealed, 'team:T0BBB')).toThrow(SealError);
    expect(() => sealer.open(sealed, 'enterprise:T0AAA')).toThrow(SealError);
  });

  it('need the whole 16-byte tag: a tag cut short does not open', () => {
    const sealed = sealer.seal(TOKEN, 'team:T0AAA');
    for (const bytes of [4, 8, 12, 15]) expect(() => sealer.open(withTagCut(sealed, bytes), 'team:T0AAA')).toThrow(SealError);
    // The first version's values are held to the same length.
    expect(() => sealer.open(withTagCut(sealedTheOldWay(TOKEN), 4), 'team:T0AAA')).toThrow(SealError);
  });

  it('sealed the old way (without associated data) still open, and count as stale so they are sealed again', () => {
    const old = sealedTheOldWay(TOKEN);
    expect(sealer.open(old, 'team:T0AAA')).toBe(TOKEN);
    expect(sealer.isStale(old)).toBe(true);
    expect(sealer.isStale(sealer.seal(TOKEN, 'team:T0AAA'))).toBe(false);
  });

  it('say nothing of the key or the value when they fail', () => {
    const sealed = sealer.seal(TOKEN, 'team:T0AAA');
    let message = '';
    try {
      sealer.open(sealed, 'team:T0BBB');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('a sealed value failed its integrity check');
  });
});
