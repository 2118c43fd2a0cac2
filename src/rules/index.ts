/** Every rule kind, by the name used in rule files' `kind` field. A new kind is one file in this folder and one line here. */
import type { RuleKind } from "../engine/rule-kind.js";
import { glossaryKind } from "./glossary.js";
import { lengthRatioKind } from "./length-ratio.js";
import { numberParityKind } from "./number-parity.js";
import { placeholderParityKind } from "./placeholder-parity.js";
import { punctuationParityKind } from "./punctuation-parity.js";
import { sourceTermConsistencyKind } from "./source-term-consistency.js";
import { translationConsistencyKind } from "./translation-consistency.js";
import { untranslatedKind } from "./untranslated.js";
import { acronymDefinitionKind } from "./acronym-definition.js";
import { articleKind } from "./article.js";
import { consistencyKind } from "./consistency.js";
import { formatConsistencyKind } from "./format-consistency.js";
import { languageMismatchKind } from "./language-mismatch.js";
import { numberScaleKind } from "./number-scale.js";
import { pairingKind } from "./pairing.js";
import { quotationStyleKind } from "./quotation-style.js";
import { patternKind } from "./pattern.js";
import { repetitionKind } from "./repetition.js";
import { scriptKind } from "./script.js";
import { spellingKind } from "./spelling.js";
import { substitutionKind } from "./substitution.js";
import { tokensKind } from "./tokens.js";
import { varietyKind } from "./variety.js";
import { clauseKind } from "./clause.js";
import { capitalizationKind } from "./capitalization.js";
import { nameVariantsKind } from "./name-variants.js";
import { acronymVariantsKind } from "./acronym-variants.js";
import { foreignWordKind } from "./foreign-word.js";
import { spacingParityKind } from "./spacing-parity.js";
import { caseParityKind } from "./case-parity.js";
import { bracketParityKind } from "./bracket-parity.js";
import { truncationKind } from "./truncation.js";
import { lengthLimitKind } from "./length-limit.js";

export const RULE_KINDS: ReadonlyMap<string, RuleKind> = new Map(
  [patternKind, acronymDefinitionKind, consistencyKind, repetitionKind, numberScaleKind, substitutionKind, scriptKind, formatConsistencyKind, pairingKind, varietyKind, tokensKind, languageMismatchKind, numberParityKind, untranslatedKind, punctuationParityKind, placeholderParityKind, lengthRatioKind, sourceTermConsistencyKind, glossaryKind, translationConsistencyKind, spellingKind, quotationStyleKind, clauseKind, capitalizationKind, spacingParityKind, caseParityKind, bracketParityKind, truncationKind, lengthLimitKind, articleKind, nameVariantsKind, acronymVariantsKind, foreignWordKind].map((k) => [k.name, k]),
);
