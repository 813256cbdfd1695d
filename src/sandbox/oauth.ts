import type { IncomingMessage } from 'node:http';
import { ApiError, str } from './apiArgs';
import { randomId } from './ids';
import type { JsonObject } from './types';

/** The app's OAuth settings as Slack holds them (Basic Information and OAuth & Permissions). */
export interface OAuthAppConfig {
  clientId: string;
  clientSecret: string;
  /** Token rotation on: access tokens expire after `tokenLifetimeSeconds` and come with a refresh token. */
  tokenRotation?: boolean;
  /** Default 12 hours, as Slack's. */
  tokenLifetimeSeconds?: number;
}

/** Who a token speaks for. */
export interface TokenGrant {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  /** ms on the emulator's clock; undefined for tokens that never expire. */
  expiresAt: number | undefined;
  revoked: boolean;
}

interface PendingCode {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  userId: string;
  scopes: string;
  redirectUri: string | undefined;
  issuedAt: number;
}

/** What the person on the authorize page picks: their workspace (or their whole org) and who they are. */
export interface AuthorizeChoice {
  userId: string;
  teamId?: string;
  enterpriseId?: string;
  /** Enterprise Grid org-wide install (needs `enterpriseId`). */
  orgWide?: boolean;
}

const CODE_TTL_MS = 10 * 60_000;

/**
 * Slack's side of OAuth v2: the authorize page (which here approves at once, for whoever the
 * query names), single-use codes, `oauth.v2.access` for a code or a refresh token, and the tokens
 * it issued, which expire, rotate and can be revoked.
 */
export class OAuthServer {
  readonly grants = new Map<string, TokenGrant>();
  private readonly refreshTokens = new Map<string, Omit<TokenGrant, 'expiresAt' | 'revoked'>>();
  private readonly codes = new Map<string, PendingCode>();

  constructor(
    readonly app: OAuthAppConfig | undefined,
    private readonly defaults: { teamId: string; teamName: string; appId: string; botUserId: string },
    private readonly now: () => number,
  ) {}

