import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Japanese font the forms embed: BIZ UDPゴシック (Morisawa's universal-design typeface, made for
 * public documents; SIL OFL 1.1), shipped as TrueType by @expo-google-fonts/biz-udpgothic. pdfkit
 * embeds only the glyphs a form uses (CID subset with a ToUnicode map, so text can be searched and
 * extracted). See docs/decisions/0008-pdf-font.md.
 */
const require = createRequire(import.meta.url);
const PACKAGE = '@expo-google-fonts/biz-udpgothic';

let cached: { regular: Buffer; bold: Buffer } | undefined;

/** The regular and bold TTF files, read once per process (about 4.5 MB each). */
export function japaneseFonts(): { regular: Buffer; bold: Buffer } {
  cached ??= {
    regular: readFileSync(require.resolve(`${PACKAGE}/400Regular/BIZUDPGothic_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${PACKAGE}/700Bold/BIZUDPGothic_700Bold.ttf`)),
  };
  return cached;
}
