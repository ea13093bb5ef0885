/** examples/long-video-submit-wait-get.json: PAI video jobs submitted, waited for by a Wait node, collected by Get Result. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const submitted = output('Submit Only');
	expect(submitted).toHaveLength(2);
	for (const job of submitted) expect(job).toMatchObject({ jobId: expect.stringMatching(/^\d+$/), status: 'submitted' });

	const results = output('Get Result');
	expect(results).toHaveLength(2);
	// Get Result reads the jobs Submit Only created: same IDs, in order, nothing submitted twice.
	expect(results.map((result) => result.jobId)).toEqual(submitted.map((job) => job.jobId));
	for (const result of results) {
		expect(result).toMatchObject({ state: 2, status: 'succeeded', embeddingDimensions: 64 });
		expect(result.classes.length).toBeGreaterThan(0);
		expect(result.embedding).toHaveLength(64);
	}
}
