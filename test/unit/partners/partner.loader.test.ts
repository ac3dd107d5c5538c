import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createThemeClassifier } from '../../../src/classifier/theme.classifier';
import { loadPartners } from '../../../src/partners/partner.loader';
import { createPartnerDirectory } from '../../../src/partners/partner.matcher';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'fixtures', 'partners', 'partners.example.json');
const classifier = createThemeClassifier();

function write(value: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-partners-')), 'partners.json');
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('loadPartners', () => {
  it('loads the example file and matches by domain, theme and locale', () => {
    const directory = createPartnerDirectory(loadPartners(EXAMPLE, classifier));
    expect(directory.match({ domain: 'money', themes: ['debt', 'home'], locale: 'en-US', exclude: [] })).toMatchObject({ partner: { id: 'harbour-homes' }, theme: 'home' });
    expect(directory.match({ domain: 'mobility', themes: ['shared'], locale: 'en-US', exclude: [] })).toBeNull();
    expect(directory.match({ domain: 'mobility', themes: ['shared'], locale: 'en-GB', exclude: [] })?.partner.acceptsLeads).toBe(false);
  });

  it('names the file and field of an unknown theme', () => {
    const file = write([{ id: 'x', name: 'X', domain: 'food', themes: ['cooking', 'gardening'], description: 'd' }]);
    expect(() => loadPartners(file, classifier)).toThrow(/partners\.json: field "0\.themes\.1": "gardening" is not a theme of food/);
  });

  it('rejects unknown fields, bad urls and duplicate ids', () => {
    expect(() => loadPartners(write([{ id: 'x', name: 'X', domain: 'food', themes: ['time'], description: 'd', phone: '1' }]), classifier)).toThrow(/Unrecognized key/);
    expect(() => loadPartners(write([{ id: 'x', name: 'X', domain: 'food', themes: ['time'], description: 'd', url: 'not a url' }]), classifier)).toThrow(/field "0\.url"/);
    const twice = { id: 'x', name: 'X', domain: 'food', themes: ['time'], description: 'd' };
    expect(() => loadPartners(write([twice, twice]), classifier)).toThrow(/unique/);
  });
});
