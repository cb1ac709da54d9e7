/**
 * A small deterministic pseudo-random generator (sfc32, seeded through a 128-bit string hash) for the
 * demo data and for tests. Same seed, same sequence, on every machine. Not for anything secret.
 */

export type Random = {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	/** A float in [min, max). */
	float(min: number, max: number): number;
	/** True with probability p. */
	chance(p: number): boolean;
	/** One element of a non-empty array. */
	pick<T>(items: readonly T[]): T;
	/** One element, chosen with the given relative weights. */
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	/** A shuffled copy (Fisher–Yates). */
	shuffle<T>(items: readonly T[]): T[];
	/** An approximately normal value (mean, standard deviation). */
	normal(mean: number, sd: number): number;
	/** An independent generator derived from this one's seed and a label, so adding draws here does not shift it. */
	fork(label: string): Random;
};

/** cyrb128: four 32-bit hashes of a string. */
function hashSeed(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(seed: [number, number, number, number]): () => number {
	let [a, b, c, d] = seed;
	const step = () => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	// Discard the first outputs, which are weakly mixed.
	for (let i = 0; i < 15; i++) step();
	return step;
}

export function seededRandom(seed: number | string): Random {
	const seedText = typeof seed === 'number' ? `#${seed}` : seed;
	const next = sfc32(hashSeed(seedText));

	const random: Random = {
		next,
		int(min, max) {
			if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
				throw new RangeError(`int(${min}, ${max}) needs two integers with min ≤ max`);
			}
			return min + Math.floor(next() * (max - min + 1));
		},
		float(min, max) {
			return min + next() * (max - min);
		},
		chance(p) {
			return next() < p;
		},
		pick(items) {
			if (items.length === 0) throw new RangeError('pick() needs at least one item');
			return items[Math.floor(next() * items.length)] as (typeof items)[number];
		},
		weighted(items) {
			const total = items.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
			if (items.length === 0 || total <= 0) throw new RangeError('weighted() needs at least one positive weight');
			let roll = next() * total;
			for (const [item, weight] of items) {
				roll -= Math.max(0, weight);
				if (roll < 0) return item;
			}
			return (items[items.length - 1] as (typeof items)[number])[0];
		},
		shuffle(items) {
			const copy = items.slice();
			for (let i = copy.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				const tmp = copy[i] as (typeof copy)[number];
				copy[i] = copy[j] as (typeof copy)[number];
				copy[j] = tmp;
			}
			return copy;
		},
		normal(mean, sd) {
			// Box–Muller; 1 - next() is in (0, 1] so the logarithm is finite.
			const u = 1 - next();
			const v = next();
			return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		fork(label) {
			return seededRandom(`${seedText}/${label}`);
		}
	};
	return random;
}
