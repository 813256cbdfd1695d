import { hostileActionTests } from '../support/hostileActions';

hostileActionTests(3, 3);
