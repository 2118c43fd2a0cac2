/**
 * TMX 1.4: <header srclang> / <body> / <tu tuid> / <tuv xml:lang> / <seg>.
 *
 * The source <tuv> is the one in the header's srclang (case-insensitive); when srclang is "*all*" or
 * missing, or no <tuv> has that language, the first <tuv>. The target is the first <tuv> in another
 * language: in a file with more than two languages, the later ones are not checked. Each target
 * <seg> is a segment, kept raw with markup masked (see xml.ts): <hi> has only its tags masked,
 * <bpt>, <ept>, <ph>, <it> and <ut> hold native code and are masked whole. Segment ids are the
 * tuid, else the unit's 1-based number. A unit without a target, or with an empty one, is counted
 * as untranslated and skipped; a file with no target at all is an error.
 */
import { inputError, type MtlintError } from "../core/errors.js";
import { parsedFromFields, uniqueIds, UntranslatedUnits, type Field } from "./bilingual.js";
import type { Format, ParsedFile } from "./format.js";
import { LineIndex } from "./lines.js";
import { child, contentOf, findAll, parseXml, sourceContent, xmlField } from "./xml.js";

const CODE = new Set(["bpt", "ept", "ph", "it", "ut"]);

export const tmxFormat: Format = {
  name: "tmx",
  extensions: [".tmx"],
  parse(text, path): ParsedFile {
    const roots = parseXml(text, path);
    if (!Array.isArray(roots)) return parsedFromFields(text, path, [], [roots]);
    const root = roots.find((e) => e.name === "tmx");
    if (!root) return parsedFromFields(text, path, [], [inputError("not a TMX file (no <tmx> root element)", { file: path, line: 1, column: 1 })]);
    const lines = new LineIndex(text);
    const errors: MtlintError[] = [];
    const fields: Field[] = [];
    const unique = uniqueIds();
    const srclang = root.children.find((e) => e.name === "header")?.attrs.srclang;
    const declaredSource = srclang && srclang !== "*all*" ? srclang : undefined;
    const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
    const untranslated = new UntranslatedUnits();
    findAll(root.children, (e) => e.name === "tu").forEach((tu, k) => {
      const id = tu.attrs.tuid ?? String(k + 1);
      const tuvs = tu.children.filter((c) => c.name === "tuv");
      const source = tuvs.find((t) => same(t.attrs.lang, declaredSource)) ?? tuvs[0];
      const target = tuvs.find((t) => t !== source && !same(t.attrs.lang, source?.attrs.lang));
      const seg = target && child(target, "seg");
      const range = seg && contentOf(text, seg);
      if (!range || !text.slice(range.start, range.end).trim()) {
        const language = source?.attrs.lang ? ` (${source.attrs.lang})` : "";
        untranslated.add(`a <tuv> with a non-empty <seg> in a language other than the source${language} in tu ${tu.attrs.tuid === undefined ? `number ${k + 1}` : `tuid="${id}"`}`, lines.position((seg ?? tu).start));
        return;
      }
      const sourceSeg = source && child(source, "seg");
      const sourceText = sourceSeg && sourceContent(text, sourceSeg, CODE);
      fields.push(xmlField(text, range, CODE, { id: unique(id, lines.position(range.start).line), ...sourceText, srcLang: source?.attrs.lang, tgtLang: target.attrs.lang }));
    });
    errors.push(...untranslated.errorIfNothingTranslated(path, fields.length));
    return parsedFromFields(text, path, fields, errors, { sourceLanguage: declaredSource, language: fields[0]?.tgtLang }, untranslated.count);
  },
};
