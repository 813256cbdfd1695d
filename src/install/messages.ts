import type { KnownBlock } from '@slack/types';
import { context, header, section } from '../slack/blocks';

/** The welcome DM to whoever installed the app: the first three steps. */
export function welcomeText(): string {
  return 'Peer Circles is installed. Three steps to a first circle: create it with /circle new, invite people to join it, and they receive reminders, agendas and check-ins.';
}

export function welcomeBlocks(): KnownBlock[] {
  return [
    header('Peer Circles is installed: three steps to your first circle'),
    section(
      '*1. Create a circle.* Type `/circle new` anywhere: a name, a focus, when it meets (in its own time zone) and a channel, new or existing. Workspace admins and owners are organizers; a facilitator can edit their own circle.',
    ),
    section(
      '*2. Invite people.* Share the circle in a channel and point people to `/circle list`, which shows every open circle with a *Join* button; or they type `/circle join` and its name. When it is full, newcomers wait on a waitlist and move in as places free up.',
    ),
    section(
      '*3. What members receive.* A welcome DM with the circle’s norms and a calendar link, a reminder a week and an hour before each session, the agenda in the circle’s channel with whose turn it is to lead the warm-up, and a short check-in after each session. They can pause or leave at any time with `/circle pause` or `/circle leave`.',
    ),
    context('Open the app’s Home tab to see circles at a glance, and type `/circle help` for every command.'),
  ];
}

/** The page behind PUBLIC_URL/slack/install: what it does, and the button. */
export function installPage(authorizeUrl: string): string {
  const href = authorizeUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Add Peer Circles to Slack</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1c1d}
a.add{display:inline-block;padding:.7rem 1.2rem;border-radius:6px;background:#4a154b;color:#fff;text-decoration:none;font-weight:600}</style>
</head><body>
<h1>Peer Circles</h1>
<p>Peer learning circles and peer-coaching pairs, run inside Slack: joining and waitlists, reminders and agendas, check-ins and commitments.</p>
<p><a class="add" href="${href}">Add to Slack</a></p>
<p>You will be asked to allow it in your workspace. Once it is installed you get a direct message with the first three steps.</p>
</body></html>`;
}

/** Shown in the browser once the install is done. */
export function installedPage(where: string): string {
  const name = where.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Peer Circles is installed</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>Peer Circles is installed in ${name}</h1>
<p>Back in Slack, a direct message from Peer Circles shows the first three steps.</p>
</body></html>`;
}
