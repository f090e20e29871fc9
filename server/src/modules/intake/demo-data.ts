/**
 * Word lists for the demo generator. Invented combinations of common names; any match with a
 * real person is coincidence. The demo authority sits in Würzburg, so most applicants live
 * there or nearby.
 */

export const GIVEN_NAMES: readonly string[] = [
  'Anna',
  'Anna-Lena',
  'Bärbel',
  'Birgit',
  'Charlotte',
  'Claudia',
  'Doris',
  'Elke',
  'Emma',
  'Franziska',
  'Gül',
  'Hannah',
  'Ilse',
  'Jana',
  'Jasmin',
  'Johanna',
  'Käthe',
  'Katrin',
  'Laura',
  'Lea',
  'Lena',
  'Leonie',
  'Marie',
  'Martina',
  'Mia',
  'Monika',
  'Nadine',
  'Paula',
  'Renate',
  'Sabine',
  'Sophie',
  'Stefanie',
  'Ursula',
  'Zeynep',
  'Ahmet',
  'Alexander',
  'Andreas',
  'Ben',
  'Björn',
  'Christian',
  'Dieter',
  'Elias',
  'Felix',
  'Finn',
  'Frank',
  'Günter',
  'Hans-Jürgen',
  'Jan',
  'Jonas',
  'Jörg',
  'Jürgen',
  'Klaus',
  'Lars',
  'Leon',
  'Lukas',
  'Matthias',
  'Maximilian',
  'Michael',
  'Niklas',
  'Paul',
  'Piotr',
  'René',
  'Sören',
  'Stefan',
  'Thomas',
  'Till',
  'Uwe',
  'Wolfgang',
];

export const FAMILY_NAMES: readonly string[] = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Krause',
  'Meier',
  'Lehmann',
  'Schulze',
  'Köhler',
  'Herrmann',
  'König',
  'Walter',
  'Huber',
  'Kaiser',
  'Fuchs',
  'Peters',
  'Scholz',
  'Möller',
  'Weiß',
  'Jung',
  'Hahn',
  'Vogel',
  'Friedrich',
  'Keller',
  'Günther',
  'Berger',
  'Winkler',
  'Roth',
  'Beck',
  'Lorenz',
  'Baumann',
  'Albrecht',
  'Schuster',
  'Ludwig',
  'Böhm',
  'Winter',
  'Krämer',
  'Vogt',
  'Jäger',
  'Sommer',
  'Groß',
  'Seidel',
  'Brandt',
  'Haas',
  'Ziegler',
  'Kühn',
  'Hübner',
  'Fröhlich',
  'Lüdtke',
  'Engel',
  'Bergmann',
  'Pfeiffer',
  'Schulze-Böhm',
  'von Ahlen',
  'Yılmaz',
  'Öztürk',
  'Nowak',
  'Nguyen',
];

export const STREETS: readonly string[] = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Schulstraße',
  'Gartenstraße',
  'Lindenstraße',
  'Kirchstraße',
  'Goethestraße',
  'Schillerstraße',
  'Friedrich-Ebert-Straße',
  'Mozartstraße',
  'Am Mühlbach',
  'Rosenweg',
  'Birkenweg',
  'Ahornweg',
  'Beethovenstraße',
  'Sonnenstraße',
  'Marktplatz',
  'Bergstraße',
  'Waldstraße',
  'Ringstraße',
  'Wiesenweg',
  'Parkstraße',
  'Jahnstraße',
  'Blumenstraße',
  'Uhlandstraße',
  'Mühlenweg',
  'Eichendorffstraße',
  'Röntgenring',
  'Domstraße',
  'Sanderstraße',
  'Kaiserstraße',
  'Münzstraße',
  'Brückenstraße',
  'Hölderlinweg',
  'Theodor-Heuss-Straße',
  'Grünewaldstraße',
  'Frühlingstraße',
  'Königsberger Straße',
  'Schönbornstraße',
  'Lessingstraße',
];

/** `stadt`: the demo authority's own city; `umland`: its district; `fern`: elsewhere in Germany. */
export type Region = 'stadt' | 'umland' | 'fern';

export interface Place {
  postalCode: string;
  city: string;
  /** Kfz-Unterscheidungszeichen of the registration district. */
  kfz: string;
  vorwahl: string;
  region: Region;
}

