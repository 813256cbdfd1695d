/**
 * The monthly tips on getting the most from peer coaching, written for this app. One goes to each
 * coaching program's channel a month, and none repeats until all have been used (model.ts#nextTip).
 * Keys are stored: never rename one, only add.
 */
export const TIPS = [
  {
    key: 'prepare',
    title: 'Come prepared',
    text: 'Before you meet, take five minutes to write down the one situation you most want to think through. A clear question makes a short conversation worth an hour.',
  },
  {
    key: 'client-leads',
    title: 'The one being coached leads',
    text: 'When it is your turn to be coached, you set the agenda and decide what you will do next. Your partner asks and listens; the answers stay yours.',
  },
  {
    key: 'rhythm',
    title: 'Keep a regular rhythm',
    text: 'Book your next conversation before you end this one. Pairs who meet at a fixed rhythm keep going; pairs who "find a time later" often do not.',
  },
  {
    key: 'between',
    title: 'Check in between meetings',
    text: 'A two-line message halfway between meetings ("How did the talk with your board go?") shows you remember, and keeps the commitment alive.',
  },
  {
    key: 'feedback',
    title: 'Ask for feedback the way you want it',
    text: 'Tell your partner how you like feedback: straight, with examples, in writing afterwards. Then ask them how they like theirs.',
  },
  {
    key: 'questions',
    title: 'Ask open questions',
    text: 'Questions that start with "what" and "how" open a conversation; questions that start with "why" or can be answered yes or no tend to close it.',
  },
  {
    key: 'silence',
    title: 'Let silence work',
    text: 'After a hard question, wait. The most useful answer often comes after the pause, not before it.',
  },
  {
    key: 'advice',
    title: 'Hold back the advice',
    text: 'When you are coaching, notice the urge to say "what I would do is…". Ask one more question first; offer your experience only if your partner asks for it.',
  },
  {
    key: 'commitment',
    title: 'End with a commitment',
    text: 'Close each conversation with one concrete step the person being coached will take before you meet again, and start the next one by asking how it went.',
  },
  {
    key: 'confidential',
    title: 'Keep it confidential',
    text: 'What is said between you stays between you. Saying so out loud at the start of each conversation makes it easier to bring the real issue.',
  },
  {
    key: 'agreement',
    title: 'Revisit your working agreement',
    text: 'A month in, ask each other: is the rhythm right, are we both getting time, is the feedback useful? Adjust the agreement rather than drifting away from it.',
  },
  {
    key: 'celebrate',
    title: 'Notice progress',
    text: 'Take a minute to look back at what has changed since you started. Naming progress is motivating, and it shows what is working.',
  },
  {
    key: 'listen',
    title: 'Listen to understand',
    text: 'Try summarising what your partner said before you respond. If they say "yes, exactly", you have understood; if not, you have learnt something.',
  },
  {
    key: 'stuck',
    title: 'When you feel stuck, say so',
    text: 'If your conversations have gone flat, say it to your partner. Changing the format (a walk, a different question, swapping roles) often helps more than trying harder.',
  },
] as const;

export type TipKey = (typeof TIPS)[number]['key'];
export const TIP_KEYS: readonly TipKey[] = TIPS.map((t) => t.key);

/** What a pair reads after two "not yet" answers in a row: the courageous conversation about commitment. */
export const COMMITMENT_TIPS = [
  'Name it kindly and early: "We have missed two meetings. Is this still working for you?" Saying it is easier than avoiding it.',
  'Talk about what you each need, not about who cancelled: a shorter meeting, another day, or a pause may be the honest answer.',
  'Agree on one small step together: book the next 30 minutes now, before you leave this conversation.',
  'If one of you cannot commit this cycle, that is fine. Say so, and ask the organizer for a rematch: it is better than a pair that never meets.',
] as const;
