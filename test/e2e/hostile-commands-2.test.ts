import { hostileCommandTests } from '../support/hostileCommands';

hostileCommandTests(2, 2);
