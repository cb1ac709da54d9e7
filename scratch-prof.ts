import { openDatabase, useDatabase } from './src/lib/server/db/client.ts';
import { systemActor } from './src/lib/server/access/actor.ts';
import { complianceFigures, resolveScope } from './src/lib/server/compliance/service.ts';
import { generateSyntheticSchool, SYNTHETIC_TODAY } from './scripts/synthetic-school.ts';
import { schoolForActor } from './src/lib/server/schools/service.ts';
const h = await openDatabase({ command: 'scratch', migrate: true, dataDir: '/tmp/synthdb' });
useDatabase(h);
const data = generateSyntheticSchool({});
const school = await schoolForActor(systemActor(), data.urn, 'school.view');
const scope = await resolveScope(school, {}, SYNTHETIC_TODAY);
const times: number[] = [];
for (let i = 0; i < 10; i++) {
	const t = performance.now();
	await complianceFigures(systemActor(), school, scope);
	times.push(performance.now() - t);
}
console.log(times.map((t) => t.toFixed(0)).join(' '));
await h.close();
