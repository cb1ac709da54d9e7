/**
 * The shared occupations library (organisation null): the careers of seed 002's subject worksheets,
 * written in our own words (source 'seed'), and the 412 SOC 2020 unit groups from the Office for National
 * Statistics (source 'soc2020': code and title only). Schools add their own on top (source 'school').
 *
 * Shared rows have ids derived from what they are ('seed:<title>', 'soc2020:<code>'), so filling the
 * library is idempotent: `ensureOccupationsLibrary` runs on every start, adds what is missing and brings
 * changed wording up to date, and a backup restored elsewhere keeps the same ids (maps point at them).
 *
 * Not a migration on purpose: a restore needs an EMPTY database (db/backup.ts), and rows written by a
 * migration would make every freshly migrated database non-empty.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import type { OccupationRoute } from '../../domain/development.ts';

/** Attribution shown wherever SOC 2020 codes or titles appear. */
export const SOC_ATTRIBUTION =
	'Contains public sector information licensed under the Open Government Licence v3.0 (Office for National Statistics, SOC 2020).';
export const OGL_URL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** Subjects taught in English secondary schools, for the subject-map form (free text is allowed too). */
export const SECONDARY_SUBJECTS = [
	'Art and design',
	'Biology',
	'Business studies',
	'Chemistry',
	'Citizenship',
	'Computer science',
	'Dance',
	'Design and technology',
	'Drama',
	'Economics',
	'English',
	'Food preparation and nutrition',
	'French',
	'Geography',
	'German',
	'History',
	'Law',
	'Mathematics',
	'Media studies',
	'Music',
	'Physical education',
	'Physics',
	'Psychology',
	'Religious studies',
	'Science',
	'Sociology',
	'Spanish'
] as const;

export type SeedCareer = {
	title: string;
	/** What the person does. */
	description: string;
	keySkill: string;
	subjects: string[];
	routes: OccupationRoute[];
	/** SOC 2020 unit group, where the career clearly belongs to one. */
	socCode: string | null;
};

const FE: OccupationRoute = 'further-education';
const HE: OccupationRoute = 'higher-education';
const AP: OccupationRoute = 'apprenticeship';
const ART = 'Art and design';
const CS = 'Computer science';
const PE = 'Physical education';
const MA = 'Mathematics';

function career(
	title: string,
	description: string,
	keySkill: string,
	subjects: string[],
	routes: OccupationRoute[],
	socCode: string | null = null
): SeedCareer {
	return { title, description, keySkill, subjects, routes, socCode };
}

/**
 * The careers of seed 002's worksheets (the Art & Design grid, the Computer Science cards, the PE careers
 * in tennis and dance) and a few more for PE and Mathematics. Titles are stable: the demo and the ids use them.
 */
