/**
 * What nodes write to n8n's log during a test: n8n-core gives every node context the container's one
 * Logger (@n8n/backend-common), so its methods are wrapped here and every line is kept, whatever
 * N8N_LOG_LEVEL lets through to the console.
 */
import './env';

import { Logger } from '@n8n/backend-common';

import { container } from './core';

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: Record<string, unknown>;
}

export interface CapturedLog {
	lines: LogLine[];
	/** Puts the logger back as it was. */
	restore(): void;
}

export function captureLog(): CapturedLog {
	const logger = container().get(Logger) as unknown as Record<LogLine['level'], (message: string, metadata?: Record<string, unknown>) => void>;
	const lines: LogLine[] = [];
	const originals = new Map<LogLine['level'], (message: string, metadata?: Record<string, unknown>) => void>();
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		const original = logger[level];
		originals.set(level, original);
		logger[level] = (message, metadata) => {
			lines.push({ level, message, metadata });
			original.call(logger, message, metadata);
		};
	}
	return {
		lines,
		restore: () => {
			for (const [level, original] of originals) logger[level] = original;
		},
	};
}
