import { importPage } from '#lib/server/imports/http.ts';

export const { load, actions } = importPage('activities');
