/**
 * A value the user entered that InstaView would refuse. Raised before any request is sent,
 * naming the field as the user sees it and saying how to fix it.
 */
export class InvalidFieldError extends Error {
	constructor(
		readonly field: string,
		problem: string,
		readonly hint: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'InvalidFieldError';
	}
}
