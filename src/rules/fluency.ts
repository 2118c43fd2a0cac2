/**
 * `fluency`: sentences that a learned classifier (src/analysis/fluency.ts, models/fluency-en.bin)
 * judges garbled — verb-first statements, object–verb–subject order, a pronoun repeating the
 * subject, a missing subject — in English. The finding covers the sentence; the threshold comes
 * with the model (calibrated on clean text), and `options.margin` raises it (fewer findings) or
 * lowers it. No rewrite is offered: the classifier knows that a sentence is wrong, not how to
 * fix it.
 */
import { englishFluencyModel, isJudgeable, sentenceViews } from "../analysis/fluency.js";
import type { CompiledRule, RuleKind } from "../core/rule.js";
import { configError } from "../core/errors.js";

export const fluencyKind: RuleKind = {
  name: "fluency",
  fixes: () => "none",
  compile(spec, env): CompiledRule {
    const margin = env.options.margin ?? 0;
    if (typeof margin !== "number") throw configError("options.margin must be a number (added to the model's threshold)", { file: env.file, pointer: `${env.pointer}/options/margin` });
    return {
      spec,
      checkSegment(analysis, index, report) {
        const tags = analysis.tags;
        if (!tags) return; // no tagger for this language
        let model: ReturnType<typeof englishFluencyModel> | undefined;
        for (const view of sentenceViews(analysis.text, analysis.tokens, tags, analysis.sentences)) {
          if (!isJudgeable(view)) continue;
          model ??= englishFluencyModel();
          const { score } = model.judge(view);
          if (score < model.data.threshold + margin) continue;
          report(index, { start: view.span!.start, end: view.span!.end, confidence: Math.round(100 / (1 + Math.exp(-score))) / 100 });
        }
      },
    };
  },
};
