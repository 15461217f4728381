// wawoff2 (Google's WOFF2 encoder/decoder compiled to WebAssembly) ships no type declarations; the part we use.
declare module 'wawoff2' {
  /** WOFF2 → the TrueType/OpenType font it encodes; rejects when the input is not valid WOFF2. */
  export function decompress(woff2: Uint8Array): Promise<Uint8Array>;
  /** TrueType/OpenType → WOFF2. */
  export function compress(font: Uint8Array): Promise<Uint8Array>;
  const wawoff2: { decompress: typeof decompress; compress: typeof compress };
  export default wawoff2;
}
