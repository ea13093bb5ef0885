import type { IDataObject } from 'n8n-workflow';

import type { StagedInfo } from '../staging/itemStaging';

export type InputType = 'binary' | 'url' | 'base64';

/** Where an item's media came from; travels into the output so results can be traced and indexed. */
export interface SourceInfo extends IDataObject {
	type: InputType;
	fileName?: string;
	url?: string;
	mimeType?: string;
	sizeBytes?: number;
	binaryProperty?: string;
	/** Set when the file went through the user's OSS bucket: where it is, and whether it was deleted. */
	staged?: StagedInfo;
}
