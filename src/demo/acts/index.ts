import type { TourAct } from '../tour';
import { checkinsAct } from './checkins';
import { coachingAct } from './coaching';
import { cycleEndAct } from './cycleEnd';
import { formingAct } from './forming';
import { rhythmAct } from './rhythm';

/** The tour's acts, in the order the panel offers them; each plays on its own. */
export const ACTS: TourAct[] = [rhythmAct, checkinsAct, coachingAct, cycleEndAct, formingAct];