export const SEED_CAREERS: readonly SeedCareer[] = [
	// Art and design (seed 002's Year 7–11 grid)
	career(
		'Art curator',
		'Chooses artworks for a gallery or museum, looks after them and explains the stories behind them to visitors.',
		'Research',
		[ART, 'History'],
		[HE],
		'2472'
	),
	career(
		'Tattooist',
		'Designs artwork with clients and applies it to skin, working safely and hygienically.',
		'Precise, steady drawing',
		[ART],
		[FE, AP]
	),
	career(
		'Sport photographer',
		'Photographs the decisive moments of matches and races for newspapers, websites and the teams themselves.',
		'Timing and quick reactions',
		[ART, PE, 'Media studies'],
		[FE, HE],
		'3417'
	),
	career(
		'Architect',
		'Designs new buildings and changes to old ones, balancing how they look, how they work and what they cost.',
		'Thinking in three dimensions',
		[ART, MA, 'Design and technology'],
		[HE, AP],
		'2451'
	),
	career(
		'Book illustrator',
		'Draws or paints the pictures that bring stories and information books to life.',
		'Telling a story in pictures',
		[ART, 'English'],
		[FE, HE],
		'3411'
	),
	career(
		'Character designer',
		'Invents how the characters of games, films and animations look, move and show feeling.',
		'Imagination turned into drawings',
		[ART, CS],
		[FE, HE],
		'2142'
	),
	career(
		'Paleoartist',
		'Works with scientists to picture extinct animals and ancient landscapes from the evidence in fossils.',
		'Careful scientific observation',
		[ART, 'Biology', 'Science'],
		[HE],
		'3411'
	),
	career(
		'Graphic designer',
		'Puts images, words and layout together to get a message across in logos, posters, packaging and websites.',
		'Visual communication',
		[ART, CS],
		[FE, HE, AP],
		'2142'
	),
	career(
		'Furniture designer',
		'Designs chairs, tables and storage that are comfortable, useful and good to look at, and works out how they will be made.',
		'Understanding materials',
		[ART, 'Design and technology'],
		[FE, HE, AP],
		'3429'
	),
	career(
		'Events photographer',
		'Photographs weddings, parties, concerts and conferences, and edits the pictures for the client.',
		'Putting people at ease',
		[ART, 'Media studies'],
		[FE, HE, AP],
		'3417'
	),
	career(
		'Animator',
		'Makes drawings, models or computer images move for films, television, games and adverts.',
		'Patience and an eye for movement',
		[ART, CS],
		[FE, HE, AP]
	),
	career(
		'Fashion designer',
		'Designs clothes and accessories, from first sketches and fabric choices to samples for production.',
		'Spotting and setting trends',
		[ART, 'Design and technology'],
		[FE, HE, AP],
		'3422'
	),
	career(
		'Cinematographer',
		'Decides how each shot of a film or programme is framed and lit, and leads the camera team.',
		'Composition and light',
		[ART, 'Media studies'],
		[FE, HE],
		'3417'
	),
	career(
		'Glass maker',
		'Shapes hot glass by blowing, casting or fusing it into art, tableware or pieces for buildings.',
		'Precise control with the hands',
		[ART, 'Design and technology'],
		[FE, AP],
		'5441'
	),
	career(
		'Product designer',
		'Designs everyday objects, from kettles to phones, testing models until they are easy to use and can be made.',
		'Solving problems through design',
		[ART, 'Design and technology'],
		[HE, AP],
		'3429'
	),
	career(
		'Set designer',
		'Designs the scenery and spaces for theatre, film and television productions from the script.',
		'Turning a script into a space',
		[ART, 'Drama'],
		[FE, HE]
	),
	career(
		'Muralist',
		'Paints large artworks on walls and public spaces, often designing them with the local community.',
		'Scaling a design up',
		[ART],
		[FE, HE],
		'3411'
	),
	career(
		'Community arts worker',
		'Runs creative projects that bring local people of all ages together and give them a voice.',
		'Working with all kinds of people',
		[ART, 'Citizenship'],
		[FE, HE],
		'3416'
	),
	career(
		'Live-wedding painter',
		'Paints a wedding scene as it happens, in front of the guests, and finishes the picture for the couple.',
		'Working quickly under watching eyes',
		[ART],
		[FE, HE],
		'3411'
	),
	career(
		'Art consultant',
		'Advises businesses, hotels and collectors which artworks to buy and how to show them.',
		'Knowing the art market',
		[ART, 'Business studies'],
		[HE]
	),
	career(
		'Art historian',
		'Researches artworks and artists of the past and writes or teaches about what they mean.',
		'Research and writing',
		[ART, 'History'],
		[HE],
		'2115'
	),
	career(
		'Art conservator',
		'Cleans, repairs and protects paintings, sculptures and other objects so they last for future generations.',
		'Patience and knowledge of chemistry',
		[ART, 'Chemistry'],
		[HE],
		'2472'
	),
	career(
		'Medical illustrator',
		'Draws, photographs or models accurate images of the body and of treatments for doctors, patients and textbooks.',
		'Accurate observation',
		[ART, 'Biology'],
		[HE]
	),
	career(
		'Freelance artist',
		'Makes and sells their own work and takes commissions, running their own small business.',
		'Self-motivation',
		[ART, 'Business studies'],
		[FE, HE],
		'3411'
	),
	career(
		'Art critic',
		'Visits exhibitions and writes or broadcasts reviews that help audiences decide what to see.',
		'Persuasive writing',
		[ART, 'English'],
		[HE],
		'2492'
	),
	career(
		'Ceramicist',
		'Makes pots, tiles and sculptures from clay: shaping, glazing and firing them in a kiln.',
		'Working with materials by hand',
		[ART, 'Design and technology'],
		[FE, HE, AP],
		'5441'
	),
	career(
		'Art technician',
		'Prepares materials, looks after equipment and supports students and artists in a school, college or studio.',
		'Organisation',
		[ART],
		[FE, AP]
	),
	career(
		'Toy designer',
		'Invents toys and games, builds prototypes and tests them with children for fun and safety.',
		'Knowing what children enjoy',
		[ART, 'Design and technology'],
		[HE],
		'3429'
	),
	career(
		'Art therapist',
		'Uses making art to help people express feelings and cope with illness, loss or trauma.',
		'Empathy and listening',
		[ART, 'Psychology'],
		[HE],
		'2229'
	),
	// Computer science (seed 002's career cards)
	career(
		'Full stack developer',
		'Builds the whole of a web application: the screens people use and the systems and data behind them.',
		'Writing clear code in several languages',
		[CS],
		[FE, HE, AP],
		'2134'
	),
	career(
		'Computer forensics examiner',
		'Searches computers and phones for evidence of crime and may explain what they found in court.',
		'A careful, methodical approach',
		[CS, 'Law'],
		[HE, AP],
		'2135'
	),
	career(
		'Geospatial technology specialist',
		'Collects location data with GPS and satellite images and turns it into maps that answer questions.',
		'An eye for detail',
		[CS, 'Geography'],
		[HE, AP]
	),
	career(
		'Cryptographer',
		'Designs the codes that keep information secret, and tests them by trying to break them.',
		'Mathematical reasoning',
		[CS, MA],
		[HE],
		'2135'
	),
	career(
		'Ethical hacker',
		'Breaks into an organisation’s systems with its permission to find weak spots before criminals do.',
		'Thinking like an attacker',
		[CS],
		[HE, AP],
		'2135'
	),
	career(
		'Bioinformatics engineer',
		'Builds software and databases that scientists use to analyse biological data such as DNA sequences.',
		'Programming with an understanding of biology',
		[CS, 'Biology'],
		[HE]
	),
	career(
		'Video game combat designer',
		'Designs how fights in a video game work so they feel fair and fun to play.',
		'Computational thinking and teamwork',
		[CS, ART],
		[HE]
	),
	career(
		'User experience (UX) designer',
		'Designs how websites and apps work so that the people using them find what they need easily.',
		'Empathy with the user',
		[CS, ART],
		[HE, AP],
		'2141'
	),
	career(
		'Robotics engineer',
		'Designs and builds machines that do tasks by themselves, and the software that controls them.',
		'Joining hardware and software',
		[CS, 'Physics', 'Design and technology'],
		[HE, AP]
	),
	career(
		'AI engineer',
		'Builds computer systems that learn from data: choosing and training models and designing algorithms.',
		'Programming, for example in Python',
		[CS, MA],
		[HE],
		'2134'
	),
	career(
		'Computer science teacher',
		'Teaches young people how computers work and how to solve problems with them.',
		'Explaining things clearly',
		[CS],
		[HE],
		'2313'
	),
	career(
		'VR developer',
		'Creates immersive 3D worlds that people explore through a virtual-reality headset.',
		'Thinking in three dimensions',
		[CS, ART],
		[HE],
		'2134'
	),
	career(
		'Video editor',
		'Cuts and assembles footage, balances the sound and adds effects for films, adverts and online videos.',
		'Storytelling and attention to detail',
		[CS, 'Media studies', ART],
		[FE, HE, AP],
		'3417'
	),
	career(
		'Esports coach',
		'Helps professional video game players and teams train, plan tactics and perform at their best.',
		'Motivating others',
		[CS, PE],
		[FE]
	),
	career(
		'Web designer',
		'Designs the look and layout of websites so they are attractive and easy to use.',
		'Visual design',
		[CS, ART],
		[FE, HE, AP],
		'2141'
	),
	career(
		'Hardware technician',
		'Installs, repairs and upgrades computers and other equipment, and plans when to replace them.',
		'Practical problem-solving',
		[CS],
		[FE, AP],
		'3131'
	),
	career(
		'Computer network architect',
		'Designs the networks that let people across an organisation reach the information they need.',
		'Analysis and working with people',
		[CS],
		[HE, AP],
		'2137'
	),
	career(
		'Quality assurance analyst',
		'Tests new software and games to check they do what they should, and finds faults before users do.',
		'Thoroughness',
		[CS],
		[FE, HE, AP],
		'2136'
	),
	career(
		'3D animator',
		'Builds 3D models and brings them to life with animation software such as Blender.',
		'A sense of timing and movement',
		[CS, ART],
		[FE, HE],
		'2142'
	),
	career(
		'Database administrator',
		'Keeps an organisation’s data organised, safe and available, using database languages such as SQL.',
		'Precision',
		[CS],
		[FE, HE, AP],
		'3133'
	),
	career(
		'Social media manager',
		'Plans and posts an organisation’s content on social media, answers followers and reads the figures to see what works.',
		'Keeping up with trends',
		[CS, 'Business studies', 'English'],
		[FE, HE, AP],
		'3554'
	),
	career(
		'Helpdesk assistant',
		'Answers people’s technical questions by phone, email or chat and talks them through a fix.',
		'Customer service',
		[CS],
		[FE, AP],
		'3132'
	),
	career(
		'Cyber security specialist',
		'Protects an organisation’s systems and data from attack, watching for threats and closing weak spots.',
		'Keeping up with new kinds of attack',
		[CS],
		[HE, AP],
		'2135'
	),
	career(
		'CAD engineer',
		'Uses computer-aided design software to make exact drawings and 3D models of products, buildings or parts.',
		'Attention to detail',
		[CS, 'Design and technology', MA],
		[FE, HE, AP],
		'3120'
	),
	career(
		'App developer',
		'Builds applications for phones, tablets and computers: writing code, fixing bugs and working with designers.',
		'Problem-solving',
		[CS],
		[FE, HE, AP],
		'2134'
	),
	career(
		'CNC designer',
		'Turns digital models into instructions for computer-controlled machines that cut and shape parts.',
		'Knowing what the machines can do',
		[CS, 'Design and technology'],
		[FE, AP]
	),
	career(
		'Data analyst',
		'Gathers and tidies data, then finds patterns and draws charts that show what it means.',
		'Curiosity about numbers',
		[CS, MA],
		[FE, HE, AP],
		'3544'
	),
	career(
		'CGI artist',
		'Creates computer-generated characters, places and effects for films, television and games.',
		'An eye for realistic detail',
		[CS, ART],
		[FE, HE],
		'2142'
	),
	career(
		'Digital content producer',
		'Writes, edits and publishes content for websites and social media to inform or entertain an audience.',
		'Knowing the audience',
		[CS, 'English', 'Media studies'],
		[FE, HE, AP]
	),
	career(
		'Software engineer',
		'Designs, writes, tests and maintains software in languages such as Python or Java.',
		'Problem-solving',
		[CS, MA],
		[FE, HE, AP],
		'2134'
	),
	// Physical education (seed 002's careers in tennis and dance, and more)
	career(
		'Disability tennis coach',
		'Plans and runs tennis sessions that people with different disabilities can take part in, adapting games and equipment.',
		'Empathy and adapting activities',
		[PE],
		[FE, AP],
		'3432'
	),
	career(
		'Line judge',
		'Watches one line in a tennis match and calls whether the ball landed in or out.',
		'Concentration and knowing the rules',
		[PE],
		[FE],
		'3432'
	),
	career(
		'Tennis court supervisor',
		'Makes sure players and spectators follow the court rules and that fixtures and tournaments run to time.',
		'Being organised',
		[PE],
		[FE, AP]
	),
	career(
		'Sports performance analyst',
		'Records where a player’s shots go and uses the data and video to help them improve.',
		'Analysing data',
		[PE, MA, CS],
		[HE, AP]
	),
	career(
		'Choreologist',
		'Writes dance movements down in a notation so that dances can be preserved and taught to new performers.',
		'Precise observation',
		['Dance', PE],
		[HE]
	),
	career(
		'Dance film producer',
		'Films dance performances and directs the best positions, angles and backgrounds.',
		'Clear communication',
		['Dance', PE, 'Media studies'],
		[FE, HE],
		'3416'
	),
	career(
		'Dance education officer',
		'Runs workshops and talks about dance and the cultures it comes from, and builds links with schools and venues.',
		'Building relationships',
		['Dance', PE],
		[HE]
	),
	career(
		'Dance health practitioner',
		'Helps dancers stay fit, warm up and cool down safely, and prevent or recover from injury.',
		'Knowledge of the human body',
		['Dance', PE, 'Biology'],
		[HE]
	),
	career(
		'PE teacher',
		'Teaches physical education and sport in a school and runs teams and clubs.',
		'Motivating young people',
		[PE],
		[HE],
		'2313'
	),
	career(
		'Physiotherapist',
		'Helps people recover movement after injury or illness through exercise, manual therapy and advice.',
		'Understanding how the body moves',
		[PE, 'Biology'],
		[HE, AP],
		'2221'
	),
	career(
		'Sports coach',
		'Trains individuals and teams to improve their skills, fitness and tactics.',
		'Giving useful feedback',
		[PE],
		[FE, HE, AP],
		'3432'
	),
	career(
		'Personal trainer',
		'Designs exercise programmes for clients and coaches them to reach their fitness goals.',
		'Encouraging people',
		[PE, 'Biology'],
		[FE, AP],
		'3433'
	),
	career(
		'Sports scientist',
		'Studies how the body responds to exercise and advises athletes on training, food and recovery.',
		'Scientific testing',
		[PE, 'Biology', 'Chemistry'],
		[HE]
	),
	// Mathematics
	career(
		'Actuary',
		'Uses maths and statistics to work out the cost of future risks for insurers and pension funds.',
		'Statistical reasoning',
		[MA, 'Economics'],
		[HE, AP],
		'2433'
	),
	career(
		'Statistician',
		'Designs surveys and experiments and analyses the results to answer questions in health, government or business.',
		'Handling uncertainty',
		[MA],
		[HE],
		'2433'
	),
	career(
		'Economist',
		'Studies how people, businesses and governments use money and resources, and advises on decisions.',
		'Building models from data',
		[MA, 'Economics'],
		[HE, AP],
		'2433'
	),
	career(
		'Accountant',
		'Keeps and checks financial records, prepares accounts and advises organisations on money and tax.',
		'Accuracy with numbers',
		[MA, 'Business studies'],
		[FE, HE, AP],
		'2421'
	),
	career(
		'Mathematics teacher',
		'Teaches mathematics in a school and helps pupils see where it is used.',
		'Explaining things clearly',
		[MA],
		[HE],
		'2313'
	),
	career(
		'Civil engineer',
		'Designs and looks after roads, bridges, tunnels and water systems.',
		'Calculating loads and forces',
		[MA, 'Physics'],
		[HE, AP],
		'2121'
	),
	career(
		'Quantity surveyor',
		'Works out and controls the cost of building projects, from first estimates to the final account.',
		'Estimating',
		[MA, 'Business studies'],
		[HE, AP],
		'2454'
	),
	career(
		'Financial analyst',
		'Studies companies and markets to advise on investments.',
		'Interpreting figures',
		[MA, 'Economics'],
		[HE, AP],
		'2422'
	),
	career(
		'Air traffic controller',
		'Guides aircraft safely through the sky and on the ground by giving pilots instructions.',
		'Quick mental arithmetic under pressure',
		[MA, 'Geography'],
		[FE, HE],
		'3511'
	)
];

