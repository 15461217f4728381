/**
 * What a ZIP file declares, read from its central directory with yauzl and nothing inflated: entry names and
 * declared uncompressed sizes. Uploads use it to tell OFD from other ZIPs, the credit import to refuse an XLSX that
 * would inflate past its limit (a zip bomb) before a parser opens it.
 */
import yauzl from 'yauzl';

export interface ZipEntryFacts {
  /** Decoded as UTF-8 whatever the archive's flag says: the names we look for are ASCII. */
  name: string;
  /** As declared (ZIP64 sizes included); not verified, nothing is inflated. */
  uncompressedSize: number;
}

export interface ZipFacts {
  entries: ZipEntryFacts[];
  /** The sum of the entries' declared uncompressed sizes (of the entries read). */
  declaredUncompressed: number;
  /** True when reading stopped at `maxEntries` before the directory's end. */
  truncated: boolean;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl would read names without the UTF-8 flag as CP437 and reject odd paths, neither of
    // which matters for a directory listing; validateEntrySizes off: declared sizes are what we judge.
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

/** The central directory of `file`; undefined when it is not a readable ZIP. */
export async function inspectZip(
  file: string,
  options: { maxEntries?: number } = {},
): Promise<ZipFacts | undefined> {
  const max = options.maxEntries ?? Infinity;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch {
    return undefined;
  }
  return new Promise((resolve) => {
    const entries: ZipEntryFacts[] = [];
    let declared = 0;
    const finish = (facts: ZipFacts | undefined) => {
      zip.removeAllListeners();
      // A late error after close must not go unheard (an 'error' event without a listener throws).
      zip.on('error', () => undefined);
      if (zip.isOpen) zip.close();
      resolve(facts);
    };
    zip.on('entry', (entry: yauzl.Entry) => {
      const raw: unknown = entry.fileName;
      const name = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
      entries.push({ name, uncompressedSize: entry.uncompressedSize });
      declared += entry.uncompressedSize;
      if (entries.length >= max && zip.entriesRead < zip.entryCount)
        finish({ entries, declaredUncompressed: declared, truncated: true });
      else zip.readEntry();
    });
    zip.on('end', () => finish({ entries, declaredUncompressed: declared, truncated: false }));
    zip.on('error', () => finish(undefined));
    zip.readEntry();
  });
}
