/** The page numbers a pagination bar shows: the first, the last, the current and its neighbours; gaps as null. */
export function pageNumbers(current: number, total: number): Array<number | null> {
	if (total <= 1) return [];
	const wanted = new Set([1, total, current - 1, current, current + 1].filter((n) => n >= 1 && n <= total));
	const sorted = [...wanted].sort((a, b) => a - b);
	const out: Array<number | null> = [];
	for (const n of sorted) {
		const previous = out[out.length - 1];
		if (typeof previous === 'number' && n - previous === 2) out.push(n - 1);
		else if (typeof previous === 'number' && n - previous > 2) out.push(null);
		out.push(n);
	}
	return out;
}
