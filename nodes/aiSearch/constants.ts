/** AI Search Open Platform limits and defaults, in one place (the UI defaults are built from these too). */

/** Documented QPS limits per Alibaba Cloud account, per AI Search service type. */
export const AI_SEARCH_QPS = {
	'image-analyze': 10,
	'image-object-detection': 20,
	'audio-asr': 5,
	'video-segmentation': 5,
	'video-snapshot': 5,
	'video-summarization': 5,
	// The docs disagree (10 in the id edition, 1 in the zh edition): the lower one, raise Max Requests per Second if yours allows.
	'document-analyze': 1,
} as const;

/** Tasks take seconds (images) to minutes (long videos): check every 5 s, give up waiting after 10 minutes. */
export const AI_SEARCH_POLL = {
	intervalSeconds: 5,
	timeoutSeconds: 600,
} as const;

/**
 * The service ids AI Search documents for each service type (the service lists of its help pages). Nodes
 * with a Service choice check against these, and offer Custom Service ID for an id added since.
 */
export const AI_SEARCH_SERVICE_IDS = {
	'image-analyze': ['ops-image-analyze-vlm-001', 'ops-image-analyze-ocr-001'],
	'image-object-detection': ['ops-object-detect-001', 'ops-object-detect-face-001'],
	'document-analyze': ['ops-document-analyze-001', 'ops-document-analyze-002'],
} as const;
