import { hostileActionTests } from '../support/hostileActions';

hostileActionTests(2, 3);
