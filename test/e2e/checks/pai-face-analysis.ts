/** examples/pai-face-analysis.json: a group photo (two faces) and a portrait (one face) → one item per face. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const faces = output('Analyze Faces');
	expect(faces).toHaveLength(3);
	expect(faces.map((face) => face.faceIndex)).toEqual([0, 1, 0]);
	expect(faces.map((face) => face.faceCount)).toEqual([2, 2, 1]);
	for (const face of faces) {
		expect(face.box).toMatchObject({ left: expect.any(Number), top: expect.any(Number), right: expect.any(Number), bottom: expect.any(Number) });
		expect(face.faceShape.probabilities[face.faceShape.label]).toBe(face.faceShape.probability);
		expect(typeof face.hairColor.label).toBe('string');
		expect(typeof face.maleHairStyle.label).toBe('string');
		expect(typeof face.femaleHairStyle.tied.value).toBe('boolean');
	}
}
