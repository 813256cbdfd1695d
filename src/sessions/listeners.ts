import type { Feature } from '../slack/app';

/** The sessions feature's Slack surface: schedule, skip, reschedule, agenda, prompts, warm-up buttons. */
export const sessionsFeature: Feature = () => ({});
