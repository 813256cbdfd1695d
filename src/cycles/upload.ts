import type { WebClient } from '@slack/web-api';
import { chartPng } from './chart';
import { reportCsvs } from './csv';
import type { Report } from './report';

/** The report's CSV files and chart, uploaded to the requester's DM with the app: they are the person's own answer. */
export async function uploadReport(client: WebClient, userId: string, report: Report): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error(`Slack opened no DM with ${userId}`);
  const png = await chartPng(report);
  await client.files.uploadV2({
    channel_id: channel,
    initial_comment: `The figures of *${report.circle.name}*, cycle ${report.cycle.number}: sessions, attendance and check-ins, evaluations, and a chart of attendance and usefulness.`,
    file_uploads: [
      ...reportCsvs(report).map((f) => ({ file: Buffer.from(f.content, 'utf8'), filename: f.filename, title: f.filename })),
      {
        file: png,
        filename: `${report.circle.name.replace(/[^A-Za-z0-9]+/g, '-')}-cycle-${report.cycle.number}-chart.png`,
        title: 'Attendance and usefulness',
      },
    ],
  });
}
