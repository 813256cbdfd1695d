import type { Job } from '../scheduler/job';
import { type Deps, eraseExpired } from './service';
import { tokenRechecker } from './singleToken';

/** Erases the workspaces whose retention after an uninstall ran out. Hourly is plenty for a 30-day window. */
export function eraseJob(deps: Deps): Job {
  return { name: 'erase-uninstalled', schedule: '17 * * * *', run: (now) => eraseExpired(deps, now) };
}

/**
 * Single-token mode: a workspace held back because the configured token failed is served again
 * once auth.test says it works. Every pass, so sends resume within a minute; it calls Slack only
 * while something is held back.
 */
export function tokenCheckJob(deps: Deps): Job {
  return { name: 'check-token', schedule: '* * * * *', run: tokenRechecker(deps) };
}
