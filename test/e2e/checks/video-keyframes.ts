/** examples/video-keyframes.json: a video URL → a PNG frame every 10 s, one item (with binary "data") per frame. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const frames = output('Extract Keyframes');
	// The emulator makes Alibaba's sample 1.mp4 last under 20 s: frames at 0 and 10 s.
	expect(frames).toHaveLength(2);
	frames.forEach((frame, index) => {
		expect(frame).toMatchObject({
			index,
			time: index * 10,
			frameIndex: index * 250,
			frameCount: 2,
			fileName: `1_frame_${index}_${index * 10}s.png`,
			mimeType: 'image/png',
			status: 'SUCCESS',
			serviceId: 'ops-video-snapshot-001',
			usage: { imageCount: 2 },
		});
	});
	expect(new Set(frames.map((frame) => frame.taskId)).size).toBe(1);
}
