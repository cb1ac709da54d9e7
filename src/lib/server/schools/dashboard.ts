/**
 * The school dashboard: headline figures anyone in the school may see. Counts only; each links to
 * the list it came from for people allowed to see pupils.
 */
import { eq, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { memberships } from '../db/schema/index.ts';
import { authorise, can, type Actor } from '../access/actor.ts';
import { rollFigures, type RollFigures } from '../pupils/service.ts';
import type { Group, School } from './service.ts';

export type Dashboard = { roll: RollFigures; staff: number; canSeePupils: boolean };

async function staffCount(schoolId: string): Promise<number> {
	const [row] = await db()
		.select({ n: sql<number>`count(*)::int` })
		.from(memberships)
		.where(eq(memberships.organisationId, schoolId));
	return row?.n ?? 0;
}

export async function schoolDashboard(actor: Actor, school: School): Promise<Dashboard> {
	authorise(actor, 'school.view', school.id);
	const [roll, staff] = await Promise.all([rollFigures(school.id), staffCount(school.id)]);
	return { roll, staff, canSeePupils: can(actor, 'pupils.view', school.id) };
}

export type GroupOverview = { school: School; roll: RollFigures; sen: number; pupilPremium: number; staff: number }[];

/** A trust's or hub's schools side by side: aggregates only, never pupils. */
export async function groupOverview(actor: Actor, group: Group): Promise<GroupOverview> {
	authorise(actor, 'group.view', group.id);
	return Promise.all(
		group.schools.map(async (school) => {
			const roll = await rollFigures(school.id);
			return {
				school,
				roll,
				sen: roll.byYear.reduce((n, y) => n + y.sen, 0),
				pupilPremium: roll.byYear.reduce((n, y) => n + y.pupilPremium, 0),
				staff: await staffCount(school.id)
			};
		})
	);
}
