/** Names of a document: the transliteration-aware key, and the name-variants rule on whole documents. */
import { nameKey } from "../src/analysis/names.js";
import { lint } from "../src/engine/lint.js";
import { loadBuiltinRules } from "../src/config/rules.js";
import { documentOf, ruleSetOf } from "./helpers.js";

describe("nameKey", () => {
  test.each([
    ["Sergey", "Sergei", "Serhiy", "Sergej"],
    ["Zelensky", "Zelenskiy", "Zelenskyi", "Zelenskyy"],
    ["Kiev", "Kyiv"],
    ["Kharkov", "Kharkiv"],
    ["Alexey", "Aleksei", "Aleksey", "Alexei"],
    ["Yevgeny", "Evgeny", "Evgenij"],
    ["Fyodorov", "Fedorov"],
    ["Tchaikovsky", "Chaikovsky", "Tschaikowski"],
    ["Khrushchev", "Khrushchov"],
    ["Viktor", "Victor"],
    ["Erdoğan", "Erdogan"],
    ["Yuliya", "Yulia", "Julia", "Iuliia"],
    ["Luhansk", "Lugansk"],
    ["Al-Khalifa", "Al Khalifa", "Alkhalifa"],
    ["Zakharova", "Zaharova"],
    ["Mikhail", "Mihail"],
    ["Hryhoriy", "Grigory", "Grigoriy"],
    ["Gennady", "Genady", "Gennadiy"],
    ["Odessa", "Odesa"],
    ["Rachmaninoff", "Rachmaninov"],
    ["Aleksandr", "Alexander", "Alexandr"],
    ["Petr", "Peter"],
    ["Zhirinovsky", "Žirinovskij", "Zjirinovskij"],
    ["Khrushchev", "Khruschtschow", "Hruščov"],
    ["Shoigu", "Szojgu", "Šojgu", "Sjojgu"],
    ["Chekhov", "Čekhov", "Tjekhov"],
    ["Zaluzhny", "Załużny"],
    ["Lukashenko", "Lukashenka"],
  ])("%s and its other spellings share a key", (...spellings) => {
    expect(new Set(spellings.map(nameKey)).size).toBe(1);
  });

  test.each([
    ["Medvedev", "Medvedeva"],
    ["Aleksandr", "Aleksandra"],
    ["Cherchesov", "Cherchesovu"],
    ["Russia", "Russian"],
    ["Frederick", "Frederik"],
    ["Moskva", "Moskvy"],
    ["Ivanov", "Ivanovich"],
    ["Scott", "Scot"],
    ["Allan", "Alan"],
    ["Aleksandra", "Alexander"],
    ["Lenka", "Lenko"],
  ])("%s and %s stay apart", (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe("en/terminology/name-spelling-variants", () => {
  const rule = loadBuiltinRules().find((r) => r.spec.id === "en/terminology/name-spelling-variants")!;
  const ruleSet = ruleSetOf([rule]);
  const findings = (texts: string[]) => lint(documentOf(texts), ruleSet).findings;

  test("two forms of one given name: compared per person when surnames tell people apart, the first full name's form preferred", () => {
    const found = findings(["Vladimir Putin called Volodymyr Zelensky.", "Later Vladimir Zelensky said the call was short; Putin agreed."]);
    expect(found.map((f) => [f.segmentId, f.text, f.fix?.edits[0]!.text])).toEqual([["2", "Vladimir", "Volodymyr"]]);
    expect(found[0]!.message).toContain("line 1");
    expect(findings(["Dmytro Kuleba and Dmitry Peskov spoke.", "Kuleba and Peskov disagreed."])).toEqual([]);
  });

  test("reports the minority spelling once, at its first use, naming the other one, its line and the count", () => {
    const found = findings(["Yevgeny Orlov spoke first.", "Then Evgeny Orlov left, and Yevgeny Orlov came back.", "Yevgeny Orlov and Evgeny Orlov are one man."]);
    expect(found.map((f) => [f.segmentId, f.text])).toEqual([["2", "Evgeny"]]);
    expect(found[0]!.message).toContain("“Evgeny”, used 2 times, is spelled “Yevgeny”");
    expect(found[0]!.message).toContain("3 times, first on line 1");
    expect(found[0]!.fix?.applicability).toBe("unsafe");
  });

  test("the spelling of English news style wins over the most used one", () => {
    const found = findings(["Zelenski spoke.", "Later Zelenski met Zelensky’s aides.", "Sergey Orlov and Sergey Petrov met Sergei Ivanov."]);
    expect(found.map((f) => [f.text, f.fix?.edits[0]!.text])).toEqual([
      ["Zelenski", "Zelensky"],
      ["Sergey", "Sergei"],
    ]);
  });

  test("on a tie both spellings are reported; only the other one gets a fix, to the one the English dictionary knows", () => {
    const found = findings(["Aleksei Petrov won.", "Coach Alexei Petrov smiled."]);
    expect(found.map((f) => [f.text, f.fix?.edits[0]!.text])).toEqual([
      ["Aleksei", "Alexei"],
      ["Alexei", undefined],
    ]);
    expect(found[1]!.message).toContain("“Aleksei”");
  });

  test("possessives, feminine forms and case-only differences are not variants", () => {
    expect(findings(["Putin’s plan and Putin agreed.", "Anna Medvedeva met Dmitry Medvedev.", "Viktoria said so. VIKTORIA, the ship, and the viktoria-class boats."])).toEqual([]);
  });
});

describe("en/terminology/acronym-variants", () => {
  const rule = loadBuiltinRules().find((r) => r.spec.id === "en/terminology/acronym-variants")!;
  const findings = (texts: string[]) => lint(documentOf(texts), ruleSetOf([rule])).findings;

  test("two acronyms defined by one long form: on a tie of uses, every use of the later one is reported", () => {
    const found = findings(["The Ministry of Foreign Affairs (MFA) spoke.", "A spokesman of the Ministry of Foreign Affairs (MID) said the MID and the MFA agree."]);
    expect(found.map((f) => [f.segmentId, f.text])).toEqual([
      ["2", "MID"],
      ["2", "MID"],
    ]);
    expect(found[0]!.message).toContain("line 1");
    expect(found[0]!.fix?.edits[0]!.text).toBe("MFA");
  });

  test("the acronym used more often wins", () => {
    const found = findings(["The Continental Hockey League (KHL) opened. CHL games, CHL fans and CHL teams."]);
    expect(found.map((f) => f.text)).toEqual(["KHL"]);
  });

  test("the long form leaves out leading words the acronym does not need", () => {
    const found = findings(["Russian officials of the Federal Customs Office (FCSO) met."]);
    expect(found.map((f) => f.text)).toEqual(["Federal Customs Office"]);
  });

  test("a look-alike used once beside a frequent acronym is reported across segments; two look-alikes used twice each are two bodies", () => {
    const found = findings(["The LPR said so.", "LPR troops and the LPR militia left.", "A LNR official denied it."]);
    expect(found.map((f) => [f.segmentId, f.text, f.fix?.edits[0]!.text])).toEqual([["3", "LNR", "LPR"]]);
    expect(findings(["The LPR said so; LPR troops left.", "The LNR said so; LNR troops left."])).toEqual([]);
  });

  test("a word in capitals that the dictionary knows is no acronym: “ANY STRING” is not a look-alike of a frequent “AND”", () => {
    expect(findings(["Join with AND, AND again and AND once more.", "In all other cases \"ANY STRING\" is set to null."])).toEqual([]);
    expect(findings(["Join with DNR, DNR again and DNR once more.", "In all other cases the DNI said no."]).map((f) => f.text)).toEqual(["DNI"]);
  });

  test("look-alikes both defined in the document are two bodies; the first letter differing is not a look-alike", () => {
    expect(findings(["The Pacific Trade Council (PTC) met the Pacific Transport Commission (PTK). The PTC, the PTC and the PTC agreed."])).toEqual([]);
    expect(findings(["The BBC, the BBC and the BBC reported it; the CBC did not."])).toEqual([]);
  });

  test("different bodies with unrelated long forms, and acronyms in a shouted headline, are left alone", () => {
    expect(findings(["THE NATIONAL HOCKEY LEAGUE (NHL) AND THE NHL PLAYERS", "The National Hockey League (NHL) and the Kontinental Hockey League (KHL) met."])).toEqual([]);
  });
});
