/** Computes digests for the journal's hash chain; core stays free of node:crypto. */
export interface Hasher {
  /** SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex digits. */
  sha256Hex(text: string): string;
}
