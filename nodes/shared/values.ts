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

/** A number above zero, or the fallback. */
export function positive(value: unknown, fallback: number): number {
	const number = num(value);
	return number !== undefined && number > 0 ? number : fallback;
}

/** Ids come as numbers (PAI) or strings; either way they travel as text. */
export function idText(value: unknown): string | undefined {
	return typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : undefined;
}
