/** PAI multimedia-analysis limits and defaults, in one place. */

/** The SDK samples poll every 30 s; jobs take seconds to minutes. */
export const PAI_POLL_DEFAULTS = {
	intervalSeconds: 30,
	timeoutSeconds: 1800,
} as const;

/**
 * PAI publishes no QPS limits for the multimedia-analysis apps; these are conservative starting points
 * (the node's Max Requests per Second option overrides them, and 429s slow the budget down).
 */
export const PAI_QPS = {
	image: 10,
	video: 5,
} as const;

/**
 * Batch submissions per second (across the n8n process, per account): each one creates up to a whole
 * batch of jobs, so they go out slower than single jobs; as conservative a guess as PAI_QPS.
 */
export const PAI_BATCH_SUBMITS_PER_SECOND = 2;

/** Videos per batch job. The service's own limit is not documented; 20 keeps one batch modest. */
export const PAI_DEFAULT_BATCH_SIZE = 20;

export const PAI_MAX_BATCH_SIZE = 100;

/** The AI-painting tagger's vocabularies, as the multimedia-analysis SDK page lists them. */
export const TAGGER_TYPES = [
	'SmilingWolf/wd-v1-4-convnextv2-tagger-v2',
	'SmilingWolf/wd-v1-4-vit-tagger-v2',
	'SmilingWolf/wd-v1-4-swinv2-tagger-v2',
	'SmilingWolf/wd-v1-4-convnext-tagger-v2',
];

/**
 * The `configure` keys whose values PAI documents, by the node's field name: the top K counts "Valid
 * values of K: 1 to 10"; the tagger's threshold is a probability; the output switches are booleans;
 * the tagger type is one of its listed vocabularies. Checked on the merged object (fields and JSON).
 */
export const PAI_CONFIGURE_RULES: Record<string, { label: string } & ({ min: number; max: number; integer: boolean } | { boolean: true } | { choices: string[] })> = {
	tag_top_k: { label: 'Tag Top K', min: 1, max: 10, integer: true },
	classification_top_k: { label: 'Classification Top K', min: 1, max: 10, integer: true },
	threshold: { label: 'Threshold', min: 0, max: 1, integer: false },
	output_embedding: { label: 'Output Embedding', boolean: true },
	output_classification: { label: 'Output Classification', boolean: true },
	output_tag: { label: 'Output Tags', boolean: true },
	tagger_type: { label: 'Tagger Type', choices: TAGGER_TYPES },
};
