/**
 * `npm run build:bench && node build/bench/kill-fix.js [--kills=50] [--mb=4] [--jobs=1]`: kills
 * `mtlint check --fix` with SIGKILL at random moments on files of every format that takes fixes
 * (streamed ones at 4 MB and more), and counts the kills, the files found neither original nor fully
 * fixed, and the temporary files left after the kill and after the next run (a check on the file).
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { checkWithoutRules, FIXTURE_FORMATS, fixture, fixtureFolder, killTrial, timeFullFix, type KillOutcome } from "./kill-fix-harness.js";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const kills = arg("kills", 50);
const megabytes = arg("mb", 4.1);
const jobs = arg("jobs", 1);

const { dir, noRules } = fixtureFolder();
const outcomes: (KillOutcome & { format: string })[] = [];
try {
  const files = FIXTURE_FORMATS.map((format) => {
    mkdirSync(join(dir, format.extension));
    const file = join(dir, format.extension, `big.${format.extension}`);
    const bytes = fixture(format, megabytes * 1024 * 1024);
    const fullMs = timeFullFix(file, bytes.original, jobs);
    console.log(`${format.extension}: ${(bytes.original.length / 1024 / 1024).toFixed(1)} MB, full fix ${(fullMs / 1000).toFixed(1)} s`);
    return { format: format.extension, file, bytes, fullMs };
  });
  for (let i = 0; i < kills; i++) {
    const { format, file, bytes, fullMs } = files[i % files.length]!;
    // Anywhere from the start to a little after a full fix would have ended.
    const outcome = await killTrial(file, bytes, { delayMs: Math.random() * fullMs * 1.1, jobs, nextRun: checkWithoutRules(noRules) });
    outcomes.push({ ...outcome, format });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const count = (test: (o: KillOutcome) => boolean) => outcomes.filter(test).length;
console.log(
  [
    `kills tried: ${outcomes.length} (${count((o) => o.finished)} runs had ended before their kill)`,
    `files afterwards: ${count((o) => o.state === "original")} original, ${count((o) => o.state === "fixed")} fully fixed, ${count((o) => o.state === "corrupted")} corrupted`,
    `temporary files right after the kill: ${outcomes.reduce((n, o) => n + o.leftByKill, 0)} (in ${count((o) => o.leftByKill > 0)} kills)`,
    `temporary files left after the next run: ${outcomes.reduce((n, o) => n + o.leftAfterNextRun, 0)}`,
  ].join("\n"),
);
