/**
 * XLIFF 1.2 (<file source-language target-language> / <trans-unit id> / <source>, <target>, and
 * <seg-source> with <mrk mtype="seg" mid> segmentation) and XLIFF 2.x (<xliff srcLang trgLang> /
 * <unit id> / <segment id> / <source>, <target>).
 *
 * Each target is a segment, kept raw with its markup masked (see xml.ts). Inline codes that wrap
 * text (<g>, <mrk>, <pc>) have only their tags masked; those that hold native code (<ph>, <bpt>,
 * <ept>, <it>, and the empty <x/>, <bx/>, <ex/>, <sc/>, <ec/>) are masked whole. Segment ids are the
 * unit's id, or "unit/segment" when a unit has several segments. A unit or segment without a
 * target, with an empty one, or with a state saying it is not translated yet (state="new" or
 * "needs-translation" in 1.2, "initial" in 2.x: often the source copied in), is untranslated: counted
 * and skipped; a file with no target at all is an error. Units marked translate="no" are skipped.
 * A 1.2 unit's maxwidth with size-unit="char" or "byte" is the target's length limit (Segment.maxLength).
 * <alt-trans> proposals are not segments.
 */
import { inputError, type MtlintError } from "../core/errors.js";
import { parsedFromFields, suppressionsIn, uniqueIds, UntranslatedUnits, type Field, type Languages } from "./bilingual.js";
import type { Format, ParsedFile } from "./format.js";
import { LineIndex } from "./lines.js";
import { child, contentOf, findAll, parseXml, plainTextOf, sourceContent, xmlField, type XmlElement } from "./xml.js";

const CODE = new Set(["ph", "bpt", "ept", "it"]);

interface Part {
  /** Segment id inside its unit (mid, segment id or index), when the unit has several. */
  key?: string;
  /** The element whose content is the target, if there is one. */
  target?: XmlElement;
  source?: XmlElement;
  /** Where a missing target is reported. */
  at: XmlElement;
}

export const xliffFormat: Format = {
  name: "xliff",
  extensions: [".xlf", ".xliff"],
  parse(text, path): ParsedFile {
    const roots = parseXml(text, path);
    if (!Array.isArray(roots)) return parsedFromFields(text, path, [], [roots]);
    const root = roots.find((e) => e.name === "xliff");
    if (!root) return parsedFromFields(text, path, [], [inputError("not an XLIFF file (no <xliff> root element)", { file: path, line: 1, column: 1 })]);
    const lines = new LineIndex(text);
    const errors: MtlintError[] = [];
    const fields: Field[] = [];
    const unique = uniqueIds();
    const v2 = (root.attrs.version ?? "").startsWith("2") || root.attrs.srcLang !== undefined;
    const languages: Languages = {};

    // <note> in a 1.2 trans-unit, or <notes><note> in a 2.x unit.
    const notesOf = (unit: XmlElement) => findAll(unit.children, (e) => e.name === "note");
    const untranslated = new UntranslatedUnits();
    const addUnit = (unit: XmlElement, parts: Part[], srcLang?: string, tgtLang?: string) => {
      if (unit.attrs.translate === "no") return;
      const unitId = unit.attrs.id ?? `line-${lines.position(unit.start).line}`;
      const limit = lengthLimitOf(unit);
      for (const part of parts) {
        const label = part.key === undefined ? unitId : `${unitId}/${part.key}`;
        const range = part.target && contentOf(text, part.target);
        // A target marked as not yet translated (pre-filled with the source, say) is untranslated.
        const state = part.target?.attrs.state ?? (v2 ? part.at.attrs.state : undefined);
        if (!range || !text.slice(range.start, range.end).trim() || (state !== undefined && UNTRANSLATED_STATES.has(state))) {
          const segment = part.key === undefined ? "" : ` segment "${part.key}" of`;
          untranslated.add(`a non-empty <target> in${segment} ${v2 ? "unit" : "trans-unit"} id="${unitId}"`, lines.position((part.target ?? part.at).start));
          continue;
        }
        const source = part.source && sourceContent(text, part.source, CODE);
        const field = xmlField(text, range, CODE, { id: unique(label, lines.position(range.start).line), ...source, srcLang, tgtLang });
        const suppressed = notesOf(unit).flatMap((note) => suppressionsIn(plainTextOf(text, note, CODE)) ?? []);
        if (suppressed.length) field.suppressed = suppressed;
        if (limit) Object.assign(field, limit);
        fields.push(field);
      }
    };

    if (v2) {
      languages.sourceLanguage = root.attrs.srcLang;
      languages.language = root.attrs.trgLang;
      for (const unit of findAll(root.children, (e) => e.name === "unit")) {
        const segments = unit.children.filter((c) => c.name === "segment");
        const parts = segments.map((s, k): Part => ({ key: segments.length > 1 ? (s.attrs.id ?? String(k + 1)) : undefined, target: child(s, "target"), source: child(s, "source"), at: s }));
        addUnit(unit, parts, root.attrs.srcLang, root.attrs.trgLang);
      }
    } else {
      for (const file of findAll(root.children, (e) => e.name === "file")) {
        const srcLang = file.attrs["source-language"];
        const tgtLang = file.attrs["target-language"];
        languages.sourceLanguage ??= srcLang;
        languages.language ??= tgtLang;
        for (const unit of findAll(file.children, (e) => e.name === "trans-unit")) addUnit(unit, parts12(unit), srcLang, tgtLang);
      }
    }
    errors.push(...untranslated.errorIfNothingTranslated(path, fields.length));
    return parsedFromFields(text, path, fields, errors, languages, untranslated.count);
  },
};

/** Target states that say the unit is not translated yet (XLIFF 1.2 state, XLIFF 2 segment state). */
const UNTRANSLATED_STATES = new Set(["new", "needs-translation", "initial"]);

/** XLIFF 1.2 maxwidth in characters or bytes (size-unit "char" or "byte"; unset means "pixel", which only a renderer can measure). */
function lengthLimitOf(unit: XmlElement): { maxLength: number; maxLengthUnit?: "byte" } | undefined {
  const width = unit.attrs.maxwidth;
  const sizeUnit = unit.attrs["size-unit"];
  if (width === undefined || (sizeUnit !== "char" && sizeUnit !== "byte") || !/^\d+$/u.test(width)) return undefined;
  return { maxLength: Number(width), ...(sizeUnit === "byte" && { maxLengthUnit: sizeUnit }) };
}

/** One part per <mrk mtype="seg"> of a segmented unit (sources from <seg-source> by mid), else the whole target. */
function parts12(unit: XmlElement): Part[] {
  const target = child(unit, "target");
  const segSource = child(unit, "seg-source");
  const isSegment = (e: XmlElement) => e.name === "mrk" && e.attrs.mtype === "seg";
  const marks = target ? findAll(target.children, isSegment) : [];
  if (!segSource || !marks.length) return [{ target, source: child(unit, "source"), at: unit }];
  const sources = findAll(segSource.children, isSegment);
  return marks.map((mark, k) => ({
    key: marks.length > 1 ? (mark.attrs.mid ?? String(k + 1)) : undefined,
    target: mark,
    source: sources.find((s) => s.attrs.mid === mark.attrs.mid),
    at: mark,
  }));
}
