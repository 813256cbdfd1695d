/**
 * What cycles needs from the pairs of a coaching program, which it must not import (pairs is built
 * beside it): composition.ts fills it from pairs' service. Without pairs, a program has none.
 */
export interface PairsPort {
  /** The pairs of a cycle, each as its members' user ids. */
  currentPairs(teamId: string, circleId: number, cycleId: number): Promise<string[][]>;
  /** How many of a cycle's planned pair meetings took place; null when there is nothing to count. */
  pairMeetingRate(teamId: string, circleId: number, cycleId: number): Promise<{ met: number; planned: number } | null>;
  /** The pairs of a cycle with their "did you meet?" answers, for its report. */
  pairMeetings(
    teamId: string,
    circleId: number,
    cycleId: number,
  ): Promise<Array<{ userIds: string[]; answers: Array<{ date: string; answer: 'yes' | 'not_yet' | 'stuck' }> }>>;
  /** These pairs (every member chose continue) stay together in the new cycle. */
  keepPairs(teamId: string, circleId: number, fromCycleId: number, toCycleId: number, pairs: string[][]): Promise<void>;
  /** These members asked for a new partner: they go to the next matching. */
  requestRematch(teamId: string, circleId: number, toCycleId: number, userIds: string[]): Promise<void>;
}

export const noPairs: PairsPort = {
  currentPairs: async () => [],
  pairMeetingRate: async () => null,
  pairMeetings: async () => [],
  keepPairs: async () => undefined,
  requestRematch: async () => undefined,
};
