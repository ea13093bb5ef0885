/** examples/pai-face-analysis.json: two public photos (one face found in each by the emulator) → one item per face. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const faces = output('Analyze Faces');
	expect(faces).toHaveLength(2);
	expect(faces.map((face) => face.faceIndex)).toEqual([0, 0]);
	expect(faces.map((face) => face.faceCount)).toEqual([1, 1]);
	expect(faces.map((face) => face.source.fileName)).toEqual(['dog_and_girl.jpeg', 'biaozhun.jpg']);
	for (const face of faces) {
		expect(face.box).toMatchObject({ left: expect.any(Number), top: expect.any(Number), right: expect.any(Number), bottom: expect.any(Number) });
		expect(face.faceShape.probabilities[face.faceShape.label]).toBe(face.faceShape.probability);
		expect(typeof face.hairColor.label).toBe('string');
		expect(typeof face.maleHairStyle.label).toBe('string');
		expect(typeof face.femaleHairStyle.tied.value).toBe('boolean');
	}
}