export const PLACES: readonly Place[] = [
  { postalCode: '97070', city: 'Würzburg', kfz: 'WÜ', vorwahl: '0931', region: 'stadt' },
  { postalCode: '97072', city: 'Würzburg', kfz: 'WÜ', vorwahl: '0931', region: 'stadt' },
  { postalCode: '97074', city: 'Würzburg', kfz: 'WÜ', vorwahl: '0931', region: 'stadt' },
  { postalCode: '97076', city: 'Würzburg', kfz: 'WÜ', vorwahl: '0931', region: 'stadt' },
  { postalCode: '97080', city: 'Würzburg', kfz: 'WÜ', vorwahl: '0931', region: 'stadt' },
  { postalCode: '97082', city: 'Würzburg', kfz: 'WÜ', vorwahl: '0931', region: 'stadt' },
  { postalCode: '97084', city: 'Würzburg', kfz: 'WÜ', vorwahl: '0931', region: 'stadt' },
  { postalCode: '97199', city: 'Ochsenfurt', kfz: 'WÜ', vorwahl: '09331', region: 'umland' },
  { postalCode: '97204', city: 'Höchberg', kfz: 'WÜ', vorwahl: '0931', region: 'umland' },
  { postalCode: '97209', city: 'Veitshöchheim', kfz: 'WÜ', vorwahl: '0931', region: 'umland' },
  { postalCode: '97218', city: 'Gerbrunn', kfz: 'WÜ', vorwahl: '0931', region: 'umland' },
  { postalCode: '97318', city: 'Kitzingen', kfz: 'KT', vorwahl: '09321', region: 'umland' },
  { postalCode: '97421', city: 'Schweinfurt', kfz: 'SW', vorwahl: '09721', region: 'umland' },
  { postalCode: '97753', city: 'Karlstadt', kfz: 'MSP', vorwahl: '09353', region: 'umland' },
  { postalCode: '97828', city: 'Marktheidenfeld', kfz: 'MSP', vorwahl: '09391', region: 'umland' },
  { postalCode: '97688', city: 'Bad Kissingen', kfz: 'KG', vorwahl: '0971', region: 'umland' },
  { postalCode: '63739', city: 'Aschaffenburg', kfz: 'AB', vorwahl: '06021', region: 'fern' },
  { postalCode: '90762', city: 'Fürth', kfz: 'FÜ', vorwahl: '0911', region: 'fern' },
  { postalCode: '90402', city: 'Nürnberg', kfz: 'N', vorwahl: '0911', region: 'fern' },
  { postalCode: '91054', city: 'Erlangen', kfz: 'ER', vorwahl: '09131', region: 'fern' },
  { postalCode: '96047', city: 'Bamberg', kfz: 'BA', vorwahl: '0951', region: 'fern' },
  { postalCode: '80331', city: 'München', kfz: 'M', vorwahl: '089', region: 'fern' },
  { postalCode: '60311', city: 'Frankfurt am Main', kfz: 'F', vorwahl: '069', region: 'fern' },
  { postalCode: '72070', city: 'Tübingen', kfz: 'TÜ', vorwahl: '07071', region: 'fern' },
  { postalCode: '79539', city: 'Lörrach', kfz: 'LÖ', vorwahl: '07621', region: 'fern' },
  { postalCode: '50667', city: 'Köln', kfz: 'K', vorwahl: '0221', region: 'fern' },
  { postalCode: '40213', city: 'Düsseldorf', kfz: 'D', vorwahl: '0211', region: 'fern' },
  { postalCode: '37073', city: 'Göttingen', kfz: 'GÖ', vorwahl: '0551', region: 'fern' },
  { postalCode: '10115', city: 'Berlin', kfz: 'B', vorwahl: '030', region: 'fern' },
  { postalCode: '04109', city: 'Leipzig', kfz: 'L', vorwahl: '0341', region: 'fern' },
];

export const MOBILE_PREFIXES: readonly string[] = ['0151', '0152', '0157', '0160', '0162', '0170', '0171', '0176'];

/** Domains reserved for examples (RFC 2606), so no generated address reaches a real mailbox. */
export const EMAIL_DOMAINS: readonly string[] = ['example.org', 'example.com', 'example.net'];

export interface Gewerbe {
  taetigkeit: string;
  /** Trading name after the family name, e.g. "Müller Haustechnik". */
  name: string;
  handwerk: boolean;
  erlaubnispflichtig: boolean;
}

