// Removes build output so a build never ships stale files.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
