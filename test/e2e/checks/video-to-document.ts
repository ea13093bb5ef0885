/** examples/video-to-document.json: one video → transcript, segments and summary → one document. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const [transcript] = output('Transcribe');
	const [segments] = output('Segment');
	const [summary] = output('Summarize');
	expect(transcript).toMatchObject({ status: 'SUCCESS', serviceId: 'ops-audio-asr-001', sentenceCount: 3 });
	expect(segments).toMatchObject({ status: 'SUCCESS', serviceId: 'ops-video-segment-001', segmentCount: 3 });
	expect(summary).toMatchObject({ status: 'SUCCESS', serviceId: 'ops-video-summarize-001', chunkCount: 3, source: { type: 'segments', fileName: '1.mp4' } });

	const documents = output('Document');
	expect(documents).toHaveLength(1);
	expect(documents[0]).toMatchObject({
		video: 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241115/cqqkru/1.mp4',
		title: 'Summary of 1.mp4',
		summary: summary.summary,
		tags: summary.tags,
		transcript: transcript.text,
	});
	expect(documents[0].sentences).toEqual(transcript.sentences);
	expect(documents[0].chapters.map((chapter: { title: string }) => chapter.title)).toEqual(['Part 1', 'Part 2', 'Part 3']);
}
