import type { Job } from '../scheduler/job';
import { type Deps, eraseExpired } from './service';

/** Erases the workspaces whose retention after an uninstall ran out. Hourly is plenty for a 30-day window. */
export function eraseJob(deps: Deps): Job {
  return { name: 'erase-uninstalled', schedule: '17 * * * *', run: (now) => eraseExpired(deps, now) };
}
