export { renderAntragPdf, antragPdfInputSchema } from './antrag-pdf.ts';
export type { AntragPdfInput } from './antrag-pdf.ts';
export { renderAkteneinsicht, akteneinsichtInputSchema, einsichtDokumentSchema } from './einsicht.ts';
export type { AkteneinsichtInput, EinsichtDokument } from './einsicht.ts';
export { AKTE_PRODUCER } from './document.ts';
