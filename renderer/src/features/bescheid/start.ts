import type { Authority } from '../../../../shared/bescheid/authority.ts';
import {
  bescheidContext,
  type GebuehrBerechnung,
  type RenderedVorlage,
  type TemplateError,
} from '../../../../shared/bescheid/template/index.ts';
import { err, ok, type Applicant, type IsoDate, type Result, type Vorgang } from '../../../../shared/domain/index.ts';
import { formFromRendered, type BescheidForm } from './form.ts';
import type { BescheidRegistries } from './resources.ts';

export type BescheidVorgang = Pick<
  Vorgang,
  'verfahrenId' | 'aktenzeichen' | 'applicant' | 'antragsdaten' | 'receivedAt' | 'frist'
>;

/** Everything a Textvorlage renders with, except the fee. */
export interface RenderInput {
  readonly registries: BescheidRegistries;
  readonly vorgang: BescheidVorgang;
  readonly vorlageId: string;
  /** The server's authority (useAuthority): its Behörde data fill the behoerde.* paths. */
  readonly authority: Authority;
  /** The Bescheid's date (Berlin day). */
  readonly today: IsoDate;
  /** The clerk, for the Schlussformel. */
  readonly sachbearbeitung: { readonly name: string };
}

/** The Anschriftfeld lines of the applicant: name, street, postcode and city. */
export function recipientLines(a: Applicant): string[] {
  return [
    [a.givenName, a.familyName]
      .map((s) => s.trim())
      .filter(Boolean)
      .join(' '),
    a.street.trim(),
    [a.postalCode, a.city]
      .map((s) => s.trim())
      .filter(Boolean)
      .join(' '),
  ].filter((l) => l !== '');
}

/** The Verfahren's fee for the Antragsdaten, or why it cannot be computed. */
export function ruleFee(
  registries: BescheidRegistries,
  vorgang: Pick<Vorgang, 'verfahrenId' | 'antragsdaten'>,
): Result<GebuehrBerechnung, TemplateError> {
  return registries.gebuehren.computeGebuehr(vorgang.verfahrenId, vorgang.antragsdaten);
}

/** Renders the Textvorlage with the Vorgang's data and a fee (the rule's or the clerk's). */
export function renderVorlage(input: RenderInput, cents: number): Result<RenderedVorlage, TemplateError> {
  const { registries, vorgang } = input;
  const vorlage = registries.vorlagen.get(input.vorlageId);
  const verfahren = registries.verfahren.get(vorgang.verfahrenId);
  if (vorlage === undefined || verfahren === undefined || vorlage.verfahrenId !== vorgang.verfahrenId) {
    return err({
      code: 'unknown_vorlage',
      message: `No Textvorlage "${input.vorlageId}" for the Verfahren "${vorgang.verfahrenId}"`,
      messageDe: `Keine Textvorlage „${input.vorlageId}“ für das Verfahren „${vorgang.verfahrenId}“`,
    });
  }
  const fee = ruleFee(registries, vorgang);
  const context = bescheidContext({
    vorgang,
    verfahren,
    behoerde: input.authority.behoerde,
    bescheid: { datum: input.today, decision: vorlage.decision },
    gebuehr: fee.ok ? { cents, rechtsgrundlage: fee.value.rechtsgrundlage } : { cents },
    sachbearbeitung: input.sachbearbeitung,
  });
  return registries.vorlagen.render(input.vorlageId, context);
}

/**
 * A new Bescheid form: the Textvorlage rendered with the rule's fee, or with the clerk's fee
 * when one is set (required when the rule cannot compute one).
 */
export function startForm(
  input: RenderInput,
  override: { cents: number; reason: string } | null,
): Result<BescheidForm, TemplateError> {
  const fee = ruleFee(input.registries, input.vorgang);
  let cents: number;
  if (override !== null) cents = override.cents;
  else if (fee.ok) cents = fee.value.cents;
  else return fee;
  const rendered = renderVorlage(input, cents);
  if (!rendered.ok) return rendered;
  const ruleCents = fee.ok ? fee.value.cents : null;
  return ok(formFromRendered(rendered.value, recipientLines(input.vorgang.applicant), { ruleCents, override }));
}