/** Titles of the seed careers, in order. */
export const SEED_CAREER_TITLES: readonly string[] = SEED_CAREERS.map((c) => c.title);

function stableUuid(key: string): string {
	const h = crypto.createHash('sha256').update(`waymark:occupation:${key}`).digest('hex');
	// Shaped as a version-5-like UUID (variant bits set) so every tool accepts it.
	const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The id of a seed career in every database (by its title in SEED_CAREERS). */
export function seedCareerId(title: string): string {
	return stableUuid(`seed:${title.toLowerCase()}`);
}

/** The id of a SOC 2020 unit group in every database. */
export function socOccupationId(code: string): string {
	return stableUuid(`soc2020:${code}`);
}

export type SocUnitGroup = { code: string; title: string };

function referenceFile(name: string): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = path.join(dir, 'reference-data', 'soc2020', name);
		if (fs.existsSync(candidate)) return candidate;
		const parent = path.dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	const fromCwd = path.resolve('reference-data', 'soc2020', name);
	if (fs.existsSync(fromCwd)) return fromCwd;
	throw new Error(`Cannot find reference-data/soc2020/${name}. Run Waymark from its own folder.`);
}

let socCache: SocUnitGroup[] | undefined;

/** The 412 SOC 2020 unit groups (ONS, current titles). */
export function socUnitGroups(): SocUnitGroup[] {
	if (!socCache) {
		const parsed = Papa.parse<Record<string, string>>(
			fs.readFileSync(referenceFile('soc2020-unit-groups.csv'), 'utf8'),
			{
				header: true,
				skipEmptyLines: true
			}
		);
		socCache = parsed.data.map((r) => ({ code: (r.code ?? '').trim(), title: (r.title ?? '').trim() }));
	}
	return socCache;
}

