import { describe, expect, it } from 'vitest';
import { checkUrlForm } from '../../src/links/index.js';

const linkedInCompany = { hosts: ['linkedin.com'], pathPattern: /^\/company\/[^/]+\/?$/, requireHttps: true };

describe('checkUrlForm', () => {
  it('accepts a LinkedIn company URL on www.', () => {
    const result = checkUrlForm('https://www.linkedin.com/company/acme/', linkedInCompany);
    expect(result.ok).toBe(true);
    expect(result.ok && result.url.hostname).toBe('www.linkedin.com');
  });

  it('rejects a missing scheme', () => {
    expect(checkUrlForm('linkedin.com/company/acme', linkedInCompany)).toEqual({
      ok: false,
      reason: 'not an absolute URL (missing https://)',
    });
    expect(checkUrlForm('linkedin.com:443/company/acme')).toMatchObject({ ok: false, reason: expect.stringContaining('missing https://') });
  });

  it('rejects a look-alike host', () => {
    expect(checkUrlForm('https://www.linkdin.com/company/acme', linkedInCompany)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('www.linkdin.com'),
    });
    // Suffix tricks and userinfo tricks do not pass as linkedin.com.
    expect(checkUrlForm('https://evillinkedin.com/company/acme', linkedInCompany).ok).toBe(false);
    expect(checkUrlForm('https://linkedin.com@evil.example/company/acme', linkedInCompany).ok).toBe(false);
  });

  it('rejects javascript: and other non-http schemes', () => {
    expect(checkUrlForm('javascript:alert(1)')).toMatchObject({ ok: false, reason: expect.stringContaining('javascript:') });
    expect(checkUrlForm('JavaScript:alert(1)').ok).toBe(false);
    expect(checkUrlForm('ftp://linkedin.com/company/acme').ok).toBe(false);
  });

  it('enforces https and the path pattern only when asked', () => {
    expect(checkUrlForm('http://www.linkedin.com/company/acme', linkedInCompany)).toEqual({ ok: false, reason: 'must use https' });
    expect(checkUrlForm('http://www.linkedin.com/in/someone').ok).toBe(true);
    expect(checkUrlForm('https://www.linkedin.com/in/someone', linkedInCompany)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('/in/someone'),
    });
  });

  it('is stable with a global regex', () => {
    const expect_ = { pathPattern: /^\/company\//g };
    const results = [1, 2, 3].map(() => checkUrlForm('https://linkedin.com/company/x', expect_).ok);
    expect(results).toEqual([true, true, true]);
  });

  it('tolerates surrounding whitespace but rejects empty input', () => {
    expect(checkUrlForm('  https://www.linkedin.com/company/acme  ', linkedInCompany).ok).toBe(true);
    expect(checkUrlForm('   ')).toEqual({ ok: false, reason: 'empty URL' });
  });
});
