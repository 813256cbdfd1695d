import { PGlite } from '@electric-sql/pglite';
import { createPGlite, overPGlite } from './src/db/database';
import { migrateToLatest } from './src/db/migrate';
(async () => {
  let t = Date.now();
  const p = createPGlite(); const db = overPGlite(p); await migrateToLatest(db);
  console.log('create+migrate', Date.now() - t);
  t = Date.now();
  const dump = await p.dumpDataDir('none');
  console.log('dump', Date.now() - t, dump.size);
  t = Date.now();
  const q = new PGlite({ loadDataDir: dump }); await q.query('select count(*) from circles');
  console.log('load', Date.now() - t);
  t = Date.now();
  const r = new PGlite(); await r.query('select 1');
  console.log('bare', Date.now() - t);
})();