export const GEWERBE: readonly Gewerbe[] = [
  {
    taetigkeit: 'Einzelhandel mit Bio-Lebensmitteln und Naturkosmetik',
    name: 'Naturkost',
    handwerk: false,
    erlaubnispflichtig: false,
  },
  {
    taetigkeit: 'IT-Dienstleistungen, Einrichtung und Wartung von Computernetzwerken',
    name: 'IT-Service',
    handwerk: false,
    erlaubnispflichtig: false,
  },
  {
    taetigkeit: 'Hausmeisterdienste, Gartenpflege und Winterdienst',
    name: 'Hausmeisterservice',
    handwerk: false,
    erlaubnispflichtig: false,
  },
  { taetigkeit: 'Friseurhandwerk', name: 'Haarstudio', handwerk: true, erlaubnispflichtig: false },
  { taetigkeit: 'Elektrotechnikerhandwerk', name: 'Elektrotechnik', handwerk: true, erlaubnispflichtig: false },
  {
    taetigkeit: 'Installateur- und Heizungsbauerhandwerk',
    name: 'Haustechnik',
    handwerk: true,
    erlaubnispflichtig: false,
  },
  { taetigkeit: 'Maler- und Lackiererhandwerk', name: 'Malerbetrieb', handwerk: true, erlaubnispflichtig: false },
  {
    taetigkeit: 'Betrieb eines Cafés mit Ausschank alkoholischer Getränke',
    name: 'Café',
    handwerk: false,
    erlaubnispflichtig: true,
  },
  {
    taetigkeit: 'Onlinehandel mit gebrauchter Kleidung und Accessoires',
    name: 'Second Hand',
    handwerk: false,
    erlaubnispflichtig: false,
  },
  {
    taetigkeit: 'Vermittlung von Wohnimmobilien (Makler nach § 34c GewO)',
    name: 'Immobilien',
    handwerk: false,
    erlaubnispflichtig: true,
  },
  {
    taetigkeit: 'Versicherungsvermittlung (§ 34d GewO)',
    name: 'Versicherungsmakler',
    handwerk: false,
    erlaubnispflichtig: true,
  },
  {
    taetigkeit: 'Kurierdienst mit Lastenrädern bis 3,5 t',
    name: 'Radkurier',
    handwerk: false,
    erlaubnispflichtig: false,
  },
  { taetigkeit: 'Fotostudio und Fotografie', name: 'Fotostudio', handwerk: false, erlaubnispflichtig: false },
  {
    taetigkeit: 'Reinigung von Gebäuden und Büroräumen',
    name: 'Gebäudereinigung',
    handwerk: false,
    erlaubnispflichtig: false,
  },
  {
    taetigkeit: 'Bewachung von Veranstaltungen (§ 34a GewO)',
    name: 'Sicherheitsdienst',
    handwerk: false,
    erlaubnispflichtig: true,
  },
  {
    taetigkeit: 'Verkauf von Fahrrädern, Reparatur und Zubehör',
    name: 'Zweirad',
    handwerk: false,
    erlaubnispflichtig: false,
  },
  { taetigkeit: 'Bäckerhandwerk mit Verkaufsstelle', name: 'Backstube', handwerk: true, erlaubnispflichtig: false },
  {
    taetigkeit: 'Kosmetikstudio und Fußpflege (ohne medizinische Fußpflege)',
    name: 'Kosmetik',
    handwerk: false,
    erlaubnispflichtig: false,
  },
];

/** Invented companies that appear as vehicle keepers and Solar retailers. */
export const EMPLOYERS: readonly string[] = [
  'Mainfranken Logistik GmbH',
  'Stadtwerke-Service Unterfranken GmbH',
  'Kiliansbau GmbH & Co. KG',
  'Dr. Roth Medizintechnik AG',
  'Weinhaus am Stein eG',
];

export const LEASING_COMPANIES: readonly string[] = [
  'Franken Auto Leasing GmbH',
  'Main-Mobil Leasing AG',
  'Süddeutsche Fahrzeugfinanz GmbH',
];

export const SOLAR_RETAILERS: readonly string[] = [
  'Solarmarkt Mainfranken',
  'Elektro Schmitt, Würzburg',
  'Sonnenstrom Direkt (Online-Shop)',
  'Baumarkt am Hafen',
  'Energiewende-Genossenschaft Unterfranken eG',
];

export const BEMERKUNGEN: readonly string[] = [
  'Bitte den Ausweis per Post zusenden.',
  'Ich bin erst vor kurzem umgezogen, die Ummeldung ist erfolgt.',
  'Der bisherige Ausweis ist verloren gegangen.',
  'Fahrzeug wird ab nächstem Monat genutzt, Zulassung folgt.',
  'Rückfragen bitte telefonisch ab 16 Uhr.',
];

export const WIEDERVORLAGE_NOTES: readonly string[] = [
  'Nachgeforderte Unterlagen prüfen',
  'Rückmeldung der Antragstellerin / des Antragstellers abwarten',
  'Stellungnahme des Fachamts abwarten',
  'Zahlungseingang prüfen',
  'Telefonische Rückfrage',
];

/** What demo Nachforderungen ask the applicant for (fits every Verfahren). */
export const NACHFORDERUNG_TEXTS: readonly string[] = [
  'Bitte reichen Sie die im Antrag genannten Nachweise vollständig nach.',
  'Bitte reichen Sie eine Kopie Ihres Personalausweises (Vorder- und Rückseite) nach.',
  'Bitte reichen Sie eine aktuelle Meldebescheinigung nach.',
  'Bitte reichen Sie das fehlende unterschriebene Antragsformular nach.',
  'Bitte reichen Sie eine lesbare Kopie der eingereichten Anlage nach.',
];

/** Filler for text fields of Verfahren the generator has no specific knowledge of. */
export const GENERIC_TEXTS: readonly string[] = [
  'Siehe beigefügte Unterlagen',
  'Keine besonderen Angaben',
  'Angaben laut Vordruck',
  'Wie im Vorjahr',
  'Nach telefonischer Absprache',
];
