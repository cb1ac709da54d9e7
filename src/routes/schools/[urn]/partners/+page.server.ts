import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { listPartners } from '#lib/server/partners/service.ts';
import { PARTNER_KIND_LABELS, PARTNER_KINDS } from '#lib/domain/partners.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const wanted = url.searchParams.get('kind') ?? '';
	const kind = PARTNER_KINDS.find((k) => k === wanted) ?? '';
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const partners = await listPartners(actor, school, { kind, q });
	return {
		school,
		kind,
		q,
		kinds: PARTNER_KINDS.map((value) => ({ value, label: PARTNER_KIND_LABELS[value] })),
		partners: partners.map((p) => ({
			id: p.id,
			name: p.name,
			kindLabel: p.kindLabel,
			sector: p.sector,
			contacts: p.contacts,
			activities: p.activities
		})),
		canEdit: can(actor, 'partners.edit', school.id)
	};
};