  /** GET /oauth/v2/authorize: answers with the redirect Slack would send the browser to. */
  authorize(req: IncomingMessage, url: URL): { status: number; headers: Record<string, string>; body: string } {
    const q = url.searchParams;
    if (!this.app || q.get('client_id') !== this.app.clientId) return page(400, 'Invalid client_id parameter');
    const redirectUri = q.get('redirect_uri') ?? undefined;
    if (!redirectUri) return page(400, 'This emulator needs redirect_uri (the app sends it when configured).');
    const choice: AuthorizeChoice = {
      userId: q.get('user') ?? 'U0PCOWNER1',
      ...(q.get('team') ? { teamId: q.get('team')! } : {}),
      ...(q.get('enterprise') ? { enterpriseId: q.get('enterprise')! } : {}),
      orgWide: q.get('org_wide') === '1',
    };
    if (choice.orgWide && !choice.enterpriseId) return page(400, 'An org-wide install needs an enterprise');
    const code = randomId('', 12, '0123456789') + '.' + randomId('', 12, '0123456789');
    this.codes.set(code, {
      teamId: choice.orgWide ? null : (choice.teamId ?? this.defaults.teamId),
      enterpriseId: choice.enterpriseId ?? null,
      isEnterpriseInstall: Boolean(choice.orgWide),
      userId: choice.userId,
      scopes: q.get('scope') ?? '',
      redirectUri,
      issuedAt: this.now(),
    });
    void req;
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = q.get('state');
    if (state) target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString() }, body: '' };
  }

  /** oauth.v2.access: the app proves itself with its client id and secret, not a token. */
  access(args: JsonObject, authorization: string | undefined): JsonObject {
    const app = this.app;
    if (!app) throw new ApiError('invalid_client_id');
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = str(args, 'client_id') ?? basicId;
    const clientSecret = str(args, 'client_secret') ?? basicSecret;
    if (clientId !== app.clientId) throw new ApiError('invalid_client_id');
    if (clientSecret !== app.clientSecret) throw new ApiError('bad_client_secret');
    if (str(args, 'grant_type') === 'refresh_token') return this.refresh(str(args, 'refresh_token'));
    const code = str(args, 'code');
    const pending = code ? this.codes.get(code) : undefined;
    if (!code || !pending || this.now() - pending.issuedAt > CODE_TTL_MS) throw new ApiError('invalid_code');
    this.codes.delete(code);
    if (pending.redirectUri !== str(args, 'redirect_uri')) throw new ApiError('bad_redirect_uri');
    const tokens = this.issue(pending);
    return {
      app_id: this.defaults.appId,
      authed_user: { id: pending.userId },
      scope: pending.scopes,
      token_type: 'bot',
      bot_user_id: this.defaults.botUserId,
      ...tokens,
      ...this.who(pending),
    };
  }

  /** Checks a bearer token; returns its grant or the error Slack gives. */
  check(token: string): TokenGrant | { error: string } | undefined {
    const grant = this.grants.get(token);
    if (!grant) return undefined;
    if (grant.revoked) return { error: 'token_revoked' };
    if (grant.expiresAt !== undefined && this.now() >= grant.expiresAt) return { error: 'token_expired' };
    return grant;
  }

  /** What an uninstall does on Slack's side: every token of the workspace (or org) stops working. */
  revoke(teamOrEnterpriseId: string): number {
    let revoked = 0;
    for (const grant of this.grants.values()) {
      if (grant.teamId === teamOrEnterpriseId || (grant.isEnterpriseInstall && grant.enterpriseId === teamOrEnterpriseId)) {
        grant.revoked = true;
        revoked++;
      }
    }
    for (const [token, owner] of this.refreshTokens) {
      if (owner.teamId === teamOrEnterpriseId || owner.enterpriseId === teamOrEnterpriseId) this.refreshTokens.delete(token);
    }
    return revoked;
  }

  private refresh(refreshToken: string | undefined): JsonObject {
    const owner = refreshToken ? this.refreshTokens.get(refreshToken) : undefined;
    if (!refreshToken || !owner) throw new ApiError('invalid_refresh_token');
    // Slack hands out a new refresh token each time; the old one is spent.
    this.refreshTokens.delete(refreshToken);
    const tokens = this.issue(owner);
    return {
      app_id: this.defaults.appId,
      scope: '',
      token_type: 'bot',
      bot_user_id: this.defaults.botUserId,
      ...tokens,
      ...this.who(owner),
    };
  }

  private issue(owner: Omit<TokenGrant, 'expiresAt' | 'revoked'>): JsonObject {
    const rotating = Boolean(this.app?.tokenRotation);
    const lifetime = this.app?.tokenLifetimeSeconds ?? 43_200;
    const access = `${rotating ? 'xoxe.' : ''}xoxb-${randomId('', 10, '0123456789')}-${randomId('', 24, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
    const grant = {
      teamId: owner.teamId,
      enterpriseId: owner.enterpriseId,
      isEnterpriseInstall: owner.isEnterpriseInstall,
    };
    this.grants.set(access, { ...grant, expiresAt: rotating ? this.now() + lifetime * 1000 : undefined, revoked: false });
    if (!rotating) return { access_token: access };
    const refresh = `xoxe-1-${randomId('', 40, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
    this.refreshTokens.set(refresh, grant);
    return { access_token: access, refresh_token: refresh, expires_in: lifetime };
  }

  private who(owner: Omit<TokenGrant, 'expiresAt' | 'revoked'>): JsonObject {
    return {
      team: owner.teamId
        ? { id: owner.teamId, name: owner.teamId === this.defaults.teamId ? this.defaults.teamName : owner.teamId }
        : null,
      enterprise: owner.enterpriseId ? { id: owner.enterpriseId, name: `Org ${owner.enterpriseId}` } : null,
      is_enterprise_install: owner.isEnterpriseInstall,
    };
  }
}

function page(status: number, text: string) {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}
