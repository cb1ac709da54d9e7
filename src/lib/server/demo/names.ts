/**
 * Name pools for the demo schools: the mix of heritages an English town secondary school really has,
 * spelt as families spell them (accents included), with the DfE ethnicity code an MIS would hold and
 * how likely a pupil of that heritage is to have English as an additional language.
 *
 * Every name here is a common given name or surname; any resemblance to a real pupil is chance.
 */

/** A surname that changes with gender (Polish -ski/-ska) is written [masculine, feminine]. */
export type Surname = string | readonly [string, string];

export type Heritage = {
	key: string;
	/** Relative share of pupils at the demo schools. */
	weight: number;
	/** DfE main ethnicity codes with relative weights. */
	ethnicity: readonly (readonly [string, number])[];
	/** Probability that a pupil of this heritage has English as an additional language. */
	eal: number;
	male: readonly string[];
	female: readonly string[];
	surnames: readonly Surname[];
};

const BRITISH_MALE = [
	'Oliver',
	'George',
	'Harry',
	'Jack',
	'Jacob',
	'Noah',
	'Charlie',
	'Thomas',
	'Oscar',
	'William',
	'James',
	'Leo',
	'Alfie',
	'Henry',
	'Joshua',
	'Freddie',
	'Archie',
	'Ethan',
	'Isaac',
	'Alexander',
	'Joseph',
	'Edward',
	'Samuel',
	'Max',
	'Daniel',
	'Logan',
	'Lucas',
	'Mason',
	'Harrison',
	'Theo',
	'Finley',
	'Dylan',
	'Riley',
	'Rhys',
	'Owen',
	'Callum',
	'Lewis',
	'Kieran',
	'Ryan',
	'Toby',
	'Reuben',
	'Elliot',
	'Tyler',
	'Jake',
	'Benjamin',
	'Luke',
	'Matthew',
	'Nathan',
	'Connor',
	'Bradley'
];

const BRITISH_FEMALE = [
	'Olivia',
	'Amelia',
	'Isla',
	'Ava',
	'Emily',
	'Sophia',
	'Grace',
	'Mia',
	'Poppy',
	'Ella',
	'Lily',
	'Evie',
	'Isabella',
	'Sophie',
	'Ivy',
	'Freya',
	'Harper',
	'Willow',
	'Charlotte',
	'Jessica',
	'Daisy',
	'Florence',
	'Matilda',
	'Ruby',
	'Phoebe',
	'Erin',
	'Megan',
	'Holly',
	'Lucy',
	'Chloe',
	'Zoë',
	'Siân',
	'Renée',
	'Bethan',
	'Imogen',
	'Scarlett',
	'Evelyn',
	'Eleanor',
	'Hannah',
	'Ellie',
	'Millie',
	'Katie',
	'Abigail',
	'Amber',
	'Lola',
	'Maisie',
	'Rebecca',
	'Naomi',
	'Carys',
	'Esmé'
];

const BRITISH_SURNAMES: Surname[] = [
	'Smith',
	'Jones',
	'Taylor',
	'Brown',
	'Williams',
	'Wilson',
	'Johnson',
	'Davies',
	'Robinson',
	'Wright',
	'Thompson',
	'Evans',
	'Walker',
	'White',
	'Roberts',
	'Green',
	'Hall',
	'Wood',
	'Jackson',
	'Clarke',
	'Harris',
	'Lewis',
	'Hughes',
	'Edwards',
	'Turner',
	'Hill',
	'Moore',
	'Cooper',
	'Ward',
	'Morris',
	'King',
	'Baker',
	'Harrison',
	'Morgan',
	'Marshall',
	'Parker',
	'Bennett',
	'Shaw',
	'Cook',
	'Collins',
	'Bell',
	'Price',
	'Owen',
	'Lloyd',
	'Ellis',
	'Richardson',
	'Fletcher',
	'Holmes',
	'Dixon',
	'Barker',
	'Pearson',
	'Atkinson',
	"O'Neill",
	'Whitehead',
	'Armstrong',
	'Gallagher',
	'Pritchard',
	'Ashworth',
	'Lees-Smith',
	'Hartley-Brown'
];

