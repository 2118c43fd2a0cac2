/** Output formats by name, for --format. */
import type { RunResult } from "../core/results.js";
import type { RuleSpec } from "../core/rule.js";
import { formatCheckstyle } from "./checkstyle.js";
import { formatGithub } from "./github.js";
import { formatHtml, type HtmlOptions } from "./html.js";
import { formatJson } from "./json.js";
import { formatJsonl } from "./jsonl.js";
import { formatJunit } from "./junit.js";
import { formatSarif } from "./sarif.js";
import { formatStylish } from "./stylish.js";

export interface ReportOptions {
  quiet?: boolean;
  /** Colours in the stylish report (default: as the terminal allows). */
  color?: boolean;
  /** The text of reported files, for the HTML report. */
  segments?: HtmlOptions["segments"];
}

type Reporter = (result: RunResult, rules: RuleSpec[], options: ReportOptions) => string;

export const REPORTERS = {
  stylish: (result, _rules, options) => formatStylish(result, options),
  json: (result) => formatJson(result),
  jsonl: (result, rules) => formatJsonl(result, rules),
  sarif: (result, rules) => formatSarif(result, rules),
  junit: (result, rules) => formatJunit(result, rules),
  github: (result, rules) => formatGithub(result, rules),
  checkstyle: (result, rules) => formatCheckstyle(result, rules),
  html: (result, _rules, options) => formatHtml(result, options),
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];
