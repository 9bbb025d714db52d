/**
 * Metadata API limits (Metadata API Developer Guide: readMetadata, listMetadata). On their own, so that
 * planning (shared with the folder reader) does not load the org client and jsforce with it.
 */
export const READ_BATCH = 10;
export const LIST_BATCH = 3;
