/** A tiny PDF writer for tests: a valid multi-page PDF (one Helvetica text line per page), no dependencies. */

function escapePdfText(text: string): string {
	return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** Builds a PDF whose page N shows `pages[N-1]`; `encrypt` adds an /Encrypt entry to the trailer (as a password-protected file has). */
export function tinyPdf(pages: string[], options: { encrypt?: boolean } = {}): Buffer {
	const objects: string[] = [];
	const pageIds = pages.map((_, i) => 4 + i * 2);
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
	pages.forEach((text, i) => {
		const stream = `BT /F1 18 Tf 72 720 Td (${escapePdfText(text)}) Tj ET`;
		objects[pageIds[i]] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
		objects[pageIds[i] + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
	});
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = Buffer.byteLength(out, 'latin1');
		out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
	}
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	const encrypt = options.encrypt ? ' /Encrypt << /Filter /Standard /V 1 /R 2 >>' : '';
	out += `trailer\n<< /Size ${objects.length} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}
