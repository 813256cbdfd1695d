import { hostileCommandTests } from '../support/hostileCommands';

hostileCommandTests(1, 2);