export const HERITAGES: readonly Heritage[] = [
	{
		key: 'british',
		weight: 58,
		ethnicity: [
			['WBRI', 96],
			['REFU', 2],
			['NOBT', 2]
		],
		eal: 0.005,
		male: BRITISH_MALE,
		female: BRITISH_FEMALE,
		surnames: BRITISH_SURNAMES
	},
	{
		key: 'mixed',
		weight: 5,
		ethnicity: [
			['MWBC', 40],
			['MWBA', 20],
			['MWAS', 20],
			['MOTH', 20]
		],
		eal: 0.05,
		male: [...BRITISH_MALE.slice(0, 30), 'Malachi', 'Jayden', 'Kai', 'Zayn', 'Elijah'],
		female: [...BRITISH_FEMALE.slice(0, 30), 'Aaliyah', 'Nia', 'Layla', 'Amara', 'Leah'],
		surnames: BRITISH_SURNAMES
	},
	{
		key: 'irish',
		weight: 2,
		ethnicity: [['WIRI', 1]],
		eal: 0,
		male: ['Ciarán', 'Seán', 'Oisín', 'Cian', 'Conor', 'Darragh', 'Patrick', 'Liam'],
		female: ['Niamh', 'Aoife', 'Caoimhe', 'Saoirse', 'Róisín', 'Orla', 'Clodagh', 'Ciara'],
		surnames: ['Murphy', "O'Sullivan", 'Byrne', 'Kelly', 'Doyle', 'McCarthy', "O'Connor", 'Walsh', 'Ó Briain']
	},
	{
		key: 'caribbean',
		weight: 3,
		ethnicity: [
			['BCRB', 85],
			['MWBC', 15]
		],
		eal: 0.01,
		male: ['Jayden', 'Malachi', 'Kemar', 'Jerome', 'Tyrese', 'Andre', 'Isaiah', 'Marcus', 'Jaheim', 'Nathaniel'],
		female: ['Tia', 'Shanice', 'Aaliyah', 'Jada', 'Kiara', 'Nia', 'Destiny', 'Imani', 'Chantelle', 'Jasmine'],
		surnames: ['Campbell', 'Thompson', 'Francis', 'Grant', 'Morgan', 'Brown', 'Williams', 'Reid', 'Clarke', 'Bailey']
	},
	{
		key: 'pakistani',
		weight: 6,
		ethnicity: [['APKN', 1]],
		eal: 0.45,
		male: ['Muhammad', 'Ayaan', 'Hamza', 'Zain', 'Ibrahim', 'Yusuf', 'Bilal', 'Haris', 'Rayyan', 'Umar', 'Zakariya'],
		female: ['Aisha', 'Maryam', 'Zainab', 'Hafsa', 'Inaaya', 'Eman', 'Khadija', 'Mahnoor', 'Anaya', 'Noor'],
		surnames: ['Khan', 'Hussain', 'Ahmed', 'Iqbal', 'Akhtar', 'Mahmood', 'Butt', 'Qureshi', 'Shah', 'Malik']
	},
	{
		key: 'indian',
		weight: 4,
		ethnicity: [['AIND', 1]],
		eal: 0.35,
		male: ['Arjun', 'Rohan', 'Dev', 'Aarav', 'Krish', 'Vihaan', 'Harjot', 'Gurpreet', 'Sahil', 'Nikhil', 'Kabir'],
		female: ['Priya', 'Ananya', 'Diya', 'Saanvi', 'Harleen', 'Jaspreet', 'Isha', 'Meera', 'Simran', 'Anika'],
		surnames: ['Patel', 'Shah', 'Sharma', 'Mistry', 'Parmar', 'Chauhan', 'Singh', 'Kaur', 'Sandhu', 'Gill', 'Joshi']
	},
	{
		key: 'bangladeshi',
		weight: 2,
		ethnicity: [['ABAN', 1]],
		eal: 0.6,
		male: ['Rahim', 'Tahmid', 'Sami', 'Farhan', 'Ayaan', 'Rayhan', 'Nabil', 'Imran'],
		female: ['Nusrat', 'Tasnim', 'Sumaiya', 'Fatema', 'Ruqayyah', 'Jannat', 'Afia', 'Raisa'],
		surnames: ['Rahman', 'Begum', 'Uddin', 'Miah', 'Islam', 'Chowdhury', 'Hossain', 'Ali']
	},
	{
		key: 'polish',
		weight: 5,
		ethnicity: [['WOTH', 1]],
		eal: 0.75,
		male: ['Jakub', 'Łukasz', 'Mikołaj', 'Kacper', 'Szymon', 'Filip', 'Wojciech', 'Antoni', 'Bartosz', 'Piotr'],
		female: ['Zofia', 'Zuzanna', 'Maja', 'Lena', 'Julia', 'Wiktoria', 'Natalia', 'Alicja', 'Oliwia', 'Katarzyna'],
		surnames: [
			'Nowak',
			['Kowalski', 'Kowalska'],
			['Wiśniewski', 'Wiśniewska'],
			'Wójcik',
			['Kamiński', 'Kamińska'],
			['Lewandowski', 'Lewandowska'],
			['Zieliński', 'Zielińska'],
			['Szymański', 'Szymańska'],
			'Woźniak',
			['Dąbrowski', 'Dąbrowska'],
			'Mazur',
			'Krawczyk'
		]
	},
	{
		key: 'romanian',
		weight: 3,
		ethnicity: [
			['WOTH', 90],
			['WROM', 10]
		],
		eal: 0.8,
		male: ['Andrei', 'Ștefan', 'Mihai', 'Alexandru', 'Ionuț', 'Darius', 'Răzvan', 'Gabriel'],
		female: ['Ioana', 'Maria', 'Andreea', 'Bianca', 'Elena', 'Ștefania', 'Alexia', 'Denisa'],
		surnames: [
			'Popescu',
			'Ionescu',
			'Popa',
			'Dumitru',
			'Stan',
			'Constantin',
			'Georgescu',
			'Munteanu',
			'Lungu',
			'Rădulescu'
		]
	},
	{
		key: 'nigerian',
		weight: 4,
		ethnicity: [['BAFR', 1]],
		eal: 0.22,
		male: ['Oluwaseun', 'Chinedu', 'Emeka', 'Oluwatobi', 'Ayomide', 'David', 'Daniel', 'Samuel', 'Tobenna', 'Kayode'],
		female: ['Chioma', 'Adaeze', 'Oluwadamilola', 'Precious', 'Blessing', 'Favour', 'Temitope', 'Ifeoma', 'Tolulope'],
		surnames: ['Adeyemi', 'Okafor', 'Okonkwo', 'Balogun', 'Adebayo', 'Eze', 'Nwosu', 'Ogunleye', 'Oyelaran', 'Afolabi']
	},
	{
		key: 'somali',
		weight: 2.5,
		ethnicity: [['BAFR', 1]],
		eal: 0.75,
		male: ['Abdirahman', 'Abdullahi', 'Mohamed', 'Yusuf', 'Hassan', 'Ahmed', 'Bashir', 'Khalid'],
		female: ['Hodan', 'Ayaan', 'Fadumo', 'Hibaaq', 'Nasra', 'Sagal', 'Ifrah', 'Hamdi'],
		surnames: ['Ali', 'Hassan', 'Mohamed', 'Abdi', 'Farah', 'Omar', 'Warsame', 'Jama', 'Osman', 'Ahmed']
	},
	{
		key: 'chinese',
		weight: 1.5,
		ethnicity: [['CHNE', 1]],
		eal: 0.6,
		male: ['Wei', 'Jun', 'Hao', 'Yuxuan', 'Zihan', 'Ethan', 'Ryan', 'Jason'],
		female: ['Mei', 'Xinyi', 'Yan', 'Jiayi', 'Zixuan', 'Chloe', 'Grace', 'Emily'],
		surnames: ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Wong', 'Cheung', 'Lam', 'Ho']
	},
	{
		key: 'other',
		weight: 2,
		ethnicity: [
			['AOTH', 30],
			['OOTH', 40],
			['WOTH', 30]
		],
		eal: 0.6,
		male: ['Ahmad', 'Mustafa', 'Omid', 'Tiago', 'João', 'Luca', 'Mateo', 'Karim', 'Dawit'],
		female: ['Fatima', 'Yasmin', 'Leila', 'Beatriz', 'Inês', 'Giulia', 'Sofía', 'Selam', 'Zahra'],
		surnames: ['Rahimi', 'Haidari', 'Silva', 'Santos', 'Ferreira', 'Rossi', 'García', 'Tesfaye', 'Haddad', 'Demir']
	}
];

