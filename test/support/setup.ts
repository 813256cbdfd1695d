import { closeSharedEmbedded } from './db';

afterAll(async () => {
  await closeSharedEmbedded();
});
