/** Fixture builders for the translation-file tests: XLIFF written from unit pairs, and findings as "ruleId text". */
import { check } from "../src/index.js";

/** The findings of a bilingual text, each as "ruleId text". */
export const findingsOf = async (text: string, format: string, language: string, sourceLanguage: string, config?: object) =>
  (await check(text, { format, language, sourceLanguage, ...(config && { config }) })).findings.map((f) => `${f.ruleId} ${f.text}`);

/** An XLIFF 1.2 file with these source/target units. */
export const xliff = (units: [source: string, target: string][], source = "en", target = "fr") => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="${source}" target-language="${target}" datatype="plaintext" original="app">
    <body>
${units.map(([s, t], i) => `      <trans-unit id="u${i + 1}">\n        <source>${s}</source>\n        <target>${t}</target>\n      </trans-unit>`).join("\n")}
    </body>
  </file>
</xliff>
`;

/** Whether a finding ("ruleId text") is of this rule. */
export const ruleIs = (id: string) => (finding: string) => finding.startsWith(`${id} `);
