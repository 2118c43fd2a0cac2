/** Every rule kind, by the name used in rule files' `kind` field. A new kind is one file in src/rules/ and one line here. */
import type { RuleKind } from "../core/rule.js";
import { consistencyKind } from "../rules/consistency.js";
import { formatConsistencyKind } from "../rules/format-consistency.js";
import { numberScaleKind } from "../rules/number-scale.js";
import { pairingKind } from "../rules/pairing.js";
import { patternKind } from "../rules/pattern.js";
import { repetitionKind } from "../rules/repetition.js";
import { scriptKind } from "../rules/script.js";
import { substitutionKind } from "../rules/substitution.js";
import { varietyKind } from "../rules/variety.js";

export const RULE_KINDS: ReadonlyMap<string, RuleKind> = new Map(
  [patternKind, consistencyKind, repetitionKind, numberScaleKind, substitutionKind, scriptKind, formatConsistencyKind, pairingKind, varietyKind].map((k) => [k.name, k]),
);
