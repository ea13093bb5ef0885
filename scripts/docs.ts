/** Writes the generated parts of the docs from the node descriptions: `npm run docs` after changing a node's parameters. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { docFiles, REPO_ROOT } from '../test/unit/support/nodeDocs';

void docFiles().then((files) => {
	for (const [path, text] of Object.entries(files)) writeFileSync(join(REPO_ROOT, path), text);
	console.log(`wrote the generated parts of ${Object.keys(files).length} docs files`);
});
