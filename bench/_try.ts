import { createDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { seed } from './seed';
async function main() {
  const db = createDatabase({ databaseUrl: process.env.DATABASE_URL });
  await migrateToLatest(db);
  const size = Number(process.env.SIZE ?? 1);
  console.log(await seed(db, 2000 * size, Number(process.env.HW ?? 8)));
  await db.destroy();
}
void main();
