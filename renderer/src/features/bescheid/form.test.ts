import { describe, expect, it } from 'vitest';
import { bescheidContent } from '../../../../shared/domain/index.ts';
import {
  applyRendering,
  centsToInput,
  formFromContent,
  formToContent,
  paragraphsToText,
  parseEuroInput,
  sameContent,
  textToParagraphs,
  type BescheidForm,
} from './form.ts';
import { renderVorlage, startForm } from './start.ts';
import { CONTENT, demoVorgang, renderInput } from './test-data.ts';

const form = (): BescheidForm => formFromContent(CONTENT, 3070);

describe('paragraphs', () => {
  it('splits at blank lines, keeps single line breaks and drops trailing spaces and empty paragraphs', () => {
    expect(textToParagraphs('Erster  \nZeile zwei\r\n \t\nZweiter\n\n\n\n')).toEqual(['Erster\nZeile zwei', 'Zweiter']);
    expect(textToParagraphs('  \n\n ')).toEqual([]);
  });

  it('round-trips stored paragraphs', () => {
    const ps = ['Mit freundlichen Grüßen\nIm Auftrag', 'Özdemir'];
    expect(textToParagraphs(paragraphsToText(ps))).toEqual(ps);
  });
});

describe('euro amounts', () => {
  it.each([
    ['30,70', 3070],
    ['30,7', 3070],
    ['30', 3000],
    ['1.234,50', 123450],
    ['30.70', 3070],
    ['30 €', 3000],
    ['0,05', 5],
  ])('reads %s as %i cents', (input, cents) => {
    expect(parseEuroInput(input)).toBe(cents);
  });

  it.each(['', 'abc', '-5', '1,234', '1.23.4', '12,', '2000000,00'])('refuses %j', (input) => {
    expect(parseEuroInput(input)).toBeNull();
  });

  it('writes cents back as the field shows them', () => {
    expect(centsToInput(3070)).toBe('30,70');
    expect(centsToInput(5)).toBe('0,05');
    expect(parseEuroInput(centsToInput(123456))).toBe(123456);
  });
});

describe('formToContent', () => {
  it('turns stored content into a form and back unchanged', () => {
    const r = formToContent(form());
    expect(r.problems).toEqual([]);
    expect(sameContent(r.content, CONTENT)).toBe(true);
  });

  it('gives no content while a required field is empty, naming the field', () => {
    const r = formToContent({ ...form(), betreff: '  \n ', recipient: '' });
    expect(r.content).toBeNull();
    expect(r.problems).toEqual([
      { code: 'required', field: 'recipient', blocks: 'save' },
      { code: 'required', field: 'betreff', blocks: 'save' },
    ]);
  });

  it('saves without a Tenor but names it as blocking the submission', () => {
    const f = form();
    const r = formToContent({ ...f, sections: { ...f.sections, tenor: { heading: 'Entscheidung', body: ' ' } } });
    expect(r.content?.sections.tenor).toBeUndefined();
    expect(r.problems).toEqual([{ code: 'required', field: 'tenor', blocks: 'submit' }]);
  });

  it('limits the Anschriftfeld to six lines', () => {
    const r = formToContent({ ...form(), recipient: 'a\nb\nc\nd\ne\nf\ng' });
    expect(r.content).toBeNull();
    expect(r.problems).toContainEqual({ code: 'too_many_lines', field: 'recipient', max: 6, blocks: 'save' });
  });

  it('takes a fee set by hand only with an amount and a reason', () => {
    expect(formToContent({ ...form(), override: { amount: 'zehn', reason: 'Härtefall' } }).problems).toEqual([
      { code: 'fee_amount', blocks: 'save' },
    ]);
    expect(formToContent({ ...form(), override: { amount: '10', reason: ' ' } }).problems).toEqual([
      { code: 'fee_reason', blocks: 'save' },
    ]);
    const r = formToContent({ ...form(), override: { amount: '10,00', reason: ' Härtefall ' } });
    expect(r.content?.gebuehr).toEqual({ cents: 1000, override: { cents: 1000, reason: 'Härtefall' } });
    expect(bescheidContent.safeParse(r.content).success).toBe(true);
  });

  it('needs a fee set by hand when the rule cannot compute one', () => {
    expect(formToContent({ ...form(), ruleCents: null }).problems).toEqual([{ code: 'fee_missing', blocks: 'save' }]);
  });

  it('keeps the rule fee of content whose fee was set by hand', () => {
    const overridden = { ...CONTENT, gebuehr: { cents: 1000, override: { cents: 1000, reason: 'Härtefall' } } };
    const f = formFromContent(overridden, 3070);
    expect(f.ruleCents).toBe(3070);
    expect(f.override).toEqual({ amount: '10,00', reason: 'Härtefall' });
    expect(formToContent({ ...f, override: null }).content?.gebuehr).toEqual({ cents: 3070, override: null });
  });
});

describe('applyRendering', () => {
  it('takes the new fee text where the clerk left the rendering, and names edited fields it could not update', () => {
    const input = renderInput(demoVorgang(), 'bewohnerparkausweis-bewilligung');
    const before = renderVorlage(input, 6140);
    const after = renderVorlage(input, 1000);
    const start = startForm(input, null);
    if (!before.ok || !after.ok || !start.ok) throw new Error('rendering failed');
    expect(start.value.sections.gebuehren.body).toContain('61,40');
    const edited = {
      ...start.value,
      sections: {
        ...start.value.sections,
        tenor: { ...start.value.sections.tenor, body: `${start.value.sections.tenor.body}\n\nZusatz.` },
      },
    };

    const { form: next, kept } = applyRendering(edited, before.value, after.value);
    expect(next.sections.gebuehren.body).toContain('10,00');
    expect(next.sections.gebuehren.body).not.toContain('61,40');
    expect(next.sections.tenor.body).toBe(edited.sections.tenor.body);
    expect(kept).toEqual(['tenor']);
    expect(next.sections.begruendung).toEqual(edited.sections.begruendung);
  });
});
