import { normalizeClassification } from './normalize';
import { paiVideoCapability } from './video';

/** ClassifyLabelVideo: classes, tags and an embedding per video. */
export const videoClassification = paiVideoCapability({ action: 'ClassifyLabelVideo', service: 'PAI Video Classification', normalize: normalizeClassification });
