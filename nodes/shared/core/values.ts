import type { IDataObject } from 'n8n-workflow';

/**
 * Readers for values that arrive from services and expressions: numbers as numbers or numeric
 * strings, texts, objects and lists. One copy for the whole package, so "" and "abc" read the same
 * everywhere (as absent).
 */

export function num(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

export function str(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function obj(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** A parameter value that cannot be used; the runner turns it into an item error naming the fix. */
export class InvalidParameter extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InvalidParameter';
	}
}

/**
 * A numeric option: its default when unset, else a number within the range, else an error that names
 * the option, its valid range and the value given (never a silent fallback).
 */
export function optionNumber(
	value: unknown,
	option: { label: string; fallback: number; min: number; max?: number; integer?: boolean },
): number {
	if (value === undefined || value === null || value === '') return option.fallback;
	const number = num(value);
	const { label, min, max, integer } = option;
	const range = `${integer ? 'a whole number' : 'a number'} ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}`;
	if (number === undefined || number < min || (max !== undefined && number > max) || (integer && !Number.isInteger(number))) {
		throw new InvalidParameter(
			`${label} must be ${range}; it is ${JSON.stringify(value)}`,
			`Set ${label} to ${range}, or remove the option to use the default (${option.fallback})`,
		);
	}
	return number;
}

/** Ids come as numbers (PAI) or strings; either way they travel as text. */
export function idText(value: unknown): string | undefined {
	return typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : undefined;
}

/** "task" → "Task", for headings and option names built from a family's words. */
export function capitalize(text: string): string {
	return text ? `${text[0].toUpperCase()}${text.slice(1)}` : text;
}

/**
 * A choice parameter (an options list in the editor). An expression can give any value, and the list no
 * longer guards it then, so the value is checked against the same list before anything is sent: its
 * default when unset (if it has one), else one of the choices, else an error naming the choices.
 */
export function optionChoice<T extends string>(
	value: unknown,
	option: { label: string; choices: readonly T[]; fallback?: T; removable?: boolean },
): T {
	if ((value === undefined || value === null || value === '') && option.fallback !== undefined) return option.fallback;
	if (typeof value === 'string' && (option.choices as readonly string[]).includes(value)) return value as T;
	const { label, choices } = option;
	const list = choices.join(', ');
	throw new InvalidParameter(
		`${label} must be one of ${list}; it is ${JSON.stringify(value ?? null)}`,
		`Set ${label} to one of ${list} (pick it from the list, or make the expression give one of these)${option.removable ? ', or remove the option to use the default' : ''}`,
	);
}
