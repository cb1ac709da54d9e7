/**
 * Bad input: which field (and for imports which row), what was wrong, what was expected.
 * Services throw it before writing anything; forms show it in an error summary.
 */
export type FieldError = {
	field: string;
	/** What was wrong and what was expected, in plain words. */
	message: string;
	/** Spreadsheet row (the header is row 1), for imports. */
	row?: number;
	/** The column as the file names it, for imports. */
	column?: string;
	/** The value as the file has it, for imports. */
	value?: string;
};

export class ValidationError extends Error {
	readonly errors: FieldError[];
	constructor(errors: FieldError[]) {
		super(
			errors
				.map((e) =>
					e.row ? `Row ${e.row}, ${e.column ?? e.field}: ${e.message}` : `${e.column ?? e.field}: ${e.message}`
				)
				.join('\n')
		);
		this.errors = errors;
	}
	static one(field: string, message: string): ValidationError {
		return new ValidationError([{ field, message }]);
	}
}

/** zod issues → our field errors, keeping zod's message (we write our own messages in schemas). */
export function fromZod(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ValidationError {
	return new ValidationError(
		issues.map((i) => ({ field: i.path.map(String).join('.') || 'input', message: i.message }))
	);
}
