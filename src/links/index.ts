export type { LinkCheckOptions, LinkOutcome, ResolvedAddress, Resolver } from './types.js';
export { checkLinks } from './check-links.js';
export { checkUrlForm, type UrlFormExpectation, type UrlFormResult } from './form.js';
export { blockedAddressReason } from './address-policy.js';
