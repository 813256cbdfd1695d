/** Only the edges read the real clock; everything else takes `now` from one of these. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
