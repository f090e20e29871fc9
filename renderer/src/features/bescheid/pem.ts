const BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** The DER bytes of every certificate in a PEM text (other blocks are ignored). */
export function pemCertificates(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(BLOCK)) {
    const base64 = (m[1] as string).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) continue;
    try {
      const binary = atob(base64);
      out.push(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    } catch {
      // Not base64 after all: not a certificate we could use as a trust anchor.
    }
  }
  return out;
}
