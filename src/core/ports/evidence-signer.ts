/**
 * Signs evidence manifests; the key stays with the implementation (Ed25519 in
 * providers/evidence). Core sees only the public key and signatures.
 */
export interface EvidenceSigner {
  /** The public key that checks this signer's signatures (PEM, SPKI). */
  readonly publicKey: string;
  /** `sha256:` and the hex SHA-256 of the public key's DER bytes: short enough to compare by eye. */
  readonly keyFingerprint: string;
  /** The signature of the UTF-8 bytes of `text`, base64. */
  sign(text: string): string;
}

/** Checks signatures made by an EvidenceSigner. */
export interface EvidenceVerifier {
  /** True when `signature` (base64) is `publicKey`'s signature of `text`; false for a bad signature or key. */
  verify(text: string, signature: string, publicKey: string): boolean;
  /** The fingerprint of a public key (PEM), in the signer's form; undefined when the text is not a usable key. */
  fingerprintOf(publicKey: string): string | undefined;
}
