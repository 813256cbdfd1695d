import type { AppDeps } from '../app/deps';
import type { InstallerParts, Registration } from '../slack/app';
import { welcomeKind } from './deliveries';
import { eraseJob, tokenCheckJob } from './jobs';
import { registerUninstallListeners } from './listeners';
import { installedPage, installPage } from './messages';
import { welcomeInstaller } from './service';

/**
 * Installs and uninstalls: the install page and what follows an install (the installer's welcome),
 * uninstall and token revocation, and erasing a workspace's data once its retention runs out.
 * In single-token mode nothing is erased: a failing token holds the workspace back instead
 * (`check-token` serves it again once the token works), and that job runs first in a pass.
 */
export function installFeature(deps: AppDeps) {
  const installer: InstallerParts = {
    renderHtmlForInstallPath: installPage,
    callbackOptions: {
      successAsync: async (installation, _options, _req, res) => {
        try {
          await welcomeInstaller(deps, installation);
        } catch (error) {
          // The install itself is stored; the welcome stays in the ledger for the scheduler to send.
          deps.logger.warn('The welcome after an install was not sent yet', error);
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(installedPage(installation.team?.name ?? installation.enterprise?.name ?? 'your workspace'));
      },
    },
  };
  const register: Registration = (app) => {
    registerUninstallListeners(app, deps);
    return {};
  };
  const single = Boolean(deps.config.slack.botToken);
  return {
    register,
    installer,
    deliveryKinds: [welcomeKind],
    /** Before anything is planned or sent in a pass. */
    firstJobs: single ? [tokenCheckJob(deps)] : [],
    /** After everything else in a pass. */
    lastJobs: single ? [] : [eraseJob(deps)],
  };
}