type LibraryRow = {
	id: string;
	title: string;
	description: string | null;
	keySkill: string | null;
	subjects: string[];
	routes: string[];
	socCode: string | null;
	source: 'seed' | 'soc2020';
};

export function libraryRows(): LibraryRow[] {
	return [
		...SEED_CAREERS.map((c) => ({
			id: seedCareerId(c.title),
			title: c.title,
			description: c.description,
			keySkill: c.keySkill,
			subjects: c.subjects,
			routes: c.routes,
			socCode: c.socCode,
			source: 'seed' as const
		})),
		...socUnitGroups().map((g) => ({
			id: socOccupationId(g.code),
			title: g.title,
			description: null,
			keySkill: null,
			subjects: [],
			routes: [],
			socCode: g.code,
			source: 'soc2020' as const
		}))
	];
}

/**
 * Adds the shared library's missing rows and brings changed wording up to date; touches nothing else.
 * Safe to run on every start and in any order with the demo. Returns how many rows were written.
 */
export async function ensureOccupationsLibrary(q: Queryable): Promise<number> {
	const rows = libraryRows();
	const payload = JSON.stringify(
		rows.map((r) => ({
			id: r.id,
			title: r.title,
			description: r.description,
			key_skill: r.keySkill,
			subjects: r.subjects,
			routes: r.routes,
			soc_code: r.socCode,
			source: r.source
		}))
	);
	const result = (await q.execute(sql`
		insert into occupations (id, organisation_id, title, description, key_skill, subjects, routes, soc_code, source)
		select r.id, null, r.title, r.description, r.key_skill,
			array(select json_array_elements_text(r.subjects)), array(select json_array_elements_text(r.routes)),
			r.soc_code, r.source
		from json_to_recordset(${payload}::json) as r(
			id uuid, title text, description text, key_skill text, subjects json, routes json, soc_code text, source text)
		on conflict (id) do update set
			title = excluded.title, description = excluded.description, key_skill = excluded.key_skill,
			subjects = excluded.subjects, routes = excluded.routes, soc_code = excluded.soc_code
		where occupations.organisation_id is null and (
			occupations.title is distinct from excluded.title
			or occupations.description is distinct from excluded.description
			or occupations.key_skill is distinct from excluded.key_skill
			or occupations.subjects is distinct from excluded.subjects
			or occupations.routes is distinct from excluded.routes
			or occupations.soc_code is distinct from excluded.soc_code)
	`)) as unknown as { rowCount?: number | null; affectedRows?: number };
	return Number(result.rowCount ?? result.affectedRows ?? 0);
}
