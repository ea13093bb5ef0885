/** Model names the emulated app has "deployed" ('' is the general model of each action). */
export const BUILTIN_MODELS: Record<string, readonly string[]> = {
	ImageQA: [''],
	FaceAttrImage: ['', 'fairface'],
	MultiLabelImageV2: ['', 'tagger', 'body_reshaping', 'watermark_remover'],
	VideoQA: [''],
	ClassifyLabelVideo: [''],
	MultiModalClassify: ['', 'multi_modal_tag', 'keep_ugc_level'],
};

export function isDeployed(action: string, modelName: string, extra: string[]): boolean {
	return (BUILTIN_MODELS[action] ?? []).includes(modelName) || extra.includes(modelName);
}
