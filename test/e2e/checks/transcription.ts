/** examples/transcription.json: a public speech sample and a public video → transcript, timed sentences and SRT. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const items = output('Transcribe');
	expect(items).toHaveLength(2);
	expect(items[0]).toMatchObject({
		text: 'Transcript of hello_world_female2.wav. This is the second sentence. Thank you for listening.',
		sentenceCount: 3,
		duration: 7.4,
		status: 'SUCCESS',
		serviceId: 'ops-audio-asr-001',
		source: { type: 'url', url: 'https://dashscope.oss-cn-beijing.aliyuncs.com/samples/audio/paraformer/hello_world_female2.wav', fileName: 'hello_world_female2.wav' },
	});
	expect(items[0].sentences[1]).toEqual({ start: 2.5, end: 4.9, text: 'This is the second sentence.' });
	expect(items[0].srt).toBe(
		'1\n00:00:00,000 --> 00:00:02,400\nTranscript of hello_world_female2.wav.\n\n' +
			'2\n00:00:02,500 --> 00:00:04,900\nThis is the second sentence.\n\n' +
			'3\n00:00:05,000 --> 00:00:07,400\nThank you for listening.\n',
	);
	expect(items[0].vtt).toBeUndefined();
	expect(items[1].text).toMatch(/^Transcript of 1\.mp4\./);
	expect(new Set(items.map((item) => item.taskId)).size).toBe(2);
}
