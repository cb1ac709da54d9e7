/**
 * What the root layout (src/routes/+layout.server.ts) gives every page. The layout and the error page code
 * against this shape.
 */
export type LayoutData = {
	user: { name: string; email: string } | null;
	/** The school or group being worked in now. */
	current: {
		id: string;
		name: string;
		kind: import('../domain/roles.ts').OrganisationKind;
		urn: string | null;
		href: string;
	} | null;
	/** Everywhere the person can switch to (the header shows "Switch school" when there is more than one). */
	places: Array<{ id: string; name: string; kind: string; href: string }>;
	/** Navigation for the current place, already filtered by role on the server. */
	nav: Array<{ href: string; label: string }>;
	/** The app is running in demo mode: the phase banner says so. */
	demo: boolean;
};

/** A field's error, as forms return them (the same shape as FieldError in #lib/server/errors). */
export type FieldError = { field: string; message: string };
