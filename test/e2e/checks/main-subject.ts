/** examples/main-subject.json: an uploaded PNG (1200 x 800 header) → main subject with relative coordinates → crop hint. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const [item] = output('Find Main Subject');
	expect(item).toMatchObject({
		imageSize: { width: 1200, height: 800, format: 'png' },
		rankingFrame: 'image',
		serviceId: 'ops-object-detect-001',
		usage: { image: 1 },
		source: { type: 'binary', fileName: 'listing-77.png', mimeType: 'image/png', binaryProperty: 'data' },
	});
	const subjects = item.subjects as Array<Record<string, any>>;
	expect(subjects.length).toBeGreaterThanOrEqual(2);
	expect(item.subjectCount).toBe(subjects.length);
	expect(subjects.map((subject) => subject.rank)).toEqual(subjects.map((_, index) => index + 1));
	for (let i = 1; i < subjects.length; i++) expect(subjects[i - 1].score).toBeGreaterThanOrEqual(subjects[i].score);
	expect(item.mainSubject).toEqual(subjects[0]);
	const main = item.mainSubject;
	expect(main.relativeBox.x).toBeCloseTo(main.box.x / 1200, 4);
	expect(main.relativeBox.height).toBeCloseTo(main.box.height / 800, 4);

	const [hint] = output('Crop Hint');
	expect(hint).toMatchObject({ listing: 'L-77', cropX: main.relativeBox.x, cropY: main.relativeBox.y, subjects: subjects.length });
}
