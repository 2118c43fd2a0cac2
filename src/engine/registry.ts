/** Every rule kind, by the name used in rule files' `kind` field. A new kind is one file in src/rules/ and one line here. */
import type { RuleKind } from "../core/rule.js";
import { glossaryKind } from "../rules/glossary.js";
import { lengthRatioKind } from "../rules/length-ratio.js";
import { numberParityKind } from "../rules/number-parity.js";
import { placeholderParityKind } from "../rules/placeholder-parity.js";
import { punctuationParityKind } from "../rules/punctuation-parity.js";
import { sourceTermConsistencyKind } from "../rules/source-term-consistency.js";
import { translationConsistencyKind } from "../rules/translation-consistency.js";
import { untranslatedKind } from "../rules/untranslated.js";
import { acronymDefinitionKind } from "../rules/acronym-definition.js";
import { articleKind } from "../rules/article.js";
import { consistencyKind } from "../rules/consistency.js";
import { formatConsistencyKind } from "../rules/format-consistency.js";
import { languageMismatchKind } from "../rules/language-mismatch.js";
import { numberScaleKind } from "../rules/number-scale.js";
import { pairingKind } from "../rules/pairing.js";
import { quotationStyleKind } from "../rules/quotation-style.js";
import { patternKind } from "../rules/pattern.js";
import { repetitionKind } from "../rules/repetition.js";
import { scriptKind } from "../rules/script.js";
import { spellingKind } from "../rules/spelling.js";
import { substitutionKind } from "../rules/substitution.js";
import { tokensKind } from "../rules/tokens.js";
import { varietyKind } from "../rules/variety.js";
import { clauseKind } from "../rules/clause.js";
import { capitalizationKind } from "../rules/capitalization.js";
import { nameVariantsKind } from "../rules/name-variants.js";
import { acronymVariantsKind } from "../rules/acronym-variants.js";
import { foreignWordKind } from "../rules/foreign-word.js";
import { spacingParityKind } from "../rules/spacing-parity.js";
import { caseParityKind } from "../rules/case-parity.js";
import { bracketParityKind } from "../rules/bracket-parity.js";
import { truncationKind } from "../rules/truncation.js";
import { lengthLimitKind } from "../rules/length-limit.js";

export const RULE_KINDS: ReadonlyMap<string, RuleKind> = new Map(
  [patternKind, acronymDefinitionKind, consistencyKind, repetitionKind, numberScaleKind, substitutionKind, scriptKind, formatConsistencyKind, pairingKind, varietyKind, tokensKind, languageMismatchKind, numberParityKind, untranslatedKind, punctuationParityKind, placeholderParityKind, lengthRatioKind, sourceTermConsistencyKind, glossaryKind, translationConsistencyKind, spellingKind, quotationStyleKind, clauseKind, capitalizationKind, spacingParityKind, caseParityKind, bracketParityKind, truncationKind, lengthLimitKind, articleKind, nameVariantsKind, acronymVariantsKind, foreignWordKind].map((k) => [k.name, k]),
);
