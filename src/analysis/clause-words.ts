/**
 * Word classes the clause analyser (clause.ts) needs beyond part-of-speech tags, compiled by hand
 * from English grammar: which verbs report speech, which allow locative inversion, which take a
 * clause without "that", which adverbials license a verb before its subject, which nouns name
 * persons. Each class is a bit; `wordClasses(lower)` gives a word's bits in one map lookup.
 */

export const SUBJECT_PRONOUN = 1 << 0;
export const OBJECT_PRONOUN = 1 << 1;
/** Verbs that report speech or thought ("said", "added"): quotative inversion ("…,” said the minister). */
export const SPEECH_VERB = 1 << 2;
/** Intransitive verbs of place, motion and existence: locative inversion ("Into the room walked a man"). */
export const LOCATIVE_VERB = 1 << 3;
/** Verbs that take a clause without "that" ("I think the plan is good"). */
export const CLAUSE_VERB = 1 << 4;
/** Negative and restrictive adverbials that license inversion ("Never have I…", "Only then did…"). */
export const NEGATIVE_ADVERB = 1 << 5;
/** Nouns of time used as adverbials without a preposition ("yesterday", "last week"). */
export const TIME_NOUN = 1 << 6;
/** Nouns whose number does not decide the verb's: quantities and collectives ("a number of", "the majority of", "the police"). */
export const QUANTITY_NOUN = 1 << 7;
/** Nouns ending in -s that take a singular verb ("news", "politics", "series"). */
export const SINGULAR_IN_S = 1 << 8;
/** Nouns and titles that name a person or persons ("minister", "spokesman", "Mr."): a referent for he/she. */
export const PERSON_NOUN = 1 << 9;
/** Nouns that name an organization, a country, a party, a law, a vehicle or a document: a referent for "it", not "he". */
export const THING_NOUN = 1 << 10;
/** Places: a proper noun after "in", "to", "from" is a place, not a person. */
export const LOCATIVE_PREPOSITION = 1 << 21;

/** Forms of "be". */
export const BE = 1 << 11;
/** Forms of "have" and "do". */
export const HAVE_DO = 1 << 12;
/** Adverbs that join sentences ("however", "therefore"), whatever their tag: never subordinators. */
export const CONNECTIVE_ADVERB = 1 << 14;
/** Prepositions that also introduce a clause ("after he left", "until the war ended"). */
export const CLAUSAL_PREPOSITION = 1 << 15;
/** Determiners that start a new noun phrase wherever they stand ("such", "these"). */
export const PHRASE_DETERMINER = 1 << 16;
/** Pronouns standing for a whole free relative clause ("what", "whatever", "whoever"). */
export const FREE_RELATIVE = 1 << 17;

/** Verbs that take no object ("arrive", "happen"): a noun phrase after them starts a new clause. */
export const INTRANSITIVE_VERB = 1 << 18;
/** Nouns after which a clause may follow without "that" or a relative pronoun ("the way it works", "the day he left"). */
export const ZERO_RELATIVE_NOUN = 1 << 19;

/** Modal verbs. */
export const MODAL = 1 << 20;
// Word lists for the checks' tests before tagging (src/rules/clause.ts), kept here so that one lookup gives every class.
export const PREPOSITION = 1 << 22;
/** Conjunctions after which a fronted phrase may open a clause ("that", "because", "if" …). */
export const SUBORDINATOR = 1 << 23;
export const DETERMINER = 1 << 24;
/** Words that can be a clause's subject by themselves ("he", "there", "which"). */
export const SUBJECT_WORD = 1 << 25;
/** Personal pronouns of the first three persons, and their possessives. */
export const PERSON_PRONOUN = 1 << 26;
/** Words before which a determiner cannot start the object of a verb. */
export const FUNCTION_WORD = 1 << 27;
/** Determiners and possessives that start an object ("the", "these", "his"). */
export const OBJECT_DETERMINER = 1 << 28;
/** Forms of "be", "have", "do" in the singular and in the plural. */
export const SINGULAR_AUXILIARY = 1 << 29;
export const PLURAL_AUXILIARY = 1 << 30;

/** Determiners and pronouns that quantify ("each", "none", "all", "some"): the verb agrees with what follows. */
export const QUANTIFIER = 1 << 13;

/**
 * Past forms of the verbs a news report attributes its words with ("said", "reported", "noted"): the
 * verbs Russian news uses without a subject ("сообщили в министерстве": "reported in the ministry").
 * A set, not a class bit: every bit of the 31 is taken.
 */
export const REPORTING_PAST = new Set(
  ("said told reported stated noted explained announced added emphasized emphasised stressed clarified specified commented " +
    "confirmed declared underlined underscored assured warned informed recalled wrote replied answered admitted").split(" "),
);

const classes = new Map<string, number>();
const add = (bits: number, words: string) => {
  for (const w of words.split(/\s+/)) if (w) classes.set(w, (classes.get(w) ?? 0) | bits);
};

/** The bits of a lower-case word (0 if it is in no class). */
export function wordClasses(lower: string): number {
  return classes.get(lower) ?? 0;
}

