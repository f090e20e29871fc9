/**
 * Everything the CMS builder needs from a key holder. Only `sign` touches the private key, so
 * the key can live in the Electron main process, the server's seal service, or later a
 * smart card or HSM, without the PDF and CMS code knowing which.
 */
export interface Signer {
  /** DER certificates, the signer's own first, then the chain towards the root. */
  certificateChain: Uint8Array[];
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data` (the signer hashes). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}
