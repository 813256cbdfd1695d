import type { PersonalData } from '../privacy/personalData';
import { aliasCirclesPerson, membershipsOfPerson } from './store';

/** Memberships: kept under the alias (a place taken, then left) so the counts per cycle still add up. */
export const circlesPersonalData: PersonalData = {
  name: 'circles',
  async describe(db, teamId, userId) {
    const rows = await membershipsOfPerson(db, teamId, userId);
    const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');
    return [
      {
        title: 'Memberships',
        lines: rows.map(
          (r) =>
            `${r.name}: ${r.role}, ${r.status}${r.joined_at ? `, joined ${day(r.joined_at)}` : ''}${r.left_at ? `, left ${day(r.left_at)}` : ''}`,
        ),
      },
    ];
  },
  async blocker(db, teamId, userId) {
    const held = await membershipsOfPerson(db, teamId, userId, { held: true });
    if (held.length === 0) return null;
    const names = held.map((h) => `*${h.name}*`).join(', ');
    return `You still have a place in ${names}. Leave first (\`/circle leave NAME\`), then \`/circle forget-me\`. Nothing was erased.`;
  },
  async forget(trx, teamId, userId, alias) {
    await aliasCirclesPerson(trx, teamId, userId, alias);
  },
};
