/** Copies what tsc does not emit into dist: node and credential icons, the nodes' codex JSON files and output schemas. */
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

/** Output schemas beside each node (__schema__/v1.0.0/<operation>.json): n8n shows them before a first run. */
function copySchemas() {
	return src('nodes/**/__schema__/**/*.json', { base: '.' }).pipe(dest('dist'));
}

exports['build:assets'] = parallel(copyIcons, copyCodex, copySchemas);
exports.default = exports['build:assets'];
