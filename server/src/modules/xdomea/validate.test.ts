import { describe, expect, it } from 'vitest';
import { buildSgoAblegen } from './fvdaten.ts';
import { akte, DMS, NOW, STADT } from './test-fixture.ts';
import { rootElementName, schemaFor, validateXdomea } from './validate.ts';

const SLOW = { timeout: 30_000 };

const message = () =>
  buildSgoAblegen({ akte: akte(), absender: STADT, empfaenger: DMS, erstellerkennung: 'sb', erstellungszeitpunkt: NOW })
    .xml;

describe('validateXdomea', () => {
  it('picks the schema of the message group from the root element', () => {
    expect(schemaFor('FVDaten.SGOAblegen.0605')).toMatch(
      /resources\/xdomea\/3\.0\.0\/xdomea-Nachrichten-FachverfahrensdatenAustauschen\.xsd$/,
    );
    expect(schemaFor('Abgabe.Abgabe.0401')).toMatch(/xdomea-Nachrichten-AbgabeDurchfuehren\.xsd$/);
    expect(schemaFor('Aussonderung.Bewertungsverzeichnis.0502')).toMatch(
      /xdomea-Nachrichten-AussonderungDurchfuehren\.xsd$/,
    );
    expect(schemaFor('Quatsch.Nachricht.0999')).toBeUndefined();
    expect(rootElementName('\uFEFF<?xml version="1.0"?>\n<!-- c --><x:A.B.0101 xmlns:x="u"/>')).toBe('x:A.B.0101');
  });

  it('returns xmllint errors with the line and the element they are about', SLOW, async () => {
    const xml = message().replace('<xdomea:Stapel>0</xdomea:Stapel>', '<xdomea:Stapel>vielleicht</xdomea:Stapel>');
    const result = await validateXdomea(xml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^line \d+: element Stapel: Schemas validity error : Element 'xdomea:Stapel': 'vielleicht' is not a valid value/,
    );
  });

  it('reports XML that is not well-formed, and roots outside any xdomea group', SLOW, async () => {
    const broken = await validateXdomea(message().replace('</xdomea:Kopf>', ''));
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors.join('\n')).toMatch(/parser error/);
    expect(await validateXdomea('<?xml version="1.0"?><Probe/>')).toEqual({
      ok: false,
      errors: ['root element Probe: not an xdomea 3.0.0 message of a known group'],
    });
  });

  it('refuses a root in another namespace than xdomea 3.0.0', SLOW, async () => {
    const result = await validateXdomea(
      message().replaceAll('urn:xoev-de:xdomea:schema:3.0.0', 'urn:xoev-de:xdomea:schema:2.4.0'),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/No matching global declaration/);
  });

  it('refuses a DOCTYPE without running xmllint on it', async () => {
    const xml = message().replace('?>', '?>\n<!DOCTYPE x [<!ENTITY e "e">]>');
    expect(await validateXdomea(xml)).toEqual({ ok: false, errors: ['DOCTYPE: xdomea messages have none; refused'] });
  });
});
