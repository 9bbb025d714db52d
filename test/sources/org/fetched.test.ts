import { describe, expect, it } from 'vitest';
import { cleanRaw } from '../../../src/sources/org/fetched.js';

describe('cleanRaw', () => {
  it('drops xml2js attribute holders and keeps the text of an element that had attributes', () => {
    const reply = {
      $: { 'xsi:type': 'Layout' },
      fullName: 'Account-Account Layout',
      layoutSections: [{ label: 'Info' }, { label: { _: 'Other', $: { 'xsi:type': 'xsd:string' } } }],
      emptyElement: { $: { 'xsi:nil': 'true' } },
    };
    expect(cleanRaw(reply)).toEqual({
      fullName: 'Account-Account Layout',
      layoutSections: [{ label: 'Info' }, { label: 'Other' }],
      emptyElement: {},
    });
    // The parsed reply itself is left as it was.
    expect(reply.$).toEqual({ 'xsi:type': 'Layout' });
  });

  it('hands back parts without attributes as they are, uncopied', () => {
    const section = { label: 'Info', layoutColumns: [{ layoutItems: [{ field: 'Name' }] }] };
    const record = { $: { 'xsi:type': 'Layout' }, fullName: 'A-B', layoutSections: [section] };
    const clean = cleanRaw(record) as { layoutSections: unknown[] };
    expect(clean.layoutSections[0]).toBe(section);
    expect(cleanRaw(section)).toBe(section);
  });
});
