/** Language codes: which ones name a language. */

/** Made on first use: its locale data costs 5–25 ms at a thread's start, and most runs never look a language up. */
let languageNames: Intl.DisplayNames | undefined;

/** The English name of the language a code or locale names by its first subtag ("de", "pt-BR", "zh_CN"), or undefined when Intl knows no such language ("xx"). */
export function languageName(code: string): string | undefined {
  const primary = code.split(/[-_]/u)[0]!.toLowerCase();
  try {
    const name = (languageNames ??= new Intl.DisplayNames(["en"], { type: "language" })).of(primary);
    return name && name !== primary ? name : undefined;
  } catch {
    return undefined;
  }
}
