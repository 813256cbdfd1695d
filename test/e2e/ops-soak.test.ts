import { runSoak } from '../support/soak';

// CI runs a short version; `npm run soak` runs a year of a 200-circle workspace.
const circles = Number(process.env.SOAK_CIRCLES ?? 8);
const days = Number(process.env.SOAK_DAYS ?? 3);

describe('a workspace lived through in simulated time', () => {
  it(
    `${circles} circles, ${days} days, a pass every 15 minutes: every invariant holds`,
    async () => {
      const report = await runSoak({
        circles,
        days,
        trace: process.env.SOAK_TRACE === '1',
        progress: (line) => process.stderr.write(`soak: ${line}\n`),
      });
      process.stderr.write(`soak report: ${JSON.stringify(report)}\n`);
      expect(report.violations).toEqual([]);
      expect(report.deliveries.sent).toBeGreaterThan(0);
      expect(report.sessions.held).toBeGreaterThan(0);
      for (const action of ['join', 'pause', 'resume', 'skip', 'reschedule', 'checkin']) {
        expect([action, report.actions[action]]).toEqual([action, expect.any(Number)]);
        expect(report.actions[action]).toBeGreaterThan(0);
      }
    },
    Math.max(120_000, days * 96 * circles * 100),
  );
});
