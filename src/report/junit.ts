/**
 * JUnit XML for CI test-report views. Each file is a <testsuite>: one failing <testcase> per
 * finding (classname = rule id, name = path:line:column, failure type = severity), plus one
 * "score" testcase that passes or fails with the file, so every failing file has a failure
 * even when it fails on score alone. Problems that stopped part of the run are <error>s in a
 * last suite named "mtlint".
 */
import { formatProblem } from "../core/errors.js";
import type { FileResult, RunResult, Summary } from "../core/results.js";
import type { RuleSpec } from "../core/rule.js";
import { failureReason, xmlAttr, xmlText } from "./common.js";

interface Suite {
  name: string;
  cases: string[];
  failures: number;
  errors: number;
}

export function formatJunit(result: RunResult, _rules: RuleSpec[] = []): string {
  const suites = result.files.map((file) => fileSuite(file, result.summary));
  if (result.errors.length) {
    const cases = result.errors.map((p) => testcase(`mtlint.${p.kind}`, formatProblem(p), `<error message="${xmlAttr(p.message)}" type="${p.kind}"/>`));
    suites.push({ name: "mtlint", cases, failures: 0, errors: cases.length });
  }
  const total = (key: "failures" | "errors") => suites.reduce((n, s) => n + s[key], 0);
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mtlint" tests="${tests}" failures="${total("failures")}" errors="${total("errors")}" time="0">`,
    ...suites.flatMap((s) => [
      `  <testsuite name="${xmlAttr(s.name)}" tests="${s.cases.length}" failures="${s.failures}" errors="${s.errors}" skipped="0" time="0">`,
      ...s.cases,
      "  </testsuite>",
    ]),
    "</testsuites>",
    "",
  ].join("\n");
}

function fileSuite(file: FileResult, summary: Summary): Suite {
  const cases = file.findings.map((f) => {
    const fix = f.fix ?? f.suggestions?.[0];
    const body = `${f.message}\n“${f.text}” at ${file.path}:${f.line}:${f.column}${fix ? `\nFix: ${fix.title}` : ""}`;
    return testcase(f.ruleId, `${file.path}:${f.line}:${f.column}`, `<failure message="${xmlAttr(f.message)}" type="${f.severity}">${xmlText(body)}</failure>`);
  });
  const verdict = file.passed ? "" : `<failure message="${xmlAttr(failureReason(file, summary))}" type="score"/>`;
  cases.push(testcase("mtlint.score", "score", verdict));
  return { name: file.path, cases, failures: file.findings.length + (file.passed ? 0 : 1), errors: 0 };
}

function testcase(classname: string, name: string, inner: string): string {
  const open = `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(name)}" time="0"`;
  return inner ? `${open}>\n      ${inner}\n    </testcase>` : `${open}/>`;
}
