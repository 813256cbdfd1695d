import { z } from 'zod';
import { defineKind } from '../scheduler/kinds';
import { welcomeBlocks, welcomeText } from './messages';

const welcomePayload = z.object({});

/** The welcome DM to the installer, sent once per installer and workspace. */
export const welcomeKind = defineKind({
  kind: 'install-welcome',
  payload: welcomePayload,
  async render(d) {
    if (!d.userId) return { skip: 'no installer to welcome' };
    return { post: { channel: d.userId, text: welcomeText(), blocks: welcomeBlocks() } };
  },
});
