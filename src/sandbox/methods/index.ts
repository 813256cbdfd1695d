import { chatMethods } from './chat';
import { conversationMethods } from './conversations';
import { fileMethods } from './files';
import { miscMethods } from './misc';
import type { Handler } from './shared';
import { userMethods } from './users';
import { viewMethods } from './views';

export type { Handler } from './shared';

export const METHODS: Readonly<Record<string, Handler>> = {
  ...miscMethods,
  ...chatMethods,
  ...conversationMethods,
  ...userMethods,
  ...viewMethods,
  ...fileMethods,
};
