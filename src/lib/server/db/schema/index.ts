export * from './organisations.ts';
export * from './people.ts';
export * from './audit.ts';
export * from './pupils.ts';
export * from './programme.ts';
export * from './leadership.ts';
export * from './encounters.ts';
export * from './evaluation.ts';
