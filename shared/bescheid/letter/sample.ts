import type { LetterInput } from './input.ts';

/**
 * A realistic two-page Bescheid (Bewohnerparkausweis) with invented data, for tests, demos
 * and the signing sample. Umlauts and ß on purpose.
 */
export const SAMPLE_LETTER: LetterInput = {
  createdAt: '2026-03-16T09:30:00Z',
  datum: '2026-03-16',
  letterhead: {
    authorityName: 'Stadt Musterstadt',
    unit: 'Straßenverkehrsbehörde',
    contactLines: ['Dienstgebäude: Rathausplatz 1', '12345 Musterstadt', 'www.musterstadt.example'],
    returnAddress: 'Stadt Musterstadt · Postfach 10 01 23 · 12301 Musterstadt',
  },
  recipient: {
    vermerke: ['Förmliche Zustellung'],
    addressLines: ['Frau', 'Jörg-Müller Äßling', 'Gänseblümchenweg 17 a', '12345 Musterstadt'],
  },
  info: {
    aktenzeichen: '32.1-BPA-2026-000123',
    sachbearbeitung: 'Herr Özdemir',
    telefon: '0123 456-7890',
    email: 'bewohnerparken@musterstadt.example',
  },
  betreff:
    'Bescheid über die Erteilung eines Bewohnerparkausweises für die Zone B (Gänsemarkt)\nIhr Antrag vom 02.03.2026',
  anrede: 'Sehr geehrte Frau Äßling,',
  sections: {
    tenor: {
      heading: 'Entscheidung',
      paragraphs: [
        '1. Ihnen wird für das Fahrzeug mit dem amtlichen Kennzeichen MU-ÖL 1234 ein Bewohnerparkausweis für die Bewohnerparkzone B (Gänsemarkt) erteilt.',
        '2. Der Ausweis gilt vom 01.04.2026 bis zum 31.03.2027.',
        '3. Für diesen Bescheid wird eine Gebühr in Höhe von 30,70\u00a0€ festgesetzt.',
      ],
    },
    begruendung: {
      heading: 'Begründung',
      paragraphs: [
        'Sie haben am 02.03.2026 die Erteilung eines Bewohnerparkausweises beantragt. Nach §\u00a045 Abs.\u00a01b Satz\u00a01 Nr.\u00a02a der Straßenverkehrs-Ordnung (StVO) in Verbindung mit der Allgemeinen Verwaltungsvorschrift zur StVO können Bewohnerinnen und Bewohner städtischer Quartiere mit erheblichem Parkraummangel einen Parkausweis erhalten.',
        'Sie sind mit Hauptwohnsitz in der Bewohnerparkzone B gemeldet. Das Fahrzeug ist auf Sie zugelassen. Die Voraussetzungen für die Erteilung liegen damit vor. Gründe, die einer Erteilung entgegenstehen, sind nicht ersichtlich; insbesondere ist Ihnen für diese Zone kein weiterer Ausweis erteilt worden.',
        'Der Bewohnerparkausweis berechtigt nicht zum Parken auf Flächen, die durch Zeichen 314 oder 315 mit Zusatzzeichen anderen Berechtigten vorbehalten sind. Er ist gut lesbar hinter der Windschutzscheibe auszulegen. Bei Umzug, Verkauf oder Abmeldung des Fahrzeugs ist der Ausweis unverzüglich zurückzugeben.',
        'Die Entscheidung über die Geltungsdauer beruht auf dem pflichtgemäßen Ermessen der Straßenverkehrsbehörde. Eine Geltungsdauer von zwölf Monaten entspricht der ständigen Verwaltungspraxis und berücksichtigt, dass sich die Voraussetzungen (Wohnsitz, Fahrzeughaltung) ändern können. Gesichtspunkte, die eine längere Geltungsdauer rechtfertigen würden, haben Sie nicht vorgetragen.',
      ],
    },
    gebuehren: {
      heading: 'Gebühren',
      paragraphs: [
        'Die Gebühr beruht auf § 6a Abs. 5a des Straßenverkehrsgesetzes in Verbindung mit der Gebührenordnung für das Bewohnerparken der Stadt Musterstadt. Sie beträgt für zwölf Monate 30,70\u00a0€. Bitte überweisen Sie den Betrag innerhalb von vier Wochen nach Bekanntgabe dieses Bescheids unter Angabe des Aktenzeichens 32.1-BPA-2026-000123 auf das Konto der Stadtkasse Musterstadt, IBAN DE02 1203 0000 0000 2020 51.',
      ],
    },
    rechtsbehelfsbelehrung: {
      heading: 'Rechtsbehelfsbelehrung',
      paragraphs: [
        'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich, in elektronischer Form nach § 3a Abs. 2 des Verwaltungsverfahrensgesetzes oder zur Niederschrift bei der Stadt Musterstadt, Straßenverkehrsbehörde, Rathausplatz 1, 12345 Musterstadt, einzulegen.',
        'Wird der Widerspruch schriftlich erhoben, genügt es zur Fristwahrung, wenn er innerhalb der Frist bei der genannten Behörde eingeht. Eine Übermittlung per einfacher E-Mail genügt der Schriftform nicht.',
      ],
    },
    schlussformel: {
      paragraphs: ['Mit freundlichen Grüßen\nIm Auftrag', 'Özdemir'],
    },
  },
};