/** Names commonly shortened; the short form is what a pupil is usually called. */
export const PREFERRED_NAMES: Readonly<Record<string, string>> = {
	Alexander: 'Alex',
	Benjamin: 'Ben',
	Joshua: 'Josh',
	Samuel: 'Sam',
	William: 'Will',
	Thomas: 'Tom',
	Matthew: 'Matt',
	Daniel: 'Dan',
	Nathaniel: 'Nate',
	Oluwaseun: 'Seun',
	Oluwatobi: 'Tobi',
	Oluwadamilola: 'Dami',
	Tolulope: 'Tolu',
	Temitope: 'Temi',
	Abdirahman: 'Abdi',
	Abdullahi: 'Abdi',
	Katarzyna: 'Kasia',
	Jessica: 'Jess',
	Isabella: 'Bella',
	Eleanor: 'Ellie',
	Rebecca: 'Becky',
	Charlotte: 'Lottie',
	Wei: 'William',
	Yuxuan: 'Ethan',
	Zixuan: 'Jessie'
};

/** The demo's adult tutors' initials, from which form names such as "7RB" are made. */
export const TUTOR_INITIALS = [
	'RB',
	'JK',
	'SM',
	'AP',
	'LH',
	'TC',
	'NW',
	'KD',
	'HF',
	'MO',
	'EG',
	'PS',
	'DR',
	'CW',
	'BA',
	'FJ',
	'GL',
	'YT',
	'VN',
	'ZQ',
	'AK',
	'RM',
	'SH',
	'JP'
];

export function surnameFor(surname: Surname, gender: 'M' | 'F'): string {
	if (typeof surname === 'string') return surname;
	return gender === 'F' ? surname[1] : surname[0];
}

const SPECIAL_LETTERS: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', ß: 'ss', đ: 'd', æ: 'ae', œ: 'oe' };

/** An e-mail local part from a name: accents folded, apostrophes and spaces dropped ("Ó Briain" → "obriain"). */
export function emailPart(name: string): string {
	return name
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[łøßđæœ]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
		.replace(/[^a-z0-9-]/g, '');
}
