/** examples/video-segment-and-summarize.json: two public video URLs → segmentation → summarization of the segments → documents. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const segmented = output('Segment Video');
	expect(segmented).toHaveLength(2);
	expect(segmented[0]).toMatchObject({ segmentCount: 3, status: 'SUCCESS', serviceId: 'ops-video-segment-001' });
	expect(segmented[0].segments[1]).toMatchObject({ index: 1, start: 10, end: 19.5, transcript: 'Segment 2 of 1.mp4.' });
	expect(segmented[1].source).toMatchObject({ url: 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241210/cwjmsz/1.mp4', fileName: '1.mp4' });

	const summaries = output('Summarize Video');
	expect(summaries).toHaveLength(2);
	expect(summaries[0]).toMatchObject({
		title: 'Summary of 1.mp4',
		summary: 'A video in 3 part(s).',
		tags: ['emulator', 'video'],
		chunkCount: 3,
		status: 'SUCCESS',
		serviceId: 'ops-video-summarize-001',
		source: { type: 'segments', segmentCount: 3, fileName: '1.mp4' },
	});
	expect(summaries[0].chunks[2]).toEqual({
		index: 2,
		enhancedTranscript: 'Enhanced transcript 3: Segment 3 of 1.mp4.',
		title: 'Part 3',
		summary: 'Summary of part 3 (20s-29.5s).',
		tags: ['part-3'],
	});
	expect(summaries[1].title).toBe('Summary of 1.mp4');

	const documents = output('Video Document');
	expect(documents.map((doc) => doc.video)).toEqual(['https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241115/cqqkru/1.mp4', 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241210/cwjmsz/1.mp4']);
	expect(documents[0]).toMatchObject({ title: 'Summary of 1.mp4', tags: ['emulator', 'video'], chapters: 3 });
}
