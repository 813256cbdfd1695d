import type { PersonalData } from '../privacy/personalData';

/** Memberships: kept under the alias (a place taken, then left) so the counts per cycle still add up. */
export const circlesPersonalData: PersonalData = {
  name: 'circles',
  async describe(db, teamId, userId) {
    const rows = await db
      .selectFrom('memberships')
      .innerJoin('circles', (j) =>
        j.onRef('circles.id', '=', 'memberships.circle_id').onRef('circles.team_id', '=', 'memberships.team_id'),
      )
      .select(['circles.name', 'memberships.role', 'memberships.status', 'memberships.joined_at', 'memberships.left_at'])
      .where('memberships.team_id', '=', teamId)
      .where('memberships.user_id', '=', userId)
      .orderBy('circles.name')
      .execute();
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
    const held = await db
      .selectFrom('memberships')
      .innerJoin('circles', (j) =>
        j.onRef('circles.id', '=', 'memberships.circle_id').onRef('circles.team_id', '=', 'memberships.team_id'),
      )
      .select('circles.name')
      .where('memberships.team_id', '=', teamId)
      .where('memberships.user_id', '=', userId)
      .where('memberships.status', '!=', 'left')
      .orderBy('circles.name')
      .execute();
    if (held.length === 0) return null;
    const names = held.map((h) => `*${h.name}*`).join(', ');
    return `You still have a place in ${names}. Leave first (\`/circle leave NAME\`), then \`/circle forget-me\`. Nothing was erased.`;
  },
  async forget(trx, teamId, userId, alias) {
    await trx
      .updateTable('memberships')
      .set({ user_id: alias })
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .execute();
    await trx
      .updateTable('circles')
      .set({ created_by: alias })
      .where('team_id', '=', teamId)
      .where('created_by', '=', userId)
      .execute();
  },
};
