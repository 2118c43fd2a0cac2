/** Language codes: which ones name a language. */

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

/** The English name of the language a code or locale names by its first subtag ("de", "pt-BR", "zh_CN"), or undefined when Intl knows no such language ("xx"). */
export function languageName(code: string): string | undefined {
  const primary = code.split(/[-_]/u)[0]!.toLowerCase();
  try {
    const name = languageNames.of(primary);
    return name && name !== primary ? name : undefined;
  } catch {
    return undefined;
  }
}
