/**
 * What other features read of check-ins (the cycles' report): each member's lapses, and the marks
 * and ratings over a set of sessions. The use cases themselves live one to a file beside it.
 */
export { sessionRecords } from './history';
export { lapses } from './records';
