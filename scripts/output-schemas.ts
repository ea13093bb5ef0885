/** Writes the nodes' output schemas from the contract rows: `npm run schemas` after changing an output. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { buildOutputSchemas } from '../test/unit/support/outputSchemas';

void buildOutputSchemas().then((files) => {
	for (const [path, text] of Object.entries(files)) {
		const target = join(__dirname, '..', path);
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, text);
	}
	console.log(`wrote ${Object.keys(files).length} output schemas`);
});
