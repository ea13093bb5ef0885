import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WORK_DIR } from './runtime';

export function e2eContext(): { runtime: string; tarball: string } {
	return JSON.parse(readFileSync(join(WORK_DIR, 'context.json'), 'utf8'));
}
