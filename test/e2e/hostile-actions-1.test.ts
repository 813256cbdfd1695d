import { hostileActionTests } from '../support/hostileActions';

hostileActionTests(1, 3);
