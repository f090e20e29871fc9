export type { Signer } from './signer.ts';
export { createForgeSigner } from './forge-signer.ts';
export { buildCadesSignature } from './cms.ts';
export { parseCadesSignature, type ParsedCades } from './cms-parse.ts';
export { signPdf, type SignPdfOptions } from './pdf.ts';
export { verifyPdfSignature, type PdfSignatureVerification, type VerifyPdfOptions } from './verify.ts';
export { PadesError, TimestampError, type PadesErrorCode, type TimestampErrorCode } from './errors.ts';
export {
  encodeTimeStampRequest,
  imprintCovers,
  parseTimeStampResponse,
  randomNonce,
  readTimeStampToken,
  type TimeStampResponse,
  type TimeStampTokenInfo,
  type TimeStamper,
} from './timestamp.ts';