/**
 * Inflected forms of regular verbs given by their base form ("add" → add adds added adding),
 * with irregular or doubled forms written out after a colon ("admit:admitted,admitting").
 */
function verbForms(list: string): string {
  const out: string[] = [];
  for (const entry of list.split(/\s+/)) {
    if (!entry) continue;
    const [base, extra] = entry.split(":") as [string, string | undefined];
    out.push(base, thirdPerson(base));
    if (extra) out.push(...extra.split(","));
    else out.push(pastTense(base), presentParticiple(base));
  }
  return out.join(" ");
}

function thirdPerson(base: string): string {
  if (/(?:s|sh|ch|x|z|o)$/.test(base)) return `${base}es`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
  return `${base}s`;
}

function pastTense(base: string): string {
  if (base.endsWith("e")) return `${base}d`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`;
  return `${base}ed`;
}

function presentParticiple(base: string): string {
  if (/[^e]e$/.test(base)) return `${base.slice(0, -1)}ing`;
  return `${base}ing`;
}

add(SUBJECT_PRONOUN, "i you he she it we they");
add(OBJECT_PRONOUN, "me him us them");
add(BE, "be is are was were been being am 's 're 'm isn't aren't wasn't weren't");
add(HAVE_DO, "have has had having do does did doesn't don't didn't haven't hasn't hadn't");
add(
  SPEECH_VERB,
  verbForms(
    "say:said,saying tell:told,telling ask add note stress explain reply continue write:wrote,written,writing recall declare state " +
      "announce insist conclude admit:admitted,admitting emphasize emphasise warn answer comment remark observe suggest urge argue claim " +
      "report respond confirm assure promise think:thought,thinking wonder cry shout whisper murmur mutter laugh sigh exclaim " +
      "repeat point complain agree recount quip retort object protest reason predict estimate acknowledge concede boast " +
      "deny explain reiterate underline underscore clarify specify mention inform quote summarize summarise testify:testified,testifying " +
      "read:read,reading run:ran,running go:went,gone,going begin:began,begun,beginning come:came,coming"
  ),
);
add(
  LOCATIVE_VERB,
  verbForms(
    "come:came,coming go:went,gone,going stand:stood,standing sit:sat,sitting lie:lay,lain,lying hang:hung,hanging rise:rose,risen,rising " +
      "walk run:ran,running remain follow stretch emerge appear exist live arise:arose,arisen,arising rest loom dwell:dwelt,dwelling " +
      "grow:grew,grown,growing flow spring:sprang,sprung,springing begin:began,begun,beginning ride:rode,ridden,riding fly:flew,flown,flying " +
      "float march roll sweep:swept,sweeping burst:burst,bursting rush step:stepped,stepping lurk pass stay sleep:slept,sleeping " +
      "sound ring:rang,rung,ringing shine:shone,shining lead:led,leading enter crawl climb sail hover gleam glow blow:blew,blown,blowing " +
      "fall:fell,fallen,falling sink:sank,sunk,sinking lay:laid,laying sprawl nestle perch tower bloom reign await"
  ),
);
add(
  CLAUSE_VERB,
  verbForms(
    "think:thought,thinking believe know:knew,known,knowing say:said,saying tell:told,telling hope feel:felt,feeling suppose guess wish " +
      "mean:meant,meaning realize realise notice see:saw,seen,seeing find:found,finding hear:heard,hearing decide agree admit:admitted,admitting " +
      "fear doubt bet:bet,betting expect imagine understand:understood,understanding assume claim insist suggest argue announce report learn " +
      "discover remember forget:forgot,forgotten,forgetting pretend promise swear:swore,sworn,swearing warn show:showed,shown,showing prove " +
      "recall reckon figure note add explain confirm state write:wrote,written,writing predict estimate trust suspect worry ensure demand " +
      "ask require recommend propose order indicate seem appear grant:granted,granting concede convince persuade assure remind inform " +
      "teach:taught,teaching hold:held,holding judge sense conclude deny dream:dreamt,dreamed,dreaming wonder acknowledge maintain " +
      "contend declare recognize recognise determine accept gather infer:inferred,inferring imply reveal emphasize emphasise stress " +
      "testify:testified,testifying complain hear:heard,hearing say:said,saying pledge vow guarantee " +
      "be is are was were am make:made,making"
  ),
);
add(
  NEGATIVE_ADVERB,
  "never rarely seldom hardly scarcely barely little nowhere neither nor only not no nothing none so such " +
    "least less nevermore infrequently",
);
add(
  TIME_NOUN,
  "yesterday today tomorrow tonight morning afternoon evening night week weekend month year day time decade century " +
    "weeks months years days hours minutes moment spring summer autumn fall winter season " +
    "monday tuesday wednesday thursday friday saturday sunday",
);
add(
  QUANTITY_NOUN,
  "number lot lots majority minority rest remainder percent per cent half third quarter part bulk variety couple group kind sort type " +
    "total series pair set range share proportion fraction portion amount plenty handful dozen score host body crowd team staff " +
    "family committee government council board jury public police audience class army navy crew press management parliament " +
    "administration cabinet party union company firm clergy personnel cattle people folk faculty population majority array " +
    "collection batch bunch average maximum minimum sum percentage hundreds thousands millions dozens tens scores trio duo quartet quintet",
);
add(
  SINGULAR_IN_S,
  "news series species means headquarters economics politics physics mathematics athletics ethics statistics linguistics " +
    "electronics genetics mechanics dynamics logistics aerobics gymnastics measles mumps diabetes billiards checkers " +
    "chess aids crossroads whereabouts bellows barracks gallows lens bus gas plus status thesis analysis basis crisis " +
    "emphasis process success access progress business class glass mass boss loss address witness kindness illness " +
    "chaos bias focus virus bonus census campus corpus genius apparatus consensus wages",
);
add(
  PERSON_NOUN,
  "man woman men women boy girl child children person people father mother son daughter brother sister husband wife uncle aunt " +
    "king queen prince princess president minister premier chancellor governor mayor senator deputy ambassador diplomat secretary " +
    "spokesman spokeswoman spokesperson official officer chief head leader director manager chairman chairwoman coach player captain " +
    "athlete champion author writer journalist reporter correspondent editor expert analyst scientist professor doctor teacher student " +
    "lawyer judge prosecutor investigator detective agent soldier general colonel commander pilot driver passenger worker employee " +
    "businessman entrepreneur owner founder citizen resident member candidate voter politician lawmaker legislator activist priest " +
    "bishop pope patriarch actor actress singer dancer artist musician composer poet novelist friend neighbor neighbour guy lady " +
    "gentleman sir madam mr mrs ms dr host guest victim suspect witness " +
    "speaker chair assistant adviser advisor aide envoy emissary representative delegate negotiator ombudsman mediator referee " +
    "fan fans striker goalkeeper defender forward midfielder",
);
add(
  THING_NOUN,
  "ministry department agency committee council parliament duma senate congress government administration cabinet court " +
    "commission party union federation organization organisation company corporation firm bank fund service office bureau " +
    "authority authorities board institute university school club team league association alliance coalition bloc state country " +
    "republic kingdom nation city region province law bill act decree document resolution treaty agreement regulation " +
    "code constitution report plan program programme project strategy concept system plane aircraft airplane airliner jet " +
    "helicopter submarine rocket missile satellite device equipment network website platform superjet boeing airbus " +
    "russia ukraine belarus china japan india turkey iran iraq syria israel germany france britain italy spain poland hungary " +
    "georgia armenia azerbaijan kazakhstan america canada mexico brazil europe nato wada fifa uefa un eu opec",
);
add(QUANTIFIER, "each every either neither none all some any most more many few several both half enough plenty much");
add(
  CONNECTIVE_ADVERB,
  "however therefore moreover furthermore nevertheless nonetheless meanwhile thus hence instead otherwise also still besides " +
    "indeed consequently accordingly likewise similarly anyway incidentally then",
);
add(CLAUSAL_PREPOSITION, "after before until till since once as than like because");
add(PHRASE_DETERMINER, "such these those this that all both many several some any every each no");
add(FREE_RELATIVE, "what whatever whoever whichever whomever");
add(
  INTRANSITIVE_VERB,
  verbForms(
    "arrive happen occur die:died,dying return disappear vanish collapse retire resign recover smile laugh wait sleep:slept,sleeping " +
      "come:came,coming go:went,gone,going fall:fell,fallen,falling rise:rose,risen,rising arise:arose,arisen,arising " +
      "begin:began,begun,beginning end finish start stop:stopped,stopping continue emerge exist live remain stay appear " +
      "succeed fail:failed,failing work play:played,playing win:won,winning lose:lost,losing"
  ),
);
add(ZERO_RELATIVE_NOUN, "way time times reason moment day days place night year week event case minute instant thing things morning");
add(LOCATIVE_PREPOSITION, "in at to from near into across through toward towards outside inside around");
add(MODAL, "will would can could must should may might shall cannot won't wouldn't can't couldn't mustn't shouldn't");
add(
  PREPOSITION,
  "in at on by for from with about under over after before during since until into through against among between without within across " +
    "along around behind beyond near toward towards upon of to according",
);
add(SUBORDINATOR, "that because if when since although though while whether where");
add(DETERMINER, "the a an this these those his her its their our my your some any no every each");
add(SUBJECT_WORD, "i you he she it we they there who which");
add(PERSON_PRONOUN, "he she him his her himself herself hers i me my we our you your");
add(
  FUNCTION_WORD,
  "and or but nor that which who whom whose what when where while if because as than so the a an this these those his her its their our my " +
    "your it he she they we i you there",
);
add(OBJECT_DETERMINER, "the a an these those this his its their our my your");
add(SINGULAR_AUXILIARY, "is was has does isn't wasn't hasn't doesn't");
add(PLURAL_AUXILIARY, "are were have do aren't weren't haven't don't");
